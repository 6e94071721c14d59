import { z } from 'zod';
import type { WorkItem } from '../../domain/work-item';
import { chunkOps, deleteChunkedOps, writeOps } from '../../store/chunked';
import type { Store, StoreOp } from '../../store/port';
import { KEYS } from '../keys';
import { damageOf, describeDamage, getChecked, readChecked, type Damage } from '../snapshot/damage';

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

const count = z.number().int().nonnegative();

/**
 * The shapes the cache is read back in: the pointer whole; of each item, the fields that place it (its
 * id and key, project, level, status category, when it was created, its transitions), not every field of
 * every item, so the check costs little next to the metrics (a plain test per item: a zod object per item
 * would take about a second for 100,000 items).
 */
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isItem = (v: unknown): boolean =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  typeof v.key === 'string' &&
  typeof v.project === 'string' &&
  typeof v.level === 'number' &&
  typeof v.statusCategory === 'string' &&
  typeof v.created === 'number' &&
  Array.isArray(v.transitions);
const isDelta = (v: unknown): boolean =>
  isRecord(v) && ('removed' in v ? typeof v.removed === 'string' : isItem(v.item));

/** An array whose every element passes `test`; the first that does not is named by its index. */
const arrayOf = (test: (v: unknown) => boolean, what: string) =>
  z.custom<unknown[]>(Array.isArray, 'is not a list').superRefine((values, ctx) => {
    const bad = values.findIndex((v) => !test(v));
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: [bad], message: `is not ${what}` });
  });

export const CACHE_SHAPES = {
  pointer: z.object({ gen: count, base: count, delta: count, count }),
  base: arrayOf(isItem, 'a cached Jira issue'),
  delta: arrayOf(isDelta, 'a cached change'),
};

/** A damaged part of the cache is not repaired: a full sync writes a new generation in its place. */
const CACHE_REMEDY = 'The next sync reads everything from Jira again.';
const cachePart = (what: string) => ({ what, remedy: CACHE_REMEDY, required: true });

/** The pointer; undefined before the first full sync. A damaged one throws a DamagedPart. */
export async function readPointer(store: Store): Promise<CachePointer | undefined> {
  return getChecked(store, KEYS.items.pointer, CACHE_SHAPES.pointer, {
    what: 'The pointer to the cached Jira issues',
    remedy: CACHE_REMEDY,
  });
}

/** The pointer, or none when it is damaged (logged by key), with the damage found. */
export async function readPointerChecked(
  store: Store,
): Promise<{ pointer: CachePointer | undefined; damage: Damage | null }> {
  try {
    return { pointer: await readPointer(store), damage: null };
  } catch (error) {
    const damage = damageOf(error);
    if (!damage) throw error;
    console.warn(`Item cache pointer ${describeDamage(damage)} is damaged: it counts as no cache`);
    return { pointer: undefined, damage };
  }
}

export async function writePointer(store: Store, pointer: CachePointer): Promise<void> {
  await store.set(KEYS.items.pointer, pointer);
}

export const baseChunkOps = (gen: number, n: number, items: WorkItem[]): StoreOp[] =>
  chunkOps(baseKey(gen, n), items);
export const deltaChunkOps = (gen: number, n: number, entries: DeltaEntry[]): StoreOp[] =>
  chunkOps(deltaKey(gen, n), entries);

/**
 * Every cached item by id, as the pointer defines them. Every chunk the pointer counts must be there and
 * read back as items: one that does not throws a DamagedPart naming it.
 */
export async function loadItems(store: Store, pointer: CachePointer): Promise<Map<string, WorkItem>> {
  const items = new Map<string, WorkItem>();
  for (let n = 0; n < pointer.base; n++) {
    const key = baseKey(pointer.gen, n);
    for (const item of (await readChecked(store, key, CACHE_SHAPES.base, cachePart('Cached Jira issues'))) ??
      [])
      items.set(item.id, item);
  }
  for (let n = 0; n < pointer.delta; n++) {
    const key = deltaKey(pointer.gen, n);
    const what = cachePart('Changes to the cached Jira issues');
    for (const entry of (await readChecked(store, key, CACHE_SHAPES.delta, what)) ?? []) {
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

/**
 * Deletes chunks [from, to) of one kind in a generation (a finished generation, or an abandoned run's).
 * A chunk whose head is too damaged to say what to delete is logged and left: clearing away old data
 * never fails a sync.
 */
export async function dropChunks(
  store: Store,
  gen: number,
  kind: 'base' | 'delta',
  from: number,
  to: number,
): Promise<void> {
  const ops: StoreOp[] = [];
  for (let n = from; n < to; n++) {
    const key = kind === 'base' ? baseKey(gen, n) : deltaKey(gen, n);
    try {
      ops.push(...(await deleteChunkedOps(store, key)));
    } catch (error) {
      console.warn(`Old cache chunk “${key}” could not be deleted and is left: ${(error as Error).message}`);
    }
  }
  await writeOps(store, ops);
}

export async function dropGeneration(store: Store, pointer: CachePointer): Promise<void> {
  await dropChunks(store, pointer.gen, 'base', 0, pointer.base);
  await dropChunks(store, pointer.gen, 'delta', 0, pointer.delta);
}
