import { KEYS } from '../../src/services/keys';
import {
  openSnapshot,
  publishSnapshot,
  type Snapshot,
  type SnapshotParts,
} from '../../src/services/snapshot';
import { readChunked } from '../../src/store/chunked';
import { MemoryStore } from '../../src/store/memory';
import type { Delivery } from '../../src/domain/wins';
import { buildWin } from '../builders/metrics';
import type { DrillPart } from '../../src/services/snapshot/drill';

const DAY = 86_400_000;

const delivery = (id: string, date: string, slipDays: number): Delivery => ({
  id,
  title: `${id} delivered`,
  date,
  evidence: '',
  due: null,
  slipDays,
  timing: slipDays > 0 ? 'late' : slipDays < 0 ? 'early' : 'on-time',
  win: slipDays <= 0,
  items: 3,
  numbers: {},
  scope: { kind: 'epic', id: id.split(':')[2]!, name: id },
  projectIds: ['proj-a'],
  goalIds: [],
  jiraProjects: ['PAY'],
});

/** A snapshot's parts with only what publishing and reading look at. */
function parts(version: string, generatedAt: number): SnapshotParts {
  return {
    core: { version, generatedAt } as Snapshot,
    epics: [],
    scopes: { 'proj-a': { flow: { version }, trend: {} } as unknown as SnapshotParts['scopes'][string] },
    wins: [buildWin({ id: `win-${version}`, date: '2026-08-14', title: `win-${version}` })],
    delivered: [],
  };
}

