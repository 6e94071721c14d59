import type { SyncMode, SyncProgress } from '../../contract';
import type { WorkItem } from '../../domain/work-item';
import {
  approximateCount,
  changelogFields,
  fetchChangelogs,
  JiraError,
  normalizeIssue,
  searchFields,
  searchIdPage,
  searchPage,
  statusCategories,
  type JiraClient,
  type JiraIssue,
} from '../../jira';
import type { JiraChangeHistory } from '../../jira/schemas';
import { chunkOps, deleteChunkedOps, readChunked, writeOps } from '../../store/chunked';
import type { Store, StoreOp } from '../../store/port';
import { loadSettings, type Settings } from '../settings';
import { publishSnapshot, recordHistory } from '../snapshot';
import { projectsOf, saveJqlMatches, snapshotFrom } from '../metrics';
import { resolveJqlMatches } from './membership';
import { applyConfirmedFields, discover, DISCOVERY_MAX_AGE_MS, type Discovery } from './discovery';
import {
  baseChunkOps,
  CACHE_POINTER,
  deltaChunkOps,
  dropChunks,
  dropGeneration,
  ITEMS_PER_CHUNK,
  loadItems,
  readPointer,
  writeGeneration,
  type CachePointer,
} from './item-cache';
import { readProgress, writeProgress } from './progress';
import { changedSinceJql, fullJql, portfolioScope, scopeJql, scopeKey, type SyncScope } from './scope';
import { ConfigService } from '../config/service';

/**
 * The sync as a resumable run. A run is cut into steps of bounded work (about 1,000 issues: ten search
 * pages and one bulk changelog request), and its cursor is saved after every step, so a queue job can
 * stop at any step boundary and the next job carries on. Jira is asked only for what changed since the
 * last run, except the first run (or after the scope or fields change), which reads everything.
 */
