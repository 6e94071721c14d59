import { z } from 'zod';
import type { SyncProgress } from '../../contract';
import { localDate } from '../../domain/calendar';
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
import { chunkOps, deleteChunkedOps, writeOps } from '../../store/chunked';
import type { Store, StoreOp } from '../../store/port';
import type { PmoModel } from '../configuration/model';
import { KEYS } from '../keys';
import { publishSnapshot, recordHistory, snapshotFrom } from '../snapshot';
import { damageOf, describeDamage, readChecked } from '../snapshot/damage';
import { applyConfirmedFields, discover, DISCOVERY_MAX_AGE_MS, type Discovery } from './discovery';
import {
  baseChunkOps,
  deltaChunkOps,
  dropChunks,
  dropGeneration,
  ITEMS_PER_CHUNK,
  loadItems,
  readPointerChecked,
  writeGeneration,
  writePointer,
  type CachePointer,
} from './item-cache';
import { outsideChildren, resolveJqlMatches, saveJqlMatches } from './membership';
import { recentlyUpdated, type Inputs } from './quiet';
import { readMeta, readMetaChecked, writeMeta, type SyncMeta } from './meta';
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

/**
 * Damage a run works around by changing course, found in its last step: run.ts takes the turn (a full
 * run into a new generation, or the reconcile from its start) and notes why in the progress.
 */
export class RunDetour extends Error {
  constructor(
    readonly turn: 'full' | 'reconcile',
    /** Why, in a sentence for the progress note. */
    readonly note: string,
  ) {
    super(note);
    this.name = 'RunDetour';
  }
}

/** A run just begun, and what it worked around to begin (damaged values it set aside), in sentences. */
export interface BegunRun {
  run: SyncRun;
  notes: string[];
}

/**
 * Starts a run: discovery (reused for a day), then full or incremental. A damaged `sync:meta` counts as
 * empty and a damaged `items:ptr` as no cache: either way the run is full, into a new generation.
 */
export async function beginRun(deps: SyncDeps, model: PmoModel): Promise<BegunRun> {
  const { store, jira, clock } = deps;
  const { settings } = model;
  const startedAt = clock();
  const [{ meta, damage: metaDamage }, { pointer, damage: pointerDamage }] = await Promise.all([
    readMetaChecked(store),
    readPointerChecked(store),
  ]);
  const notes: string[] = [];
  if (metaDamage) {
    notes.push(
      `What the last sync kept, ${describeDamage(metaDamage)}, was damaged, so this sync reads everything from Jira again.`,
    );
  }
  if (pointerDamage) {
    notes.push(
      `The item cache’s pointer, ${describeDamage(pointerDamage)}, was damaged, so this sync reads everything from Jira again.`,
    );
  }
  const fresh =
    meta.discovery && startedAt - meta.discovery.at < DISCOVERY_MAX_AGE_MS ? meta.discovery : null;
  const discovery = fresh
    ? { ...fresh, fieldMap: applyConfirmedFields(fresh.discovered, settings.fields) }
    : await discover(jira, settings, startedAt);
  const scope = scopeOf(deps, model, discovery);
  // The changelog fields belong to the key too: a run that learns a new shape of history reads it all.
  const key = scopeKey(scope, [
    ...searchFields(discovery.fieldMap),
    ...changelogFields(discovery.fieldMap, discovery.parentFields),
  ]);
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
    const run: SyncRun = {
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
    return { run, notes };
  }
  const run: SyncRun = {
    ...base,
    mode: 'full',
    jql: fullJql(scope),
    gen: (pointer?.gen ?? 0) + 1,
    deltaStart: 0,
    total: await progressTotal(jira, scopeJql(scope)),
    reconcile: false,
  };
  return { run, notes };
}

/**
 * How many issues a full run will read, for the progress bar only. The count is an estimate nothing
 * depends on, so a failure to get it never stops the sync: the total is then unknown.
 */
async function progressTotal(jira: SyncDeps['jira'], jql: string): Promise<number | null> {
  try {
    return await approximateCount(jira, jql);
  } catch (error) {
    console.warn(`The approximate issue count failed; progress shows no total: ${(error as Error).message}`);
    return null;
  }
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
      changelogFields(discovery.fieldMap, discovery.parentFields),
    );
    if (unknownStatuses(issues, histories, discovery.categories).length > 0) {
      discovery = { ...discovery, categories: Object.fromEntries(await statusCategories(jira)) };
    }
    const categories = new Map(Object.entries(discovery.categories));
    items = issues.map((issue) =>
      normalizeIssue(
        issue,
        histories.get(issue.id) ?? [],
        discovery.fieldMap,
        categories,
        discovery.parentFields,
      ),
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
  /** The configuration's fingerprint, read before `model` was (./quiet.ts). */
  inputs: Inputs,
) {
  const { store, clock } = deps;
  await report({ phase: 'computing' });
  const { previous, pointer, items } = await mergeCache(store, run);
  let removed = 0;
  if (run.reconcile) {
    const live = await readLiveIds(store, run);
    for (const id of [...items.keys()]) {
      if (!live.has(id)) {
        items.delete(id);
        removed += 1;
      }
    }
  }
  const { matches, warnings } = await resolveJqlMatches(deps.jira, model.portfolio.projects, run.scope);
  // Children of the PMO projects' epics that live outside the synced scope: computed with, never cached.
  const outside = await outsideChildren(deps.jira, {
    items,
    projects: model.portfolio.projects,
    matches,
    scope: run.scope,
    inScopeProjects: inScopeProjects(deps, model, run.scope),
    discovery: run.discovery,
  });
  const all = outside.items.length === 0 ? [...items.values()] : [...items.values(), ...outside.items];
  const now = clock();
  const snapshot = await snapshotFrom(store, model, {
    items: all,
    projects: projectsOf(run.scope, run.discovery.projects, all),
    timeZone: run.discovery.timeZone,
    now,
    matches,
    warnings,
  });

  await report({ phase: 'publishing' });
  // "Refresh now" writes every part anew; other runs keep the parts whose content has not changed.
  await publishSnapshot(store, snapshot, { reuse: !deps.recompute });
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
    quiet: {
      inputs: inputs.fingerprint,
      day: localDate(now, run.discovery.timeZone),
      scope: run.scope,
      outside: outside.probes,
      recent: recentlyUpdated(all, run.startedAt, OVERLAP_MINUTES),
    },
  };
  // A full run has read every issue in scope: it reconciles as well.
  if (run.reconcile || run.mode === 'full') meta.lastReconcileAt = run.startedAt;
  await writeMeta(store, meta);
  await endRun(store, run);
  return snapshot;
}

