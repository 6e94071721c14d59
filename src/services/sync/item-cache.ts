import type { WorkItem } from '../../domain/work-item';
import { chunkOps, deleteChunkedOps, readChunked, writeOps } from '../../store/chunked';
import type { Store, StoreOp } from '../../store/port';
import { KEYS } from '../keys';

/**
 * The item cache: every synced WorkItem, kept log-structured so an incremental sync writes only what
 * changed. A generation holds base chunks (written by a full sync) and delta chunks (appended by
 * incremental syncs); a delta entry replaces the item with the same id, or removes it. `items:ptr` says
 * which generation and how many chunks count: chunks past it are an unfinished run's and are ignored.
 *
 *   items:ptr                        { gen, base, delta, count }
 *   items:<gen>:base:<n>[:<chunk>]   WorkItem[]
 *   items:<gen>:delta:<n>[:<chunk>]  DeltaEntry[]
 */
export interface CachePointer {
  gen: number;
  base: number;
  delta: number;
  count: number;
}

export type DeltaEntry = { item: WorkItem } | { removed: string };

/** Items per chunk: about 250 KB of JSON, one or two store values. */
export const ITEMS_PER_CHUNK = 1000;

const baseKey = KEYS.items.base;
const deltaKey = KEYS.items.delta;

export async function readPointer(store: Store): Promise<CachePointer | undefined> {
  return store.get(KEYS.items.pointer);
}

export async function writePointer(store: Store, pointer: CachePointer): Promise<void> {
  await store.set(KEYS.items.pointer, pointer);
}

export const baseChunkOps = (gen: number, n: number, items: WorkItem[]): StoreOp[] =>
  chunkOps(baseKey(gen, n), items);
export const deltaChunkOps = (gen: number, n: number, entries: DeltaEntry[]): StoreOp[] =>
  chunkOps(deltaKey(gen, n), entries);

/** Every cached item by id, as the pointer defines them. */
export async function loadItems(
  store: Store,
  pointer: CachePointer,
  extraDeltas = 0,
): Promise<Map<string, WorkItem>> {
  const items = new Map<string, WorkItem>();
  for (let n = 0; n < pointer.base; n++) {
    for (const item of (await readChunked(store, baseKey(pointer.gen, n))) ?? []) items.set(item.id, item);
  }
  for (let n = 0; n < pointer.delta + extraDeltas; n++) {
    for (const entry of (await readChunked(store, deltaKey(pointer.gen, n))) ?? []) {
      if ('removed' in entry) items.delete(entry.removed);
      else items.set(entry.item.id, entry.item);
    }
  }
  return items;
}

/** Writes `items` as a fresh generation's base chunks (no pointer change). */
export async function writeGeneration(store: Store, gen: number, items: Iterable<WorkItem>): Promise<number> {
  let chunk: WorkItem[] = [];
  let n = 0;
  const flush = async () => {
    await writeOps(store, baseChunkOps(gen, n, chunk));
    n += 1;
    chunk = [];
  };
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === ITEMS_PER_CHUNK) await flush();
  }
  if (chunk.length > 0) await flush();
  return n;
}

/** Deletes chunks [from, to) of one kind in a generation (a finished generation, or an abandoned run's). */
export async function dropChunks(
  store: Store,
  gen: number,
  kind: 'base' | 'delta',
  from: number,
  to: number,
): Promise<void> {
  const ops: StoreOp[] = [];
  for (let n = from; n < to; n++)
    ops.push(...(await deleteChunkedOps(store, kind === 'base' ? baseKey(gen, n) : deltaKey(gen, n))));
  await writeOps(store, ops);
}

export async function dropGeneration(store: Store, pointer: CachePointer): Promise<void> {
  await dropChunks(store, pointer.gen, 'base', 0, pointer.base);
  await dropChunks(store, pointer.gen, 'delta', 0, pointer.delta);
}
