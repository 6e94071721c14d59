import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkOps, readChunked, writeOps } from '../../src/store/chunked';
import { LocalKvs } from '../../dev/forge-runtime/kvs';
import { FileStore } from '../../src/store/file';
import { MemoryStore } from '../../src/store/memory';
import { chunkedKey, keyPrefix, queryAll, STORE_LIMITS, storeKey } from '../../src/store/port';

/** Keys of any name and value: the adapters are under test, not the app's keys. */
const key = (name: string) => storeKey<unknown>(name);
const prefix = (name: string) => keyPrefix<unknown>(name);

describe('stores', () => {
  it('refuses values over the 240 KiB limit and keys over 500 characters, changing nothing', async () => {
    const store = new MemoryStore();
    await expect(store.set(key('big'), 'x'.repeat(STORE_LIMITS.valueBytes))).rejects.toThrow(
      'over the 245760-byte limit',
    );
    await expect(store.set(key('k'.repeat(501)), 1)).rejects.toThrow('Storage key must be 1-500 characters');
    expect(await store.get(key('big'))).toBeUndefined();
  });

  it('refuses a transaction of more than 25 operations, writing none of them', async () => {
    const store = new MemoryStore();
    const ops = Array.from({ length: 26 }, (_, i) => ({ kind: 'set' as const, key: key(`k${i}`), value: i }));
    await expect(store.transact(ops)).rejects.toThrow('at most 25 operations, got 26');
    expect(await queryAll(store, prefix('k'))).toEqual([]);
  });

  it('pages a prefix query in key order with a cursor', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 230; i++) await store.set(key(`item:${String(i).padStart(3, '0')}`), i);
    await store.set(key('other'), 0);
    const first = await store.query(prefix('item:'));
    expect(first.entries).toHaveLength(100);
    expect(first.entries[0]).toEqual({ key: 'item:000', value: 0 });
    const all = await queryAll(store, prefix('item:'));
    expect(all.map((e) => e.value)).toEqual(Array.from({ length: 230 }, (_, i) => i));
  });

  it('splits a large value into chunks under the limit and reads it back whole', async () => {
    const store = new MemoryStore();
    // Digests do not compress much, so this value still needs several pieces once compressed.
    const digest = (i: number) => createHash('sha256').update(String(i)).digest('hex');
    const value = Array.from({ length: 30_000 }, (_, i) => ({
      key: `PAY-${i}`,
      note: `é "q" \\ ${digest(i)}`,
    }));
    const ops = chunkOps(chunkedKey<typeof value>('items:all'), value);
    expect(ops.length).toBeGreaterThan(3);
    for (const op of ops)
      if (op.kind === 'set')
        expect(Buffer.byteLength(JSON.stringify(op.value))).toBeLessThanOrEqual(STORE_LIMITS.valueBytes);
    await writeOps(store, ops);
    expect(await readChunked(store, chunkedKey('items:all'))).toEqual(value);
  });

  it('stores a chunked value compressed: repetitive JSON takes a fraction of its size', async () => {
    const store = new MemoryStore();
    const value = Array.from({ length: 5_000 }, (_, i) => ({ key: `PAY-${i}`, status: 'In Progress' }));
    const ops = chunkOps(chunkedKey<typeof value>('items:few'), value);
    const stored = ops.reduce((n, op) => n + (op.kind === 'set' ? JSON.stringify(op.value).length : 0), 0);
    expect(stored).toBeLessThan(JSON.stringify(value).length / 5);
    await writeOps(store, ops);
    expect(await store.get(storeKey<unknown>('items:few'))).toEqual({ chunks: 1, enc: 'deflate' });
    expect(await readChunked(store, chunkedKey('items:few'))).toEqual(value);
  });

  it('still reads a value stored before compression, as plain JSON pieces', async () => {
    const store = new MemoryStore();
    await store.set(storeKey<unknown>('items:old:0'), '[{"key":"PAY-1"},');
    await store.set(storeKey<unknown>('items:old:1'), '{"key":"PAY-2"}]');
    await store.set(storeKey<unknown>('items:old'), { chunks: 2 });
    expect(await readChunked(store, chunkedKey('items:old'))).toEqual([{ key: 'PAY-1' }, { key: 'PAY-2' }]);
  });

  it('keeps chunks under the byte limit for text of multi-byte characters', async () => {
    const store = new MemoryStore();
    const value = { note: '東京大阪'.repeat(60_000), memo: 'Überweisung – 💶 '.repeat(20_000) };
    const ops = chunkOps(chunkedKey<typeof value>('cfg:big'), value);
    for (const op of ops)
      if (op.kind === 'set')
        expect(Buffer.byteLength(JSON.stringify(op.value))).toBeLessThanOrEqual(STORE_LIMITS.valueBytes);
    await writeOps(store, ops);
    expect(await readChunked(store, chunkedKey('cfg:big'))).toEqual(value);
  });

  it('keeps data across reopening the file store', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pmo-store-'));
    try {
      const store = await FileStore.open(folder);
      await store.transact([
        { kind: 'set', key: key('a'), value: { n: 1 } },
        { kind: 'set', key: key('b'), value: [1, 2] },
      ]);
      await store.delete(key('b'));
      const reopened = await FileStore.open(folder);
      expect(await reopened.get(key('a'))).toEqual({ n: 1 });
      expect(await reopened.get(key('b'))).toBeUndefined();
      expect(JSON.parse(await readFile(join(folder, 'a.json'), 'utf8'))).toEqual({
        key: 'a',
        value: { n: 1 },
      });
      expect(await readdir(folder)).toEqual(['a.json']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('completes a transaction left in its journal by a crash when the store is next opened', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pmo-store-'));
    try {
      const store = await FileStore.open(folder);
      await store.set(key('snap:ptr'), { version: 'v1' });
      // A process died after writing the journal and before applying it.
      await writeFile(
        join(folder, '_journal.json'),
        JSON.stringify([
          { kind: 'set', key: 'snap:ptr', value: { version: 'v2' } },
          { kind: 'delete', key: 'snap:v1:data' },
        ]),
      );
      const reopened = await FileStore.open(folder);
      expect(await reopened.get(key('snap:ptr'))).toEqual({ version: 'v2' });
      expect(await readdir(folder)).not.toContain('_journal.json');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keeps keys with any characters, long ones included, and lists them by prefix', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pmo-store-'));
    try {
      const store = await FileStore.open(folder);
      const long = `items:${'x/'.repeat(200)}`;
      await store.set(key(long), 1);
      await store.set(key('items:a.b*c'), 2);
      await store.set(key('other'), 3);
      const reopened = await FileStore.open(folder);
      expect((await queryAll(reopened, prefix('items:'))).map((e) => e.value).sort()).toEqual([1, 2]);
      expect(await reopened.get(key(long))).toBe(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('creates a key only where none is: one of many racing creators wins, in every store', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pmo-store-'));
    try {
      for (const store of [new MemoryStore(), await FileStore.open(folder)]) {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.create(key('lease:x:1'), { owner: i })),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect(await store.get(key('lease:x:1'))).toEqual({ owner: winner });
      }
      // Another process holding the same folder cannot take it either.
      const other = await FileStore.open(folder);
      expect(await other.create(key('lease:x:1'), { owner: 'late' })).toBe(false);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('names a damaged file or chunk instead of failing with a parse error; a cut-short journal is dropped', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pmo-store-'));
    try {
      const store = await FileStore.open(folder);
      await store.set(key('cfg:settings'), { version: 1 });
      await writeOps(store, chunkOps(chunkedKey<unknown>('snap:v1:data'), { a: 'x'.repeat(10) }));
      await writeFile(join(folder, 'cfg%3Asettings.json'), '{"key":"cfg:settings","va');
      await writeFile(
        join(folder, 'snap%3Av1%3Adata%3A0.json'),
        JSON.stringify({ key: 'snap:v1:data:0', value: '{"a":"xx' }),
      );
      // A crash while the journal itself was written: none of it was applied, so none of it is.
      await writeFile(join(folder, '_journal.json'), '[{"kind":"set","key":"cfg:set');
      const reopened = await FileStore.open(folder);
      await expect(reopened.get(key('cfg:settings'))).rejects.toThrow(
        'Stored value "cfg:settings" is damaged',
      );
      await expect(readChunked(reopened, chunkedKey<unknown>('snap:v1:data'))).rejects.toThrow(
        'Stored value "snap:v1:data" is damaged: its 1 chunks do not join into complete JSON',
      );
      expect(await readdir(folder)).not.toContain('_journal.json');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('the local KVS starts from a journal with a damaged line, keeps the damaged file and names the lines', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pmo-kvs-'));
    try {
      const file = join(folder, 'kvs.jsonl');
      const entry = (value: unknown) => ({ value, createdAt: 1, updatedAt: 1 });
      await writeFile(
        file,
        [
          JSON.stringify({ s: 'd', ops: [{ k: 'a', v: entry(1) }] }),
          '{"s":"d","ops":[{"k":"b","v":{"val',
          JSON.stringify({ s: 'd', ops: [{ k: 'c', v: entry(3) }] }),
          '',
        ].join('\n'),
      );
      const warnings: string[] = [];
      const kvs = new LocalKvs({ file, now: () => 1_000, warn: (m) => warnings.push(m) });
      const store = kvs.inspector();
      expect(await store.get(key('a'))).toBe(1);
      expect(await store.get(key('b'))).toBeUndefined();
      expect(await store.get(key('c'))).toBe(3);
      expect(warnings).toEqual([expect.stringContaining('skipped 1 damaged line(s) (2)')]);
      expect(await readdir(folder)).toContain('kvs.jsonl.damaged-1000');
      // The journal was rewritten whole: the next start reads it without a warning.
      new LocalKvs({ file, warn: (m) => warnings.push(m) });
      expect(warnings).toHaveLength(1);
      expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
