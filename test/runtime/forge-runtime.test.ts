/**
 * The production bundle (`npm run build:forge`) on the local Forge runtime, invoked as Forge invokes it:
 * sync jobs through the queue with a short deadline, resolvers as two users, the platform's limits.
 */
import { Meter } from '../../dev/forge-runtime/meter';
import type { SyncProgress, SurfaceView, WinsPageData } from '../../src/contract';
import { readSnapshot } from '../../src/services/snapshot';
import { ok, startRuntimeStack, type RuntimeStack } from './harness';

const NOW = Date.parse('2026-11-16T09:00:00Z');

// Whole syncs run inside these tests (the storage-throttling one waits for units on purpose).
jest.setTimeout(120_000);

const consumerRuns = (stack: RuntimeStack, since: number) =>
  stack.runtime.meter.since(since).filter((r) => r.kind === 'consumer');

describe('sync jobs through the queue', () => {
  let stack: RuntimeStack;
  beforeAll(async () => {
    // A 3 s consumer stops taking steps after 1 s: six steps of 1,000 issues take more than one job.
    stack = await startRuntimeStack({
      seed: 7,
      issues: 6_000,
      now: NOW,
      runtime: { timeoutOverrides: { 'sync-consumer': 3 } },
    });
    await stack.importSample();
  });
  afterAll(() => stack.close());

  it('runs a full sync as several queue jobs, each inside its deadline, and publishes a snapshot', async () => {
    const mark = stack.runtime.meter.mark();
    await stack.syncByTrigger();
    const jobs = consumerRuns(stack, mark);
    expect(jobs.length).toBeGreaterThanOrEqual(2);
    expect(jobs.map((j) => j.outcome)).toEqual(jobs.map(() => 'ok'));
    // Every job but the last queued the next one.
    expect(jobs.slice(0, -1).every((j) => j.queuePushes === 1)).toBe(true);
    expect(jobs.at(-1)?.queuePushes).toBe(0);

    const status = ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));
    expect(status).toMatchObject({ mode: 'full', error: null, phase: 'idle' });
    expect(status.issuesDone).toBe(status.issuesTotal);
    expect(status.issuesDone).toBeGreaterThan(1_000);
    expect(await readSnapshot(stack.runtime.kvs.inspector())).toBeDefined();
    // The Jira requests of the run are those the jobs made, as the app counted them.
    expect(Meter.totals(jobs).jiraRequests).toBe(status.requests);
  });

  it('then reads only what changed, in an incremental sync', async () => {
    const { changed } = stack.demo.mutate({ count: 30, at: NOW + 5 * 60_000 });
    const mark = stack.runtime.meter.mark();
    await stack.syncByTrigger();
    const jobs = consumerRuns(stack, mark);
    const status = ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));
    expect(status).toMatchObject({ mode: 'incremental', error: null });
    expect(status.issuesDone).toBeGreaterThanOrEqual(changed.length);
    expect(status.issuesDone).toBeLessThan(200);
    expect(jobs.every((j) => j.outcome === 'ok')).toBe(true);
    expect(Meter.totals(jobs).jiraRequests).toBeLessThan(20);
  });
});