/**
 * The Jira projects a run reads whole: the scope's own, or for a scope built from the PMO model the
 * portfolio's and the PMO projects'. Null when there are none to name (a JQL scope of the command line's,
 * or a model of epics and filters only): then the scope's JQL itself tells what was read.
 */
function inScopeProjects(deps: SyncDeps, model: PmoModel, scope: SyncScope): string[] | null {
  if (scope.kind === 'projects') return scope.keys;
  if (deps.scope) return null;
  const whole = new Set([
    ...model.settings.portfolioProjects,
    ...model.portfolio.projects.flatMap((p) => p.scope.projectKeys),
  ]);
  return whole.size > 0 ? [...whole] : null;
}

/**
 * The cache as this run leaves it: the pointer before it, the pointer that counts this run's chunks, and
 * every item. Any of it damaged (the pointer gone from under an incremental run, a chunk that does not
 * read back as items) is a detour to a full run: what is cached cannot be trusted, Jira can.
 */
async function mergeCache(store: Store, run: SyncRun) {
  const { pointer: previous, damage } = await readPointerChecked(store);
  try {
    if (run.mode === 'incremental' && !previous) {
      throw new RunDetour(
        'full',
        damage
          ? `The item cache’s pointer, ${describeDamage(damage)}, was damaged, so this sync reads everything from Jira again.`
          : 'The item cache’s pointer was missing, so this sync reads everything from Jira again.',
      );
    }
    const pointer: CachePointer =
      run.mode === 'full' || !previous
        ? { gen: run.gen, base: run.chunks, delta: 0, count: 0 }
        : { ...previous, delta: run.deltaStart + run.chunks };
    return { previous, pointer, items: await loadItems(store, pointer) };
  } catch (error) {
    const found = damageOf(error);
    if (!found) throw error;
    console.warn(`Item cache ${describeDamage(found)} is damaged: the run turns to a full one`);
    throw new RunDetour(
      'full',
      `Part of the item cache, ${describeDamage(found)}, was damaged, so this sync reads everything from Jira again.`,
    );
  }
}

const LIVE_IDS = z.array(z.string());

/** The ids a reconcile listed; any chunk of them damaged is a detour: the reconcile starts again. */
async function readLiveIds(store: Store, run: SyncRun): Promise<Set<string>> {
  const live = new Set<string>();
  for (let n = 0; n < run.liveChunks; n++) {
    try {
      const ids = await readChecked(store, KEYS.sync.liveIds(n), LIVE_IDS, {
        what: 'Issue ids listed by the reconcile',
        remedy: 'The reconcile starts again.',
        required: true,
      });
      for (const id of ids ?? []) live.add(id);
    } catch (error) {
      const damage = damageOf(error);
      if (!damage) throw error;
      console.warn(`Reconcile ids ${describeDamage(damage)} are damaged: the reconcile starts again`);
      throw new RunDetour(
        'reconcile',
        `The issue ids listed to find deleted issues, ${describeDamage(damage)}, were damaged, so the check started again.`,
      );
    }
  }
  return live;
}

/** Deletes a run's reconcile ids; one too damaged to say what to delete is logged and left. */
export async function dropLiveIds(store: Store, run: SyncRun): Promise<void> {
  const ops: StoreOp[] = [];
  for (let n = 0; n < run.liveChunks; n++) {
    try {
      ops.push(...(await deleteChunkedOps(store, KEYS.sync.liveIds(n))));
    } catch (error) {
      console.warn(
        `Reconcile ids “${KEYS.sync.liveIds(n)}” could not be deleted and are left: ${(error as Error).message}`,
      );
    }
  }
  await writeOps(store, ops);
}

/** Forgets a run and its working data (an abandoned run's chunks too). */
export async function endRun(store: Store, run: SyncRun, abandoned = false): Promise<void> {
  if (abandoned) {
    if (run.mode === 'full') await dropChunks(store, run.gen, 'base', 0, run.chunks);
    else await dropChunks(store, run.gen, 'delta', run.deltaStart, run.deltaStart + run.chunks);
  }
  await dropLiveIds(store, run);
  await store.delete(KEYS.sync.run);
}
