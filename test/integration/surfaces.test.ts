import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  CuratedWin,
  CurationResult,
  FlowData,
  ForecastData,
  HealthData,
  HealthRow,
  PortfolioConfigView,
  PublishResult,
  SurfaceView,
  ValueData,
  WinsData,
  WinsPageData,
} from '../../src/contract';
import { PREFIXES } from '../../src/services/keys';
import { openSnapshot, quarterOf, readSnapshot } from '../../src/services/snapshot';
import { queryAll, type Store } from '../../src/store/port';
import { demoUser, ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as unknown;

/** Parts of the current snapshot, each read as a request of its own would. */
const readWins = async (store: Store, quarters?: readonly string[]) =>
  (await openSnapshot(store)).wins(quarters);
const readScope = async (store: Store, id: string) => (await openSnapshot(store)).scope(id);

const ADMIN = 'admin@demo.test';
const PMO = 'pmo@demo.test';
/** May browse PAY, MOB, WEB and DATA, not SEC. */
const DEV = 'dev@demo.test';

describe('the surfaces’ resolvers serve the snapshot, and issue detail only to those who may browse it', () => {
  let stack: ResolverStack;
  const view = async <T>(key: string, email: string | null, payload?: unknown) =>
    ok(await stack.call<SurfaceView<T>>(key, email, payload));

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 7, issues: 700, now: NOW });
    ok(await stack.call<PortfolioConfigView>('config/import', PMO, { document: SAMPLE }));
    await stack.sync();
  }, 60_000);

  afterAll(async () => {
    await stack.close();
  });

  it('health: every PMO project with the snapshot’s rating, worst first', async () => {
    const health = await view<HealthData>('reports/health', DEV);
    const snapshot = await readSnapshot(stack.store);
    expect(health.state).toBe('ready');
    expect(health.data!.rows).toHaveLength(snapshot!.metrics.projects.length);
    for (const row of health.data!.rows) {
      const project = snapshot!.metrics.projects.find((p) => p.id === row.id)!;
      expect(row.health.rating).toBe(project.health.rating);
      expect(row.progress).toBe(project.progress.percent);
    }
    const order = ['red', 'amber', 'green', 'unknown', 'done'];
    const ranks = health.data!.rows.map((r) => order.indexOf(r.health.rating));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const counts = Object.values(health.data!.counts).reduce((a, b) => a + b, 0);
    expect(counts).toBe(health.data!.rows.length);
  });

  it('health: "needs attention" keeps red and amber only; a goal keeps its PMO projects', async () => {
    const attention = await view<HealthData>('reports/health', DEV, { config: { show: 'attention' } });
    expect(attention.data!.rows.every((r) => ['red', 'amber'].includes(r.health.rating))).toBe(true);
    const goal = await view<HealthData>('reports/health', DEV, { config: { goalId: 'goal-compliance' } });
    expect(goal.data!.rows.map((r) => r.id).sort()).toEqual(
      ['proj-pay-compliance', 'proj-regulatory', 'proj-security'].sort(),
    );
  });

  it('flow: the window’s weeks add up to its throughput; Jira projects only as far as the viewer may browse', async () => {
    const admin = await view<FlowData>('reports/flow', ADMIN, { config: { weeks: 12 } });
    const data = admin.data!;
    expect(data.weekly).toHaveLength(12);
    expect(data.weekly.reduce((s, w) => s + w.count, 0)).toBe(data.comparison.current.throughput);
    expect(data.byJiraProject!.map((r) => r.projectKey)).toContain('SEC');
    const dev = await view<FlowData>('reports/flow', DEV, { config: { weeks: 12 } });
    expect(dev.data!.byJiraProject!.map((r) => r.projectKey)).not.toContain('SEC');
    // Aggregates are the same for everyone.
    expect(dev.data!.comparison).toEqual(data.comparison);
  });

  it('flow: a PMO project’s numbers are that project’s', async () => {
    const flow = await view<FlowData>('reports/flow', DEV, {
      config: { scope: { kind: 'project', id: 'proj-mobile' }, weeks: 26 },
    });
    const mobile = (await readScope(stack.store, 'proj-mobile'))!;
    expect(flow.data!.scope.name).toBe('Mobile app 2.0');
    expect(flow.data!.comparison).toEqual(mobile.trend.windows.find((w) => w.weeks === 26));
    expect(flow.data!.byJiraProject).toBeNull();
  });

  it('value: the period’s value is the sum of its quarters, and goals are ranked by value', async () => {
    const value = await view<ValueData>('reports/value', DEV, { config: { period: 'year' } });
    const snapshot = await readSnapshot(stack.store);
    const quarters = snapshot!.metrics.portfolio.quarters.slice(-4);
    expect(value.data!.quarters).toEqual(quarters.map((q) => q.label));
    expect(value.data!.total).toBeCloseTo(
      quarters.reduce((s, q) => s + q.valueDelivered, 0),
      6,
    );
    const values = value.data!.goals.map((g) => g.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('forecast: the chosen PMO project’s forecast', async () => {
    const forecast = await view<ForecastData>('reports/forecast', DEV, {
      config: { projectId: 'proj-data' },
    });
    const snapshot = await readSnapshot(stack.store);
    const data = snapshot!.metrics.projects.find((p) => p.id === 'proj-data')!;
    expect(forecast.data!.project.name).toBe('Data platform');
    expect(forecast.data!.forecast).toEqual(data.forecast);
  });

  it('wins: epics the viewer cannot browse are named by their PMO project only', async () => {
    const wins = await readWins(stack.store);
    const secret = wins.find((w) => w.jiraProjects.includes('SEC'));
    expect(secret).toBeDefined();
    const forDev = await view<WinsData>('reports/wins', DEV, { config: { count: 20 } });
    const all = await view<WinsPageData>('reports/winsPage', DEV, {});
    for (const win of [...forDev.data!.wins, ...all.data!.wins]) {
      expect(`${win.title} ${win.evidence} ${win.scope.name}`).not.toMatch(/\bSEC-\d+/);
    }
    const quarters = all.data!.quarters;
    const adminWins: CuratedWin[] = [];
    for (const quarter of quarters) {
      adminWins.push(...(await view<WinsPageData>('reports/winsPage', ADMIN, { quarter })).data!.wins);
    }
    const named = adminWins.filter((w) => w.jiraProjects.includes('SEC'));
    expect(named.length).toBeGreaterThan(0);
    for (const win of named) expect(win.title).toMatch(/\bSEC-\d+/);
  });

  it('wins page: a quarter’s headline numbers come with the quarter before; a bad quarter is named', async () => {
    const page = await view<WinsPageData>('reports/winsPage', DEV, {});
    const data = page.data!;
    expect(data.quarter).toBe('2026-Q4');
    expect(data.previous!.label).toBe('2026-Q3');
    const q3 = await view<WinsPageData>('reports/winsPage', DEV, { quarter: '2026-Q3' });
    expect(q3.data!.current).toEqual(data.previous);
    const bad = await stack.call('reports/winsPage', DEV, { quarter: '2019-Q1' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('quarter must be one of');
    const malformed = await stack.call('reports/winsPage', DEV, { quarter: 'Q3' });
    if (!malformed.ok) expect(malformed.error.field).toBe('quarter');
    expect(malformed.ok).toBe(false);
  });

  it('curation: only PMO leads curate; a hidden win disappears for others, featured ones lead, and it survives a re-sync', async () => {
    const wins = await readWins(stack.store);
    const [first, second] = wins.filter((w) => w.jiraProjects.length === 0);
    const refused = await stack.call('wins/curate', DEV, {
      id: first!.id,
      featured: true,
      hidden: false,
      note: '',
      title: null,
      expectedVersion: null,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.kind).toBe('forbidden');

    const renamed = ok(
      await stack.call<CurationResult>('wins/curate', PMO, {
        id: first!.id,
        featured: true,
        hidden: false,
        note: 'Shown at the quarterly review',
        title: 'Our headline win',
        expectedVersion: null,
      }),
    );
    expect(renamed).toEqual({
      id: first!.id,
      featured: true,
      hidden: false,
      note: 'Shown at the quarterly review',
      title: 'Our headline win',
      curationVersion: 1,
    });
    ok(
      await stack.call('wins/curate', PMO, {
        id: second!.id,
        featured: false,
        hidden: true,
        note: '',
        title: null,
        expectedVersion: null,
      }),
    );

    await stack.sync(NOW + 3_600_000);
    const forDev = await view<WinsData>('reports/wins', DEV, { config: { count: 20 } });
    expect(forDev.data!.wins[0]!.id).toBe(first!.id);
    expect(forDev.data!.wins[0]!.title).toBe('Our headline win');
    expect(forDev.data!.wins.map((w) => w.id)).not.toContain(second!.id);
    const page = await view<WinsPageData>('reports/winsPage', PMO, {
      quarter: null,
    });
    expect(page.canConfigure).toBe(true);
    const unknown = await stack.call('wins/curate', PMO, {
      id: 'delivered:epic:NOPE-1',
      featured: true,
      hidden: false,
      note: '',
      title: null,
      expectedVersion: null,
    });
    expect(unknown.ok).toBe(false);
  });

  it('health override: PMO leads only, with a reason and an expiry, shown as an override until it expires', async () => {
    const refused = await stack.call('health/override', DEV, {
      projectId: 'proj-data',
      rating: 'green',
      comment: 'fine',
      expires: '2026-12-31',
      expectedVersion: null,
    });
    expect(refused.ok).toBe(false);
    const past = await stack.call('health/override', PMO, {
      projectId: 'proj-data',
      rating: 'green',
      comment: 'Agreed with the sponsor',
      expires: '2026-11-01',
      expectedVersion: null,
    });
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.error.field).toBe('expires');
    const row = ok(
      await stack.call<HealthRow>('health/override', PMO, {
        projectId: 'proj-data',
        rating: 'amber',
        comment: 'Vendor delay agreed with the sponsor',
        expires: '2026-12-31',
        expectedVersion: null,
      }),
    );
    expect(row.health.rating).toBe('amber');
    expect(row.health.override).toMatchObject({
      comment: 'Vendor delay agreed with the sponsor',
      rating: 'amber',
    });
    const health = await view<HealthData>('reports/health', DEV);
    expect(health.data!.rows.find((r) => r.id === 'proj-data')!.health.override?.rating).toBe('amber');
    const cleared = ok(
      await stack.call<HealthRow>('health/override', PMO, {
        projectId: 'proj-data',
        clear: true,
        expectedVersion: row.health.override!.version,
      }),
    );
    expect(cleared.health.override).toBeNull();
    expect(cleared.health.rating).toBe(cleared.health.computed);
  });

  it('publishes the quarter’s wins to Confluence as the PMO lead: created, then updated; never naming epics', async () => {
    expect((await stack.call('confluence/spaces', DEV)).ok).toBe(false);
    const spaces = ok(await stack.call<{ id: string; key: string }[]>('confluence/spaces', PMO));
    const pmoSpace = spaces.find((s) => s.key === 'PMO')!;
    const refused = await stack.call('confluence/publish', DEV, { spaceId: pmoSpace.id, title: 'PMO wins' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.kind).toBe('forbidden');
    const bad = await stack.call('confluence/publish', PMO, { spaceId: 'PMO', title: 'PMO wins' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toBe('spaceId');

    const first = ok(
      await stack.call<PublishResult>('confluence/publish', PMO, {
        spaceId: pmoSpace.id,
        title: 'PMO wins 2026-Q3',
        quarter: '2026-Q3',
      }),
    );
    expect(first).toMatchObject({ created: true, version: 1, title: 'PMO wins 2026-Q3' });
    expect(first.url).toContain(`/pages/${first.pageId}`);
    const again = ok(
      await stack.call<PublishResult>('confluence/publish', PMO, {
        spaceId: pmoSpace.id,
        title: 'PMO wins 2026-Q3',
        quarter: '2026-Q3',
      }),
    );
    expect(again).toMatchObject({ created: false, version: 2, pageId: first.pageId });

    const admin = demoUser(ADMIN);
    const page = (await (
      await fetch(`${stack.demo.url}/wiki/api/v2/pages/${first.pageId}?body-format=storage`, {
        headers: {
          Authorization: `Basic ${Buffer.from(`${admin.email}:${admin.apiToken}`).toString('base64')}`,
        },
      })
    ).json()) as { body: { storage: { value: string } } };
    const storage = page.body.storage.value;
    const snapshot = await readSnapshot(stack.store);
    const q3 = snapshot!.metrics.portfolio.quarters.find((q) => q.label === '2026-Q3')!;
    expect(storage).toContain('<h2>PMO wins 2026-Q3</h2>');
    expect(storage).toContain(`<tr><th>Epics delivered</th><td>${q3.epicsDelivered}</td>`);
    expect(storage).not.toMatch(/\b(SEC|PAY|MOB|WEB|DATA)-\d+/);
  });

  it('keeps each PMO project’s and goal’s flow detail in a part of its own, replaced with every snapshot', async () => {
    const before = (await readSnapshot(stack.store))!;
    const snapKeys = async () => (await queryAll(stack.store, PREFIXES.snapshot)).map((e) => e.key);
    const detailKeys = async () => (await snapKeys()).filter((k) => k.includes(':scope:'));
    const ids = [...before.metrics.projects.map((p) => p.id), ...before.metrics.goals.map((g) => g.id)];
    const ofBefore = (await detailKeys()).filter((k) => k.startsWith(`snap:${before.version}:`));
    expect(new Set(ofBefore.map((k) => k.split(':')[3]))).toEqual(new Set(ids));
    // The core carries no per-scope series: gadgets read little however many PMO projects there are.
    expect(before.metrics.projects.every((p) => !('trend' in p) && !('flow' in p))).toBe(true);

    // As "Refresh now" does: every part written anew (otherwise unchanged parts are carried over).
    await stack.sync(NOW + 2 * 3_600_000, { recompute: true });
    const after = (await readSnapshot(stack.store))!;
    expect(after.version).not.toBe(before.version);
    // The version just replaced stays until the next publish, for requests that began before the flip.
    const current = `snap:${after.version}:`;
    const replaced = `snap:${before.version}:`;
    const keys = await detailKeys();
    expect(keys.some((k) => k.startsWith(current))).toBe(true);
    expect(keys.every((k) => k.startsWith(current) || k.startsWith(replaced))).toBe(true);
    // Wins are stored by quarter, each part holding only its quarter's wins.
    const winKeys = (await snapKeys()).filter((k) => k.includes(':wins:'));
    expect(winKeys.filter((k) => k.startsWith(current)).length).toBeGreaterThan(1);
    expect(winKeys.every((k) => k.startsWith(current) || k.startsWith(replaced))).toBe(true);
    for (const quarter of after.metrics.portfolio.quarters.map((q) => q.label)) {
      const wins = await readWins(stack.store, [quarter]);
      expect(wins.every((w) => quarterOf(w.date) === quarter)).toBe(true);
    }

    await stack.sync(NOW + 3 * 3_600_000, { recompute: true });
    const latest = (await readSnapshot(stack.store))!;
    const left = await snapKeys();
    expect(left.some((k) => k.startsWith(`snap:${latest.version}:`))).toBe(true);
    expect(left.filter((k) => k.startsWith(replaced))).toEqual([]);
  }, 30_000);
});
