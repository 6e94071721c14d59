import { z } from 'zod';
import type { SyncProgress } from '../../contract';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { readMetaChecked, writeMeta } from './meta';
import { readProgress, writeProgress } from './progress';
import type { SyncScope } from './scope';

/**
 * Freshness: Jira tells the app of every issue created, updated or deleted (the `issue-events` trigger in
 * manifest.yml, Forge's `ignoreSelf` filter leaving out what the app did itself). An event for an issue in
 * the synced scope marks the data dirty and queues one incremental sync, debounced: the first event of a
 * burst creates the `sync:dirty` mark (FAIL_IF_EXISTS) and queues the job with a delay; the others find the
 * mark taken and do nothing more. A run clears the mark as it begins, so an event that arrives while a
 * run is under way sets it again and queues one more. The hourly trigger stays as the safety net.
 *
 * Cost per event: one small read (`sync:event-scope`) and, for the first of a burst, one write and one
 * queue push.
 */

/** How long a burst of events has to settle before its sync runs. */
export const DEBOUNCE_SECONDS = 25;
/** The mark outlives any queued job; it is cleared by the run that reads the change, never by its TTL. */
const DIRTY_TTL_SECONDS = 6 * 3_600;
/**
 * A mark no run has cleared for this long lost its job (or the job waits out Jira's rate limit): the
 * hourly trigger queues a sync despite it.
 */
const STALE_MARK_MS = 30 * 60_000;

export const ISSUE_EVENTS = [
  'avi:jira:created:issue',
  'avi:jira:updated:issue',
  'avi:jira:deleted:issue',
] as const;

/** Which Jira projects' events count: null for a scope given as JQL (any project's issue may match it). */
export interface EventScope {
  projects: string[] | null;
  at: number;
}

/** The first event of a burst that found the data clean (or the hourly trigger, `hourly`). */
export interface DirtyMark {
  at: number;
  eventType: string;
  issue: string | null;
}

/** The last deletion (or move to another project) of an issue in scope: the next run reconciles. */
export interface IssuesGone {
  at: number;
}

/**
 * These values are small and rewritten often, so a damaged one is read as what is safest rather than
 * reported: a scope that does not read counts every project, a mark without its time counts as stale
 * (the hourly trigger queues a sync), a deletion without its time makes the next run reconcile.
 */
const SCOPE_SHAPE = z.object({ projects: z.array(z.string()).nullable() });
const AT_SHAPE = z.object({ at: z.number() });
const timeOf = (value: unknown): number | null => {
  const parsed = AT_SHAPE.safeParse(value);
  return parsed.success ? parsed.data.at : null;
};

