/**
 * The sync's and the snapshot's stored values read back checked: what counts as damage, how it is named,
 * and which reads recover on their own (test/integration/recovery.test.ts drives the whole sync).
 */
import { DamagedValue } from '../../src/services/errors';
import { KEYS } from '../../src/services/keys';
import {
  openSnapshot,
  publishSnapshot,
  readHistory,
  recordHistory,
  type Snapshot,
  type SnapshotParts,
} from '../../src/services/snapshot';
import { IDLE, readMeta, readProgress } from '../../src/services/sync';
import { baseChunkOps, deltaChunkOps, loadItems, readPointer } from '../../src/services/sync/item-cache';
import { readJqlMatches, saveJqlMatches } from '../../src/services/sync/membership';
import { chunkOps, encodeValue, writeOps } from '../../src/store/chunked';
import { MemoryStore } from '../../src/store/memory';
import { storeKey } from '../../src/store/port';
import { buildWin } from '../builders/metrics';
import { doneItem } from '../builders/work-item';

const set = (store: MemoryStore, key: string, value: unknown) => store.set(storeKey<unknown>(key), value);

/** A snapshot's parts with only what publishing and reading look at. */
const parts = (version: string, generatedAt: number): SnapshotParts => ({
  core: { version, generatedAt } as Snapshot,
  epics: [],
  scopes: { 'proj-a': { flow: { version }, trend: {} } as unknown as SnapshotParts['scopes'][string] },
  wins: [buildWin({ id: `win-${version}`, date: '2026-08-14', title: `win-${version}` })],
  delivered: [],
});

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('the item cache', () => {
  const items = [doneItem('2026-03-02', '2026-03-09'), doneItem('2026-03-03', '2026-03-12')];

  it('reads back what was written, deltas over the base', async () => {
    const store = new MemoryStore();
    const changed = { ...items[1]!, status: 'Reopened' };
    await writeOps(store, [
      ...baseChunkOps(1, 0, items),
      ...deltaChunkOps(1, 0, [{ item: changed }, { removed: items[0]!.id }]),
    ]);
    const loaded = await loadItems(store, { gen: 1, base: 1, delta: 1, count: 1 });
    expect([...loaded.values()]).toEqual([changed]);
  });

  it.each([
    ['a negative generation', { gen: -1, base: 1, delta: 0, count: 2 }, 'gen'],
    ['a count in words', { gen: 1, base: 'one', delta: 0, count: 2 }, 'base'],
    ['text', 'garbage', 'expected object'],
  ])('a pointer with %s is named', async (_, value, problem) => {
    const store = new MemoryStore();
    await set(store, 'items:ptr', value);
    const reading = readPointer(store);
    await expect(reading).rejects.toThrow(DamagedValue);
    await expect(reading).rejects.toThrow(/“items:ptr”.*is damaged/);
    await expect(reading).rejects.toThrow(problem);
  });

  it('a chunk the pointer counts must be there, and hold issues', async () => {
    const store = new MemoryStore();
    await writeOps(store, baseChunkOps(1, 0, items));
    await expect(loadItems(store, { gen: 1, base: 2, delta: 0, count: 2 })).rejects.toThrow(
      '“items:1:base:1”) is damaged: it is missing',
    );
    const { id: _, ...withoutId } = items[1]!;
    await writeOps(store, chunkOps(KEYS.items.base(1, 0), [items[0]!, withoutId] as never));
    await expect(loadItems(store, { gen: 1, base: 1, delta: 0, count: 2 })).rejects.toThrow(
      '“items:1:base:0”) is damaged: 1: is not a cached Jira issue',
    );
    await writeOps(store, chunkOps(KEYS.items.delta(1, 0), [{ removed: 7 }] as never));
    await writeOps(store, baseChunkOps(1, 0, items));
    await expect(loadItems(store, { gen: 1, base: 1, delta: 1, count: 2 })).rejects.toThrow(
      '0: is not a cached change',
    );
  });
});

