import { createHash } from 'node:crypto';
import { localDate } from '../../domain/calendar';
import { searchUpdated } from '../../jira';
import { queryAll, type Store } from '../../store/port';
import { loadSettings, type Settings } from '../configuration/settings';
import { KEYS, PREFIXES } from '../keys';
import { readSnapshotPointer } from '../snapshot/reader';
import { DISCOVERY_MAX_AGE_MS } from './discovery';
import { readPointerChecked } from './item-cache';
import { readMetaChecked, writeMeta, type SyncMeta } from './meta';
import { changedSinceJql, quote } from './scope';
import type { SyncDeps } from './types';

/**
 * The quiet check: most hourly syncs find nothing changed in Jira, and then nothing should be read or
 * written beyond what proves it. Before a run begins, a job compares what the numbers were last
 * computed from with what is there now:
 *
 * - the configuration they depend on (settings, the PMO model's generation and revision, the health
 *   overrides), as one fingerprint;
 * - the calendar day in the site's time zone (ages, windows and the daily history point move with it);
 * - the scope's issues, and the children outside it of the PMO projects' epics that had such children,
 *   changed since the last run: one search each (per 500 such epics), answering none. A child newly added
 *   outside the scope under another epic is read by the next run that computes (at the latest the first
 *   of the next day).
 *
 * When all agree, no reconcile is due and the item cache and published snapshot have sound pointers, the
 * job moves the watermark on and stops: no item cache read, no compute, no snapshot rewritten. Anything
 * else begins a run as before; "Refresh now" always does. See docs/sync.md for its cost.
 */

/** The configuration the numbers depend on, and its fingerprint. */
export interface Inputs {
  settings: Settings;
  fingerprint: string;
}

/**
 * Reads the configuration's fingerprint: three small reads. Read before the model a run computes with,
 * so a change made meanwhile is seen by the next job rather than lost.
 */
export async function readInputs(store: Store): Promise<Inputs> {
  const [settings, head, overrides] = await Promise.all([
    loadSettings(store),
    store.get(KEYS.config.head),
    queryAll(store, PREFIXES.overrides),
  ]);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([settings, head ?? null, overrides.map((o) => [o.key, o.value])]))
    .digest('hex')
    .slice(0, 24);
  return { settings, fingerprint };
}

/**
 * The issues updated within `overlapMinutes` before `watermark`, with their update times: a later
 * window that overlaps this one finds them again, unchanged.
 */
export function recentlyUpdated(
  items: Iterable<{ id: string; updated: number }>,
  watermark: number,
  overlapMinutes: number,
): Array<[string, number]> {
  const since = watermark - overlapMinutes * 60_000;
  const recent: Array<[string, number]> = [];
  for (const item of items) if (item.updated >= since) recent.push([item.id, item.updated]);
  return recent;
}

/** Epics per search for outside children: keeps the JQL well inside Jira's length limits. */
const EPICS_PER_PROBE = 500;

/** The searches for children of `epics` outside the scope (`outside`: the JQL that leaves the scope out). */
export function outsideProbes(epics: readonly string[], outside: string | null): string[] {
  const sorted = [...epics].sort();
  const probes: string[] = [];
  for (let i = 0; i < sorted.length; i += EPICS_PER_PROBE) {
    const keys = sorted
      .slice(i, i + EPICS_PER_PROBE)
      .map(quote)
      .join(', ');
    probes.push(
      `parent in (${keys}) AND issuetype in standardIssueTypes()` + (outside ? ` AND ${outside}` : ''),
    );
  }
  return probes;
}

const minutesSince = (now: number, watermark: number, overlap: number) =>
  Math.max(1, Math.ceil((now - watermark) / 60_000 + overlap));

/**
 * True when nothing the numbers depend on changed since the last run, in which case the watermark has
 * been moved on; false when a run must begin. Never throws for damage: damaged meta or pointer simply
 * means a run begins (which deals with it).
 */
export async function quietSince(
  deps: Pick<SyncDeps, 'store' | 'jira' | 'clock'>,
  inputs: Inputs,
  overlapMinutes: number,
): Promise<boolean> {
  const { store, jira, clock } = deps;
  const now = clock();
  const [{ meta, damage }, { pointer }, published] = await Promise.all([
    readMetaChecked(store),
    readPointerChecked(store),
    readSnapshotPointer(store),
  ]);
  const basis = meta.quiet;
  if (damage || !pointer || !published || !basis || meta.watermark === null || !meta.discovery) return false;
  if (basis.inputs !== inputs.fingerprint) return false;
  if (now - meta.discovery.at >= DISCOVERY_MAX_AGE_MS) return false;
  if (localDate(now, meta.discovery.timeZone) !== basis.day) return false;
  const reconcileDue =
    meta.lastReconcileAt === null || now - meta.lastReconcileAt >= inputs.settings.reconcileHours * 3_600_000;
  if (reconcileDue) return false;
  const minutes = minutesSince(now, meta.watermark, overlapMinutes);
  const searches = [
    changedSinceJql(basis.scope, minutes),
    ...basis.outside.map((jql) => `${jql} AND updated >= "-${minutes}m"`),
  ];
  // The window overlaps the last run's: an issue it read then comes back with the same update time.
  const known = new Map(basis.recent);
  for (const jql of searches) {
    const page = await searchUpdated(jira, jql);
    if (page.more || page.issues.some((i) => known.get(i.id) !== i.updated)) return false;
  }
  const next: SyncMeta = { ...meta, watermark: now };
  await writeMeta(store, next);
  return true;
}
