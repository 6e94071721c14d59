import { createHash } from 'node:crypto';
import { chunkOps, deleteChunkedOps, writeOps } from '../../store/chunked';
import type { ChunkedKey, Store } from '../../store/port';
import { KEYS } from '../keys';
import { quarterOf, type PublishedVersion, type SnapshotParts, type SnapshotPointer } from './model';
import { settledBefore, splitDrill } from './drill';
import { readSnapshotPointer } from './reader';

/**
 * Publishes atomically: the new version's parts are written first, then the pointer flips in one write.
 * A reader follows the pointer once per request (src/services/snapshot/reader.ts), so it sees the old
 * snapshot or the new one, never a mix. The version just replaced stays until the next publish, so a
 * request that began before the flip still finds every part it goes on to read; the one before it is
 * deleted now.
 *
 * A part whose content is the same as the current version's is not written again: the new pointer says
 * in which version it is stored (`carried`), so a sync that changed a few issues writes only the parts
 * they changed. Each version keeps the content digest of every part (`snap:<v>:digests`) for the next
 * publish to compare with.
 *
 * A damaged pointer counts as none (the versions it named are left behind, unknown); an old version that
 * cannot be deleted (its chunks damaged) is logged and left: neither stops the new version's publish.
 */
export async function publishSnapshot(
  store: Store,
  parts: SnapshotParts,
  /** False to write every part ("Refresh now", which also rebuilds a damaged part). */
  { reuse = true }: { reuse?: boolean } = {},
): Promise<void> {
  const current = await readSnapshotPointer(store);
  const { version, generatedAt } = parts.core;
  // Publishing the same version again (the same instant) keeps the version before it as it was.
  const replaced = current && current.version !== version ? current : undefined;
  const before = replaced && reuse ? await readDigests(store, replaced.version) : {};

  const wins = byQuarter(parts.wins);
  const delivered = byQuarter(parts.delivered ?? []);
  const scopeIds = Object.keys(parts.scopes);
  const winQuarters = [...wins.keys()].sort();
  const deliveredQuarters = [...delivered.keys()].sort();
  const drillScopes = Object.keys(parts.drill ?? {}).sort();
  // Wins and deliveries by quarter: the wins page reads one quarter, a gadget the latest two.
  const all: Array<[string, unknown]> = [
    ['data', parts.core],
    ['epics', parts.epics],
    ...Object.entries(parts.scopes).map(([id, detail]): [string, unknown] => [`scope:${id}`, detail]),
    ...winQuarters.map((q): [string, unknown] => [`wins:${q}`, wins.get(q) ?? []]),
    ...deliveredQuarters.map((q): [string, unknown] => [`delivered:${q}`, delivered.get(q) ?? []]),
    // A drill part's items done before this quarter no longer change: kept apart, they are carried over.
    ...drillScopes.flatMap((name): Array<[string, unknown]> => {
      const { recent, settled } = splitDrill(parts.drill![name]!, settledBefore(generatedAt));
      return [
        [`drill:${name}`, recent],
        [`settled:${name}`, settled],
      ];
    }),
  ];
  const digests: Record<string, string> = {};
  const carried: Record<string, string> = {};
  for (const [name, value] of all) {
    const text = JSON.stringify(value);
    digests[name] = createHash('sha256').update(text).digest('base64url').slice(0, 22);
    if (replaced && before[name] === digests[name]) {
      carried[name] = storedIn(replaced, name);
      continue;
    }
    await writeOps(store, chunkOps(partKey(version, name), value as never));
  }
  await store.set(KEYS.snapshot.digests(version), digests);

  const previous = replaced ? published(replaced) : current?.previous;
  const pointer: SnapshotPointer = {
    version,
    generatedAt,
    scopeIds,
    winQuarters,
    ...(deliveredQuarters.length > 0 ? { deliveredQuarters } : {}),
    ...(drillScopes.length > 0 ? { drillScopes, drillSettled: true } : {}),
    ...(Object.keys(carried).length > 0 ? { carried } : {}),
  };
  await store.set(KEYS.snapshot.pointer, previous ? { ...pointer, previous } : pointer);
  const retired = replaced?.previous;
  if (retired && retired.version !== version) await deleteVersion(store, retired, [pointer, previous]);
}

/** The version a part of `v` is stored in: its own, or the one it was carried from. */
export const storedIn = (v: PublishedVersion, name: string): string => v.carried?.[name] ?? v.version;

/** The key of a part (`data`, `epics`, `scope:<id>`, `wins:<q>`, `delivered:<q>`, `drill:<name>`, `settled:<name>`). */
function partKey(version: string, name: string): ChunkedKey<unknown> {
  const [kind, ...rest] = name.split(':');
  const id = rest.join(':');
  switch (kind) {
    case 'data':
      return KEYS.snapshot.core(version);
    case 'epics':
      return KEYS.snapshot.epics(version);
    case 'scope':
      return KEYS.snapshot.scope(version, id);
    case 'wins':
      return KEYS.snapshot.wins(version, id);
    case 'delivered':
      return KEYS.snapshot.delivered(version, id);
    case 'settled':
      return KEYS.snapshot.settled(version, id);
    default:
      return KEYS.snapshot.drill(version, id);
  }
}

/** The digests a version kept; none (every part written) when they are missing or damaged. */
async function readDigests(store: Store, version: string): Promise<Record<string, string>> {
  try {
    const stored: unknown = await store.get(KEYS.snapshot.digests(version));
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
    return Object.fromEntries(
      Object.entries(stored).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
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
  drillSettled,
  carried,
}: PublishedVersion): PublishedVersion => ({
  version,
  scopeIds,
  winQuarters,
  ...(deliveredQuarters ? { deliveredQuarters } : {}),
  ...(drillScopes ? { drillScopes } : {}),
  ...(drillSettled ? { drillSettled } : {}),
  ...(carried ? { carried } : {}),
});

/**
 * Deletes what a retired version named (the parts it stored and those it carried from older versions)
 * unless a version still kept (`kept`) reads the same stored part.
 */
async function deleteVersion(
  store: Store,
  retired: PublishedVersion,
  kept: ReadonlyArray<PublishedVersion | undefined>,
) {
  const { version, scopeIds, winQuarters, deliveredQuarters, drillScopes, drillSettled } = retired;
  const names = [
    'data',
    'epics',
    ...(scopeIds ?? []).map((id) => `scope:${id}`),
    ...(winQuarters ?? []).map((q) => `wins:${q}`),
    ...(deliveredQuarters ?? []).map((q) => `delivered:${q}`),
    ...(drillScopes ?? []).map((name) => `drill:${name}`),
    ...(drillSettled ? (drillScopes ?? []).map((name) => `settled:${name}`) : []),
  ];
  const stillRead = (name: string, at: string) => kept.some((v) => v && storedIn(v, name) === at);
  const keys = names
    .map((name) => [name, storedIn(retired, name)] as const)
    .filter(([name, at]) => !stillRead(name, at))
    .map(([name, at]) => partKey(at, name));
  await store.delete(KEYS.snapshot.digests(version));
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
