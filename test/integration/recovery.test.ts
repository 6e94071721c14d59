/**
 * Damaged sync and snapshot values, through the real sync and resolvers: each is damaged in two ways
 * (a value of the wrong shape; for chunked values a chunk cut short or missing too), and the app either
 * recovers (the next sync succeeds and its numbers equal those of an undamaged installation synced at the
 * same instant) or answers 'damaged', naming the key and what to do.
 *
 * Two installations over two demo Jiras of the same seed: one is damaged, the other never is, and both
 * sync at every instant the test uses (each a minute after the one before, all on one day, so both keep
 * the same history), so "the numbers of an undamaged run" are computed, not recorded.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  FlowData,
  HealthData,
  PortfolioDocument,
  SurfaceView,
  SyncProgress,
  WinsPageData,
} from '../../src/contract';
import { JiraClient } from '../../src/jira/client';
import { DamagedValue } from '../../src/services/errors';
import { KEYS } from '../../src/services/keys';
import { openSnapshot, readHistory, readSnapshot, type Snapshot } from '../../src/services/snapshot';
import { loadItems, readMeta, readPointer, readProgress, runSyncJob } from '../../src/services/sync';
import { readJqlMatches } from '../../src/services/sync/membership';
import { writeMeta } from '../../src/services/sync/meta';
import { chunkOps, writeOps } from '../../src/store/chunked';
import { storeKey, type ChunkedKey } from '../../src/store/port';
import { forgetKeptAnswers } from '../builders/kept';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const MINUTE = 60_000;
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as PortfolioDocument;
const LEAD = 'pmo@demo.test';
const REFRESH = 'Press Refresh now to rebuild the numbers from Jira';
/** JSON cut off in the middle of an item, as a chunk written half-way would be. */
const CUT_SHORT = '{"items":[{"ke';

/** The numbers of a snapshot, without when and which version it was. */
const numbers = (s: Snapshot | undefined) => s && { ...s, version: undefined, generatedAt: undefined };

jest.setTimeout(60_000);

