import type { Store } from '../store/port';
import { loadModel } from './configuration/model';
import { snapshotFrom } from './snapshot';
import { loadItems, readPointer } from './sync/item-cache';
import { readJqlMatches } from './sync/membership';
import { readMeta } from './sync/meta';

export class NoDataError extends Error {}

/**
 * Metrics at `now` from what the last sync stored (the command line's `metrics`): the same path from
 * items to a snapshot as the sync's, without publishing it.
 */
export async function metricsFromStore(store: Store, now: number) {
  const [pointer, meta] = await Promise.all([readPointer(store), readMeta(store)]);
  if (!pointer || !meta.discovery) {
    throw new NoDataError('No synced data in the store yet: give --jira <url> to read it from Jira first');
  }
  const [items, { matches, warnings }, model] = await Promise.all([
    loadItems(store, pointer),
    readJqlMatches(store),
    loadModel(store),
  ]);
  const scopeKeys = new Set([...items.values()].map((i) => i.project));
  return snapshotFrom(store, model, {
    items: items.values(),
    projects: meta.discovery.projects.filter((p) => scopeKeys.has(p.key)),
    timeZone: meta.discovery.timeZone,
    now,
    matches,
    warnings,
  });
}
