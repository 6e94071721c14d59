/**
 * The Store port: a key-value store shaped like Forge KVS, so the memory, file and Forge adapters are
 * interchangeable. Keys are at most 500 characters; values are JSON at most 240 KiB; a transaction holds at
 * most 25 operations. Larger values are split by `chunked.ts`, never truncated.
 */
export const STORE_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  transactionOps: 25,
  queryPage: 100,
  /** Keys in one batch read (KVS batch get), each named once. */
  batchKeys: 25,
} as const;

declare const whole: unique symbol;
declare const pieces: unique symbol;
declare const listed: unique symbol;

/**
 * A key that says what its value is, so a read needs no cast and a write of the wrong shape does not
 * compile. The app's keys are all made in src/services/keys.ts; a plain string is not a key.
 */
export type Key<T> = string & { readonly [whole]: T };
/** A key whose value chunked.ts splits into pieces under the value limit: read it with readChunked. */
export type ChunkedKey<T> = string & { readonly [pieces]: T };
/** The start of keys whose values are T, for a prefix query. */
export type KeyPrefix<T> = string & { readonly [listed]: T };

export const storeKey = <T>(name: string) => name as Key<T>;
export const chunkedKey = <T>(name: string) => name as ChunkedKey<T>;
export const keyPrefix = <T>(name: string) => name as KeyPrefix<T>;

export type StoreOp =
  { kind: 'set'; key: Key<unknown>; value: unknown } | { kind: 'delete'; key: Key<unknown> };

export const setOp = <T>(key: Key<T>, value: NoInfer<T>): StoreOp => ({ kind: 'set', key, value });
export const deleteOp = (key: Key<unknown>): StoreOp => ({ kind: 'delete', key });

export interface StoreEntry<T = unknown> {
  key: Key<T>;
  value: T;
}

export interface StorePage<T = unknown> {
  entries: StoreEntry<T>[];
  nextCursor?: string;
}

/** How long a value lives; storage may keep (and still show) it for a while after it expires. */
export interface WriteOptions {
  ttlSeconds?: number;
}

/** The values of a list of keys, in the same order: undefined where a key has none. */
export type ValuesOf<K extends readonly Key<unknown>[]> = {
  -readonly [I in keyof K]: K[I] extends Key<infer T> ? T | undefined : never;
};

export interface Store {
  get<T>(key: Key<T>): Promise<T | undefined>;
  /**
   * Several values in one read (KVS batch get: one request, metered as one request of its whole size):
   * at most 25 distinct keys, answered in the order asked.
   */
  getMany<const K extends readonly Key<unknown>[]>(keys: K): Promise<ValuesOf<K>>;
  set<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<void>;
  /**
   * Writes a value only where the key has none, atomically (KVS `keyPolicy: 'FAIL_IF_EXISTS'`): true
   * when this call wrote it, false when the key was taken. The one conditional write storage offers;
   * src/store/lease.ts builds every other guarantee on it.
   */
  create<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<boolean>;
  delete(key: Key<unknown>): Promise<void>;
  /** Entries whose key begins with `prefix`, in key order, at most `limit` (<= 100) per page. */
  query<T>(prefix: KeyPrefix<T>, options?: QueryOptions): Promise<StorePage<T>>;
  /** All operations apply, or none do. */
  transact(ops: StoreOp[]): Promise<void>;
}

/** A stored value that cannot be read back (a chunk missing, JSON cut short); names the key. */
export class StoreDamageError extends Error {
  constructor(
    readonly key: string,
    readonly problem: string,
  ) {
    super(`Stored value "${key}" is damaged: ${problem}`);
    this.name = 'StoreDamageError';
  }
}

export class StoreLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreLimitError';
  }
}

/** Checks a write against the KVS limits, so every adapter refuses what Forge would refuse. */
export function checkWrite(key: string, value?: unknown): void {
  if (key.length === 0 || key.length > STORE_LIMITS.keyLength) {
    throw new StoreLimitError(
      `Storage key must be 1-${STORE_LIMITS.keyLength} characters: "${key.slice(0, 60)}…"`,
    );
  }
  if (value !== undefined) {
    const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (bytes > STORE_LIMITS.valueBytes) {
      throw new StoreLimitError(
        `Value for "${key}" is ${bytes} bytes, over the ${STORE_LIMITS.valueBytes}-byte limit; store it chunked`,
      );
    }
  }
}

/** Checks a batch read against the KVS limits: 1 to 25 keys, each once. */
export function checkBatchRead(keys: readonly string[]): void {
  if (keys.length === 0 || keys.length > STORE_LIMITS.batchKeys) {
    throw new StoreLimitError(`A batch read names 1-${STORE_LIMITS.batchKeys} keys, got ${keys.length}`);
  }
  if (new Set(keys).size !== keys.length) throw new StoreLimitError('A batch read names each key once');
  for (const key of keys) checkWrite(key);
}

export function checkTransaction(ops: StoreOp[]): void {
  if (ops.length > STORE_LIMITS.transactionOps) {
    throw new StoreLimitError(
      `A transaction holds at most ${STORE_LIMITS.transactionOps} operations, got ${ops.length}`,
    );
  }
  for (const op of ops) checkWrite(op.key, op.kind === 'set' ? op.value : undefined);
}

export interface QueryOptions {
  cursor?: string;
  limit?: number;
}

/** Which keys a prefix query returns (in key order, after the cursor, at most a page) and the next cursor. */
export function pageOfKeys(
  all: Iterable<string>,
  prefix: string,
  options: QueryOptions,
): { keys: string[]; nextCursor?: string } {
  const limit = Math.min(options.limit ?? STORE_LIMITS.queryPage, STORE_LIMITS.queryPage);
  const matching = [...all]
    .filter((k) => k.startsWith(prefix) && (!options.cursor || k > options.cursor))
    .sort();
  const keys = matching.slice(0, limit);
  const last = keys[keys.length - 1];
  return matching.length > limit && last !== undefined ? { keys, nextCursor: last } : { keys };
}

/** Reads every entry under a prefix, following cursors. */
export async function queryAll<T>(store: Store, prefix: KeyPrefix<T>): Promise<StoreEntry<T>[]> {
  const all: StoreEntry<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query(prefix, { cursor, limit: STORE_LIMITS.queryPage });
    all.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
