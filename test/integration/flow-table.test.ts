import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FlowData, PortfolioConfigView, SurfaceView, SyncProgress } from '../../src/contract';
import { KEYS } from '../../src/services/keys';
import { readSnapshot } from '../../src/services/snapshot';
import { chunkOps, writeOps } from '../../src/store/chunked';
import { forgetKeptAnswers } from '../builders/kept';
import { expectedFlow } from '../reference/demo-flow';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as unknown;

describe('the delivery-flow gadget’s table per Jira project, through the real resolver over the demo Jira', () => {
  let stack: ResolverStack;
  const call = <T>(functionKey: string, email: string | null, payload?: unknown) =>
    stack.call<T>(functionKey, email, payload);
  const table = async (email: string | null, config: Record<string, unknown>) => {
    const view = ok(await call<SurfaceView<FlowData>>('reports/flow', email, { config }));
    return { view, rows: view.data!.byJiraProject! };
  };

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 7, issues: 500, now: NOW });
    // The sample portfolio spans every Jira project of the demo site, all of each.
    ok(await call<PortfolioConfigView>('config/import', 'pmo@demo.test', { document: SAMPLE }));
    await stack.sync();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('serves, per project, the throughput and P50 cycle time the raw Jira history gives', async () => {
    const { view, rows } = await table('admin@demo.test', { weeks: 12 });
    expect(view.state).toBe('ready');
    expect(rows.map((r) => r.projectKey).sort()).toEqual(
      stack.demo.dataset.projects.map((p) => p.key).sort(),
    );
    for (const row of rows) {
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
      expect(row.weekly).toHaveLength(12);
    }
    // Most items done first.
    const counts = rows.map((r) => r.throughput);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // The data set is busy enough for the numbers to mean something.
    expect(rows.reduce((sum, r) => sum + r.throughput, 0)).toBeGreaterThan(30);
  });

  it('honours the gadget’s window', async () => {
    const { view, rows } = await table('admin@demo.test', { weeks: 4 });
    const pay = rows.find((r) => r.projectKey === 'PAY');
    expect(pay?.throughput).toBe(
      expectedFlow(stack.demo.dataset, 'PAY', { now: NOW, timeZone: view.timeZone, weeks: 4 }).throughput,
    );
    expect(pay?.weekly).toHaveLength(4);
  });

  it('shows a user only the projects that user may browse in Jira', async () => {
    const asDev = await table('dev@demo.test', {});
    expect(asDev.rows.map((r) => r.projectKey)).not.toContain('SEC');
    expect(asDev.rows.length).toBeGreaterThan(0);
    // Nobody signed in: no data at all.
    expect(await call('reports/flow', null, { config: {} })).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Sign in to Jira to see PMO Wins.' },
    });
  });

  it('refuses a bad gadget setting with an error naming the field', async () => {
    const result = await call('reports/flow', 'admin@demo.test', { config: { weeks: 5 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('validation');
    expect(!result.ok && result.error.field).toBe('config.weeks');
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

  it('shows no table, rather than failing, for a snapshot published before the table was part of it', async () => {
    const snapshot = (await readSnapshot(stack.store))!;
    const { jiraProjects: _dropped, ...older } = snapshot;
    await writeOps(stack.store, chunkOps(KEYS.snapshot.core(snapshot.version), older as typeof snapshot));
    await forgetKeptAnswers(stack.store);
    try {
      const { view, rows } = await table('admin@demo.test', { weeks: 12 });
      expect(view.state).toBe('ready');
      expect(rows).toEqual([]);
    } finally {
      await writeOps(stack.store, chunkOps(KEYS.snapshot.core(snapshot.version), snapshot));
      await forgetKeptAnswers(stack.store);
    }
  });
});
