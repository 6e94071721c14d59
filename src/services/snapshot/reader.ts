import type { EpicMetrics } from '../../domain/engine';
import type { Win } from '../../domain/wins';
import { readChunked } from '../../store/chunked';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import type { ScopeDetail, Snapshot } from './model';

/**
 * The published snapshot as one request sees it: the pointer is read once, when the reader opens, and
 * every part comes from that version, so a request never mixes two syncs. A publish keeps the version
 * it replaces until the next one, so the parts stay readable while the request lasts.
 */
export interface SnapshotReader {
  /** Undefined before the first sync has published. */
  readonly version: string | undefined;
  /** The core: read once, however many times it is asked for. */
  core(): Promise<Snapshot | undefined>;
  epics(): Promise<EpicMetrics[] | undefined>;
  /** The flow detail of one PMO project or goal. */
  scope(id: string): Promise<ScopeDetail | undefined>;
  /** Wins of the given quarters (every quarter when none are named), newest first. */
  wins(quarters?: readonly string[]): Promise<Win[]>;
  /** The quarters that have wins stored, in the order they were stored. */
  readonly winQuarters: readonly string[];
}

export async function openSnapshot(store: Store): Promise<SnapshotReader> {
  const pointer = await store.get(KEYS.snapshot.pointer);
  let core: Promise<Snapshot | undefined> | undefined;
  if (!pointer) {
    return {
      version: undefined,
      core: async () => undefined,
      epics: async () => undefined,
      scope: async () => undefined,
      wins: async () => [],
      winQuarters: [],
    };
  }
  const { version } = pointer;
  return {
    version,
    winQuarters: pointer.winQuarters ?? [],
    core: () => (core ??= readChunked(store, KEYS.snapshot.core(version))),
    epics: () => readChunked(store, KEYS.snapshot.epics(version)),
    scope: (id) => readChunked(store, KEYS.snapshot.scope(version, id)),
    wins: async (quarters) => {
      const stored = pointer.winQuarters ?? [];
      const labels = (quarters ?? stored).filter((q) => stored.includes(q));
      const parts = await Promise.all(labels.map((q) => readChunked(store, KEYS.snapshot.wins(version, q))));
      return parts
        .flatMap((p) => p ?? [])
        .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
    },
  };
}

/** The current snapshot's core, for a caller that reads nothing else of it. */
export async function readSnapshot(store: Store): Promise<Snapshot | undefined> {
  return (await openSnapshot(store)).core();
}
