/**
 * Freshness on the local Forge runtime: the demo Jira sends its issue events to the runtime, which
 * delivers them to the app's `issue-events` trigger as Forge does (leaving out what the app caused
 * itself). A change in Jira reaches the gadgets through one debounced incremental sync; the seconds it
 * takes are measured and logged, never asserted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DemoIssueEvent } from '../../dev/demo-jira';
import type { InvocationRecord } from '../../dev/forge-runtime/meter';
import type { FlowData, SurfaceView, SyncProgress } from '../../src/contract';
import { KEYS } from '../../src/services/keys';
import { readSnapshot } from '../../src/services/snapshot';
import { demoUser, ok, ROOT, startRuntimeStack, type RuntimeStack } from './harness';

const NOW = Date.parse('2026-11-16T09:00:00Z');
// Each test waits out the debounce (25 s) and a sync: room, never a measure.
jest.setTimeout(180_000);

/** The sample portfolio read from four Jira projects (SEC is left out), so the sync's scope is projects. */
function projectScopedPortfolio(): unknown {
  const document = JSON.parse(readFileSync(resolve(ROOT, 'dev/demo-jira/sample-portfolio.json'), 'utf8')) as {
    settings: { portfolioProjects: string[] };
    projects: Array<{ scope: { epicKeys: string[]; projectKeys: string[]; jql: string | null } }>;
  };
  const read = ['DATA', 'MOB', 'PAY', 'WEB'];
  document.settings.portfolioProjects = read;
  for (const project of document.projects) {
    const named = read.find(
      (key) => project.scope.jql?.includes(key) || project.scope.projectKeys.includes(key),
    );
    project.scope = { epicKeys: [], projectKeys: [named ?? 'DATA'], jql: null };
  }
  return document;
}

const triggerRuns = (records: InvocationRecord[]) => records.filter((r) => r.kind === 'trigger');
const consumerRuns = (records: InvocationRecord[]) => records.filter((r) => r.kind === 'consumer');
const pushes = (records: InvocationRecord[]) => records.reduce((n, r) => n + r.queuePushes, 0);

