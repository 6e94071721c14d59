/** Jira's issue events and the dirty mark (src/services/sync/events.ts), over the memory store. */
import { KEYS } from '../../src/services/keys';
import {
  DEBOUNCE_SECONDS,
  isDirty,
  needsAnotherRun,
  noteIssueEvent,
  noteRateLimitWait,
  clearRateLimitWait,
  queueHourly,
  saveEventScope,
  takeEvents,
} from '../../src/services/sync/events';
import { readMeta, writeMeta } from '../../src/services/sync/meta';
import { readProgress } from '../../src/services/sync/progress';
import { MemoryStore } from '../../src/store/memory';
import type { Key } from '../../src/store/port';

const T0 = Date.parse('2026-11-16T09:00:00Z');

function setup() {
  const store = new MemoryStore();
  let now = T0;
  const queued: Array<{ reason: string; delay?: number }> = [];
  const deps = {
    store,
    clock: () => now,
    requestSync: async (reason: 'dirty', delay: number) => void queued.push({ reason, delay }),
  };
  return { store, deps, queued, advance: (ms: number) => (now += ms), now: () => now };
}

const updated = (key: string, extra: Record<string, unknown> = {}) => ({
  eventType: 'avi:jira:updated:issue',
  issue: { id: '1', key, fields: { project: { key: key.split('-')[0] } } },
  atlassianId: 'someone',
  ...extra,
});

describe('issue events', () => {
  it('leave everything to the first sync until one has finished', async () => {
    const { deps, queued } = setup();
    expect(await noteIssueEvent(deps, updated('PAY-1'))).toBe('unsynced');
    expect(queued).toEqual([]);
  });

  it('queue one debounced sync for a burst in the synced projects, and none for others', async () => {
    const { store, deps, queued } = setup();
    await saveEventScope(store, { kind: 'projects', keys: ['PAY', 'MOB'] }, T0);
    expect(await noteIssueEvent(deps, updated('SEC-1'))).toBe('outside');
    const outcomes = [];
    for (let i = 1; i <= 20; i++) outcomes.push(await noteIssueEvent(deps, updated(`PAY-${i}`)));
    expect(outcomes[0]).toBe('queued');
    expect(outcomes.slice(1).every((o) => o === 'pending')).toBe(true);
    expect(queued).toEqual([{ reason: 'dirty', delay: DEBOUNCE_SECONDS }]);
    expect(await isDirty(store)).toBe(true);
    expect(await noteIssueEvent(deps, { eventType: 'avi:jira:viewed:issue' })).toBe('ignored');
  });

  it('count every project for a scope given as JQL, and a move out of the synced projects', async () => {
    const { store, deps, queued } = setup();
    await saveEventScope(store, { kind: 'jql', jql: 'labels = okr' }, T0);
    expect(await noteIssueEvent(deps, updated('OPS-3'))).toBe('queued');
    await takeEvents(store);
    await saveEventScope(store, { kind: 'projects', keys: ['PAY'] }, T0);
    const moved = updated('SEC-9', { changelog: { items: [{ field: 'project', fieldId: 'project' }] } });
    expect(await noteIssueEvent(deps, moved)).toBe('queued');
    expect(queued).toHaveLength(2);
    expect(await store.get(KEYS.sync.gone)).toEqual({ at: T0 });
  });

  it('take the mark back when the sync cannot be queued', async () => {
    const { store, deps } = setup();
    await saveEventScope(store, { kind: 'projects', keys: ['PAY'] }, T0);
    const failing = {
      ...deps,
      requestSync: async () => {
        throw new Error('queue refused');
      },
    };
    await expect(noteIssueEvent(failing, updated('PAY-1'))).rejects.toThrow('queue refused');
    expect(await isDirty(store)).toBe(false);
  });

  it('a run that begins clears the mark, and reconciles after a deletion since the last reconcile', async () => {
    const { store, deps, advance } = setup();
    await saveEventScope(store, { kind: 'projects', keys: ['PAY'] }, T0);
    await writeMeta(store, { ...(await readMeta(store)), watermark: T0, lastReconcileAt: T0 });
    advance(60_000);
    const deleted = { ...updated('PAY-2'), eventType: 'avi:jira:deleted:issue' };
    expect(await noteIssueEvent(deps, deleted)).toBe('queued');
    await takeEvents(store);
    expect(await isDirty(store)).toBe(false);
    expect((await readMeta(store)).lastReconcileAt).toBeNull();

    // Reconciled since: the deletion asks nothing more.
    await writeMeta(store, { ...(await readMeta(store)), lastReconcileAt: T0 + 120_000 });
    await takeEvents(store);
    expect((await readMeta(store)).lastReconcileAt).toBe(T0 + 120_000);
  });

  it('a run that ends with the mark set queues one more only when no job waits for that mark', async () => {
    const { store, deps, advance, now } = setup();
    await saveEventScope(store, { kind: 'projects', keys: ['PAY'] }, T0);
    const jobStart = now();
    advance(1_000);
    await noteIssueEvent(deps, updated('PAY-1'));
    // Set while this job ran: its own job waits behind this one.
    expect(await needsAnotherRun(store, jobStart)).toBe(false);
    // Set before this job began: this job resumed the run and may have been that job.
    expect(await needsAnotherRun(store, now() + 1)).toBe(true);
    await takeEvents(store);
    expect(await needsAnotherRun(store, now() + 1)).toBe(false);
  });
});

describe('the hourly trigger', () => {
  it('queues one sync when fired twice, none while a sync is queued, one again once the mark is stale', async () => {
    const { store, deps, advance } = setup();
    const pushes: string[] = [];
    const push = async () => void pushes.push('hourly');
    expect(await queueHourly(deps, push)).toBe(true);
    expect(await queueHourly(deps, push)).toBe(false);
    advance(10 * 60_000);
    expect(await queueHourly(deps, push)).toBe(false);
    // Nobody cleared it for over half an hour: its job was lost, and the safety net queues another.
    advance(25 * 60_000);
    expect(await queueHourly(deps, push)).toBe(true);
    expect(pushes).toHaveLength(2);
    // A run began and cleared the mark: the next hour's trigger queues a sync again.
    await takeEvents(store);
    expect(await queueHourly(deps, push)).toBe(true);
  });

  it('reads damaged marks and scopes as what is safest', async () => {
    const { store, deps } = setup();
    const raw = (key: string) => key as Key<unknown>;
    await store.set(raw('sync:dirty'), { when: 'yesterday' });
    const pushes: string[] = [];
    expect(await queueHourly(deps, async () => void pushes.push('x'))).toBe(true);
    await takeEvents(store);
    await store.set(raw('sync:event-scope'), { projects: 'PAY' });
    expect(await noteIssueEvent(deps, updated('OPS-1'))).toBe('queued');
  });
});

describe('waiting for Jira’s rate limit', () => {
  it('shows as queued with a sentence, not an error, and the sentence goes when the job carries on', async () => {
    const { store } = setup();
    const waiting = await noteRateLimitWait(store, Date.parse('2026-11-16T10:05:30Z'));
    expect(waiting).toMatchObject({ phase: 'queued', error: null });
    expect(waiting.note).toBe('Waiting for Jira’s rate limit until 10:05 UTC; the refresh carries on then.');
    await clearRateLimitWait(store);
    expect((await readProgress(store)).note).toBeNull();
  });
});
