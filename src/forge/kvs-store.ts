import { kvs, WhereConditions } from '@forge/kvs';
import {
  checkTransaction,
  checkWrite,
  STORE_LIMITS,
  type Store,
  type StoreOp,
  type StorePage,
  type StoreValue,
} from '../store/port';

/** The Store port over Forge KVS. */
export class KvsStore implements Store {
  get<T extends StoreValue>(key: string): Promise<T | undefined> {
    return kvs.get<T>(key);
  }

  set(key: string, value: StoreValue): Promise<void> {
    checkWrite(key, value);
    return kvs.set(key, value);
  }

  delete(key: string): Promise<void> {
    return kvs.delete(key);
  }

  async query(prefix: string, options: { cursor?: string; limit?: number } = {}): Promise<StorePage> {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(prefix))
      .limit(Math.min(options.limit ?? STORE_LIMITS.queryPage, STORE_LIMITS.queryPage));
    if (options.cursor) query = query.cursor(options.cursor);
    const page = await query.getMany<StoreValue>();
    const entries = page.results.map((r) => ({ key: r.key, value: r.value }));
    return page.nextCursor ? { entries, nextCursor: page.nextCursor } : { entries };
  }

  async transact(ops: StoreOp[]): Promise<void> {
    checkTransaction(ops);
    let tx = kvs.transact();
    for (const op of ops) tx = op.kind === 'set' ? tx.set(op.key, op.value) : tx.delete(op.key);
    await tx.execute();
  }
}
