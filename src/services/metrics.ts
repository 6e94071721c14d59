import { localDate } from '../domain/calendar';
import { PORTFOLIO_HISTORY_ID } from '../domain/engine';
import type { WorkItem } from '../domain/work-item';
import { chunkOps, readChunked, writeOps } from '../store/chunked';
import type { Store } from '../store/port';
import { ConfigService } from './config/service';
import { loadSettings } from './settings';
import { buildSnapshot, HISTORY_DAYS, readHistory, readOverrides, type BuildInput } from './snapshot';
import { loadItems, readPointer } from './sync/item-cache';
import { readMeta } from './sync/run';
import type { SyncScope } from './sync/scope';

/**
 * The one path from synced items to a snapshot, shared by the sync (which has just merged the items)
 * and the command line's `metrics` (which reads them from the store): the PMO model, settings, health
 * overrides, history and JQL membership all come from the store.
 */
export const JQL_MATCHES_KEY = 'sync:jql-matches';

export interface JqlMembership {
  /** PMO project id -> issue ids its JQL matched at the last sync. */
  matches: Record<string, string[]>;
  warnings: string[];
}

export async function saveJqlMatches(
  store: Store,
  matches: ReadonlyMap<string, ReadonlySet<string>>,
  warnings: string[],
): Promise<void> {
  const value: JqlMembership = {
    matches: Object.fromEntries([...matches].map(([id, ids]) => [id, [...ids]])),
    warnings,
  };
  await writeOps(store, chunkOps(JQL_MATCHES_KEY, value));
}

export async function readJqlMatches(
  store: Store,
): Promise<{ matches: Map<string, Set<string>>; warnings: string[] }> {
  const saved = await readChunked<JqlMembership>(store, JQL_MATCHES_KEY);
  return {
    matches: new Map(Object.entries(saved?.matches ?? {}).map(([id, ids]) => [id, new Set(ids)])),
    warnings: saved?.warnings ?? [],
  };
}

/** Jira projects shown per project: the scope's, else those the items come from. */
export function projectsOf(
  scope: SyncScope,
  known: readonly { key: string; name: string }[],
  items: Iterable<WorkItem>,
): { key: string; name: string }[] {
  const keys = scope.kind === 'projects' ? new Set(scope.keys) : null;
  const inScope = new Set<string>();
  if (!keys) for (const item of items) inScope.add(item.project);
  return known.filter((p) => (keys ? keys.has(p.key) : inScope.has(p.key)));
}

export async function snapshotFrom(
  store: Store,
  input: {
    items: Iterable<WorkItem>;
    projects: BuildInput['projects'];
    timeZone: string;
    now: number;
    matches: ReadonlyMap<string, ReadonlySet<string>>;
    warnings: string[];
  },
) {
  const [settings, portfolio] = await Promise.all([
    loadSettings(store),
    new ConfigService(store, () => input.now).load(),
  ]);
  const ids = [
    PORTFOLIO_HISTORY_ID,
    ...portfolio.projects.map((p) => p.id),
    ...portfolio.goals.map((g) => g.id),
  ];
  const [history, overrides] = await Promise.all([readHistory(store, ids), readOverrides(store)]);
  const built = buildSnapshot({
    ...input,
    settings,
    goals: portfolio.goals,
    pmoProjects: portfolio.projects,
    jqlMatches: input.matches,
    overrides,
    history,
  });
  return {
    ...built,
    history,
    /** History older than this is dropped when today's points are recorded. */
    oldestKept: localDate(input.now - HISTORY_DAYS * 86_400_000, input.timeZone),
  };
}

export class NoDataError extends Error {}

/** Metrics at `now` from what the last sync stored (the command line's `metrics`). */
export async function metricsFromStore(store: Store, now: number) {
  const [pointer, meta] = await Promise.all([readPointer(store), readMeta(store)]);
  if (!pointer || !meta.discovery) {
    throw new NoDataError('No synced data in the store yet: give --jira <url> to read it from Jira first');
  }
  const items = await loadItems(store, pointer);
  const { matches, warnings } = await readJqlMatches(store);
  const scopeKeys = new Set([...items.values()].map((i) => i.project));
  return snapshotFrom(store, {
    items: items.values(),
    projects: meta.discovery.projects.filter((p) => scopeKeys.has(p.key)),
    timeZone: meta.discovery.timeZone,
    now,
    matches,
    warnings,
  });
}
