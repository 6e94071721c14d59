import type { Frame } from 'playwright-core';
import { expectedFlow } from '../reference/demo-flow';
import { appFrame, openAs, screenshot, startStack, type Stack } from './harness';

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

describe('portfolio-health gadget on the local host', () => {
  let stack: Stack;
  let timeZone: string;

  beforeAll(async () => {
    stack = await startStack({ now: NOW, seed: 11, issues: 600 });
    await stack.host.syncSettled();
    const info = (await (await fetch(`${stack.demo.url}/rest/api/3/serverInfo`)).json()) as {
      serverTimeZone?: string;
    };
    timeZone = info.serverTimeZone ?? 'UTC';
  });

  afterAll(async () => {
    await stack.close();
  });

  it('shows, per project, the numbers computed from the demo Jira data', async () => {
    const { context, page } = await openAs(stack, 'admin@demo.test', '/jira/dashboard');
    const frame = await appFrame(page, 'gadget-portfolio-health');
    const rows = await readRows(frame);
    expect(rows.map((r) => r.key).sort()).toEqual(stack.demo.dataset.projects.map((p) => p.key).sort());
    for (const row of rows) {
      const expected = expectedFlow(stack.demo.dataset, row.key, { now: NOW, timeZone, weeks: 12 });
      expect({
        key: row.key,
        throughput: row.throughput,
        p50: row.p50 === null ? null : Number(row.p50),
      }).toEqual({
        key: row.key,
        throughput: expected.throughput,
        p50: expected.p50,
      });
      if (expected.p50 !== null) expect(row.p50Text).toBe(`${expected.p50.toFixed(1)} d`);
    }
    // Ordered by throughput, most first.
    const counts = rows.map((r) => r.throughput);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await screenshot(page, 'dashboard-light');
    await context.close();
  });

  it('saves the edit view through view.submit, and the gadget honours it', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
    await readRows(await appFrame(page, 'gadget-portfolio-health'));
    await page.click('[data-gadget="portfolio-health-gadget"] [data-action="edit"]');
    await page.waitForSelector('[data-gadget="portfolio-health-gadget"][data-mode="edit"]');
    const edit = await appFrame(page, 'gadget-portfolio-health');
    await edit.waitForSelector('[data-testid="portfolio-health-edit"]');
    await edit.click('#windowWeeks');
    await edit.getByText('Last 4 complete weeks', { exact: true }).click();
    await edit.click('#sortBy');
    await edit.getByText('Project name', { exact: true }).click();
    await screenshot(page, 'gadget-edit-light');
    await edit.click('[data-testid="save"]');
    await page.waitForSelector('[data-gadget="portfolio-health-gadget"][data-mode="view"]');
    const view = await appFrame(page, 'gadget-portfolio-health');
    await view.waitForSelector('text=last 4 complete weeks');
    const rows = await readRows(view);
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    for (const row of rows) {
      expect(row.throughput).toBe(
        expectedFlow(stack.demo.dataset, row.key, { now: NOW, timeZone, weeks: 4 }).throughput,
      );
    }
    // The setting is the gadget's own: it survives a reload.
    await page.reload();
    await (await appFrame(page, 'gadget-portfolio-health')).waitForSelector('text=last 4 complete weeks');
    await context.close();
  });

  it('follows the dark theme', async () => {
    const { context, page } = await openAs(stack, 'admin@demo.test', '/jira/dashboard', 'dark');
    const frame = await appFrame(page, 'gadget-portfolio-health');
    await readRows(frame);
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    const background = await frame.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
    );
    expect(background).not.toBe('');
    expect(background.toUpperCase()).not.toBe('#FFFFFF');
    await screenshot(page, 'dashboard-dark');
    // The switch in the shell re-themes a live frame.
    await page.click('[data-action="theme"]');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'light');
    await context.close();
  });

  it('shows a user only the projects that user may browse', async () => {
    const { context, page } = await openAs(stack, 'dev@demo.test', '/jira/dashboard');
    const rows = await readRows(await appFrame(page, 'gadget-portfolio-health'));
    expect(rows.map((r) => r.key)).not.toContain('SEC');
    expect(rows.length).toBe(stack.demo.dataset.projects.length - 1);
    await context.close();
  });

  it('draws the PMO wins page, the settings page and the Confluence macro from the same snapshot', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const wins = await appFrame(page, 'page-pmo-wins-page');
    const rows = await readRows(wins);
    const delivered = await wins.textContent('[data-testid="tile-delivered"]');
    expect(delivered).toContain(String(rows.reduce((sum, r) => sum + r.throughput, 0)));
    await screenshot(page, 'wins-page-light');

    await page.goto(`${stack.host.url}/jira/settings`);
    const settings = await appFrame(page, 'page-pmo-settings');
    await settings.waitForSelector('[data-testid="last-sync"]');
    expect(await settings.isEnabled('[data-testid="refresh-now"]')).toBe(true);
    // The fields the sync found, offered for the PMO lead to confirm.
    await settings.waitForSelector('text=Found automatically: Story point estimate');
    await settings.waitForSelector('text=Found automatically: Business Value');
    expect(await settings.isEnabled('[data-testid="save-fields"]')).toBe(true);
    await screenshot(page, 'settings-light');

    await page.goto(`${stack.host.url}/confluence/page`);
    const macro = await appFrame(page, 'macro-pmo-wins-macro');
    expect((await readRows(macro)).map((r) => r.throughput)).toEqual(rows.map((r) => r.throughput));
    await screenshot(page, 'confluence-macro-light');
    await context.close();
  });

  it('keeps Refresh now from users who may not configure', async () => {
    const { context, page } = await openAs(stack, 'dev@demo.test', '/jira/settings');
    const settings = await appFrame(page, 'page-pmo-settings');
    await settings.waitForSelector('text=Read only');
    expect(await settings.isEnabled('[data-testid="refresh-now"]')).toBe(false);
    await settings.waitForSelector('[data-testid="field-settings"]');
    expect(await settings.isEnabled('[data-testid="save-fields"]')).toBe(false);
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

describe('first run and failures', () => {
  it('shows progress until the first sync publishes, started by a PMO lead with Refresh now', async () => {
    const stack = await startStack({ now: NOW, seed: 3, issues: 300, syncOnStart: false });
    try {
      const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/dashboard');
      const gadget = await appFrame(page, 'gadget-portfolio-health');
      await gadget.waitForSelector('text=No numbers yet');
      await screenshot(page, 'gadget-first-run');
      const settingsPage = await context.newPage();
      await settingsPage.goto(`${stack.host.url}/jira/settings`);
      const settings = await appFrame(settingsPage, 'page-pmo-settings');
      await settings.waitForSelector('text=Not refreshed yet.');
      await settings.click('[data-testid="refresh-now"]');
      await stack.host.syncSettled();
      await settings.waitForSelector('text=Last refreshed');
      // Back on the dashboard, the gadget shows the published numbers.
      await page.reload();
      const rows = await readRows(await appFrame(page, 'gadget-portfolio-health'));
      expect(rows.length).toBe(stack.demo.dataset.projects.length);
      await context.close();
    } finally {
      await stack.close();
    }
  });

  it('shows Jira failures as an error with a way to try again', async () => {
    const stack = await startStack({
      now: NOW,
      seed: 3,
      issues: 100,
      syncOnStart: false,
      jiraBaseUrl: 'http://127.0.0.1:9',
    });
    try {
      const { context, page } = await openAs(stack, 'admin@demo.test', '/jira/dashboard');
      const gadget = await appFrame(page, 'gadget-portfolio-health');
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