export interface SyncDeps {
  store: Store;
  /** A client acting as the app. */
  jira: JiraClient;
  clock: () => number;
  /** Overrides the portfolio from the settings (the command line's --jql). */
  scope?: SyncScope;
  /** Read everything even if an incremental run would do. */
  forceFull?: boolean;
  /** Told of every progress change (the command line's progress bar). */
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncRun {
  id: string;
  mode: SyncMode;
  startedAt: number;
  scope: SyncScope;
  scopeKey: string;
  jql: string;
  phase: 'search' | 'reconcile' | 'compute';
  searchToken: string | null;
  /** The generation this run writes: a new one for a full run, the current one for an incremental run. */
  gen: number;
  /** Chunks written so far: base chunks (full) or delta chunks after the pointer's (incremental). */
  chunks: number;
  /** The pointer's delta count when an incremental run started. */
  deltaStart: number;
  seen: number;
  total: number | null;
  reconcile: boolean;
  reconcileToken: string | null;
  liveChunks: number;
  discovery: Discovery;
  /** Jira requests and retries this run has spent, over all its jobs. */
  requests: number;
  retries: number;
}

/** Kept between runs. */
export interface SyncMeta {
  watermark: number | null;
  scopeKey: string | null;
  lastReconcileAt: number | null;
  discovery: Discovery | null;
}

export const RUN_KEY = 'sync:run';
export const META_KEY = 'sync:meta';
const liveKey = (n: number) => `sync:live:${n}`;

/** Minutes of overlap added to every incremental window, against clock skew and Jira's index lag. */
export const OVERLAP_MINUTES = 10;
/** A run not finished within this is abandoned and started again. */
const RUN_MAX_AGE_MS = 24 * 3_600_000;
const RECONCILE_PAGES_PER_STEP = 20;

const EMPTY_META: SyncMeta = { watermark: null, scopeKey: null, lastReconcileAt: null, discovery: null };

export async function readMeta(store: Store): Promise<SyncMeta> {
  return { ...EMPTY_META, ...(await store.get<SyncMeta & Record<string, unknown>>(META_KEY)) };
}

/** The run's scope: the command line's, else the PMO model's, else every project the app can see. */
async function scopeOf(deps: SyncDeps, settings: Settings, discovery: Discovery): Promise<SyncScope> {
  if (deps.scope) return deps.scope;
  const portfolio = await new ConfigService(deps.store, deps.clock).load();
  const visible = new Set(discovery.projects.map((p) => p.key));
  const configured = portfolioScope(
    settings.portfolioProjects.filter((k) => visible.has(k)),
    portfolio.projects,
  );
  return configured ?? { kind: 'projects', keys: discovery.projects.map((p) => p.key) };
}

/** Starts a run: discovery (reused for a day), then full or incremental. */
export async function beginRun(deps: SyncDeps, settings: Settings): Promise<SyncRun> {
  const { store, jira, clock } = deps;
  const startedAt = clock();
  const [meta, pointer] = await Promise.all([readMeta(store), readPointer(store)]);
  const fresh =
    meta.discovery && startedAt - meta.discovery.at < DISCOVERY_MAX_AGE_MS ? meta.discovery : null;
  const discovery = fresh
    ? { ...fresh, fieldMap: applyConfirmedFields(fresh.discovered, settings.fields) }
    : await discover(jira, settings, startedAt);
  const scope = await scopeOf(deps, settings, discovery);
  const key = scopeKey(scope, searchFields(discovery.fieldMap));
  const incremental =
    !deps.forceFull && pointer !== undefined && meta.watermark !== null && meta.scopeKey === key;
  const base = {
    id: `r${startedAt}`,
    startedAt,
    scope,
    scopeKey: key,
    phase: 'search' as const,
    searchToken: null,
    chunks: 0,
    seen: 0,
    reconcileToken: null,
    liveChunks: 0,
    discovery,
    requests: 0,
    retries: 0,
  };
  if (incremental && pointer && meta.watermark !== null) {
    return {
      ...base,
      mode: 'incremental',
      jql: changedSinceJql(scope, (startedAt - meta.watermark) / 60_000 + OVERLAP_MINUTES),
      gen: pointer.gen,
      deltaStart: pointer.delta,
      total: null,
      reconcile:
        meta.lastReconcileAt === null ||
        startedAt - meta.lastReconcileAt >= settings.reconcileHours * 3_600_000,
    };
  }
  return {
    ...base,
    mode: 'full',
    jql: fullJql(scope),
    gen: (pointer?.gen ?? 0) + 1,
    deltaStart: 0,
    total: await approximateCount(jira, scopeJql(scope)),
    reconcile: false,
  };
}

/** Statuses named in a batch that the discovered map does not know (a status added since discovery). */
function unknownStatuses(
  issues: JiraIssue[],
  histories: Map<string, JiraChangeHistory[]>,
  known: Record<string, string>,
) {
  const ids = new Set<string>();
  for (const issue of issues) {
    ids.add(issue.fields.status.id);
    for (const h of histories.get(issue.id) ?? []) {
      for (const item of h.items) {
        if (item.fieldId === 'status' || item.field === 'status') {
          if (item.from) ids.add(item.from);
          if (item.to) ids.add(item.to);
        }
      }
    }
  }
  return [...ids].filter((id) => !(id in known));
}

/** One search step: up to ~1,000 issues with their histories, normalized and written as one chunk. */
async function searchStep(deps: SyncDeps, run: SyncRun): Promise<SyncRun> {
  const { jira, store } = deps;
  const fields = searchFields(run.discovery.fieldMap);
  const issues: JiraIssue[] = [];
  let token = run.searchToken;
  let pageSize = 0;
  // Pages until one more would pass the 1,000 issues a bulk changelog request takes.
  do {
    const page = await searchPage(jira, run.jql, fields, token);
    issues.push(...page.issues);
    pageSize = Math.max(pageSize, page.issues.length);
    token = page.nextPageToken;
  } while (token && pageSize > 0 && issues.length + pageSize <= ITEMS_PER_CHUNK);

  let discovery = run.discovery;
  let items: WorkItem[] = [];
  if (issues.length > 0) {
    const histories = await fetchChangelogs(
      jira,
      issues.map((i) => i.id),
      changelogFields(discovery.fieldMap),
    );
    if (unknownStatuses(issues, histories, discovery.categories).length > 0) {
      discovery = { ...discovery, categories: Object.fromEntries(await statusCategories(jira)) };
    }
    const categories = new Map(Object.entries(discovery.categories));
    items = issues.map((issue) =>
      normalizeIssue(issue, histories.get(issue.id) ?? [], discovery.fieldMap, categories),
    );
    const ops: StoreOp[] =
      run.mode === 'full'
        ? baseChunkOps(run.gen, run.chunks, items)
        : deltaChunkOps(
            run.gen,
            run.deltaStart + run.chunks,
            items.map((item) => ({ item })),
          );
    await writeOps(store, ops);
  }
  return {
    ...run,
    discovery,
    searchToken: token,
    chunks: run.chunks + (items.length > 0 ? 1 : 0),
    seen: run.seen + items.length,
    phase: token ? 'search' : run.reconcile ? 'reconcile' : 'compute',
  };
}

/** One reconcile step: ids only, up to 20 pages, to find issues deleted or moved out of scope. */
async function reconcileStep(deps: SyncDeps, run: SyncRun): Promise<SyncRun> {
  const ids: string[] = [];
  let token = run.reconcileToken;
  let pages = 0;
  do {
    const page = await searchIdPage(deps.jira, fullJql(run.scope), token);
    ids.push(...page.ids);
    token = page.nextPageToken;
    pages += 1;
  } while (token && pages < RECONCILE_PAGES_PER_STEP);
  await writeOps(deps.store, chunkOps(liveKey(run.liveChunks), ids));
  return {
    ...run,
    reconcileToken: token,
    liveChunks: run.liveChunks + 1,
    phase: token ? 'reconcile' : 'compute',
  };
}

/** The last step: merge the cache, compute and publish the snapshot, then make this run's data current. */
async function computeStep(
  deps: SyncDeps,
  run: SyncRun,
  settings: Settings,
  report: (p: Partial<SyncProgress>) => Promise<void>,
) {
  const { store, clock } = deps;
  await report({ phase: 'computing' });
  const previous = await readPointer(store);
  const pointer: CachePointer =
    run.mode === 'full'
      ? { gen: run.gen, base: run.chunks, delta: 0, count: 0 }
      : { ...(previous as CachePointer), delta: run.deltaStart + run.chunks };
  const items = await loadItems(store, pointer);
  let removed = 0;
  if (run.reconcile) {
    const live = new Set<string>();
    for (let n = 0; n < run.liveChunks; n++)
      for (const id of (await readChunked<string[]>(store, liveKey(n))) ?? []) live.add(id);
    for (const id of [...items.keys()]) {
      if (!live.has(id)) {
        items.delete(id);
        removed += 1;
      }
    }
  }
  const portfolio = await new ConfigService(store, clock).load();
  const { matches, warnings } = await resolveJqlMatches(deps.jira, portfolio.projects, run.scope);
  const now = clock();
  const snapshot = await snapshotFrom(store, {
    items: items.values(),
    projects: projectsOf(run.scope, run.discovery.projects, items.values()),
    timeZone: run.discovery.timeZone,
    now,
    matches,
    warnings,
  });

  await report({ phase: 'publishing' });
  await publishSnapshot(store, snapshot);
  await recordHistory(store, snapshot.history, snapshot.historyPoints, snapshot.oldestKept);
  await saveJqlMatches(store, matches, warnings);
  // The cache: a full run's generation becomes current; an incremental run's deltas are counted, or the
  // generation is rewritten whole when removals or many deltas have piled up.
  let current: CachePointer = { ...pointer, count: items.size };
  const compact =
    run.mode === 'incremental' && (removed > 0 || pointer.delta > Math.max(4, pointer.base / 5));
  if (compact) {
    const gen = pointer.gen + 1;
    current = { gen, base: await writeGeneration(store, gen, items.values()), delta: 0, count: items.size };
  }
  await store.set(CACHE_POINTER, { ...current });
  const replaced = run.mode === 'full' ? previous : pointer;
  if (replaced && replaced.gen !== current.gen) await dropGeneration(store, replaced);
  const meta: SyncMeta = {
    ...(await readMeta(store)),
    watermark: run.startedAt,
    scopeKey: run.scopeKey,
    discovery: run.discovery,
  };
  // A full run has read every issue in scope: it reconciles as well.
  if (run.reconcile || run.mode === 'full') meta.lastReconcileAt = run.startedAt;
  await store.set(META_KEY, { ...meta });
  await endRun(store, run);
  return snapshot;
}

/** Forgets a run and its working data (an abandoned run's chunks too). */
async function endRun(store: Store, run: SyncRun, abandoned = false): Promise<void> {
  if (abandoned) {
    if (run.mode === 'full') await dropChunks(store, run.gen, 'base', 0, run.chunks);
    else await dropChunks(store, run.gen, 'delta', run.deltaStart, run.deltaStart + run.chunks);
  }
  const ops: StoreOp[] = [];
  for (let n = 0; n < run.liveChunks; n++) ops.push(...(await deleteChunkedOps(store, liveKey(n))));
  await writeOps(store, ops);
  await store.delete(RUN_KEY);
}

/** done: published; more: stopped at its deadline, queue another job; busy: another job holds the run. */
export type JobOutcome = 'done' | 'more' | 'busy';

export const LOCK_KEY = 'sync:lock';
/**
 * A job's hold on the run when it does not say how long it may live; longer than a queue job may live,
 * so a crashed job's lock runs out by itself. A queue job holds it until its invocation's own end, so a
 * job the platform stopped frees the run as soon as it is gone.
 */
const LOCK_MS = 16 * 60_000;

interface SyncLock {
  owner: string;
  until: number;
}

/**
 * Takes the run for one job. Scheduled triggers may fire twice and a refresh may be queued while the
 * hourly one runs, so two jobs must never step the same run: the second finds the lock and stands down.
 */
async function acquireLock(store: Store, owner: string, now: number, until?: number): Promise<boolean> {
  const held = await store.get<SyncLock & Record<string, unknown>>(LOCK_KEY);
  if (held && held.owner !== owner && held.until > now) return false;
  await store.set(LOCK_KEY, { owner, until: until ?? now + LOCK_MS });
  return (await store.get<SyncLock & Record<string, unknown>>(LOCK_KEY))?.owner === owner;
}

const PHASE: Record<SyncRun['phase'], SyncProgress['phase']> = {
  search: 'searching',
  reconcile: 'reconciling',
  compute: 'computing',
};

/**
 * Runs one job: resumes the saved run (or begins one) and takes steps until it is done, the deadline
 * passes, or the job's request budget is spent. Progress is written after every step. On an error the
 * run stays saved, so the next job resumes from the last step; the published snapshot is not touched
 * until the final step.
 */
export interface JobOptions {
  /** Stop taking steps after this instant (the next job carries on). */
  deadline?: number;
  /** Who holds the run; the same owner may take it again (a redelivered queue event). */
  owner?: string;
  /** How long the hold lasts if the job never lets go (its invocation's end). */
  lockUntil?: number;
  /** Only carry on a saved run; with none saved, do nothing. */
  resumeOnly?: boolean;
}

export async function runSyncJob(deps: SyncDeps & JobOptions): Promise<JobOutcome> {
  const { store, clock } = deps;
  const owner = deps.owner ?? `job-${clock()}-${process.pid}-${Math.random().toString(36).slice(2)}`;
  if (!(await acquireLock(store, owner, clock(), deps.lockUntil))) return 'busy';
  try {
    return await stepRunUntilDone(deps);
  } finally {
    await store.delete(LOCK_KEY);
  }
}

/** Until when another job holds the run, or null when nobody does. */
export async function runHeldUntil(store: Store, now: number): Promise<number | null> {
  const held = await store.get<SyncLock & Record<string, unknown>>(LOCK_KEY);
  return held && held.until > now ? held.until : null;
}

async function stepRunUntilDone(deps: SyncDeps & JobOptions): Promise<JobOutcome> {
  const { store, jira, clock } = deps;
  const settings = await loadSettings(store);
  let progress = await readProgress(store);
  const jobStart = { requests: jira.stats.total, retries: jira.stats.retries };
  let counted = { ...jobStart };
  const report = async (change: Partial<SyncProgress>) => {
    progress = { ...progress, ...change };
    await writeProgress(store, progress);
    deps.onProgress?.(progress);
  };
  /** Adds what the client spent since the last call to the run's totals. */
  const account = (r: SyncRun): SyncRun => {
    const spent = {
      requests: jira.stats.total - counted.requests,
      retries: jira.stats.retries - counted.retries,
    };
    counted = { requests: jira.stats.total, retries: jira.stats.retries };
    return { ...r, requests: r.requests + spent.requests, retries: r.retries + spent.retries };
  };
  const runProgress = (r: SyncRun): Partial<SyncProgress> => ({
    phase: PHASE[r.phase],
    mode: r.mode,
    startedAt: r.startedAt,
    issuesDone: r.seen,
    issuesTotal: r.total,
    requests: r.requests,
    retries: r.retries,
  });

  let stepsTaken = 0;
  let run: SyncRun | undefined = await store.get<SyncRun & Record<string, unknown>>(RUN_KEY);
  if (!run && deps.resumeOnly) return 'done';
  try {
    if (run && clock() - run.startedAt > RUN_MAX_AGE_MS) {
      await endRun(store, run, true);
      run = undefined;
    }
    if (!run) {
      await report({
        ...IDLE_RUN,
        phase: 'discovering',
        startedAt: clock(),
        lastSuccessAt: progress.lastSuccessAt,
      });
      run = account(await beginRun(deps, settings));
      await store.set(RUN_KEY, { ...run });
    }
    for (;;) {
      await report({ ...runProgress(run), error: null, finishedAt: null });
      // Every job takes at least one step, so a run always moves forward.
      if (stepsTaken > 0 && deps.deadline !== undefined && clock() >= deps.deadline) return 'more';
      if (run.phase === 'compute') {
        await computeStep(deps, run, settings, report);
        run = account(run);
        await report({ ...runProgress(run), phase: 'idle', finishedAt: clock(), lastSuccessAt: clock() });
        return 'done';
      }
      if (jira.stats.total - jobStart.requests >= settings.requestBudget) {
        throw new Error(
          `This job spent its budget of ${settings.requestBudget} Jira requests; the sync goes on in the next one`,
        );
      }
      const current: SyncRun = run;
      try {
        run = account(
          current.phase === 'search' ? await searchStep(deps, current) : await reconcileStep(deps, current),
        );
      } catch (error) {
        // A page token Jira no longer accepts cannot be resumed: begin again next time.
        if (
          error instanceof JiraError &&
          error.status === 400 &&
          (current.searchToken || current.reconcileToken)
        ) {
          await endRun(store, current, true);
        } else {
          await store.set(RUN_KEY, { ...account(current) });
        }
        throw error;
      }
      await store.set(RUN_KEY, { ...run });
      stepsTaken += 1;
    }
  } catch (error) {
    await report({ phase: 'idle', finishedAt: clock(), error: (error as Error).message });
    throw error;
  }
}

const IDLE_RUN: Partial<SyncProgress> = {
  mode: null,
  finishedAt: null,
  issuesDone: 0,
  issuesTotal: null,
  requests: 0,
  retries: 0,
  error: null,
};

/** Runs jobs back to back until the sync is done (the command line). */
export async function runToCompletion(deps: SyncDeps): Promise<void> {
  for (;;) {
    const outcome = await runSyncJob(deps);
    if (outcome === 'done') return;
    if (outcome === 'busy') throw new Error('Another sync is running; try again when it has finished');
  }
}
