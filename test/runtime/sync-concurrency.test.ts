/**
 * One sync at a time per site, through the production bundle on the local Forge runtime: triggers fired
 * together (two hourly triggers, the hourly trigger and issue events) lead to one run's work — one
 * publish, no step's Jira requests spent twice, the numbers of a single trigger — while storage throttles
 * the jobs and they retry.
 */
import { Meter, type InvocationRecord } from '../../dev/forge-runtime/meter';
import type { SyncProgress } from '../../src/contract';
import { KEYS, PREFIXES } from '../../src/services/keys';
import { readSnapshot } from '../../src/services/snapshot';
import { queryAll } from '../../src/store/port';
import { demoUser, ok, startRuntimeStack, type RuntimeStack } from './harness';

const NOW = Date.parse('2026-11-16T09:00:00Z');
const SEED = 9;
const ISSUES = 2_500;
// Full syncs over throttled storage: room, never a measure.
jest.setTimeout(240_000);

const consumers = (records: InvocationRecord[]) => records.filter((r) => r.kind === 'consumer');
const pushesOf = (records: InvocationRecord[], kind: InvocationRecord['kind']) =>
  records.filter((r) => r.kind === kind).reduce((n, r) => n + r.queuePushes, 0);

async function numbers(stack: RuntimeStack) {
  const snapshot = await readSnapshot(stack.runtime.kvs.inspector());
  return { itemCount: snapshot?.itemCount, jiraProjects: snapshot?.jiraProjects };
}

/** The snapshot versions in storage, and the pointer. */
async function versions(stack: RuntimeStack) {
  const storage = stack.runtime.kvs.inspector();
  const keys = (await queryAll(storage, PREFIXES.snapshot)).map((e) => e.key as string);
  const stored = new Set(keys.filter((k) => k !== KEYS.snapshot.pointer).map((k) => k.split(':')[1]));
  return { stored, pointer: await storage.get(KEYS.snapshot.pointer) };
}

describe('triggers fired together', () => {
  let reference: { numbers: Awaited<ReturnType<typeof numbers>>; requests: number };
  let stack: RuntimeStack;

  beforeAll(async () => {
    // The same data synced once, by one trigger.
    const single = await startRuntimeStack({ seed: SEED, issues: ISSUES, now: NOW });
    try {
      await single.importSample();
      await single.syncByTrigger();
      reference = {
        numbers: await numbers(single),
        requests: ok(await single.call<SyncProgress>('sync/status', 'pmo@demo.test')).requests,
      };
    } finally {
      await single.close();
    }
    // 80 storage write units every 2 s instead of 4,000 a minute: the jobs are throttled.
    stack = await startRuntimeStack({
      seed: SEED,
      issues: ISSUES,
      now: NOW,
      runtime: { storage: { limits: { writeUnitsPerMinute: 80 }, windowMs: 2_000 } },
    });
    await stack.importSample();
  });
  afterAll(() => stack.close());

  it('two hourly triggers queue one sync: one publish, no request spent twice, the same numbers', async () => {
    const mark = stack.runtime.meter.mark();
    await Promise.all([
      stack.runtime.fireScheduledTrigger('hourly-sync'),
      stack.runtime.fireScheduledTrigger('hourly-sync'),
    ]);
    await stack.runtime.queuesIdle();
    const records = stack.runtime.meter.since(mark);
    expect(pushesOf(records, 'scheduledTrigger')).toBe(1);

    const jobs = consumers(records);
    expect(jobs.map((j) => j.outcome)).toEqual(jobs.map(() => 'ok'));
    // Storage refused some calls, and the jobs waited and retried them (no job failed for it).
    expect(Meter.totals(jobs).kvsThrottled).toBeGreaterThan(0);

    const status = ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));
    expect(status).toMatchObject({ phase: 'idle', error: null, mode: 'full' });
    // Every Jira request the jobs made is the run's, and the run spent what one trigger's run spends.
    expect(Meter.totals(jobs).jiraRequests).toBe(status.requests);
    expect(status.requests).toBe(reference.requests);
    const { stored, pointer } = await versions(stack);
    expect(stored.size).toBe(1);
    expect(pointer?.previous).toBeUndefined();
    expect(await numbers(stack)).toEqual(reference.numbers);
  });

  it('the hourly trigger and issue events after a change lead to one run and one publish', async () => {
    const before = await versions(stack);
    const lead = demoUser('pmo@demo.test').accountId;
    // Jira changes (without telling anyone yet), then its events and the hourly trigger come together.
    const { changed } = stack.demo.mutate({ count: 25, at: NOW + 1_000 });
    const events = changed.slice(0, 10).map((id) => {
      const issue = stack.demo.dataset.issues.find((i) => i.id === id);
      return {
        issue: { id, key: issue?.key, fields: { project: { key: issue?.projectKey } } },
        atlassianId: lead,
      };
    });
    stack.demo.stats.reset();
    const mark = stack.runtime.meter.mark();
    await Promise.all([
      stack.runtime.fireScheduledTrigger('hourly-sync'),
      ...events.map((payload) => stack.runtime.emitEvent('avi:jira:updated:issue', payload)),
    ]);
    await stack.runtime.queuesIdle();
    const records = stack.runtime.meter.since(mark);
    const jobs = consumers(records);
    expect(jobs.map((j) => j.outcome)).toEqual(jobs.map(() => 'ok'));
    // The first of them queued a sync. Events that came after its run had begun (and cleared the mark)
    // set it again and queued one more, which finds what they announced already read: a search for
    // changes, and nothing else.
    const queued = pushesOf(records, 'scheduledTrigger') + pushesOf(records, 'trigger');
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(queued).toBeLessThanOrEqual(2);
    expect(pushesOf(records, 'consumer')).toBe(0);
    expect(jobs).toHaveLength(queued);
    expect(jobs.slice(1).every((j) => j.jiraRequests <= 2)).toBe(true);
    // One step: one bulk changelog request; a step read twice would ask again.
    expect(stack.demo.stats.requests['/rest/api/3/changelog/bulkfetch']).toBe(1);
    const status = ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));
    expect(status).toMatchObject({ phase: 'idle', error: null, mode: 'incremental' });
    // Published once: the version before is the one this publish replaced.
    const after = await versions(stack);
    expect(after.pointer?.version).not.toBe(before.pointer?.version);
    expect(after.pointer?.previous?.version).toBe(before.pointer?.version);
    expect(await stack.runtime.kvs.inspector().get(KEYS.sync.dirty)).toBeUndefined();
  });
});
