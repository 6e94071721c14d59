import {
  checkBatchRead,
  checkTransaction,
  checkWrite,
  pageOfKeys,
  type Key,
  type KeyPrefix,
  type QueryOptions,
  type Store,
  type StoreOp,
  type StorePage,
  type ValuesOf,
  type WriteOptions,
} from './port';

/** An in-memory Store for tests; values are deep-copied so callers never share state with the store. */
export class MemoryStore implements Store {
  private readonly data = new Map<string, string>();

  async get<T>(key: Key<T>): Promise<T | undefined> {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async getMany<const K extends readonly Key<unknown>[]>(keys: K): Promise<ValuesOf<K>> {
    checkBatchRead(keys);
    return keys.map((key) => {
      const raw = this.data.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    }) as ValuesOf<K>;
  }

  async set<T>(key: Key<T>, value: NoInfer<T>, _options?: WriteOptions): Promise<void> {
    checkWrite(key, value);
    this.data.set(key, JSON.stringify(value));
  }

  /** Expiry is not modelled: like KVS, an expired value may still be there, and still taken. */
  async create<T>(key: Key<T>, value: NoInfer<T>, _options?: WriteOptions): Promise<boolean> {
    checkWrite(key, value);
    if (this.data.has(key)) return false;
    this.data.set(key, JSON.stringify(value));
    return true;
  }

  async delete(key: Key<unknown>): Promise<void> {
    this.data.delete(key);
  }

  async query<T>(prefix: KeyPrefix<T>, options: QueryOptions = {}): Promise<StorePage<T>> {
    const { keys, nextCursor } = pageOfKeys(this.data.keys(), prefix, options);
    const entries = keys.map((key) => ({
      key: key as Key<T>,
      value: JSON.parse(this.data.get(key) as string) as T,
    }));
    return nextCursor ? { entries, nextCursor } : { entries };
  }

  async transact(ops: StoreOp[]): Promise<void> {
    checkTransaction(ops);
    for (const op of ops) {
      if (op.kind === 'set') this.data.set(op.key, JSON.stringify(op.value));
      else this.data.delete(op.key);
    }
  }
}
