import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../src/store/file';
import { MemoryStore } from '../../src/store/memory';
import { storeKey, StoreLimitError, type Key, type Store } from '../../src/store/port';
import { PrefetchedStore } from '../../src/store/prefetched';

const a = storeKey<{ n: number }>('t:a');
const b = storeKey<string>('t:b');
const missing = storeKey<number>('t:missing');

async function withStores(run: (store: Store) => Promise<void>): Promise<void> {
  await run(new MemoryStore());
  const folder = await mkdtemp(join(tmpdir(), 'pmo-batch-'));
  try {
    await run(await FileStore.open(folder));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe('a batch read', () => {
  it('answers every key in the order asked, undefined where there is none', async () => {
    await withStores(async (store) => {
      await store.set(a, { n: 1 });
      await store.set(b, 'two');
      const [first, none, second] = await store.getMany([a, missing, b] as const);
      expect(first).toEqual({ n: 1 });
      expect(none).toBeUndefined();
      expect(second).toBe('two');
    });
  });

  it('refuses what Forge refuses: no key, more than 25, or a key twice', async () => {
    await withStores(async (store) => {
      await expect(store.getMany([])).rejects.toThrow(StoreLimitError);
      const many = Array.from({ length: 26 }, (_, i) => storeKey<number>(`t:${i}`));
      await expect(store.getMany(many)).rejects.toThrow(StoreLimitError);
      await expect(store.getMany([a, a])).rejects.toThrow(StoreLimitError);
    });
  });
});

describe('a store over a batch read', () => {
  /** Counts the reads that reach the store underneath. */
  function counted(store: Store) {
    const reads: string[] = [];
    const counting: Store = {
      get: (key) => {
        reads.push(key);
        return store.get(key);
      },
      getMany: (keys) => {
        reads.push(`[${keys.join(',')}]`);
        return store.getMany(keys);
      },
      set: (key, value, options) => store.set(key, value, options),
      create: (key, value, options) => store.create(key, value, options),
      delete: (key) => store.delete(key),
      query: (prefix, options) => store.query(prefix, options),
      transact: (ops) => store.transact(ops),
    };
    return { counting, reads };
  }

  it('answers the keys it read from the batch, copies each time, and the rest from the store', async () => {
    const memory = new MemoryStore();
    await memory.set(a, { n: 1 });
    await memory.set(b, 'two');
    const { counting, reads } = counted(memory);
    const { store, values } = await PrefetchedStore.open(counting, [a, missing] as const);
    expect(values).toEqual([{ n: 1 }, undefined]);
    const first = await store.get(a);
    first!.n = 99;
    expect(await store.get(a)).toEqual({ n: 1 });
    expect(await store.get(missing)).toBeUndefined();
    expect(await store.get(b)).toBe('two');
    expect(await store.getMany([a, b] as const)).toEqual([{ n: 1 }, 'two']);
    expect(reads).toEqual(['[t:a,t:missing]', 't:b', '[t:b]']);
  });

  it('forgets what it read of a key once the key is written', async () => {
    const memory = new MemoryStore();
    const { store } = await PrefetchedStore.open(memory, [a, missing] as const);
    await store.set(a, { n: 2 });
    await store.transact([{ kind: 'set', key: missing as Key<unknown>, value: 3 }]);
    expect(await store.get(a)).toEqual({ n: 2 });
    expect(await store.get(missing)).toBe(3);
  });
});
