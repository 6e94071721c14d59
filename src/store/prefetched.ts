import type { Key, KeyPrefix, QueryOptions, Store, StoreOp, StorePage, ValuesOf, WriteOptions } from './port';

/**
 * A store over another, for one request that read some keys up front in one batch: a read of one of
 * those keys is answered from what the batch read (a missing key stays missing), so code that reads it
 * again, key by key, costs no second request. Everything else goes to the store underneath; a write or
 * delete of a key forgets what the batch read of it.
 */
export class PrefetchedStore implements Store {
  private readonly read = new Map<string, unknown>();

  private constructor(private readonly store: Store) {}

  /** Reads `keys` in one batch; the values come back in order, and the store answers from them. */
  static async open<const K extends readonly Key<unknown>[]>(
    store: Store,
    keys: K,
  ): Promise<{ store: PrefetchedStore; values: ValuesOf<K> }> {
    const values = await store.getMany(keys);
    const prefetched = new PrefetchedStore(store);
    keys.forEach((key, i) => prefetched.read.set(key, values[i]));
    return { store: prefetched, values };
  }

  async get<T>(key: Key<T>): Promise<T | undefined> {
    if (!this.read.has(key)) return this.store.get(key);
    const value = this.read.get(key);
    // A copy, as every store gives: a caller may change what it read.
    return value === undefined ? undefined : (structuredClone(value) as T);
  }

  async getMany<const K extends readonly Key<unknown>[]>(keys: K): Promise<ValuesOf<K>> {
    const rest = keys.filter((key) => !this.read.has(key));
    const fetched = rest.length > 0 ? await this.store.getMany(rest) : [];
    const found = new Map(rest.map((key, i) => [key as string, fetched[i]]));
    return (await Promise.all(
      keys.map((key) => (found.has(key) ? found.get(key) : this.get(key))),
    )) as ValuesOf<K>;
  }

  set<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<void> {
    this.read.delete(key);
    return this.store.set(key, value, options);
  }

  create<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<boolean> {
    this.read.delete(key);
    return this.store.create(key, value, options);
  }

  delete(key: Key<unknown>): Promise<void> {
    this.read.delete(key);
    return this.store.delete(key);
  }

  query<T>(prefix: KeyPrefix<T>, options?: QueryOptions): Promise<StorePage<T>> {
    return this.store.query(prefix, options);
  }

  transact(ops: StoreOp[]): Promise<void> {
    for (const op of ops) this.read.delete(op.key);
    return this.store.transact(ops);
  }
}
