import type { SurfaceView, SyncProgress } from '../../src/contract';
import { JiraClient } from '../../src/jira/client';
import type { JiraAccess } from '../../src/jira/transport';
import { KEYS } from '../../src/services/keys';
import type { Snapshot } from '../../src/services/snapshot/model';
import {
  configName,
  keepAnswer,
  keptAnswer,
  SIGHT_TTL_SECONDS,
  ViewerSight,
  viewsChanged,
  epochToken,
} from '../../src/services/surfaces/kept';
import { IDLE as IDLE_PROGRESS } from '../../src/services/sync';
import { MemoryStore } from '../../src/store/memory';
import { PrefetchedStore } from '../../src/store/prefetched';
import { ScriptedTransport, type ScriptedAnswer } from '../builders/transport';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const MINUTE = 60_000;
const IDLE: SyncProgress = { ...IDLE_PROGRESS, lastSuccessAt: NOW - 10 * MINUTE };

const view = (over: Partial<SurfaceView<{ n: number }>> = {}): SurfaceView<{ n: number }> => ({
  state: 'ready',
  data: { n: 1 },
  generatedAt: NOW - 10 * MINUTE,
  timeZone: 'Europe/London',
  stale: false,
  sync: IDLE,
  canConfigure: false,
  currency: null,
  goals: [],
  projects: [],
  ...over,
});

describe('a kept gadget answer', () => {
  const key = KEYS.views.shared('health', configName({ show: 'all' }));
  async function kept(store: MemoryStore, until = NOW + 15 * MINUTE) {
    await keepAnswer(store, key, view(), { version: 'v1', epoch: 'e1', now: NOW, until, staleAfterHours: 2 });
    return store.get(key);
  }
  const now = (over: Partial<Parameters<typeof keptAnswer>[1]> = {}) => ({
    at: NOW + MINUTE,
    version: 'v1' as string | undefined,
    epoch: 'e1' as string | null,
    sync: IDLE,
    ...over,
  });

  it('is used with the same version, epoch and day, before its time; with this request’s progress', async () => {
    const store = new MemoryStore();
    const value = await kept(store);
    const running: SyncProgress = { ...IDLE, phase: 'searching', startedAt: NOW };
    expect(keptAnswer(value, now({ sync: running }))).toEqual({ ...view(), sync: running });
  });

  it('is not used from another snapshot version, after a write (another epoch), past its time or on another day', async () => {
    const store = new MemoryStore();
    const value = await kept(store);
    expect(keptAnswer(value, now({ version: 'v2' }))).toBeUndefined();
    expect(keptAnswer(value, now({ version: undefined }))).toBeUndefined();
    expect(keptAnswer(value, now({ epoch: 'e2' }))).toBeUndefined();
    expect(keptAnswer(value, now({ epoch: null }))).toBeUndefined();
    expect(keptAnswer(value, now({ at: NOW + 15 * MINUTE }))).toBeUndefined();
    // 10:00 in London on the 18th; past midnight it is the 19th, and a health override may have ended.
    const nextDay = Date.parse('2026-11-19T00:00:30Z');
    expect(keptAnswer(await kept(store, nextDay + MINUTE), now({ at: nextDay }))).toBeUndefined();
  });

  it('works its staleness out afresh', async () => {
    const store = new MemoryStore();
    // Generated 10 minutes before NOW, stale after 2 hours.
    const value = await kept(store, NOW + 200 * MINUTE);
    expect(keptAnswer(value, now({ at: NOW + 110 * MINUTE }))).toMatchObject({ stale: false });
    expect(keptAnswer(value, now({ at: NOW + 111 * MINUTE }))).toMatchObject({ stale: true });
  });

  it('a damaged kept value is not used', () => {
    expect(keptAnswer({ version: 'v1' }, now())).toBeUndefined();
    expect(
      keptAnswer(
        {
          version: 'v1',
          epoch: 'e1',
          day: '2026-11-18',
          timeZone: 'Europe/London',
          until: NOW + MINUTE * 5,
          staleAfterHours: 2,
          answer: 'not deflate',
        },
        now(),
      ),
    ).toBeUndefined();
  });

  it('a configuration names the same kept answer whatever the order of its settings', () => {
    expect(configName({ a: 1, b: { c: 2, d: null } })).toBe(configName({ b: { d: null, c: 2 }, a: 1 }));
    expect(configName({ a: 1 })).not.toBe(configName({ a: 2 }));
  });

  it('every write gives the views a new epoch', async () => {
    const store = new MemoryStore();
    expect(epochToken(await store.get(KEYS.views.epoch))).toBeNull();
    await viewsChanged(store, () => NOW);
    const first = epochToken(await store.get(KEYS.views.epoch));
    await viewsChanged(store, () => NOW);
    const second = epochToken(await store.get(KEYS.views.epoch));
    expect(first).not.toBeNull();
    expect(second).not.toBe(first);
  });
});