/** The parts of Forge's issue event payload the app reads; everything else is left alone. */
const EVENT_SHAPE = z.object({
  eventType: z.string(),
  issue: z
    .object({
      id: z.string().optional(),
      key: z.string().optional(),
      fields: z.object({ project: z.object({ key: z.string().optional() }).nullish() }).nullish(),
    })
    .nullish(),
  changelog: z
    .object({
      items: z.array(z.object({ field: z.string().nullish(), fieldId: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

export type IssueEventOutcome =
  /** The first event of a burst: a sync was queued. */
  | 'queued'
  /** The data was already marked dirty: the sync queued for it reads this change too. */
  | 'pending'
  /** The issue is in no project the sync reads. */
  | 'outside'
  /** No sync has finished yet: the first one reads everything anyway. */
  | 'unsynced'
  /** Not an issue event the app reads. */
  | 'ignored';

export interface IssueEventDeps {
  store: Store;
  clock: () => number;
  /** Queues a sync job marked as one for Jira's changes, after a delay. */
  requestSync: (reason: 'dirty', delayInSeconds: number) => Promise<void>;
}

/** Handles one issue event: decides cheaply whether it matters and queues at most one sync per burst. */
export async function noteIssueEvent(deps: IssueEventDeps, payload: unknown): Promise<IssueEventOutcome> {
  const parsed = EVENT_SHAPE.safeParse(payload);
  if (!parsed.success || !(ISSUE_EVENTS as readonly string[]).includes(parsed.data.eventType)) {
    return 'ignored';
  }
  const event = parsed.data;
  const stored = await deps.store.get(KEYS.sync.eventScope);
  if (stored === undefined) return 'unsynced';
  const read = SCOPE_SHAPE.safeParse(stored);
  const scope = read.success ? read.data : { projects: null };
  const key = event.issue?.key ?? null;
  const project = event.issue?.fields?.project?.key ?? (key ? key.split('-')[0] : undefined);
  // A move to another project changes the project the event names: it matters wherever it went.
  const moved = (event.changelog?.items ?? []).some(
    (item) => item.fieldId === 'project' || item.field === 'project',
  );
  const inScope = scope.projects === null || (project !== undefined && scope.projects.includes(project));
  if (!inScope && !moved) return 'outside';
  const now = deps.clock();
  // Issues deleted or moved away never match a search for changes: the next run reconciles instead.
  if (event.eventType === 'avi:jira:deleted:issue' || moved) {
    await deps.store.set(KEYS.sync.gone, { at: now });
  }
  const mark: DirtyMark = { at: now, eventType: event.eventType, issue: key };
  if (!(await deps.store.create(KEYS.sync.dirty, mark, { ttlSeconds: DIRTY_TTL_SECONDS }))) return 'pending';
  await queueForMark(deps.store, () => deps.requestSync('dirty', DEBOUNCE_SECONDS));
  return 'queued';
}

/** Queues the job that carries a mark just made; if that fails, the mark goes, so the next event queues one. */
async function queueForMark(store: Store, push: () => Promise<void>): Promise<void> {
  try {
    await push();
  } catch (error) {
    await store.delete(KEYS.sync.dirty);
    throw error;
  }
}

/**
 * The hourly trigger: queues a sync unless one is already queued for changes no run has begun reading
 * (two triggers fired together, or the trigger and an issue event, queue one job). A mark older than
 * half an hour no longer holds it back: the hourly sync is the safety net. True when a job was queued.
 */
export async function queueHourly(
  deps: Pick<IssueEventDeps, 'store' | 'clock'>,
  push: () => Promise<void>,
): Promise<boolean> {
  const { store, clock } = deps;
  const mark: DirtyMark = { at: clock(), eventType: 'hourly', issue: null };
  if (!(await store.create(KEYS.sync.dirty, mark, { ttlSeconds: DIRTY_TTL_SECONDS }))) {
    const held = await store.get(KEYS.sync.dirty);
    // Gone since: a run has begun, which reads everything up to now.
    if (held === undefined) return false;
    const heldAt = timeOf(held);
    if (heldAt !== null && clock() - heldAt < STALE_MARK_MS) return false;
    await store.set(KEYS.sync.dirty, mark, { ttlSeconds: DIRTY_TTL_SECONDS });
  }
  await queueForMark(store, push);
  return true;
}

/** Whether Jira announced a change no run has begun reading yet. */
export async function isDirty(store: Store): Promise<boolean> {
  return (await store.get(KEYS.sync.dirty)) !== undefined;
}

/**
 * After a job finished a run: whether one more sync must be queued for changes announced meanwhile. A
 * mark set since the job started has its own job waiting (the queue's concurrency key held it back);
 * an older one was set before this job resumed the run, and its job may have been this one or one
 * before it.
 */
export async function needsAnotherRun(store: Store, jobStartedAt: number): Promise<boolean> {
  const mark = await store.get(KEYS.sync.dirty);
  if (mark === undefined) return false;
  const at = timeOf(mark);
  return at === null || at < jobStartedAt;
}

/**
 * A run begins (or a job checks Jira for changes before beginning one): every change Jira announced so far
 * is read by it, so the mark is cleared; an event from now on sets it again. An issue deleted or moved
 * away since the last reconcile makes this run reconcile (its meta forgets the last reconcile).
 */
export async function takeEvents(store: Store): Promise<void> {
  const [, gone] = await Promise.all([store.delete(KEYS.sync.dirty), store.get(KEYS.sync.gone)]);
  if (gone === undefined) return;
  const goneAt = timeOf(gone);
  // Without its time it says only that something went: this run reconciles, and it is dropped.
  if (goneAt === null) await store.delete(KEYS.sync.gone);
  const { meta, damage } = await readMetaChecked(store);
  if (damage || meta.lastReconcileAt === null || (goneAt !== null && meta.lastReconcileAt >= goneAt)) {
    return;
  }
  await writeMeta(store, { ...meta, lastReconcileAt: null });
}

/** After a run: the projects whose issue events count from now on. */
export async function saveEventScope(store: Store, scope: SyncScope, now: number): Promise<void> {
  const projects = scope.kind === 'projects' ? [...scope.keys].sort() : null;
  await store.set(KEYS.sync.eventScope, { projects, at: now });
}

/** The sentence the progress shows while a job waits for Jira's rate limit. */
const WAITING = 'Waiting for Jira’s rate limit until';

const withoutWaiting = (note: string | null | undefined): string | null => {
  const kept = (note ?? '')
    .split(/(?<=\.)\s+/)
    .filter((sentence) => sentence && !sentence.startsWith(WAITING))
    .join(' ');
  return kept || null;
};

const hhmm = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;

/**
 * A job stopped for Jira's rate limit and comes back at `until`: the progress says so ("queued", no
 * error) rather than showing a failure.
 */
export async function noteRateLimitWait(store: Store, until: number): Promise<SyncProgress> {
  const progress = await readProgress(store);
  const note = [withoutWaiting(progress.note), `${WAITING} ${hhmm(until)}; the refresh carries on then.`]
    .filter(Boolean)
    .join(' ');
  const waiting: SyncProgress = { ...progress, phase: 'queued', error: null, finishedAt: null, note };
  await writeProgress(store, waiting);
  return waiting;
}

/** The job that waited carries on: the waiting sentence goes. */
export async function clearRateLimitWait(store: Store): Promise<void> {
  const progress = await readProgress(store);
  if (!progress.note?.includes(WAITING)) return;
  await writeProgress(store, { ...progress, note: withoutWaiting(progress.note) });
}
