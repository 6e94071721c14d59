import type { SyncProgress } from '../../contract';
import type { WorkItem } from '../../domain/work-item';
import {
  approximateCount,
  changelogFields,
  fetchChangelogs,
  normalizeIssue,
  searchFields,
  searchIdPage,
  searchPage,
  statusCategories,
  type JiraIssue,
} from '../../jira';
import type { JiraChangeHistory } from '../../jira/schemas';
import { chunkOps, deleteChunkedOps, readChunked, writeOps } from '../../store/chunked';
import type { Store, StoreOp } from '../../store/port';
import type { PmoModel } from '../configuration/model';
import { KEYS } from '../keys';
import { publishSnapshot, recordHistory, snapshotFrom } from '../snapshot';
import { applyConfirmedFields, discover, DISCOVERY_MAX_AGE_MS, type Discovery } from './discovery';
import {
  baseChunkOps,
  deltaChunkOps,
  dropChunks,
  dropGeneration,
  ITEMS_PER_CHUNK,
  loadItems,
  readPointer,
  writeGeneration,
  writePointer,
  type CachePointer,
} from './item-cache';
import { resolveJqlMatches, saveJqlMatches } from './membership';
import { readMeta, writeMeta, type SyncMeta } from './meta';
import {
  changedSinceJql,
  fullJql,
  portfolioScope,
  projectsOf,
  scopeJql,
  scopeKey,
  type SyncScope,
} from './scope';
import type { SyncDeps, SyncRun } from './types';

/**
 * The steps of a run (see ./types.ts): begin, search, reconcile, and the final compute that publishes.
 * Each step returns the run's next state; ./run.ts saves it and decides whether to take another.
 */

/** Minutes of overlap added to every incremental window, against clock skew and Jira's index lag. */
export const OVERLAP_MINUTES = 10;
const RECONCILE_PAGES_PER_STEP = 20;

/** The run's scope: the command line's, else the PMO model's, else every project the app can see. */
function scopeOf(deps: SyncDeps, model: PmoModel, discovery: Discovery): SyncScope {
  if (deps.scope) return deps.scope;
  const { settings, portfolio } = model;
  const visible = new Set(discovery.projects.map((p) => p.key));
  const configured = portfolioScope(
    settings.portfolioProjects.filter((k) => visible.has(k)),
    portfolio.projects,
  );
  return configured ?? { kind: 'projects', keys: discovery.projects.map((p) => p.key) };
}

/** Starts a run: discovery (reused for a day), then full or incremental. */
export async function beginRun(deps: SyncDeps, model: PmoModel): Promise<SyncRun> {
  const { store, jira, clock } = deps;
  const { settings } = model;
  const startedAt = clock();
  const [meta, pointer] = await Promise.all([readMeta(store), readPointer(store)]);
  const fresh =
    meta.discovery && startedAt - meta.discovery.at < DISCOVERY_MAX_AGE_MS ? meta.discovery : null;
  const discovery = fresh
    ? { ...fresh, fieldMap: applyConfirmedFields(fresh.discovered, settings.fields) }
    : await discover(jira, settings, startedAt);
  const scope = scopeOf(deps, model, discovery);
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
export async function searchStep(deps: SyncDeps, run: SyncRun): Promise<SyncRun> {
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
export async function reconcileStep(deps: SyncDeps, run: SyncRun): Promise<SyncRun> {
  const ids: string[] = [];
  let token = run.reconcileToken;
  let pages = 0;
  do {
    const page = await searchIdPage(deps.jira, fullJql(run.scope), token);
    ids.push(...page.ids);
    token = page.nextPageToken;
    pages += 1;
  } while (token && pages < RECONCILE_PAGES_PER_STEP);
  await writeOps(deps.store, chunkOps(KEYS.sync.liveIds(run.liveChunks), ids));
  return {
    ...run,
    reconcileToken: token,
    liveChunks: run.liveChunks + 1,
    phase: token ? 'reconcile' : 'compute',
  };
}

/** The last step: merge the cache, compute and publish the snapshot, then make this run's data current. */
export async function computeStep(
  deps: SyncDeps,
  run: SyncRun,
  model: PmoModel,
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
      for (const id of (await readChunked(store, KEYS.sync.liveIds(n))) ?? []) live.add(id);
    for (const id of [...items.keys()]) {
      if (!live.has(id)) {
        items.delete(id);
        removed += 1;
      }
    }
  }
  const { matches, warnings } = await resolveJqlMatches(deps.jira, model.portfolio.projects, run.scope);
  const now = clock();
  const snapshot = await snapshotFrom(store, model, {
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
  await writePointer(store, current);
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
  await writeMeta(store, meta);
  await endRun(store, run);
  return snapshot;
}

/** Forgets a run and its working data (an abandoned run's chunks too). */
export async function endRun(store: Store, run: SyncRun, abandoned = false): Promise<void> {
  if (abandoned) {
    if (run.mode === 'full') await dropChunks(store, run.gen, 'base', 0, run.chunks);
    else await dropChunks(store, run.gen, 'delta', run.deltaStart, run.deltaStart + run.chunks);
  }
  const ops: StoreOp[] = [];
  for (let n = 0; n < run.liveChunks; n++) {
    ops.push(...(await deleteChunkedOps(store, KEYS.sync.liveIds(n))));
  }
  await writeOps(store, ops);
  await store.delete(KEYS.sync.run);
}
