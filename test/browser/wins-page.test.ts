import type { Frame } from 'playwright-core';
import type { CuratedWin, DeliveryView } from '../../src/contract';
import { quarterName } from '../../src/contract/periods';
import { openSnapshot, readSnapshot, type Snapshot } from '../../src/services/snapshot';
import { drillEntries } from '../../src/services/snapshot/drill';
import {
  appFrame,
  headline,
  invokeAs,
  openAs,
  readyFrame,
  screenshot,
  startStack,
  type Stack,
} from './harness';

const NOW = Date.parse('2026-11-18T10:00:00Z');
jest.setTimeout(120_000);

const winIds = (frame: Frame) =>
  frame.$$eval('[data-testid="win"]', (items) => items.map((i) => i.getAttribute('data-win') ?? ''));

describe('the PMO wins page and the Confluence macro on the local host', () => {
  let stack: Stack;
  let snapshot: Snapshot;

  beforeAll(async () => {
    stack = await startStack({ now: NOW, seed: 11, issues: 600 });
    await stack.host.syncSettled();
    snapshot = (await readSnapshot(stack.host.appStorage()))!;
  });

  afterAll(async () => {
    await stack.close();
  });

  it('shows the quarter’s headline numbers against the quarter before, as the snapshot has them', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    const [previous, current] = snapshot.metrics.portfolio.quarters.slice(-2) as [
      (typeof snapshot.metrics.portfolio.quarters)[number],
      (typeof snapshot.metrics.portfolio.quarters)[number],
    ];
    // Quarters read as a reader says them; the current one is partial and says so.
    expect(await frame.textContent('[data-testid="subtitle"]')).toContain(
      `${quarterName(current.label)} (quarter to date)`,
    );
    expect(await frame.textContent('[data-testid="subtitle"]')).not.toContain(current.label);
    expect(Number(await headline(frame, 'headline-value'))).toBeCloseTo(current.valueDelivered, 6);
    expect(Number(await headline(frame, 'headline-epics'))).toBe(current.epicsDelivered);
    expect(Number(await headline(frame, 'headline-projects'))).toBe(current.projectsDelivered);
    expect(await headline(frame, 'headline-ontime')).toBe(String(current.onTime.rate ?? ''));
    expect(await headline(frame, 'headline-saydo')).toBe(String(current.sayDo.rate ?? ''));
    // Counts and sums of the partial quarter against the same point of the quarter before, computed by
    // the engine; rates against the whole quarter before, in percentage points.
    const point = current.samePointBefore!;
    expect(point.label).toBe(previous.label);
    const sameText = `vs the same point of ${quarterName(previous.label)}`;
    const valueDelta = await frame.textContent('[data-testid="headline-value"] [data-testid="delta"]');
    const change = ((current.valueDelivered - point.valueDelivered) / point.valueDelivered) * 100;
    expect(valueDelta).toContain(sameText);
    const rounded = Math.round(change * 10) / 10;
    expect(valueDelta).toBe(
      Math.abs(change) < 0.5 ? `no change ${sameText}` : `${rounded > 0 ? '+' : ''}${rounded}% ${sameText}`,
    );
    expect(await frame.textContent('[data-testid="headline-epics"] [data-testid="delta"]')).toContain(
      sameText,
    );
    expect(await frame.textContent('[data-testid="headline-projects"] [data-testid="delta"]')).toBe(
      `${point.projectsDelivered} by the same point of ${quarterName(previous.label)}`,
    );
    if (current.sayDo.rate !== null && previous.sayDo.rate !== null) {
      const sayDo = await frame.textContent('[data-testid="headline-saydo"] [data-testid="delta"]');
      expect(sayDo).toMatch(new RegExp(`(points|no change) vs ${quarterName(previous.label)}$`));
    }
    await screenshot(page, 'wins-page-light');

    // Choosing the quarter before shows its numbers.
    await frame.click('#quarter-filter');
    await frame.getByRole('option', { name: quarterName(previous.label), exact: true }).click();
    await frame.waitForSelector(`[data-testid="subtitle"]:has-text("${quarterName(previous.label)}")`);
    expect(Number(await headline(frame, 'headline-epics'))).toBe(previous.epicsDelivered);
    // A complete quarter compares with the whole quarter before.
    const [beforePrevious] = snapshot.metrics.portfolio.quarters.slice(-3);
    const epicsDelta = await frame.textContent('[data-testid="headline-epics"] [data-testid="delta"]');
    if (epicsDelta !== null) {
      expect(epicsDelta).toContain(`vs ${quarterName(beforePrevious!.label)}`);
      expect(epicsDelta).not.toContain('same point');
    }

    // And a goal narrows every number to its PMO projects.
    const goal = snapshot.metrics.goals[0]!;
    await frame.click('#goal-filter');
    await frame.getByRole('option', { name: goal.name, exact: true }).click();
    await frame.waitForSelector(`[data-testid="subtitle"]:has-text("${goal.name}")`);
    const goalQuarter = goal.quarters.find((q) => q.label === previous.label)!;
    expect(Number(await headline(frame, 'headline-value'))).toBeCloseTo(goalQuarter.valueDelivered, 6);
    // Its progress to its target counts its own period, which is shown beside it.
    if (goal.targetPercent !== null && goal.period) {
      const progress = await frame.textContent('[data-testid="goal-progress"]');
      expect(progress).toContain(`(${Math.round(goal.targetPercent)}%)`);
      expect(progress).toContain(goal.period.start.slice(0, 4));
      expect(progress).toContain(goal.period.end.slice(0, 4));
      await screenshot(page, 'wins-page-goal-light');
    }
    await context.close();
  });

  it('opens the list behind each headline number, with the items the snapshot counted', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    const reader = await openSnapshot(stack.host.appStorage());
    const part = (await reader.drill('portfolio'))!;
    const q = snapshot.metrics.portfolio.quarters.at(-1)!;
    const period = { from: q.from, to: Math.min(q.to, snapshot.generatedAt + 1) };
    const rowKeys = () =>
      frame.$$eval('[data-testid="drill-row"]', (rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
    const open = async (testId: string) => {
      await frame.click(`[data-testid="${testId}"] [data-testid="open"]`);
      await frame.waitForSelector('[data-testid="drill-summary"]');
    };

    // Epics delivered: the headline's count, the same epics, newest first, each a link to Jira.
    await open('headline-epics');
    const epics = drillEntries(part, { kind: 'epics', ...period }, snapshot.generatedAt);
    expect(epics.length).toBe(q.epicsDelivered);
    expect(epics.length).toBeGreaterThan(0);
    expect(await rowKeys()).toEqual(epics.map((e) => e.key));
    expect(await frame.textContent('[data-testid="drill-summary"]')).toBe(`${q.epicsDelivered} in all`);
    const first = stack.demo.dataset.issues.find((i) => i.key === epics[0]!.key)!;
    expect(await frame.textContent('[data-testid="drill-row"] >> nth=0')).toContain(first.summary);
    expect(await frame.getAttribute('[data-testid="drill-key"] >> nth=0', 'href')).toMatch(
      new RegExp(`/browse/${first.key}$`),
    );
    await screenshot(page, 'drill-epics-light');

    // Cycle time P50: the items done in the quarter with a Start, 50 a page.
    await open('headline-cycle');
    const cycle = drillEntries(
      part,
      { kind: 'cycle', from: q.from, to: Math.min(q.to, snapshot.generatedAt) },
      snapshot.generatedAt,
    );
    expect(cycle.length).toBe(q.cycleTimeP50.n);
    expect(await rowKeys()).toEqual(cycle.slice(0, 50).map((e) => e.key));
    if (cycle.length > 50) {
      await frame.click('[data-testid="drill-next"]');
      await frame.waitForSelector(`[data-testid="drill-row"][data-key="${cycle[50]!.key}"]`);
      expect(await rowKeys()).toEqual(cycle.slice(50, 100).map((e) => e.key));
    }

    // Say/do: the committed epics, those not done first, each marked.
    await open('headline-saydo');
    const committed = drillEntries(part, { kind: 'say-do', quarter: q.label }, snapshot.generatedAt);
    expect(committed.length).toBe(q.sayDo.committed);
    expect(await rowKeys()).toEqual(committed.map((e) => e.key));
    const verdicts = await frame.$$eval('[data-testid="drill-row"] td:last-child', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(verdicts.filter((v) => v === 'done')).toHaveLength(q.sayDo.done);

    await frame.click('[data-testid="drill-close"]');
    await frame.waitForSelector('[data-testid="drill"]', { state: 'detached' });
    await context.close();
  });

  it('explains every headline number, and prints without the controls', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    await frame.click('[data-testid="explain"]');
    expect(await frame.textContent('body')).toContain(
      'predictability is the share of epics due in the quarter',
    );
    await page.emulateMedia({ media: 'print' });
    expect(await frame.isVisible('[data-testid="filters"]')).toBe(false);
    expect(await frame.isVisible('[data-testid="headline-value"]')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('lets a PMO lead feature, rename and hide wins in place; readers see the result, hidden ones gone', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    const ids = await winIds(frame);
    expect(ids.length).toBeGreaterThan(2);
    const [, second, third] = ids as [string, string, string];
    const win = (id: string) => `[data-win="${id}"]`;

    await frame.click(`${win(second)} [data-testid="feature"]`);
    await frame.waitForSelector(`${win(second)} >> text=Featured`);
    expect((await winIds(frame))[0]).toBe(second);

    await frame.click(`${win(second)} [data-testid="edit-win"]`);
    await frame.fill('#win-title', 'Checkout rebuilt for the peak season');
    await frame.fill('#win-note', 'Presented to the board in November');
    await frame.click('[data-testid="curate-save"]');
    await frame.waitForSelector(`${win(second)} >> text=Checkout rebuilt for the peak season`);

    await frame.click(`${win(third)} [data-testid="hide"]`);
    await frame.waitForSelector(`${win(third)} >> text=Hidden`);
    await screenshot(page, 'wins-page-curation');

    const stored = await invokeAs<{ ok: true; data: { data: { wins: CuratedWin[] } } }>(
      stack,
      'dev@demo.test',
      'reports/winsPage',
      {},
      { module: 'pmo-wins-page', instance: 'page-pmo-wins-page' },
    );
    const readerWins = stored.body.data.data.wins;
    expect(readerWins[0]).toMatchObject({
      id: second,
      title: 'Checkout rebuilt for the peak season',
      featured: true,
    });
    expect(readerWins.map((w) => w.id)).not.toContain(third);

    const reader = await openAs(stack, 'dev@demo.test', '/jira/pmo-wins');
    const readerFrame = await readyFrame(reader.page, 'page-pmo-wins-page');
    expect(await winIds(readerFrame)).not.toContain(third);
    expect(await readerFrame.isVisible('[data-testid="curation"]')).toBe(false);
    expect(await readerFrame.textContent(`${win(second)} [data-testid="win-note"]`)).toContain(
      'Presented to the board in November',
    );
    await reader.context.close();
    await context.close();
  });

  it('names epics only to readers who may browse them, in the page and through the resolver', async () => {
    const store = stack.host.appStorage();
    const wins = await (await openSnapshot(store)).wins();
    const secret = wins.filter((w) => w.jiraProjects.includes('SEC') && w.kind === 'delivered');
    expect(secret.length).toBeGreaterThan(0);
    const quarters = snapshot.metrics.portfolio.quarters.map((q) => q.label);
    for (const email of ['dev@demo.test', 'admin@demo.test']) {
      const text: string[] = [];
      for (const quarter of quarters) {
        const answer = await invokeAs<{
          ok: true;
          data: { data: { wins: CuratedWin[]; delivered: DeliveryView[] } };
        }>(
          stack,
          email,
          'reports/winsPage',
          { quarter },
          { module: 'pmo-wins-page', instance: 'page-pmo-wins-page' },
        );
        text.push(...answer.body.data.data.wins.map((w) => `${w.title} ${w.evidence}`));
        // The Delivered list names epics too, late ones included.
        text.push(...answer.body.data.data.delivered.map((d) => `${d.title} ${d.evidence} ${d.id}`));
      }
      const named = text.filter((t) => /\bSEC-\d+/.test(t)).length;
      if (email === 'dev@demo.test') expect(named).toBe(0);
      else expect(named).toBeGreaterThan(0);
    }
    const quarter = wins.find((w) => w.jiraProjects.includes('SEC') && w.kind === 'delivered')!;
    const label = snapshot.metrics.portfolio.quarters.find(
      (q) => q.label === `${quarter.date.slice(0, 4)}-Q${Math.ceil(Number(quarter.date.slice(5, 7)) / 3)}`,
    )!.label;
    const { context, page } = await openAs(stack, 'dev@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    await frame.click('#quarter-filter');
    await frame.getByRole('option', { name: quarterName(label), exact: true }).click();
    await frame.waitForSelector(`[data-testid="subtitle"]:has-text("${quarterName(label)}")`);
    expect(await frame.textContent('[data-testid="wins"]')).not.toMatch(/\bSEC-\d+/);
    expect(await frame.textContent('[data-testid="wins"]')).toContain('you cannot browse its Jira project');
    expect(await frame.textContent('[data-testid="delivered"]')).not.toMatch(/\bSEC-\d+/);
    expect(await frame.textContent('[data-testid="delivered"]')).toContain('An epic of');
    await context.close();
  });

  it('the Confluence macro shows what its configuration asks for, from the same snapshot', async () => {
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/confluence/page');
    let macro = await readyFrame(page, 'macro-pmo-wins-macro');
    const [lastComplete, current] = snapshot.metrics.portfolio.quarters.slice(-2) as [
      (typeof snapshot.metrics.portfolio.quarters)[number],
      (typeof snapshot.metrics.portfolio.quarters)[number],
    ];
    // Unless configured otherwise, the macro shows the last complete quarter, against the whole one before.
    expect(await macro.textContent('[data-testid="subtitle"]')).toContain(quarterName(lastComplete.label));
    expect(await macro.textContent('[data-testid="subtitle"]')).not.toContain('quarter to date');
    expect(Number(await headline(macro, 'headline-epics'))).toBe(lastComplete.epicsDelivered);
    expect(await macro.isVisible('[data-testid="filters"]')).toBe(false);

    await page.click('[data-action="configure"]');
    const config = await appFrame(page, 'macro-pmo-wins-macro');
    await config.waitForSelector('[data-testid="macro-config"]');
    expect(await config.textContent('[data-testid="macro-config"]')).toContain('The last complete quarter');
    const goal = snapshot.metrics.goals[1]!;
    await config.fill('#title', 'Quarterly delivery review');
    await config.click('#goalId');
    await config.getByText(goal.name, { exact: true }).click();
    await config.click('#show');
    await config.getByText('Headline numbers only', { exact: true }).click();
    await screenshot(page, 'confluence-macro-config');
    await config.click('[data-testid="save"]');
    await page.waitForSelector('[data-gadget="pmo-wins-macro"][data-mode="view"]');
    macro = await readyFrame(page, 'macro-pmo-wins-macro');
    await macro.waitForSelector('text=Quarterly delivery review');
    expect(await macro.textContent('[data-testid="subtitle"]')).toContain(goal.name);
    expect(Number(await headline(macro, 'headline-value'))).toBeCloseTo(
      goal.quarters.at(-2)!.valueDelivered,
      6,
    );
    expect(await macro.isVisible('[data-testid="wins"]')).toBe(false);
    await screenshot(page, 'confluence-macro-light');
    await context.close();

    const dark = await openAs(stack, 'dev@demo.test', '/confluence/pmo-wins', 'dark');
    const pageFrame = await readyFrame(dark.page, 'page-pmo-wins-confluence');
    expect(Number(await headline(pageFrame, 'headline-epics'))).toBe(current.epicsDelivered);
    await screenshot(dark.page, 'confluence-page-dark');
    await dark.context.close();
  });

  it('publishes to Confluence from the page (PMO leads only), creating then updating the page', async () => {
    const reader = await openAs(stack, 'dev@demo.test', '/jira/pmo-wins');
    const readerFrame = await readyFrame(reader.page, 'page-pmo-wins-page');
    expect(await readerFrame.isVisible('[data-testid="publish"]')).toBe(false);
    await reader.context.close();

    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    await frame.click('[data-testid="publish"]');
    await frame.waitForSelector('[data-testid="publish-dialog"]');
    await frame.click('#publish-space');
    await frame.getByRole('option', { name: 'Project Management Office (PMO)', exact: true }).click();
    await screenshot(page, 'publish-to-confluence');
    await frame.click('[data-testid="publish-confirm"]');
    await frame.waitForSelector('[data-testid="published"] >> text=Page created');
    expect(await frame.textContent('[data-testid="published"]')).toContain('version 1');
    await frame.click('text=Close');
    await frame.click('[data-testid="publish"]');
    await frame.click('#publish-space');
    await frame.getByRole('option', { name: 'Project Management Office (PMO)', exact: true }).click();
    await frame.click('[data-testid="publish-confirm"]');
    await frame.waitForSelector('[data-testid="published"] >> text=Page updated');
    expect(await frame.textContent('[data-testid="published"]')).toContain('version 2');
    await context.close();
  });

  it('lets a PMO lead override a PMO project’s health with a reason and an end date', async () => {
    const red = snapshot.metrics.projects.find((p) => p.health.rating === 'red')!;
    const { context, page } = await openAs(stack, 'pmo@demo.test', '/jira/pmo-wins');
    const frame = await readyFrame(page, 'page-pmo-wins-page');
    const row = `[data-testid="project-${red.id}"]`;
    await frame.click(`${row} [data-testid="override"]`);
    await frame.waitForSelector('[data-testid="override-dialog"]');
    await frame.focus('#override-rating');
    await page.keyboard.type('At risk');
    await page.keyboard.press('Enter');
    await frame.fill('#override-comment', 'Recovery plan agreed with the sponsor');
    await frame.fill('#override-expires', '2026-12-31');
    await screenshot(page, 'health-override');
    // The dialog sits over a frame the host keeps sizing to its content: a DOM click, without waiting
    // for the button to stop moving.
    await frame.dispatchEvent('[data-testid="override-save"]', 'click');
    await frame.waitForSelector(`${row} >> text=Set by a PMO lead: Recovery plan agreed with the sponsor`);
    expect(await frame.getAttribute(`${row} [data-testid="rating"]`, 'data-value')).toBe('amber');

    // Everyone sees it, marked as an override, with the computed rating kept.
    const reader = await openAs(stack, 'dev@demo.test', '/jira/dashboard');
    const gadget = await readyFrame(reader.page, 'gadget-portfolio-health');
    expect(
      await gadget.getAttribute(`[data-testid="health-${red.id}"] [data-testid="rating"]`, 'data-value'),
    ).toBe('amber');
    await gadget.click(`[data-testid="health-${red.id}"] [data-testid="expand"]`);
    expect(await gadget.textContent('[data-testid="reasons"]')).toContain('Set to At risk by a PMO lead');
    await reader.context.close();
    await context.close();
  });
});
