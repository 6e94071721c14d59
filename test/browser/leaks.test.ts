/**
 * Every page and gadget in Chromium, as Dana (who may not browse SEC and is not in the "Executives only"
 * level of PAY's secured epics): the DOM of every frame (attributes such as data-win included), every
 * resolver answer the frames receive, and every CSV the pages offer are searched for the keys and
 * summaries of the issues she may not see. Nothing may be found; as the PMO lead the same search finds
 * them, so it would notice a leak.
 */
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from 'playwright-core';
import type { DemoIssue } from '../../dev/demo-jira';
import { quarterName } from '../../src/contract/periods';
import { openSnapshot } from '../../src/services/snapshot';
import { quarterOf } from '../../src/services/snapshot/model';
import { forbiddenFor } from '../builders/forbidden';
import { appFrame, invokeAs, openAs, readyFrame, screenshot, startStack, type Stack } from './harness';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const PMO = 'pmo@demo.test';
const DANA = 'dev@demo.test';
jest.setTimeout(300_000);

/** What a user's browser gets: frames' DOM, resolver answers and downloads, as text per source. */
class Collector {
  readonly texts: { source: string; text: string }[] = [];

  listen(page: Page, label: string): void {
    page.on('response', (response) => {
      if (!response.url().includes('/__forge/invoke')) return;
      response
        .text()
        .then((text) => this.texts.push({ source: `${label} invoke`, text }))
        .catch(() => undefined);
    });
  }

  async frames(page: Page, label: string): Promise<void> {
    for (const frame of page.frames()) {
      const html = await frame.content().catch(() => '');
      this.texts.push({ source: `${label} ${frame.url().slice(0, 80)}`, text: html });
    }
  }

  async csv(page: Page, frame: Frame, button: string, label: string): Promise<void> {
    const [download] = await Promise.all([page.waitForEvent('download'), frame.click(button)]);
    this.texts.push({ source: `${label} csv`, text: await readFile((await download.path())!, 'utf8') });
  }
}

async function chooseQuarter(frame: Frame, label: string): Promise<void> {
  await frame.click('#quarter-filter');
  await frame.getByRole('option', { name: quarterName(label), exact: true }).click();
  await frame.waitForSelector(`[data-testid="subtitle"]:has-text("${quarterName(label)}")`);
}

