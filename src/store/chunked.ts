import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  STORE_LIMITS,
  StoreDamageError,
  storeKey,
  type ChunkedKey,
  type Key,
  type Store,
  type StoreOp,
} from './port';

/**
 * Characters per piece. A piece is base64 text (one byte a character), so it fills a value up to the
 * limit less the quotes and some room.
 */
const PIECE_CHARS = STORE_LIMITS.valueBytes - 64;

/**
 * How the pieces hold the value: `deflate` is the value's JSON compressed (raw deflate) and written as
 * base64; a head without `enc` (values written before compression) holds the JSON itself. Compressed,
 * the item cache and snapshot parts take about a tenth of their JSON's storage units (docs/sync.md).
 */
type Encoding = 'deflate';

interface ChunkHead {
  chunks: number;
  enc?: Encoding;
}

/** The layout of a chunked value: `<key>` holds the count, `<key>:<n>` the pieces of its JSON. */
const headKey = (key: ChunkedKey<unknown>) => storeKey<ChunkHead>(key);
const pieceKey = (key: ChunkedKey<unknown>, n: number) => storeKey<string>(`${key}:${n}`);

/** The value's JSON, compressed, as base64 text. */
export function encodeValue(value: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 6 }).toString('base64');
}

/** A value written by encodeValue, back; throws when the text is not one. */
export function decodeValue(text: string): unknown {
  return JSON.parse(inflateRawSync(Buffer.from(text, 'base64')).toString('utf8'));
}

/**
 * Splits a JSON value, compressed, into pieces under the value limit. Returns the operations, so a caller
 * can write them as part of a larger publish.
 */
export function chunkOps<T>(key: ChunkedKey<T>, value: NoInfer<T>): StoreOp[] {
  const text = encodeValue(value);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += PIECE_CHARS) pieces.push(text.slice(i, i + PIECE_CHARS));
  if (pieces.length === 0) pieces.push('');
  const head: ChunkHead = { chunks: pieces.length, enc: 'deflate' };
  return [
    ...pieces.map((piece, n): StoreOp => ({ kind: 'set', key: pieceKey(key, n), value: piece })),
    { kind: 'set', key: headKey(key), value: head },
  ];
}

/** Writes ops in transactions of at most 25 operations each, in order. */
export async function writeOps(store: Store, ops: StoreOp[]): Promise<void> {
  for (let i = 0; i < ops.length; i += STORE_LIMITS.transactionOps) {
    await store.transact(ops.slice(i, i + STORE_LIMITS.transactionOps));
  }
}

/**
 * Reads a chunked value back whole. A head that is not a count, a missing or non-text piece, or pieces
 * that do not join into JSON throw a StoreDamageError naming the key (never half a value).
 */
export async function readChunked<T>(store: Store, key: ChunkedKey<T>): Promise<T | undefined> {
  const head: unknown = await store.get(headKey(key));
  if (head === undefined) return undefined;
  const chunks = (head as Partial<ChunkHead> | null)?.chunks;
  if (typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1 || chunks > 10_000) {
    throw new StoreDamageError(key, 'its head does not say how many chunks it has');
  }
  const pieces: unknown[] = await Promise.all(
    Array.from({ length: chunks }, (_, n) => store.get(pieceKey(key, n))),
  );
  const missing = pieces.findIndex((p) => typeof p !== 'string');
  if (missing >= 0) throw new StoreDamageError(key, `chunk ${missing} of ${chunks} is missing or not text`);
  const enc = (head as Partial<ChunkHead>).enc;
  if (enc !== undefined && enc !== 'deflate') {
    throw new StoreDamageError(key, `its head names an unknown encoding (${String(enc)})`);
  }
  try {
    const joined = pieces.join('');
    const text = enc === 'deflate' ? inflateRawSync(Buffer.from(joined, 'base64')).toString('utf8') : joined;
    return JSON.parse(text) as T;
  } catch {
    throw new StoreDamageError(key, `its ${chunks} chunks do not join into complete JSON`);
  }
}

/** Deletes a chunked value: its pieces and its head. */
export async function deleteChunkedOps(store: Store, key: ChunkedKey<unknown>): Promise<StoreOp[]> {
  const head = await store.get(headKey(key));
  if (!head) return [];
  const pieces: Key<unknown>[] = Array.from({ length: head.chunks }, (_, n) => pieceKey(key, n));
  return [...pieces, headKey(key)].map((k): StoreOp => ({ kind: 'delete', key: k }));
}