describe('damaged sync and snapshot values: the app recovers, or says what is damaged and what to do', () => {
  let damaged: ResolverStack;
  let clean: ResolverStack;
  let minute = 0;
  /** The next instant to sync at: a minute after the last. */
  const next = () => NOW + ++minute * MINUTE;
  let warn: jest.SpyInstance;

  const set = (key: string, value: unknown) => damaged.store.set(storeKey<unknown>(key), value);
  const remove = (key: string) => damaged.store.delete(storeKey<unknown>(key));
  /** A chunked value's three kinds of damage: sound chunks of the wrong shape, a chunk cut short, one missing. */
  const CHUNK_DAMAGE = {
    'of the wrong shape': (key: ChunkedKey<unknown>) =>
      writeOps(damaged.store, chunkOps(key, { items: 'none' } as never)),
    'with a chunk cut short': (key: ChunkedKey<unknown>) => set(`${key}:0`, CUT_SHORT),
    'with a chunk missing': (key: ChunkedKey<unknown>) => remove(`${key}:0`),
  };
  const chunkDamages = Object.entries(CHUNK_DAMAGE);
  /** Two ways a plain value goes wrong: an object without the fields, and something that is not an object. */
  const plainDamages: [string, unknown][] = [
    ['an object of the wrong shape', { gen: 'one', phase: 'dancing', watermark: 'yesterday' }],
    ['text', 'garbage'],
  ];

  /**
   * Both installations sync at one instant, as "Refresh now" does (publishing even when Jira has not
   * changed); the damaged one's numbers must equal the undamaged one's.
   */
  const syncBoth = async (at = next()) => {
    const recovered = await damaged.sync(at, { recompute: true });
    const undamaged = await clean.sync(at, { recompute: true });
    expect(numbers(recovered)).toEqual(numbers(undamaged));
    expect(recovered.version).toBe(`v${at}`);
    expect((await damaged.store.get(KEYS.snapshot.pointer))?.version).toBe(`v${at}`);
    return recovered;
  };
  const progress = () => readProgress(damaged.store);
  const current = async () => (await damaged.store.get(KEYS.snapshot.pointer))!;

  beforeAll(async () => {
    const start = () => startResolverStack({ seed: 11, issues: 300, now: NOW });
    [damaged, clean] = await Promise.all([start(), start()]);
    for (const stack of [damaged, clean]) ok(await stack.call('config/import', LEAD, { document: SAMPLE }));
    await syncBoth(NOW);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([damaged.close(), clean.close()]);
  });
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  /** What was logged, as one text. */
  const logged = () => warn.mock.calls.map((c) => String(c[0])).join('\n');

  describe('the item cache: damage makes the next sync a full one into a new generation', () => {
    it.each(plainDamages)('a pointer that is %s', async (_, value) => {
      await set(KEYS.items.pointer, value);
      await expect(readPointer(damaged.store)).rejects.toThrow('“items:ptr”');
      await syncBoth();
      const after = await progress();
      expect(after.mode).toBe('full');
      expect(after.error).toBeNull();
      expect(after.note).toContain('“items:ptr”');
      expect(after.note).toContain('reads everything from Jira again');
      const pointer = (await readPointer(damaged.store))!;
      expect(pointer.count).toBe((await readPointer(clean.store))!.count);
    });

    it.each(chunkDamages)('a base chunk %s', async (_, damage) => {
      const before = (await readPointer(damaged.store))!;
      expect(before.base).toBeGreaterThan(0);
      const key = KEYS.items.base(before.gen, 0);
      await damage(key);
      await expect(loadItems(damaged.store, before)).rejects.toThrow(DamagedValue);
      await syncBoth();
      const after = await progress();
      expect(after.mode).toBe('full');
      expect(after.note).toContain(`Part of the item cache, “${key}”`);
      const pointer = (await readPointer(damaged.store))!;
      expect(pointer.gen).toBe(before.gen + 1);
      // The damaged generation is gone, the new one reads back whole.
      expect(await damaged.store.get(storeKey<unknown>(key))).toBeUndefined();
      expect((await loadItems(damaged.store, pointer)).size).toBe(pointer.count);
      // And the sync after it is incremental again.
      await syncBoth();
      expect((await progress()).mode).toBe('incremental');
      expect((await progress()).note).toBeNull();
    });

    it.each(chunkDamages)('a delta chunk %s', async (_, damage) => {
      // Issues change in both Jiras alike, so an incremental sync appends a delta chunk.
      const at = next();
      expect(damaged.demo.mutate({ count: 12, at }).changed).toEqual(
        clean.demo.mutate({ count: 12, at }).changed,
      );
      await syncBoth(at);
      expect((await progress()).mode).toBe('incremental');
      const before = (await readPointer(damaged.store))!;
      expect(before.delta).toBeGreaterThan(0);
      const key = KEYS.items.delta(before.gen, before.delta - 1);
      await damage(key);
      await syncBoth();
      expect((await progress()).mode).toBe('full');
      expect((await progress()).note).toContain(`“${key}”`);
      expect((await readPointer(damaged.store))!.gen).toBe(before.gen + 1);
    });
  });

  describe('the sync’s own records', () => {
    it.each(plainDamages)('a saved run that is %s is discarded and a new run begins', async (_, value) => {
      // A job that stops after one step leaves its run saved, as a job out of time does.
      const at = next();
      const jira = new JiraClient(damaged.access.asApp());
      expect(await runSyncJob({ store: damaged.store, jira, clock: () => at, deadline: at })).toBe('more');
      expect(await damaged.store.get(KEYS.sync.run)).toBeDefined();
      await set(KEYS.sync.run, value);
      await syncBoth();
      expect((await progress()).note).toContain('“sync:run”');
      expect((await progress()).error).toBeNull();
      expect(await damaged.store.get(KEYS.sync.run)).toBeUndefined();
    });

    it.each(plainDamages)('sync meta that is %s counts as empty: the next run is full', async (_, value) => {
      await set(KEYS.sync.meta, value);
      expect(await readMeta(damaged.store)).toEqual({
        watermark: null,
        scopeKey: null,
        lastReconcileAt: null,
        discovery: null,
        quiet: null,
      });
      await syncBoth();
      expect((await progress()).mode).toBe('full');
      expect((await progress()).note).toContain('“sync:meta”');
      expect((await readMeta(damaged.store)).watermark).not.toBeNull();
    });

    it.each(plainDamages)('sync progress that is %s reads as idle', async (_, value) => {
      await set(KEYS.sync.state, value);
      const status = ok(await damaged.call<SyncProgress>('sync/status', LEAD));
      expect(status).toMatchObject({ phase: 'idle', error: null, lastSuccessAt: null });
      // A view shows its numbers with the idle status.
      const health = ok(await damaged.call<SurfaceView<HealthData>>('reports/health', LEAD));
      expect(health.state).toBe('ready');
      expect(health.sync.phase).toBe('idle');
      const at = next();
      await syncBoth(at);
      expect(await progress()).toMatchObject({ phase: 'idle', lastSuccessAt: at, error: null });
      expect((await progress()).note).toContain('“sync:state”');
    });

    it.each(chunkDamages)(
      'JQL membership %s is named when read, and asked of Jira again by the sync',
      async (_, damage) => {
        await damage(KEYS.sync.jqlMatches);
        await expect(readJqlMatches(damaged.store)).rejects.toThrow('“sync:jql-matches”');
        await syncBoth();
        const [recovered, undamaged] = await Promise.all([
          readJqlMatches(damaged.store),
          readJqlMatches(clean.store),
        ]);
        expect(recovered.matches.size).toBeGreaterThan(0);
        expect(recovered).toEqual(undamaged);
      },
    );

    it.each(chunkDamages)('reconcile ids %s: the reconcile starts again', async (_, damage) => {
      // With no reconcile on record, the next incremental run lists every id in scope.
      await writeMeta(damaged.store, { ...(await readMeta(damaged.store)), lastReconcileAt: null });
      const at = next();
      const jira = new JiraClient(damaged.access.asApp());
      const job = () => runSyncJob({ store: damaged.store, jira, clock: () => at, deadline: at });
      expect(await job()).toBe('more');
      expect((await damaged.store.get(KEYS.sync.run))?.phase).toBe('reconcile');
      expect(await job()).toBe('more');
      const run = (await damaged.store.get(KEYS.sync.run))!;
      expect(run.phase).toBe('compute');
      expect(run.liveChunks).toBe(1);
      await damage(KEYS.sync.liveIds(0));
      await syncBoth(at);
      expect((await progress()).mode).toBe('incremental');
      expect((await progress()).note).toContain('“sync:live:0”');
      expect((await readMeta(damaged.store)).lastReconcileAt).toBe(at);
      expect(await damaged.store.get(storeKey<unknown>('sync:live:0'))).toBeUndefined();
    });
  });

  describe('the published snapshot', () => {
    const health = () => damaged.call<SurfaceView<HealthData>>('reports/health', LEAD);

    it.each(plainDamages)(
      'a pointer that is %s counts as no snapshot until a sync publishes',
      async (_, value) => {
        const old = await current();
        await set(KEYS.snapshot.pointer, value);
        const view = ok(await health());
        expect(view.state).toBe('no-snapshot');
        expect(view.data).toBeNull();
        expect(await readSnapshot(damaged.store)).toBeUndefined();
        await syncBoth();
        expect(ok(await health()).state).toBe('ready');
        // The version the damaged pointer named is left behind, not read.
        expect((await current()).previous).toBeUndefined();
        expect(old.version).not.toBe((await current()).version);
      },
    );

    it.each(chunkDamages)(
      'the core numbers %s: views name the part and say to refresh',
      async (_, damage) => {
        const { version } = await current();
        const key = KEYS.snapshot.core(version);
        await damage(key);
        await forgetKeptAnswers(damaged.store);
        const answer = await health();
        expect(answer.ok).toBe(false);
        if (answer.ok) return;
        expect(answer.error.kind).toBe('damaged');
        expect(answer.error.message).toContain(`“${key}”`);
        expect(answer.error.message).toContain(REFRESH);
        await syncBoth();
        const view = ok(await health());
        expect(view.state).toBe('ready');
        expect(view.data!.rows.length).toBe(SAMPLE.projects.length);
      },
    );

    it.each(chunkDamages)('a PMO project’s detail %s fails its flow view only', async (_, damage) => {
      const { version } = await current();
      const key = KEYS.snapshot.scope(version, 'proj-mobile');
      await damage(key);
      await forgetKeptAnswers(damaged.store);
      const flow = (id: string) =>
        damaged.call<SurfaceView<FlowData>>('reports/flow', LEAD, {
          config: { scope: { kind: 'project', id }, weeks: 26 },
        });
      const answer = await flow('proj-mobile');
      expect(!answer.ok && answer.error).toMatchObject({ kind: 'damaged' });
      expect(!answer.ok && answer.error.message).toContain(`“${key}”`);
      expect(!answer.ok && answer.error.message).toContain(REFRESH);
      expect(ok(await flow('proj-data')).state).toBe('ready');
      await syncBoth();
      const mobile = await (await openSnapshot(clean.store)).scope('proj-mobile');
      expect(ok(await flow('proj-mobile')).data!.comparison).toEqual(
        mobile!.trend.windows.find((w) => w.weeks === 26),
      );
    });

    it.each(chunkDamages)('a quarter’s wins %s fail that quarter’s page', async (_, damage) => {
      const { version, winQuarters } = await current();
      const quarter = winQuarters!.at(-1)!;
      const key = KEYS.snapshot.wins(version, quarter);
      await damage(key);
      const page = () => damaged.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, { quarter });
      const answer = await page();
      expect(!answer.ok && answer.error).toMatchObject({ kind: 'damaged' });
      expect(!answer.ok && answer.error.message).toContain(`“${key}”`);
      expect(!answer.ok && answer.error.message).toContain(REFRESH);
      await syncBoth();
      const wins = ok(await page()).data!.wins;
      expect(wins.map((w) => w.id)).toEqual(
        ok(await clean.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, { quarter })).data!.wins.map(
          (w) => w.id,
        ),
      );
    });

    it.each(chunkDamages)('the epic rows %s are named when read', async (_, damage) => {
      const { version } = await current();
      const key = KEYS.snapshot.epics(version);
      await damage(key);
      const reading = (await openSnapshot(damaged.store)).epics();
      await expect(reading).rejects.toThrow(DamagedValue);
      await expect(reading).rejects.toThrow(`“${key}”`);
      await syncBoth();
      const [recovered, undamaged] = await Promise.all(
        [damaged, clean].map(async (s) => (await openSnapshot(s.store)).epics()),
      );
      expect(recovered).toEqual(undamaged);
    });

    it('a damaged old version does not stop a publish that deletes it', async () => {
      const { version } = await current();
      // A head that cannot say how many chunks to delete, and a part cut short.
      await set(KEYS.snapshot.core(version), { chunks: 1e10 });
      await set(`${KEYS.snapshot.epics(version)}:0`, CUT_SHORT);
      await syncBoth();
      const replacing = (await current()).version;
      expect((await current()).previous?.version).toBe(version);
      // This publish retires the damaged version.
      await syncBoth();
      const after = await current();
      expect(after.previous?.version).toBe(replacing);
      expect(await damaged.store.get(storeKey<unknown>(`${KEYS.snapshot.epics(version)}:0`))).toBeUndefined();
      expect(logged()).toContain(KEYS.snapshot.core(version));
    });
  });

  describe('history', () => {
    it.each(chunkDamages)('a series %s starts again and fails nothing', async (_, damage) => {
      const key = KEYS.history('_portfolio');
      const at = next();
      await damage(key);
      // Both installations sync on the same day, so the undamaged series has only today's point too.
      await syncBoth(at);
      expect(logged()).toContain(`“${key}”`);
      const ids = ['_portfolio', 'proj-mobile'];
      const [recovered, undamaged] = await Promise.all([
        readHistory(damaged.store, ids),
        readHistory(clean.store, ids),
      ]);
      expect(recovered.get('_portfolio')).toHaveLength(1);
      expect(recovered).toEqual(undamaged);
      expect(ok(await damaged.call<SurfaceView<HealthData>>('reports/health', LEAD)).state).toBe('ready');
    });
  });
});
