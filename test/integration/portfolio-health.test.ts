import type { PortfolioHealthView, SyncProgress } from '../../src/contract';
import { readSnapshot } from '../../src/services/snapshot';
import { expectedFlow } from '../reference/demo-flow';
import { startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');

describe('portfolio health through the real resolver over the demo Jira', () => {
  let stack: ResolverStack;
  const call = <T>(functionKey: string, email: string | null, payload?: unknown) =>
    stack.call<T>(functionKey, email, payload);

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 7, issues: 500, now: NOW });
    await stack.sync();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('serves, per project, the throughput and P50 cycle time the raw Jira history gives', async () => {
    const result = await call<PortfolioHealthView>('reports/portfolioHealth', 'admin@demo.test', {
      config: { windowWeeks: 12 },
    });
    if (!result.ok) throw new Error(result.error.message);
    const view = result.data;
    expect(view.state).toBe('ready');
    expect(view.rows.map((r) => r.projectKey).sort()).toEqual(
      stack.demo.dataset.projects.map((p) => p.key).sort(),
    );
    for (const row of view.rows) {
      const expected = expectedFlow(stack.demo.dataset, row.projectKey, {
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
    const result = await call<PortfolioHealthView>('reports/portfolioHealth', 'admin@demo.test', {
      config: { windowWeeks: 4, projects: ['PAY', 'MOB'], sortBy: 'name' },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.rows.map((r) => r.projectName)).toEqual(['Mobile App', 'Payments']);
    const pay = result.data.rows.find((r) => r.projectKey === 'PAY');
    expect(pay?.throughput).toBe(
      expectedFlow(stack.demo.dataset, 'PAY', { now: NOW, timeZone: result.data.timeZone, weeks: 4 })
        .throughput,
    );
    expect(pay?.weekly).toHaveLength(4);
  });

  it('shows a user only the projects that user may browse in Jira', async () => {
    const asDev = await call<PortfolioHealthView>('reports/portfolioHealth', 'dev@demo.test', {});
    if (!asDev.ok) throw new Error(asDev.error.message);
    expect(asDev.data.rows.map((r) => r.projectKey)).not.toContain('SEC');
    expect(asDev.data.availableProjects.map((p) => p.key)).not.toContain('SEC');
    const anonymous = await call<PortfolioHealthView>('reports/portfolioHealth', null, {});
    expect(anonymous.ok && anonymous.data.rows).toEqual([]);
  });

  it('refuses a bad gadget setting with an error naming the field', async () => {
    const result = await call('reports/portfolioHealth', 'admin@demo.test', { config: { windowWeeks: 5 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('validation');
    expect(!result.ok && result.error.field).toBe('config.windowWeeks');
  });

  it('lets Jira admins and PMO leads start a refresh, and nobody else', async () => {
    const before = await readSnapshot(stack.store);
    const refused = await call<SyncProgress>('sync/start', 'dev@demo.test');
    expect(refused).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message:
          'Only Jira administrators and members of the PMO-lead group (pmo-leads) can start a refresh.',
      },
    });
    expect(stack.syncRequests()).toBe(0);
    const accepted = await call<SyncProgress>('sync/start', 'pmo@demo.test');
    expect(accepted.ok && accepted.data.phase).toBe('queued');
    expect(stack.syncRequests()).toBe(1);
    expect((await readSnapshot(stack.store))?.version).toBe(before?.version);
  });
});
