/**
 * Jira's rate limits on the local Forge runtime: a sync job whose Retry-After outlasts its invocation
 * saves its run, says in the progress that it waits, re-queues itself with Jira's delay, and finishes
 * later with the numbers a sync Jira never refused gives.
 */
import { Meter } from '../../dev/forge-runtime/meter';
import type { SyncProgress } from '../../src/contract';
import { readSnapshot } from '../../src/services/snapshot';
import { ok, startRuntimeStack, type RuntimeStack } from './harness';

const NOW = Date.parse('2026-11-16T09:00:00Z');
const SEED = 5;
const ISSUES = 3_000;
// Two full syncs and a wait of 20 s: room, never a measure.
jest.setTimeout(240_000);

const status = async (stack: RuntimeStack) =>
  ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));

/** What the gadgets' numbers are made of: every Jira project's flow, and how many items were read. */
async function numbers(stack: RuntimeStack) {
  const snapshot = await readSnapshot(stack.runtime.kvs.inspector());
  return { itemCount: snapshot?.itemCount, jiraProjects: snapshot?.jiraProjects };
}

describe('a sync job Jira rate-limits', () => {
  let expected: Awaited<ReturnType<typeof numbers>>;
  let referenceRequests: Record<string, number>;

  beforeAll(async () => {
    // The same data, synced without a refusal.
    const reference = await startRuntimeStack({ seed: SEED, issues: ISSUES, now: NOW });
    try {
      await reference.importSample();
      reference.demo.stats.reset();
      await reference.syncByTrigger();
      expected = await numbers(reference);
      referenceRequests = { ...reference.demo.stats.requests };
    } finally {
      await reference.close();
    }
  });

  it('saves its run, waits in the queue for as long as Jira asked, and finishes with the same numbers', async () => {
    // A 15 s job cannot sit through Jira's 20 s.
    const stack = await startRuntimeStack({
      seed: SEED,
      issues: ISSUES,
      now: NOW,
      runtime: { timeoutOverrides: { 'sync-consumer': 15 } },
    });
    try {
      await stack.importSample();
      stack.demo.stats.reset();
      // The second bulk changelog request of the run is refused: the first step is done and saved.
      stack.demo.setFaults({
        rate: 1,
        kinds: ['429'],
        retryAfterSeconds: 20,
        rateLimitReason: 'jira-burst-based',
        after: 1,
        paths: ['/rest/api/3/changelog/bulkfetch'],
      });
      const mark = stack.runtime.meter.mark();
      await stack.runtime.fireScheduledTrigger('hourly-sync');

      const started = performance.now();
      let waiting = await status(stack);
      while (!waiting.note?.includes('Waiting for Jira’s rate limit until')) {
        if (performance.now() - started > 60_000) throw new Error('The job never said it waits');
        await new Promise((done) => setTimeout(done, 200));
        waiting = await status(stack);
      }
      // Not an error: the refresh is queued and carries on when Jira said.
      expect(waiting).toMatchObject({ phase: 'queued', error: null });
      expect(waiting.issuesDone).toBeGreaterThan(0);
      expect(waiting.issuesDone).toBeLessThan(waiting.issuesTotal ?? 0);
      expect(stack.runtime.queues.waiting).toBe(1);
      stack.demo.setFaults(null);
      await stack.runtime.queuesIdle();

      const jobs = stack.runtime.meter.since(mark).filter((r) => r.kind === 'consumer');
      expect(jobs.map((j) => j.outcome)).toEqual(jobs.map(() => 'ok'));
      const [limited, resumed] = jobs;
      expect(limited?.queuePushes).toBe(1);
      // The next job came when Jira asked (20 s after the refusal), not before.
      const limitedEnd = (limited?.startedAt ?? 0) + (limited?.durationMs ?? 0);
      expect((resumed?.startedAt ?? 0) - limitedEnd).toBeGreaterThanOrEqual(19_000);

      const done = await status(stack);
      expect(done).toMatchObject({ phase: 'idle', error: null, mode: 'full' });
      expect(done.note ?? '').not.toContain('Waiting for Jira');
      expect(done.issuesDone).toBe(done.issuesTotal);
      expect(Meter.totals(jobs).jiraRequests).toBe(done.requests);
      // The refused request once more, and no step read twice but the one Jira refused (its pages).
      const requests = stack.demo.stats.requests;
      const bulk = '/rest/api/3/changelog/bulkfetch';
      const search = '/rest/api/3/search/jql';
      expect(requests[bulk]).toBe((referenceRequests[bulk] ?? 0) + 1);
      expect(requests[search]).toBeGreaterThanOrEqual(referenceRequests[search] ?? 0);
      expect(requests[search]).toBeLessThanOrEqual((referenceRequests[search] ?? 0) + 10);
      expect(await numbers(stack)).toEqual(expected);
    } finally {
      await stack.close();
    }
  });

  it('pauses on an hourly quota at once, without spending the invocation asleep', async () => {
    const stack = await startRuntimeStack({ seed: SEED, issues: 300, now: NOW });
    try {
      await stack.importSample();
      stack.demo.setFaults({
        rate: 1,
        kinds: ['429'],
        retryAfterSeconds: 1_800,
        rateLimitReason: 'jira-quota-tenant-based',
      });
      const mark = stack.runtime.meter.mark();
      await stack.runtime.fireScheduledTrigger('hourly-sync');
      const started = performance.now();
      while (stack.runtime.meter.since(mark).filter((r) => r.kind === 'consumer').length === 0) {
        if (performance.now() - started > 30_000) throw new Error('No job ran');
        await new Promise((done) => setTimeout(done, 100));
      }
      const [job] = stack.runtime.meter.since(mark).filter((r) => r.kind === 'consumer');
      // Discovery's requests, sent together and each refused once: none is sent again, and the job
      // queued itself for later (at most 15 minutes on).
      expect(job).toMatchObject({ outcome: 'ok', queuePushes: 1 });
      expect(job?.jiraRequests).toBeLessThanOrEqual(4);
      expect(stack.demo.stats.faults['429']).toBe(job?.jiraRequests);
      expect(job?.durationMs).toBeLessThan(10_000);
      expect(stack.runtime.queues.waiting).toBe(1);
      const progress = await status(stack);
      expect(progress).toMatchObject({ phase: 'queued', error: null });
      expect(progress.note).toMatch(/Waiting for Jira’s rate limit until \d\d:\d\d UTC/);
    } finally {
      await stack.close();
    }
  });

  it('lets a resolver answer inside its 25 s with a rate-limit message when Jira asks for longer', async () => {
    const stack = await startRuntimeStack({ seed: SEED, issues: 300, now: NOW });
    try {
      await stack.importSample();
      stack.demo.setFaults({ rate: 1, kinds: ['429'], retryAfterSeconds: 60 });
      const mark = stack.runtime.meter.mark();
      const answer = await stack.call('config/validateJql', 'pmo@demo.test', { jql: 'project = WEB' });
      expect(answer.ok ? null : answer.error.kind).toBe('jira');
      expect(answer.ok ? '' : answer.error.message).toContain('Jira is rate-limiting PMO Wins');
      const [call] = stack.runtime.meter.since(mark);
      // It answered: not stopped at Forge's limit, and Jira was asked once.
      expect(call).toMatchObject({ kind: 'resolver', outcome: 'ok', jiraRequests: 1 });
    } finally {
      await stack.close();
    }
  });
});