describe('resolvers and the platform limits', () => {
  let stack: RuntimeStack;
  beforeAll(async () => {
    stack = await startRuntimeStack({ seed: 42, issues: 800, now: NOW });
    await stack.importSample();
    await stack.syncByTrigger();
  });
  afterAll(() => stack.close());

  it('answers each user with what that user may see, asking Jira as that user', async () => {
    const snapshot = await readSnapshot(stack.runtime.kvs.inspector());
    const quarters = snapshot?.metrics.portfolio.quarters.map((q) => q.label) ?? [];
    expect(quarters.length).toBeGreaterThan(1);
    const epicKeys = async (email: string) => {
      const text: string[] = [];
      for (const quarter of quarters) {
        const page = ok(
          await stack.call<SurfaceView<WinsPageData>>(
            'reports/winsPage',
            email,
            { quarter },
            'pmo-wins-page',
          ),
        );
        text.push(...(page.data?.wins ?? []).map((w) => `${w.title} ${w.evidence}`));
      }
      return text.join(' ');
    };
    expect(await epicKeys('pmo@demo.test')).toMatch(/SEC-\d+/);
    expect(await epicKeys('dev@demo.test')).not.toMatch(/SEC-\d+/);

    // Only PMO leads and admins may start a refresh; Jira says who is in which group.
    const refused = await stack.call<SyncProgress>('sync/start', 'dev@demo.test');
    expect(refused.ok ? null : refused.error.kind).toBe('forbidden');
    const records = stack.runtime.meter.records.filter((r) => r.detail === 'sync/start');
    expect(records.at(-1)).toMatchObject({ accountId: expect.any(String), outcome: 'ok' });
    expect(records.at(-1)?.jiraRequests).toBeGreaterThan(0);
  });

  it('meters every invocation with the caller it ran for, and gives a call without a principal nothing', async () => {
    const before = stack.runtime.meter.mark();
    const answer = await stack.call('sync/status', null);
    expect(answer).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Sign in to Jira to see PMO Wins.' },
    });
    await stack.call('sync/status', 'dev@demo.test');
    const [anonymous, known] = stack.runtime.meter.since(before);
    expect(anonymous).toMatchObject({
      kind: 'resolver',
      functionKey: 'resolver',
      accountId: null,
      outcome: 'ok',
    });
    expect(anonymous?.kvsRequests).toBe(0);
    expect(known).toMatchObject({ accountId: expect.any(String), outcome: 'ok' });
    expect(known?.kvsReadUnits).toBeGreaterThan(0);
    expect(known?.peakHeapMB).toBeGreaterThan(0);
  });

  it('refuses a request payload over 500 KB before invoking anything', async () => {
    const before = stack.runtime.meter.mark();
    await expect(
      stack.call('config/validateJql', 'pmo@demo.test', { jql: 'x'.repeat(600 * 1024) }),
    ).rejects.toThrow(/over Forge's 512000-byte limit/);
    expect(stack.runtime.meter.since(before)).toHaveLength(0);
  });
});

describe('a resolver whose Jira is slower than its time', () => {
  let stack: RuntimeStack;
  beforeAll(async () => {
    stack = await startRuntimeStack({
      seed: 42,
      issues: 300,
      now: NOW,
      runtime: { timeoutOverrides: { resolver: 6 } },
    });
  });
  afterAll(() => stack.close());

  // The runtime stopping a function at its limit is sandbox.test.ts's; the app's calls to Jira fit in
  // what is left of the invocation, so a resolver answers before it.
  it('answers inside its limit with what Jira failed to do, and the next call is served', async () => {
    stack.demo.setFaults({ rate: 1, kinds: ['slow'], slowMs: 10_000 });
    const mark = stack.runtime.meter.mark();
    const answer = await stack.call('config/validateJql', 'pmo@demo.test', { jql: 'project = WEB' });
    expect(answer.ok ? null : answer.error.kind).toBe('jira');
    expect(stack.runtime.meter.since(mark)).toEqual([expect.objectContaining({ outcome: 'ok' })]);
    stack.demo.setFaults(null);
    const status = await stack.call<SyncProgress>('sync/status', 'pmo@demo.test');
    expect(status.ok).toBe(true);
  });
});

describe('storage throttling', () => {
  let stack: RuntimeStack;
  beforeAll(async () => {
    // 80 write units every 2 s instead of 4,000 a minute: a full sync spends about 120 (its largest
    // request, a transaction of item-cache chunks, about 50).
    stack = await startRuntimeStack({
      seed: 42,
      issues: 800,
      now: NOW,
      runtime: { storage: { limits: { writeUnitsPerMinute: 80 }, windowMs: 2_000 } },
    });
    await stack.importSample();
  });
  afterAll(() => stack.close());

  it('is survived: the sync waits for storage units and publishes', async () => {
    const mark = stack.runtime.meter.mark();
    await stack.syncByTrigger();
    const jobs = consumerRuns(stack, mark);
    expect(Meter.totals(jobs).kvsThrottled).toBeGreaterThan(0);
    // Survived inside the jobs (the storage calls waited), not by the queue delivering a failed job again.
    expect(jobs.map((j) => j.outcome)).toEqual(jobs.map(() => 'ok'));
    const status = ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));
    expect(status).toMatchObject({ phase: 'idle', error: null });
    expect(status.lastSuccessAt).not.toBeNull();
    expect(await readSnapshot(stack.runtime.kvs.inspector())).toBeDefined();
  });
});