describe('the sync’s records', () => {
  it('damaged progress reads as idle; progress from before notes reads with no note', async () => {
    const store = new MemoryStore();
    await set(store, 'sync:state', { phase: 'finished' });
    expect(await readProgress(store)).toEqual(IDLE);
    expect(warn.mock.calls[0]?.[0]).toContain('“sync:state”');
    const older = { ...IDLE, phase: 'idle', lastSuccessAt: 5 } as Record<string, unknown>;
    delete older.note;
    await set(store, 'sync:state', older);
    expect(await readProgress(store)).toEqual({ ...IDLE, lastSuccessAt: 5, note: null });
  });

  it('damaged meta counts as empty; meta an older version wrote without a field reads', async () => {
    const store = new MemoryStore();
    await set(store, 'sync:meta', { watermark: 5, scopeKey: 'k', discovery: { at: 1 } });
    expect(await readMeta(store)).toEqual({
      watermark: null,
      scopeKey: null,
      lastReconcileAt: null,
      discovery: null,
      quiet: null,
    });
    await set(store, 'sync:meta', { watermark: 5, scopeKey: 'k', discovery: null });
    expect(await readMeta(store)).toEqual({
      watermark: 5,
      scopeKey: 'k',
      lastReconcileAt: null,
      discovery: null,
      quiet: null,
    });
  });

  it('JQL membership reads back, or is named', async () => {
    const store = new MemoryStore();
    await saveJqlMatches(store, new Map([['proj-a', new Set(['1', '2'])]]), ['a warning']);
    expect(await readJqlMatches(store)).toEqual({
      matches: new Map([['proj-a', new Set(['1', '2'])]]),
      warnings: ['a warning'],
    });
    await writeOps(store, chunkOps(KEYS.sync.jqlMatches, { matches: { 'proj-a': [1] } } as never));
    await expect(readJqlMatches(store)).rejects.toThrow(
      '(stored as “sync:jql-matches”) is damaged: matches.proj-a.0: ',
    );
  });
});

describe('the published snapshot', () => {
  it('a damaged pointer counts as no snapshot, and the next publish has no version before it', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    await set(store, 'snap:ptr', { version: 'v1' });
    const reader = await openSnapshot(store);
    expect(reader.version).toBeUndefined();
    expect(await reader.core()).toBeUndefined();
    expect(warn.mock.calls[0]?.[0]).toContain('“snap:ptr”');
    await publishSnapshot(store, parts('v2', 2));
    expect(await store.get(KEYS.snapshot.pointer)).toEqual({
      version: 'v2',
      generatedAt: 2,
      scopeIds: ['proj-a'],
      winQuarters: ['2026-Q3'],
    });
  });

  it('a part the pointer names must be there; one it does not name is simply absent', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    await store.delete(storeKey<unknown>('snap:v1:scope:proj-a'));
    const reader = await openSnapshot(store);
    await expect(reader.scope('proj-a')).rejects.toThrow(
      'The published detail of “proj-a” (stored as “snap:v1:scope:proj-a”) is damaged: it is missing. Press Refresh now to rebuild the numbers from Jira.',
    );
    expect(await reader.scope('proj-new')).toBeUndefined();
    await set(store, 'snap:v1:wins:2026-Q3:0', encodeValue([{ id: 'w', date: 3 }]));
    await expect(reader.wins()).rejects.toThrow('“snap:v1:wins:2026-Q3”) is damaged: 0.kind: ');
    await set(store, 'snap:v1:data:0', '{"version":"v1","gen');
    await expect(reader.core()).rejects.toThrow('do not join into complete JSON');
  });

  it('a version too damaged to delete is left, and the publish goes on', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    await publishSnapshot(store, parts('v2', 2));
    await set(store, 'snap:v1:data', { chunks: 1e10 });
    await publishSnapshot(store, parts('v3', 3));
    expect(await store.get(KEYS.snapshot.pointer)).toMatchObject({
      version: 'v3',
      previous: { version: 'v2' },
    });
    expect(await store.get(storeKey<unknown>('snap:v1:scope:proj-a'))).toBeUndefined();
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toContain('“snap:v1:data”');
  });
});

describe('history', () => {
  const point = (date: string) => ({
    date,
    health: 'green' as const,
    progress: 40,
    throughput28d: 3,
    cycleP50: 4.5,
    forecastP85: null,
    valueToDate: 0,
  });

  it('a damaged series starts again with the next point', async () => {
    const store = new MemoryStore();
    await recordHistory(store, new Map(), { a: point('2026-11-16'), b: point('2026-11-16') }, '2025-01-01');
    await writeOps(store, chunkOps(KEYS.history('a'), [{ ...point('2026-11-16'), date: 'Monday' }]));
    const history = await readHistory(store, ['a', 'b']);
    expect(history.get('a')).toEqual([]);
    expect(history.get('b')).toEqual([point('2026-11-16')]);
    expect(warn.mock.calls[0]?.[0]).toContain('“hist:a” (0.date: is not a date)');
    await recordHistory(store, history, { a: point('2026-11-17') }, '2025-01-01');
    expect((await readHistory(store, ['a'])).get('a')).toEqual([point('2026-11-17')]);
  });
});
