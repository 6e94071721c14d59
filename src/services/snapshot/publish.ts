import { chunkOps, deleteChunkedOps, writeOps } from '../../store/chunked';
import type { ChunkedKey, Store } from '../../store/port';
import { KEYS } from '../keys';
import { quarterOf, type PublishedVersion, type SnapshotParts, type SnapshotPointer } from './model';
import { readSnapshotPointer } from './reader';

/**
 * Publishes atomically: the new version's parts are written first, then the pointer flips in one write.
 * A reader follows the pointer once per request (src/services/snapshot/reader.ts), so it sees the old
 * snapshot or the new one, never a mix. The version just replaced stays until the next publish, so a
 * request that began before the flip still finds every part it goes on to read; the one before it is
 * deleted now.
 *
 * A damaged pointer counts as none (the versions it named are left behind, unknown); an old version that
 * cannot be deleted (its chunks damaged) is logged and left: neither stops the new version's publish.
 */
export async function publishSnapshot(store: Store, parts: SnapshotParts): Promise<void> {
  const current = await readSnapshotPointer(store);
  const { version, generatedAt } = parts.core;
  await writeOps(store, chunkOps(KEYS.snapshot.core(version), parts.core));
  await writeOps(store, chunkOps(KEYS.snapshot.epics(version), parts.epics));
  const scopeIds = Object.keys(parts.scopes);
  for (const [id, detail] of Object.entries(parts.scopes)) {
    await writeOps(store, chunkOps(KEYS.snapshot.scope(version, id), detail));
  }
  // Wins and deliveries by quarter: the wins page reads one quarter, a gadget the latest two.
  const wins = byQuarter(parts.wins);
  const winQuarters = [...wins.keys()].sort();
  for (const label of winQuarters) {
    await writeOps(store, chunkOps(KEYS.snapshot.wins(version, label), wins.get(label) ?? []));
  }
  const delivered = byQuarter(parts.delivered ?? []);
  const deliveredQuarters = [...delivered.keys()].sort();
  for (const label of deliveredQuarters) {
    await writeOps(store, chunkOps(KEYS.snapshot.delivered(version, label), delivered.get(label) ?? []));
  }
  const drillScopes = Object.keys(parts.drill ?? {}).sort();
  for (const name of drillScopes) {
    await writeOps(store, chunkOps(KEYS.snapshot.drill(version, name), parts.drill![name]!));
  }
  // Publishing the same version again (the same instant) keeps the version before it as it was.
  const replaced = current && current.version !== version ? current : undefined;
  const previous = replaced ? published(replaced) : current?.previous;
  const pointer: SnapshotPointer = {
    version,
    generatedAt,
    scopeIds,
    winQuarters,
    ...(deliveredQuarters.length > 0 ? { deliveredQuarters } : {}),
    ...(drillScopes.length > 0 ? { drillScopes } : {}),
  };
  await store.set(KEYS.snapshot.pointer, previous ? { ...pointer, previous } : pointer);
  const retired = replaced?.previous;
  if (retired && retired.version !== version) await deleteVersion(store, retired);
}

/** Entries by the calendar quarter of their date. */
function byQuarter<T extends { date: string }>(entries: readonly T[]): Map<string, T[]> {
  const found = new Map<string, T[]>();
  for (const entry of entries) {
    const label = quarterOf(entry.date);
    found.set(label, [...(found.get(label) ?? []), entry]);
  }
  return found;
}

const published = ({
  version,
  scopeIds,
  winQuarters,
  deliveredQuarters,
  drillScopes,
}: PublishedVersion): PublishedVersion => ({
  version,
  scopeIds,
  winQuarters,
  ...(deliveredQuarters ? { deliveredQuarters } : {}),
  ...(drillScopes ? { drillScopes } : {}),
});

async function deleteVersion(
  store: Store,
  { version, scopeIds, winQuarters, deliveredQuarters, drillScopes }: PublishedVersion,
) {
  const keys: ChunkedKey<unknown>[] = [
    KEYS.snapshot.core(version),
    KEYS.snapshot.epics(version),
    ...(scopeIds ?? []).map((id) => KEYS.snapshot.scope(version, id)),
    ...(winQuarters ?? []).map((label) => KEYS.snapshot.wins(version, label)),
    ...(deliveredQuarters ?? []).map((label) => KEYS.snapshot.delivered(version, label)),
    ...(drillScopes ?? []).map((name) => KEYS.snapshot.drill(version, name)),
  ];
  for (const key of keys) {
    try {
      await writeOps(store, await deleteChunkedOps(store, key));
    } catch (error) {
      console.warn(
        `An old snapshot part “${key}” could not be deleted and is left: ${(error as Error).message}`,
      );
    }
  }
}
