import { readFile } from 'node:fs/promises';
import type { Frame } from 'playwright-core';
import { quarterName } from '../../src/contract/periods';
import { openSnapshot, readSnapshot, type Snapshot } from '../../src/services/snapshot';
import { expectedFlow } from '../reference/demo-flow';
import { appFrame, headline, openAs, readyFrame, screenshot, startStack, type Stack } from './harness';

const NOW = Date.parse('2026-11-18T10:00:00Z');
jest.setTimeout(120_000);

async function readRows(frame: Frame) {
  await frame.waitForSelector('[data-testid^="row-"]', { timeout: 60_000 });
  return frame.$$eval('[data-testid^="row-"]', (rows) =>
    rows.map((row) => ({
      key: (row.getAttribute('data-testid') ?? '').slice(4),
      name: row.querySelector('[data-testid="project"]')?.textContent ?? '',
      throughput: Number(row.querySelector('[data-testid="throughput"]')?.getAttribute('data-value')),
      p50: row.querySelector('[data-testid="p50"]')?.getAttribute('data-value') || null,
      p50Text: row.querySelector('[data-testid="p50"]')?.textContent ?? '',
    })),
  );
}

describe('dashboard gadgets on the local host', () => {
  let stack: Stack;
  let timeZone: string;
  let snapshot: Snapshot;

  beforeAll(async () => {
    stack = await startStack({ now: NOW, seed: 11, issues: 600 });
    await stack.host.syncSettled();
    const info = (await (await fetch(`${stack.demo.url}/rest/api/3/serverInfo`)).json()) as {
      serverTimeZone?: string;
    };
    timeZone = info.serverTimeZone ?? 'UTC';
    snapshot = (await readSnapshot(stack.host.appStorage()))!;
  });

  afterAll(async () => {
    await stack.close();
  });

  it('delivery flow: per Jira project, the numbers the demo Jira data gives', async () => {
    const { context, page } = await openAs(stack, 'admin@demo.test', '/jira/dashboard');
    const frame = await appFrame(page, 'gadget-delivery-flow');
    const rows = await readRows(frame);
    expect(rows.map((r) => r.key).sort()).toEqual(stack.demo.dataset.projects.map((p) => p.key).sort());
    for (const row of rows) {
      const expected = expectedFlow(stack.demo.dataset, row.key, { now: NOW, timeZone, weeks: 12 });
      expect({
        key: row.key,
        throughput: row.throughput,
        p50: row.p50 === null ? null : Number(row.p50),
      }).toEqual({ key: row.key, throughput: expected.throughput, p50: expected.p50 });
      if (expected.p50 !== null) expect(row.p50Text).toBe(`${expected.p50.toFixed(1)} d`);
    }
    const counts = rows.map((r) => r.throughput);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // The headline is the portfolio's window, as the snapshot has it.
    const window = snapshot.metrics.portfolio.trend.windows.find((w) => w.weeks === 12)!;
    expect(Number(await headline(frame, 'throughput'))).toBe(window.current.throughput);
    expect(Number(await headline(frame, 'p50'))).toBe(window.current.cycleTime.p50.value);
    await screenshot(page, 'dashboard-light');

    // Each number opens the items behind it: the window's items done, then one Jira project's.
    await frame.click('[data-testid="throughput"] [data-testid="open"]');
    await frame.waitForSelector('[data-testid="drill-summary"]');
    expect(await frame.textContent('[data-testid="drill-summary"]')).toBe(
      `${window.current.throughput.toLocaleString('en-US')} in all`,
    );
    expect(await frame.locator('[data-testid="drill-row"]').count()).toBe(
      Math.min(50, window.current.throughput),
    );
    const busiest = rows[0]!;
    await frame.click(`[data-testid="row-${busiest.key}"] [data-testid="throughput"]`);
    await frame.waitForSelector(`[data-testid="drill"] h3:has-text("${busiest.name}")`);
    await frame.waitForSelector('[data-testid="drill-summary"]');
    const keys = await frame.$$eval('[data-testid="drill-row"]', (r) =>
      r.map((x) => x.getAttribute('data-key')),
    );
    expect(keys.length).toBe(Math.min(50, busiest.throughput));
    expect(keys.every((k) => k?.startsWith(`${busiest.key}-`))).toBe(true);
    await screenshot(page, 'drill-flow-light');

    // Each week's bar opens that week's items, from the chart's table alternative as from a click.
    const weeks = window.current.throughput > 0 ? snapshot.metrics.portfolio.trend.weekly.slice(-12) : [];
    const busy = weeks.findIndex((w) => w.count > 0);
    await frame.click('[data-testid="weekly-chart"] >> text=Show as table');
    await frame.click(`[data-testid="chart-table"] tbody tr >> nth=${busy} >> button`);
    await frame.waitForSelector('[data-testid="drill"] h3:has-text("week of")');
    await frame.waitForSelector('[data-testid="drill-summary"]');
    expect(await frame.locator('[data-testid="drill-row"]').count()).toBe(weeks[busy]!.count);
    await context.close();
  });

  it('portfolio health: each PMO project’s rating and progress from the snapshot, reasons on expand', async () => {
    const { context, page } = await openAs(stack, 'dev@demo.test', '/jira/dashboard');
    const frame = await readyFrame(page, 'gadget-portfolio-health');
    for (const project of snapshot.metrics.projects) {
      const row = `[data-testid="health-${project.id}"]`;
      expect(await frame.getAttribute(`${row} [data-testid="rating"]`, 'data-value')).toBe(
        project.health.rating,
      );
      expect(Number(await frame.getAttribute(`${row} [data-testid="progress"]`, 'data-value'))).toBe(
        project.progress.percent,
      );
    }
    const first =
      snapshot.metrics.projects.find((p) => p.health.rating === 'red') ?? snapshot.metrics.projects[0]!;
    // By keyboard: focus the row's disclosure and press Enter.
    const expand = `[data-testid="health-${first.id}"] [data-testid="expand"]`;
    await frame.focus(expand);
    await page.keyboard.press('Enter');
    expect(await frame.getAttribute(expand, 'aria-expanded')).toBe('true');
    const reasons = await frame.textContent('[data-testid="reasons"]');
    for (const d of first.health.dimensions) expect(reasons).toContain(d.reason);
    await context.close();
  });

  it('value by goal, forecast and recent wins show the snapshot’s numbers', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
    const value = await readyFrame(page, 'gadget-value-by-goal');
    const quarter = snapshot.metrics.portfolio.quarters.at(-1)!;
    expect(Number(await headline(value, 'total'))).toBeCloseTo(quarter.valueDelivered, 6);
    expect(Number(await headline(value, 'alignment'))).toBe(quarter.alignment!.percent);
    for (const goal of snapshot.metrics.goals) {
      const shown = await value.getAttribute(
        `[data-testid="goal-${goal.id}"] [data-testid="goal-value"]`,
        'data-value',
      );
      expect(Number(shown)).toBeCloseTo(goal.quarters.at(-1)!.valueDelivered, 6);
      // Progress to the target counts the goal's own period, named beside it.
      if (goal.targetPercent !== null && goal.target) {
        const progress = await value.textContent(
          `[data-testid="goal-${goal.id}"] [data-testid="goal-progress"]`,
        );
        expect(progress).toContain(`(${Math.round(goal.targetPercent)}%)`);
        expect(progress).toContain(goal.period ? goal.period.start.slice(0, 4) : 'all time');
      }
    }
    expect(await value.textContent('[data-testid="period"]')).toContain(quarterName(quarter.label));

    const forecast = await readyFrame(page, 'gadget-forecast');
    const project = snapshot.metrics.projects.find((p) => p.forecast.state === 'forecast')!;
    expect(await forecast.textContent('[data-testid="project"]')).toBe(project.name);
    if (project.forecast.state !== 'forecast') throw new Error('unreachable');
    expect(await headline(forecast, 'p50')).toBe(project.forecast.p50);
    expect(await headline(forecast, 'p85')).toBe(project.forecast.p85);
    expect(await headline(forecast, 'p95')).toBe(project.forecast.p95);

    const wins = await readyFrame(page, 'gadget-recent-wins');
    const all = await (
      await openSnapshot(stack.host.appStorage())
    ).wins(snapshot.metrics.portfolio.quarters.slice(-2).map((q) => q.label));
    const shown = await wins.$$eval('[data-testid="win"]', (items) =>
      items.map((i) => i.getAttribute('data-win')),
    );
    expect(shown).toEqual(all.slice(0, 5).map((w) => w.id));
    await context.close();
  });

  it('saves an edit view through view.submit, and the gadget honours it', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
    await readRows(await appFrame(page, 'gadget-delivery-flow'));
    await page.click('[data-gadget="delivery-flow-gadget"] [data-action="edit"]');
    await page.waitForSelector('[data-gadget="delivery-flow-gadget"][data-mode="edit"]');
    const edit = await appFrame(page, 'gadget-delivery-flow');
    await edit.waitForSelector('[data-testid="flow-edit"]');
    await edit.click('#weeks');
    await edit.getByText('Last 4 complete weeks', { exact: true }).click();
    await edit.click('#refresh');
    await edit.getByText('Every 15 minutes', { exact: true }).click();
    await screenshot(page, 'gadget-edit-light');
    await edit.click('[data-testid="save"]');
    await page.waitForSelector('[data-gadget="delivery-flow-gadget"][data-mode="view"]');
    const view = await appFrame(page, 'gadget-delivery-flow');
    await view.waitForSelector('text=last 4 complete weeks');
    for (const row of await readRows(view)) {
      expect(row.throughput).toBe(
        expectedFlow(stack.demo.dataset, row.key, { now: NOW, timeZone, weeks: 4 }).throughput,
      );
    }
    // The setting is the gadget's own: it survives a reload.
    await page.reload();
    await (await appFrame(page, 'gadget-delivery-flow')).waitForSelector('text=last 4 complete weeks');
    await context.close();
  });

  it('follows the dark theme, charts included', async () => {
    const { context, page } = await openAs(stack, 'admin@demo.test', '/jira/dashboard', 'dark');
    const frame = await appFrame(page, 'gadget-delivery-flow');
    await readRows(frame);
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    const background = await frame.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
    );
    expect(background.toUpperCase()).not.toBe('#FFFFFF');
    expect(await frame.getAttribute('canvas', 'role')).toBe('img');
    await readyFrame(page, 'gadget-value-by-goal');
    await readyFrame(page, 'gadget-forecast');
    await screenshot(page, 'dashboard-dark');
    // The list behind a number follows the theme too.
    await frame.click('[data-testid="wip"] [data-testid="open"]');
    await frame.waitForSelector('[data-testid="drill-row"]');
    expect(await frame.$eval('[data-testid="drill"]', (e) => getComputedStyle(e).backgroundColor)).not.toBe(
      'rgb(255, 255, 255)',
    );
    await screenshot(page, 'drill-flow-dark');
    await page.click('[data-action="theme"]');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'light');
    await context.close();
  });

  it('gives every chart a table alternative, and exports CSV with formulas defused and PNG', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
    const frame = await readyFrame(page, 'gadget-delivery-flow');
    await frame.click('text=Show as table');
    const cells = await frame.$$eval('[data-testid="chart-table"] tbody td', (tds) =>
      tds.map((td) => Number(td.textContent)),
    );
    const window = snapshot.metrics.portfolio.trend.weekly.slice(-4);
    expect(cells.length === 4 || cells.length === 12).toBe(true);
    expect(cells.slice(-4)).toEqual(window.map((w) => w.count));
    const [csv] = await Promise.all([page.waitForEvent('download'), frame.click('text=Download CSV')]);
    const csvText = await readFile((await csv.path())!, 'utf8');
    expect(csvText.split('\r\n')[0]).toContain('Items done');
    const [png] = await Promise.all([page.waitForEvent('download'), frame.click('text=Download PNG')]);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    await context.close();
  });

  it('shows a user only the Jira projects that user may browse', async () => {
    const { context, page } = await openAs(stack, 'dev@demo.test', '/jira/dashboard');
    const rows = await readRows(await appFrame(page, 'gadget-delivery-flow'));
    expect(rows.map((r) => r.key)).not.toContain('SEC');
    expect(rows.length).toBe(stack.demo.dataset.projects.length - 1);
    await context.close();
  });

  it('every gadget’s edit view saves its settings, and the gadget honours them', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
    const edit = async (key: string, prefix: string, choose: (f: Frame) => Promise<void>) => {
      await readyFrame(page, prefix);
      await page.click(`[data-gadget="${key}"] [data-action="edit"]`);
      await page.waitForSelector(`[data-gadget="${key}"][data-mode="edit"]`);
      const form = await appFrame(page, prefix);
      await form.waitForSelector('[data-testid="save"]');
      await choose(form);
      await form.click('[data-testid="save"]');
      await page.waitForSelector(`[data-gadget="${key}"][data-mode="view"]`);
      return readyFrame(page, prefix);
    };
    const pick = async (form: Frame, field: string, option: string) => {
      await form.click(`#${field}`);
      await form.getByRole('option', { name: option, exact: true }).click();
    };

    const health = await edit('portfolio-health-gadget', 'gadget-portfolio-health', (f) =>
      pick(f, 'show', 'Only those off track or at risk'),
    );
    const ratings = await health.$$eval('tr[data-testid^="health-"] [data-testid="rating"]', (els) =>
      els.map((e) => e.getAttribute('data-value')),
    );
    const atRisk = snapshot.metrics.projects.filter((p) => ['red', 'amber'].includes(p.health.rating));
    expect(ratings).toHaveLength(atRisk.length);
    expect(ratings.every((r) => r === 'red' || r === 'amber')).toBe(true);

    const value = await edit('value-by-goal-gadget', 'gadget-value-by-goal', (f) =>
      pick(f, 'period', 'Last quarter'),
    );
    expect(Number(await headline(value, 'total'))).toBeCloseTo(
      snapshot.metrics.portfolio.quarters.at(-2)!.valueDelivered,
      6,
    );

    const chosen = snapshot.metrics.projects.at(-1)!;
    const forecast = await edit('forecast-gadget', 'gadget-forecast', (f) =>
      pick(f, 'projectId', chosen.name),
    );
    expect(await forecast.textContent('[data-testid="project"]')).toBe(chosen.name);

    const wins = await edit('recent-wins-gadget', 'gadget-recent-wins', (f) => pick(f, 'count', '3'));
    expect(await wins.$$eval('[data-testid="win"]', (els) => els.length)).toBe(3);
    await context.close();
  });
});

