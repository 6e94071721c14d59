import { DEMO_USERS, startDemoJira, type DemoJira } from '../../dev/demo-jira';
import type { PortfolioHealthView, Result, SyncProgress } from '../../src/contract';
import { JiraClient } from '../../src/jira/client';
import { HttpJiraAccess } from '../../src/jira/http-transport';
import { createResolver } from '../../src/resolvers';
import { readSnapshot } from '../../src/services/snapshot';
import { runSync } from '../../src/services/sync';
import { MemoryStore } from '../../src/store/memory';
import { expectedFlow } from '../reference/demo-flow';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const user = (email: string) => {
  const found = DEMO_USERS.find((u) => u.email === email);
  if (!found) throw new Error(`No demo user ${email}`);
  return found;
};
const admin = user('admin@demo.test');
const pmo = user('pmo@demo.test');
const dev = user('dev@demo.test');
const app = user('app@demo.test');

describe('portfolio health through the real resolver over the demo Jira', () => {
  let demo: DemoJira;
  let store: MemoryStore;
  let syncRequests: number;
  let handler: ReturnType<typeof createResolver>;

  const call = async <T>(
    functionKey: string,
    accountId: string | undefined,
    payload?: unknown,
  ): Promise<Result<T>> =>
    (await handler(
      { call: { functionKey, payload: payload as never }, context: {} },
      accountId ? { principal: { accountId } } : {},
    )) as Result<T>;

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 7, issues: 500, now: new Date(NOW) });
    const credentials = Object.fromEntries(
      DEMO_USERS.map((u) => [u.accountId, { email: u.email, apiToken: u.apiToken }]),
    );
    const access = new HttpJiraAccess(demo.url, { email: app.email, apiToken: app.apiToken }, credentials);
    store = new MemoryStore();
    syncRequests = 0;
    handler = createResolver({
      store,
      jira: access,
      clock: () => NOW,
      requestSync: async () => {
        syncRequests += 1;
      },
    });
    await runSync({ store, jira: new JiraClient(access.asApp()), clock: () => NOW });
  });

  afterAll(async () => {
    await demo.close();
  });

  it('serves, per project, the throughput and P50 cycle time the raw Jira history gives', async () => {
    const result = await call<PortfolioHealthView>('reports/portfolioHealth', admin.accountId, {
      config: { windowWeeks: 12 },
    });
    if (!result.ok) throw new Error(result.error.message);
    const view = result.data;
    expect(view.state).toBe('ready');
    expect(view.rows.map((r) => r.projectKey).sort()).toEqual(demo.dataset.projects.map((p) => p.key).sort());
    for (const row of view.rows) {
      const expected = expectedFlow(demo.dataset, row.projectKey, {
        now: NOW,
        timeZone: view.timeZone,
        weeks: 12,
      });
      expect({ key: row.projectKey, throughput: row.throughput, p50: row.cycleTimeP50.value }).toEqual({
        key: row.projectKey,
        throughput: expected.throughput,
        p50: expected.p50,
      });
      expect(row.cycleTimeP50.n).toBe(expected.cycleTimes.length);
    }
    // The data set is busy enough for the numbers to mean something.
    expect(view.rows.reduce((sum, r) => sum + r.throughput, 0)).toBeGreaterThan(30);
  });

  it('honours the gadget settings: period, projects and order', async () => {
    const result = await call<PortfolioHealthView>('reports/portfolioHealth', admin.accountId, {
      config: { windowWeeks: 4, projects: ['PAY', 'MOB'], sortBy: 'name' },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.rows.map((r) => r.projectName)).toEqual(['Mobile App', 'Payments']);
    const pay = result.data.rows.find((r) => r.projectKey === 'PAY');
    expect(pay?.throughput).toBe(
      expectedFlow(demo.dataset, 'PAY', { now: NOW, timeZone: result.data.timeZone, weeks: 4 }).throughput,
    );
    expect(pay?.weekly).toHaveLength(4);
  });

  it('shows a user only the projects that user may browse in Jira', async () => {
    const asDev = await call<PortfolioHealthView>('reports/portfolioHealth', dev.accountId, {});
    if (!asDev.ok) throw new Error(asDev.error.message);
    expect(asDev.data.rows.map((r) => r.projectKey)).not.toContain('SEC');
    expect(asDev.data.availableProjects.map((p) => p.key)).not.toContain('SEC');
    const anonymous = await call<PortfolioHealthView>('reports/portfolioHealth', undefined, {});
    expect(anonymous.ok && anonymous.data.rows).toEqual([]);
  });

  it('refuses a bad gadget setting with an error naming the field', async () => {
    const result = await call('reports/portfolioHealth', admin.accountId, { config: { windowWeeks: 5 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('validation');
    expect(!result.ok && result.error.field).toBe('config.windowWeeks');
  });

  it('lets Jira admins and PMO leads start a refresh, and nobody else', async () => {
    const before = await readSnapshot(store);
    const refused = await call<SyncProgress>('sync/start', dev.accountId);
    expect(refused).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Only Jira administrators and PMO leads can start a refresh.' },
    });
    expect(syncRequests).toBe(0);
    const accepted = await call<SyncProgress>('sync/start', pmo.accountId);
    expect(accepted.ok && accepted.data.phase).toBe('queued');
    expect(syncRequests).toBe(1);
    expect((await readSnapshot(store))?.version).toBe(before?.version);
  });

  it('tells who may configure', async () => {
    expect(await call('viewer/me', admin.accountId)).toEqual({
      ok: true,
      data: { accountId: admin.accountId, canConfigure: true },
    });
    expect(await call('viewer/me', pmo.accountId)).toEqual({
      ok: true,
      data: { accountId: pmo.accountId, canConfigure: true },
    });
    expect(await call('viewer/me', dev.accountId)).toEqual({
      ok: true,
      data: { accountId: dev.accountId, canConfigure: false },
    });
  });
});
