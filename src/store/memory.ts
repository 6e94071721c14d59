import {
  checkTransaction,
  checkWrite,
  pageOfKeys,
  type QueryOptions,
  type Store,
  type StoreOp,
  type StorePage,
  type StoreValue,
} from './port';

/** An in-memory Store for tests; values are deep-copied so callers never share state with the store. */
export class MemoryStore implements Store {
  private readonly data = new Map<string, string>();

  async get<T extends StoreValue>(key: string): Promise<T | undefined> {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: StoreValue): Promise<void> {
    checkWrite(key, value);
    this.data.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async query(prefix: string, options: QueryOptions = {}): Promise<StorePage> {
    const { keys, nextCursor } = pageOfKeys(this.data.keys(), prefix, options);
    const entries = keys.map((key) => ({
      key,
      value: JSON.parse(this.data.get(key) as string) as StoreValue,
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