describe('field settings in the browser', () => {
  it('saves a confirmed field, and the next refresh reads everything with it', async () => {
    const stack = await startStack({ now: NOW, seed: 4, issues: 300 });
    try {
      await stack.host.syncSettled();
      const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/settings');
      const settings = await appFrame(page, 'page-pmo-settings');
      await settings.waitForSelector('[data-testid="field-settings"]');
      await settings.click('#field-value');
      await settings.getByText('Story point estimate (customfield_10016)', { exact: true }).click();
      await settings.click('[data-testid="save-fields"]');
      await settings.waitForSelector('[data-testid="fields-saved"]');
      await page.reload();
      const again = await appFrame(page, 'page-pmo-settings');
      await again.waitForSelector('text=Story point estimate (customfield_10016)');
      await again.click('[data-testid="refresh-now"]');
      await stack.host.syncSettled();
      await again.waitForSelector('button:has-text("Refresh now")');
      await screenshot(page, 'settings-fields-light');
      await context.close();
    } finally {
      await stack.close();
    }
  });
});

describe('first run, no PMO projects, and failures', () => {
  it('shows progress until the first sync publishes, started by a PMO lead with Refresh now', async () => {
    const stack = await startStack({ now: NOW, seed: 3, issues: 300, syncOnStart: false });
    try {
      const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
      const gadget = await appFrame(page, 'gadget-delivery-flow');
      await gadget.waitForSelector('text=No numbers yet');
      await screenshot(page, 'gadget-first-run');
      const settingsPage = await context.newPage();
      await settingsPage.goto(`${stack.host.url}/jira/settings`);
      const settings = await appFrame(settingsPage, 'page-pmo-settings');
      await settings.waitForSelector('text=Not refreshed yet.');
      await settings.click('[data-testid="refresh-now"]');
      await stack.host.syncSettled();
      await settings.waitForSelector('text=Last refreshed');
      await page.reload();
      const rows = await readRows(await appFrame(page, 'gadget-delivery-flow'));
      expect(rows.length).toBe(stack.demo.dataset.projects.length);
      await context.close();
    } finally {
      await stack.close();
    }
  });

  it('says "No PMO projects yet" where a gadget needs them', async () => {
    const stack = await startStack({ now: NOW, seed: 3, issues: 200, samplePortfolio: false });
    try {
      await stack.host.syncSettled();
      const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
      const gadget = await appFrame(page, 'gadget-portfolio-health');
      await gadget.waitForSelector('[data-testid="no-model"]');
      expect(await gadget.textContent('[data-testid="no-model"]')).toContain('No PMO projects yet');
      await screenshot(page, 'gadget-no-model');
      // Its button leads to the settings page, where PMO projects are made.
      await gadget.click('[data-testid="open-settings"]');
      await page.waitForURL(/\/jira\/settings$/);
      await context.close();
    } finally {
      await stack.close();
    }
  });

  it('shows Jira failures as an error with a way to try again', async () => {
    const stack = await startStack({ now: NOW, seed: 3, issues: 100 });
    try {
      await stack.host.syncSettled();
      // Jira fails every request that asks what a viewer may see: the flow gadget's table needs one.
      stack.demo.setFaults({
        rate: 1,
        kinds: ['500'],
        paths: ['/rest/api/3/permissions/check', '/rest/api/3/project/search'],
      });
      const { context, page } = await openAs(stack, 'admin@demo.test', '/jira/dashboard');
      const gadget = await appFrame(page, 'gadget-delivery-flow');
      await gadget.waitForSelector('[data-testid="error"]', { timeout: 90_000 });
      expect(await gadget.textContent('[data-testid="error"]')).toContain('Jira did not answer as expected');
      expect(await gadget.isVisible('text=Try again')).toBe(true);
      await screenshot(page, 'gadget-error');
      await context.close();
    } finally {
      await stack.close();
    }
  });
});