describe('what a viewer may see, kept', () => {
  const dana = 'dana-1';
  const snapshot = {
    jiraProjects: [{ key: 'PAY' }, { key: 'SEC' }, { key: 'MOB' }],
    securedIssues: { 'PAY-7': { id: '70007', project: 'PAY', level: '10100' } },
  } as unknown as Snapshot;
  const projectPage: ScriptedAnswer = {
    body: {
      isLast: true,
      values: [
        { id: '10000', key: 'PAY', name: 'Payments' },
        { id: '10001', key: 'MOB', name: 'Mobile' },
        { id: '10004', key: 'SEC', name: 'Security' },
      ],
    },
  };
  /** Jira says Dana may browse PAY and MOB, and not the secured PAY-7. */
  const check: ScriptedAnswer = {
    body: { projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [10000, 10001], issues: [] }] },
  };

  function jira(app: ScriptedAnswer[], user: ScriptedAnswer[]) {
    const asApp = new ScriptedTransport(app);
    const asUser = new ScriptedTransport(user);
    const access: JiraAccess = { asApp: () => asApp, asUser: () => asUser };
    return { access, asApp, asUser, viewer: { accountId: dana, asUser: new JiraClient(asUser) } };
  }

  it('is asked of Jira in one permission check as the viewer, over the projects’ ids, and kept', async () => {
    const store = new MemoryStore();
    let clock = NOW;
    const j = jira([projectPage], [check]);
    const sight = new ViewerSight({ store, clock: () => clock, jira: j.access });
    const seen = await sight.of(
      j.viewer,
      'v1',
      snapshot,
      ['PAY', 'SEC', 'MOB'],
      [{ key: 'PAY-7', project: 'PAY' }],
    );
    expect([...seen.projects].sort()).toEqual(['MOB', 'PAY']);
    expect([...seen.securedVisible]).toEqual([]);
    expect(j.asUser.requests).toHaveLength(1);
    expect(j.asUser.requests[0]).toMatchObject({
      endpoint: 'permissionsCheck',
      body: {
        projectPermissions: [
          { permissions: ['BROWSE_PROJECTS'], projects: [10000, 10004, 10001], issues: [70007] },
        ],
      },
    });
    expect(sight.until).toBe(NOW + SIGHT_TTL_SECONDS * 1000);

    // Asked again within its time, for the same version: nothing goes to Jira.
    clock = NOW + MINUTE;
    const again = await new ViewerSight({ store, clock: () => clock, jira: j.access }).of(
      j.viewer,
      'v1',
      snapshot,
      ['PAY', 'SEC'],
      [],
    );
    expect([...again.projects].sort()).toEqual(['MOB', 'PAY']);
    expect(j.asUser.requests).toHaveLength(1);
    expect(j.asApp.requests).toHaveLength(1);
  });

  it('is asked again for another snapshot version, and once its time is up', async () => {
    const store = new MemoryStore();
    let clock = NOW;
    const j = jira([projectPage], [check, check, check]);
    const of = (version: string) =>
      new ViewerSight({ store, clock: () => clock, jira: j.access }).of(
        j.viewer,
        version,
        snapshot,
        ['PAY'],
        [],
      );
    await of('v1');
    await of('v2');
    expect(j.asUser.requests).toHaveLength(2);
    clock = NOW + SIGHT_TTL_SECONDS * 1000 + 1;
    await of('v2');
    expect(j.asUser.requests).toHaveLength(3);
    // The ids were looked up once: they are the projects', not the viewer's.
    expect(j.asApp.requests).toHaveLength(1);
  });

  it('a batch read answers the sight from what it read', async () => {
    const store = new MemoryStore();
    const j = jira([projectPage], [check]);
    await new ViewerSight({ store, clock: () => NOW, jira: j.access }).of(
      j.viewer,
      'v1',
      snapshot,
      ['PAY'],
      [],
    );
    const { store: read, values } = await PrefetchedStore.open(store, [
      KEYS.views.sight(dana),
      KEYS.views.epoch,
    ] as const);
    expect(values[0]?.projects).toEqual(['PAY']);
    expect(values[1]).toBeUndefined();
    const seen = await new ViewerSight({ store: read, clock: () => NOW, jira: j.access }).of(
      j.viewer,
      'v1',
      snapshot,
      ['PAY'],
      [],
    );
    expect([...seen.projects]).toEqual(['PAY']);
    expect(j.asUser.requests).toHaveLength(1);
  });
});