describe('publishing and reading the snapshot', () => {
  it('gives a request one version throughout, even when a sync publishes while it reads', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    const reader = await openSnapshot(store);
    await publishSnapshot(store, parts('v2', 2));
    expect((await reader.core())?.version).toBe('v1');
    expect(await reader.scope('proj-a')).toBeDefined();
    expect((await reader.wins()).map((w) => w.id)).toEqual(['win-v1']);
    expect((await (await openSnapshot(store)).core())?.version).toBe('v2');
  });

  it('keeps the version it replaces until the next publish, then deletes it', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    await publishSnapshot(store, parts('v2', 2));
    expect(await readChunked(store, KEYS.snapshot.core('v1'))).toBeDefined();
    await publishSnapshot(store, parts('v3', 3));
    expect(await readChunked(store, KEYS.snapshot.core('v1'))).toBeUndefined();
    expect(await readChunked(store, KEYS.snapshot.scope('v1', 'proj-a'))).toBeUndefined();
    expect(await readChunked(store, KEYS.snapshot.wins('v1', '2026-Q3'))).toBeUndefined();
    expect(await readChunked(store, KEYS.snapshot.core('v2'))).toBeDefined();
    expect(await store.get(KEYS.snapshot.pointer)).toMatchObject({
      version: 'v3',
      previous: { version: 'v2' },
    });
  });

  it('writes only the parts whose content changed; the rest are read where they were stored', async () => {
    const store = new MemoryStore();
    const same = (version: string, at: number): SnapshotParts => ({
      ...parts(version, at),
      scopes: { 'proj-a': { flow: {}, trend: {} } as unknown as SnapshotParts['scopes'][string] },
    });
    await publishSnapshot(store, same('v1', 1));
    await publishSnapshot(store, same('v2', 2));
    // The detail did not change: v2 carries it from v1; the core and the wins (named by version) did.
    expect(await store.get(KEYS.snapshot.pointer)).toMatchObject({
      version: 'v2',
      carried: { 'scope:proj-a': 'v1', epics: 'v1' },
    });
    expect(await readChunked(store, KEYS.snapshot.scope('v2', 'proj-a'))).toBeUndefined();
    expect(await (await openSnapshot(store)).scope('proj-a')).toEqual({ flow: {}, trend: {} });
    // Retiring v1 keeps what v2 and v3 still carry from it, and deletes the rest of it.
    await publishSnapshot(store, same('v3', 3));
    expect(await readChunked(store, KEYS.snapshot.core('v1'))).toBeUndefined();
    expect(await readChunked(store, KEYS.snapshot.wins('v1', '2026-Q3'))).toBeUndefined();
    expect(await store.get(KEYS.snapshot.digests('v1'))).toBeUndefined();
    expect(await (await openSnapshot(store)).scope('proj-a')).toEqual({ flow: {}, trend: {} });
    // Without reuse ("Refresh now") every part is written anew; the carried copy goes when nothing names it.
    await publishSnapshot(store, same('v4', 4), { reuse: false });
    expect(await readChunked(store, KEYS.snapshot.scope('v4', 'proj-a'))).toBeDefined();
    expect((await store.get(KEYS.snapshot.pointer))?.carried).toBeUndefined();
    await publishSnapshot(store, same('v5', 5));
    await publishSnapshot(store, same('v6', 6));
    expect(await readChunked(store, KEYS.snapshot.scope('v1', 'proj-a'))).toBeUndefined();
    expect(await (await openSnapshot(store)).scope('proj-a')).toEqual({ flow: {}, trend: {} });
  });

  it('keeps a drill part’s items done before the quarter apart, carries them over, and reads the part whole', async () => {
    const store = new MemoryStore();
    const Q3 = Date.parse('2026-07-01T00:00:00Z');
    const Q4 = Date.parse('2026-10-01T00:00:00Z');
    const drill = (extra: DrillPart['items']): DrillPart => ({
      since: null,
      projects: ['PAY', 'MOB'],
      items: [
        ['PAY-1', 0, Q3, Q3 + DAY, 0, 3],
        ['MOB-2', 1, Q3, Q4 + DAY, 0, null],
        ['PAY-3', 0, Q3 + DAY, Q3 + 9 * DAY, 0, 5],
        ...extra,
      ],
      epics: [],
      deliveries: [],
      value: [],
      secured: {},
    });
    const withDrill = (version: string, at: number, part: DrillPart): SnapshotParts => ({
      ...parts(version, at),
      drill: { portfolio: part },
    });
    const whole = (part: DrillPart | undefined) =>
      part?.items.map((t) => [t[0], part.projects[t[1]], ...t.slice(2)]).sort();

    await publishSnapshot(store, withDrill('v1', Q4 + 2 * DAY, drill([])));
    const started: DrillPart['items'] = [['MOB-4', 1, Q4 + DAY, null, 1, null]];
    await publishSnapshot(store, withDrill('v2', Q4 + 3 * DAY, drill(started)));
    // Two items were done before Q4: settled, unchanged, carried; the rest was written again.
    expect(await readChunked(store, KEYS.snapshot.settled('v1', 'portfolio'))).toEqual({
      projects: ['PAY'],
      items: [
        ['PAY-1', 0, Q3, Q3 + DAY, 0, 3],
        ['PAY-3', 0, Q3 + DAY, Q3 + 9 * DAY, 0, 5],
      ],
    });
    expect((await store.get(KEYS.snapshot.pointer))?.carried).toMatchObject({ 'settled:portfolio': 'v1' });
    expect(whole(await (await openSnapshot(store)).drill('portfolio'))).toEqual(whole(drill(started)));
  });

  it('publishing the same version again keeps the one before it', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    await publishSnapshot(store, parts('v2', 2));
    await publishSnapshot(store, parts('v2', 2));
    expect(await store.get(KEYS.snapshot.pointer)).toMatchObject({
      version: 'v2',
      previous: { version: 'v1' },
    });
    expect(await readChunked(store, KEYS.snapshot.core('v1'))).toBeDefined();
  });

  it('stores the Delivered list by quarter like the wins, and deletes it with its version', async () => {
    const store = new MemoryStore();
    const late = delivery('delivered:epic:PAY-2', '2026-08-20', 83);
    const early = delivery('delivered:epic:PAY-1', '2026-06-02', -4);
    await publishSnapshot(store, { ...parts('v1', 1), delivered: [late, early] });
    expect(await store.get(KEYS.snapshot.pointer)).toMatchObject({
      deliveredQuarters: ['2026-Q2', '2026-Q3'],
    });
    const reader = await openSnapshot(store);
    expect((await reader.delivered(['2026-Q3'])).map((d) => [d.id, d.slipDays])).toEqual([
      ['delivered:epic:PAY-2', 83],
    ]);
    expect((await reader.delivered()).map((d) => d.id)).toEqual([
      'delivered:epic:PAY-2',
      'delivered:epic:PAY-1',
    ]);
    expect(await reader.delivered(['2025-Q1'])).toEqual([]);
    await publishSnapshot(store, parts('v2', 2));
    await publishSnapshot(store, parts('v3', 3));
    expect(await readChunked(store, KEYS.snapshot.delivered('v1', '2026-Q3'))).toBeUndefined();
    expect(await readChunked(store, KEYS.snapshot.delivered('v1', '2026-Q2'))).toBeUndefined();
  });

  it('reads a version published before the Delivered list was kept as having none', async () => {
    const store = new MemoryStore();
    await publishSnapshot(store, parts('v1', 1));
    expect(await store.get(KEYS.snapshot.pointer)).not.toHaveProperty('deliveredQuarters');
    expect(await (await openSnapshot(store)).delivered()).toEqual([]);
  });
});