describe('issue events keep the gadgets fresh', () => {
  let stack: RuntimeStack;
  let clockOffset: number;
  /** The app's clock (the runtime starts it at NOW). */
  const appNow = () => Date.now() + clockOffset;
  const events: DemoIssueEvent[] = [];

  const flow = async () =>
    ok(
      await stack.call<SurfaceView<FlowData>>(
        'reports/flow',
        'pmo@demo.test',
        { config: {} },
        'delivery-flow-gadget',
      ),
    );
  /** What the flow gadget shows: its numbers, not when they were computed. */
  const shown = (view: SurfaceView<FlowData>) => JSON.stringify(view.data);
  const status = async () => ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test'));

  /** An issue event as Jira sends it, for an issue of `project`, caused by `accountId`. */
  const issueEvent = (eventType: string, key: string, accountId: string) => ({
    issue: {
      id: String(900_000 + Number(key.split('-')[1])),
      key,
      fields: { project: { key: key.split('-')[0] } },
    },
    atlassianId: accountId,
    associatedUsers: [{ accountId }],
    eventType,
  });

  beforeAll(async () => {
    clockOffset = NOW - Date.now();
    stack = await startRuntimeStack({ seed: 42, issues: 800, now: NOW });
    ok(await stack.call('config/import', 'pmo@demo.test', { document: projectScopedPortfolio() }));
    await stack.syncByTrigger();
    const deliver = stack.runtime.jiraEventSink();
    stack.demo.setEventSink((event) => {
      events.push(event);
      deliver(event);
    });
  });
  afterAll(() => stack.close());

  it('shows a change made in Jira once the one sync its events queued has run', async () => {
    const before = await flow();
    expect(before.state).toBe('ready');
    const mark = stack.runtime.meter.mark();
    events.length = 0;
    const { changed, moved } = stack.demo.mutate({ count: 30, at: appNow() - 1_000 });
    const changedAt = performance.now();

    // The gadget, asked every second until it shows the change.
    let after = before;
    while (shown(after) === shown(before)) {
      if (performance.now() - changedAt > 150_000) throw new Error('The change did not reach the gadget');
      await new Promise((done) => setTimeout(done, 1_000));
      after = await flow();
    }
    const seconds = (performance.now() - changedAt) / 1000;
    console.log(`freshness: ${seconds.toFixed(1)} s from a Jira change to the updated gadget`);
    expect(after.generatedAt).toBeGreaterThan(before.generatedAt ?? 0);

    await stack.runtime.queuesIdle();
    const records = stack.runtime.meter.since(mark);
    // Every event reached the trigger; the burst queued one sync, which ran once.
    expect(events).toHaveLength(changed.length + moved.length);
    expect(triggerRuns(records)).toHaveLength(events.length);
    expect(pushes(triggerRuns(records))).toBe(1);
    expect(consumerRuns(records)).toHaveLength(1);
    const progress = await status();
    expect(progress).toMatchObject({ phase: 'idle', mode: 'incremental', error: null });
    expect(progress.issuesDone).toBeGreaterThan(0);
    expect(progress.issuesDone).toBeLessThanOrEqual(changed.length + moved.length);

    // The hourly safety net finds nothing more to show.
    await stack.syncByTrigger();
    expect(shown(await flow())).toBe(shown(after));
  });

  it('queues one sync for a burst of 20 events', async () => {
    const lead = demoUser('pmo@demo.test').accountId;
    const mark = stack.runtime.meter.mark();
    const keys = Array.from({ length: 20 }, (_, i) => `${['PAY', 'MOB', 'WEB', 'DATA'][i % 4]}-${i + 1}`);
    const invoked = await Promise.all(
      keys.map((key) =>
        stack.runtime.emitEvent('avi:jira:updated:issue', issueEvent('avi:jira:updated:issue', key, lead)),
      ),
    );
    expect(invoked).toEqual(keys.map(() => 1));
    const triggers = triggerRuns(stack.runtime.meter.since(mark));
    expect(triggers).toHaveLength(20);
    expect(triggers.every((r) => r.outcome === 'ok')).toBe(true);
    expect(pushes(triggers)).toBe(1);
    // Each event cost one small read; the first of the burst one write more.
    expect(triggers.every((r) => r.kvsReadUnits <= 2 && r.kvsWriteUnits <= 1)).toBe(true);
    expect(stack.runtime.queues.waiting).toBe(1);
    await stack.runtime.queuesIdle();
    expect(consumerRuns(stack.runtime.meter.since(mark))).toHaveLength(1);
  });

  it('queues nothing for an issue outside the synced projects, nor for what the app did itself', async () => {
    const lead = demoUser('pmo@demo.test').accountId;
    const app = demoUser('app@demo.test').accountId;
    const mark = stack.runtime.meter.mark();
    // SEC is not read: the trigger runs, and queues nothing.
    expect(
      await stack.runtime.emitEvent(
        'avi:jira:created:issue',
        issueEvent('avi:jira:created:issue', 'SEC-4', lead),
      ),
    ).toBe(1);
    // The app's own change never reaches the trigger (ignoreSelf).
    expect(
      await stack.runtime.emitEvent(
        'avi:jira:updated:issue',
        issueEvent('avi:jira:updated:issue', 'PAY-7', app),
      ),
    ).toBe(0);
    const records = stack.runtime.meter.since(mark);
    expect(triggerRuns(records)).toHaveLength(1);
    expect(pushes(records)).toBe(0);
    expect(stack.runtime.queues.waiting).toBe(0);
  });

  it('picks up an event that arrives while a sync runs with one more sync', async () => {
    // Searches answer slowly, so the refresh a PMO lead started is still searching when Jira changes.
    stack.demo.setFaults({ rate: 1, kinds: ['slow'], slowMs: 2_500, paths: ['/rest/api/3/search/jql'] });
    const mark = stack.runtime.meter.mark();
    const before = shown(await flow());
    ok(await stack.call<SyncProgress>('sync/start', 'pmo@demo.test'));
    const started = performance.now();
    while (['idle', 'queued', 'discovering'].includes((await status()).phase)) {
      if (performance.now() - started > 30_000) throw new Error('The refresh did not start searching');
      await new Promise((done) => setTimeout(done, 100));
    }
    events.length = 0;
    const { changed } = stack.demo.mutate({ count: 20, at: appNow() - 500 });
    stack.demo.setFaults(null);
    await stack.runtime.queuesIdle();

    const records = stack.runtime.meter.since(mark);
    expect(changed.length).toBeGreaterThan(0);
    // The events found the run under way (it had cleared the mark as it began): the first set it again
    // and queued a sync.
    expect(pushes(triggerRuns(records))).toBe(1);
    // The refresh's job ended with the mark set, and the events' job waiting: it queued nothing more.
    // That job reads what the run under way may have missed, and clears the mark.
    const jobs = consumerRuns(records);
    expect(jobs).toHaveLength(2);
    expect(jobs.every((r) => r.outcome === 'ok')).toBe(true);
    expect(jobs[0]?.queuePushes).toBe(0);
    expect(shown(await flow())).not.toBe(before);
    expect(await status()).toMatchObject({ phase: 'idle', mode: 'incremental', error: null });
    // Nothing is left marked: the last run read every change.
    expect(await stack.runtime.kvs.inspector().get(KEYS.sync.dirty)).toBeUndefined();
  });

  it('drops a deleted issue from the numbers, through a reconcile the event asked for', async () => {
    const before = await readSnapshot(stack.runtime.kvs.inspector());
    events.length = 0;
    const { deleted } = stack.demo.mutate({ count: 0, deletes: 4, at: appNow() - 500 });
    await stack.runtime.queuesIdle();
    const counted = events.filter((e) => {
      const fields = e.payload.issue.fields as { project: { key: string }; issuetype: { subtask: boolean } };
      return (
        e.eventType === 'avi:jira:deleted:issue' && fields.project.key !== 'SEC' && !fields.issuetype.subtask
      );
    });
    expect(events).toHaveLength(deleted.length);
    const after = await readSnapshot(stack.runtime.kvs.inspector());
    if (counted.length === 0) {
      // None of them was read by the sync: nothing to drop (and no sync was needed).
      expect(after?.version).toBe(before?.version);
      return;
    }
    expect(after?.itemCount).toBe((before?.itemCount ?? 0) - counted.length);
  });
});
