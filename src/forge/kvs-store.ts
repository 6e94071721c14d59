import { getAppContext } from '@forge/api';
import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import {
  checkBatchRead,
  checkTransaction,
  checkWrite,
  STORE_LIMITS,
  type Key,
  type KeyPrefix,
  type QueryOptions,
  type Store,
  type StoreOp,
  type StorePage,
  type ValuesOf,
  type WriteOptions,
} from '../store/port';

/** Storage answers that mean "this installation spent its per-minute units; try again shortly". */
const THROTTLED = new Set(['RATE_LIMIT_EXCEEDED', 'TOO_MANY_REQUESTS', 'REQUEST_THROTTLED']);
const FIRST_WAIT_MS = 500;
const MAX_WAIT_MS = 8_000;
/** Time kept back for the caller after the last wait, so a throttled call fails inside its invocation. */
const KEEP_MS = 3_000;

const isThrottled = (error: unknown) =>
  error instanceof ForgeKvsAPIError && (THROTTLED.has(error.code) || error.responseDetails?.status === 429);

function remainingMs(): number {
  try {
    return getAppContext().invocationRemainingTimeInMillis();
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Retries a storage call the platform throttled, with a doubling wait and jitter, for as long as the
 * invocation has time for it; then the throttling error goes to the caller (a sync job keeps its cursor).
 */
async function throttled<T>(call: () => Promise<T>): Promise<T> {
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    try {
      return await call();
    } catch (error) {
      const pause = wait / 2 + Math.random() * (wait / 2);
      if (!isThrottled(error) || remainingMs() - pause < KEEP_MS) throw error;
      await sleep(pause);
    }
  }
}

const ttlOf = (options?: WriteOptions) =>
  options?.ttlSeconds ? { ttl: { value: Math.ceil(options.ttlSeconds), unit: 'SECONDS' as const } } : {};

/** The Store port over Forge KVS. */
export class KvsStore implements Store {
  get<T>(key: Key<T>): Promise<T | undefined> {
    return throttled(() => kvs.get<T>(key));
  }

  /**
   * One batch get: the platform meters it as one request of its whole size. A key it has no value for
   * comes back among `failedKeys` as KEY_NOT_FOUND (undefined here); any other failure of a key fails
   * the read, as a single get would.
   */
  async getMany<const K extends readonly Key<unknown>[]>(keys: K): Promise<ValuesOf<K>> {
    checkBatchRead(keys);
    const answer = await throttled(() => kvs.batchGet<unknown>(keys.map((key) => ({ key }))));
    const failed = answer.failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failed) {
      throw new Error(`Storage did not read "${failed.key}": ${failed.error.code} ${failed.error.message}`);
    }
    const found = new Map(answer.successfulKeys.map((entry) => [entry.key, entry.value]));
    return keys.map((key) => found.get(key)) as ValuesOf<K>;
  }

  set<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<void> {
    checkWrite(key, value);
    return throttled(() => kvs.set(key, value, ttlOf(options)));
  }

  /** `FAIL_IF_EXISTS`: the platform answers 409 KEY_CONFLICT when the key is taken. */
  async create<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<boolean> {
    checkWrite(key, value);
    try {
      await throttled(() => kvs.set(key, value, { ...ttlOf(options), keyPolicy: 'FAIL_IF_EXISTS' }));
      return true;
    } catch (error) {
      if (error instanceof ForgeKvsAPIError && error.code === 'KEY_CONFLICT') return false;
      throw error;
    }
  }

  delete(key: Key<unknown>): Promise<void> {
    return throttled(() => kvs.delete(key));
  }

  async query<T>(prefix: KeyPrefix<T>, options: QueryOptions = {}): Promise<StorePage<T>> {
    const page = await throttled(() => {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(prefix))
        .limit(Math.min(options.limit ?? STORE_LIMITS.queryPage, STORE_LIMITS.queryPage));
      if (options.cursor) query = query.cursor(options.cursor);
      return query.getMany<T>();
    });
    const entries = page.results.map((r) => ({ key: r.key as Key<T>, value: r.value }));
    return page.nextCursor ? { entries, nextCursor: page.nextCursor } : { entries };
  }

  async transact(ops: StoreOp[]): Promise<void> {
    checkTransaction(ops);
    await throttled(() => {
      let tx = kvs.transact();
      for (const op of ops) tx = op.kind === 'set' ? tx.set(op.key, op.value) : tx.delete(op.key);
      return tx.execute();
    });
  }
}