describe('what Dana may not see in Jira, she does not see in any page or gadget', () => {
  let stack: Stack;
  let find: (text: string) => string[];
  let securedEpic: DemoIssue;
  let securedQuarter: string;
  let deliveredEpic: DemoIssue;
  let deliveredQuarter: string;

  beforeAll(async () => {
    stack = await startStack({ now: NOW, seed: 11, issues: 600 });
    await stack.host.syncSettled();
    const issues = stack.demo.dataset.issues;
    find = forbiddenFor(issues).find;
    const secured = new Set(issues.filter((i) => i.securityLevelId).map((i) => i.key));
    const wins = await (await openSnapshot(stack.host.appStorage())).wins();
    const win = wins.find((w) => w.scope.kind === 'epic' && secured.has(w.scope.id))!;
    securedEpic = issues.find((i) => i.key === win.scope.id)!;
    securedQuarter = quarterOf(win.date);
    // Every delivery is in the Delivered list, which names its epic too: one whose summary no issue
    // Dana may see shares, so that finding it means a leak.
    const delivered = await (await openSnapshot(stack.host.appStorage())).delivered();
    const delivery = delivered.find(
      (d) =>
        d.scope.kind === 'epic' &&
        secured.has(d.scope.id) &&
        find(issues.find((i) => i.key === d.scope.id)!.summary).length > 0,
    )!;
    expect(delivery).toBeDefined();
    deliveredEpic = issues.find((i) => i.key === delivery.scope.id)!;
    deliveredQuarter = quarterOf(delivery.date);
    // The PMO lead names the secured epic in the win's title and note.
    const curated = await invokeAs(
      stack,
      PMO,
      'wins/curate',
      {
        id: win.id,
        featured: true,
        hidden: false,
        note: `Ask the ${securedEpic.key} team`,
        title: `${securedEpic.summary}: done for the board`,
        expectedVersion: null,
      },
      { module: 'pmo-wins-page', instance: 'page-pmo-wins-page' },
    );
    expect(curated.status).toBe(200);
  });

  afterAll(async () => {
    await stack.close();
  });

  /** Opens every page as the user, waits for each surface, downloads every CSV, and collects it all. */
  async function browseAll(email: string, shots: boolean): Promise<Collector> {
    const seen = new Collector();

    const dashboard = await openAs(stack, email, '/jira/dashboard');
    seen.listen(dashboard.page, 'dashboard');
    for (const gadget of ['portfolio-health', 'delivery-flow', 'value-by-goal', 'forecast', 'recent-wins']) {
      await readyFrame(dashboard.page, `gadget-${gadget}`);
    }
    const health = await appFrame(dashboard.page, 'gadget-portfolio-health');
    await seen.csv(dashboard.page, health, 'text=Download CSV', 'health');
    const flow = await appFrame(dashboard.page, 'gadget-delivery-flow');
    await seen.csv(dashboard.page, flow, 'text=Download CSV >> nth=0', 'flow');
    await seen.frames(dashboard.page, 'dashboard');
    // The lists behind the numbers: items in progress across every project, SEC's and secured ones included.
    for (const testId of ['wip', 'throughput']) {
      await flow.click(`[data-testid="${testId}"] [data-testid="open"]`);
      await flow.waitForSelector('[data-testid="drill-summary"]');
      await seen.frames(dashboard.page, `dashboard list ${testId}`);
    }
    await dashboard.context.close();

    const wins = await openAs(stack, email, '/jira/pmo-wins');
    seen.listen(wins.page, 'wins');
    const page = await readyFrame(wins.page, 'page-pmo-wins-page');
    await seen.csv(wins.page, page, 'text=Download CSV', 'wins now');
    await seen.frames(wins.page, 'wins now');
    await chooseQuarter(page, securedQuarter);
    await seen.csv(wins.page, page, 'text=Download CSV', 'wins');
    await seen.frames(wins.page, `wins ${securedQuarter}`);
    if (deliveredQuarter !== securedQuarter) {
      await chooseQuarter(page, deliveredQuarter);
      await seen.csv(wins.page, page, 'text=Download CSV', 'wins delivered');
      await seen.frames(wins.page, `wins ${deliveredQuarter}`);
    }
    for (const testId of ['headline-epics', 'headline-ontime', 'headline-value', 'headline-cycle']) {
      await page.click(`[data-testid="${testId}"] [data-testid="open"]`);
      await page.waitForSelector(`[data-testid="drill"] h3`);
      await page.waitForSelector('[data-testid="drill-summary"]');
      await seen.frames(wins.page, `wins list ${testId}`);
    }
    if (shots) await screenshot(wins.page, 'leaks-drill-dana');
    if (shots) await screenshot(wins.page, 'leaks-wins-page-dana');
    await wins.context.close();

    const settings = await openAs(stack, email, '/jira/settings');
    seen.listen(settings.page, 'settings');
    const frame = await appFrame(settings.page, 'page-pmo-settings');
    await frame.waitForSelector('[data-testid="settings-tabs"]');
    for (const tab of ['overview', 'goals', 'projects', 'triage', 'settings', 'import', 'changes']) {
      await frame.click(`[data-testid="tab-${tab}"]`);
      await frame.waitForLoadState('networkidle').catch(() => undefined);
      await settings.page.waitForTimeout(400);
      await seen.frames(settings.page, `settings ${tab}`);
    }
    if (shots) await screenshot(settings.page, 'leaks-settings-dana');
    await settings.context.close();

    for (const path of ['/confluence/page', '/confluence/pmo-wins']) {
      const confluence = await openAs(stack, email, path);
      seen.listen(confluence.page, path);
      await readyFrame(
        confluence.page,
        path === '/confluence/page' ? 'macro-pmo-wins-macro' : 'page-pmo-wins',
      );
      await seen.frames(confluence.page, path);
      await confluence.context.close();
    }
    return seen;
  }

  const findings = (seen: Collector) =>
    seen.texts.flatMap(({ source, text }) => find(text).map((found) => `${source}: ${found}`));

  it('Dana’s pages, their resolver answers and their CSVs name nothing she may not see', async () => {
    const seen = await browseAll(DANA, true);
    expect(seen.texts.filter((t) => t.source.endsWith('csv'))).toHaveLength(
      deliveredQuarter === securedQuarter ? 4 : 5,
    );
    expect(seen.texts.some((t) => t.source.endsWith('invoke'))).toBe(true);
    expect(findings(seen)).toEqual([]);
    // Her wins page shows the secured win redacted, with an opaque id in the DOM.
    const dom = seen.texts.filter((t) => t.source.startsWith(`wins ${securedQuarter}`)).map((t) => t.text);
    expect(dom.join('\n')).toMatch(/data-win="w-[0-9a-f]{20}"/);
    expect(dom.join('\n')).toContain('Jira does not show it to you');
  });

  it('the PMO lead’s do, so the search would notice', async () => {
    const seen = await browseAll(PMO, false);
    const found = findings(seen);
    expect(found.some((f) => f.endsWith(securedEpic.key))).toBe(true);
    expect(found.some((f) => /\bSEC-\d+$/.test(f))).toBe(true);
    expect(found.some((f) => f.endsWith(deliveredEpic.key))).toBe(true);
    expect(found.some((f) => f.endsWith(deliveredEpic.summary))).toBe(true);
    // The lists behind the numbers name them too: they would be found in Dana's if they leaked there.
    expect(found.some((f) => f.startsWith('dashboard list wip') && /\bSEC-\d+$/.test(f))).toBe(true);
  });
});
