import { DEMO_USERS, startDemoJira, type DemoJira } from '../../dev/demo-jira';
import { JiraClient } from '../../src/jira/client';
import { HttpJiraTransport } from '../../src/jira/http-transport';
import type { JiraRequest, JiraResponse, JiraTransport } from '../../src/jira/transport';
import { KEYS } from '../../src/services/keys';
import { readSnapshot, type Snapshot } from '../../src/services/snapshot';
import { loadItems, readMeta, readPointer, readProgress, runSync, runSyncJob } from '../../src/services/sync';
import { runHeldUntil, SYNC_LEASE } from '../../src/services/sync/lock';
import { acquireLease } from '../../src/store/lease';
import { MemoryStore } from '../../src/store/memory';
import { Facts } from '../../src/domain/facts';
import { resolveScopes } from '../../src/domain/pmo';
import { DEFAULT_SETTINGS } from '../../src/services/configuration/settings';
import { discover } from '../../src/services/sync/discovery';
import { outsideChildren } from '../../src/services/sync/membership';
import { buildProject } from '../builders/pmo';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const HOUR = 3_600_000;
const app = DEMO_USERS.find((u) => u.accountType === 'app')!;

/** Passes requests to the demo Jira, or refuses one endpoint with a 400 (not retried) while told to. */
class BreakableTransport implements JiraTransport {
  broken: string | null = null;
  constructor(private readonly inner: JiraTransport) {}
  async send(request: JiraRequest): Promise<JiraResponse> {
    if (request.endpoint === this.broken) {
      return {
        status: 400,
        header: () => null,
        text: async () => JSON.stringify({ errorMessages: ['Refused for the test'], errors: {} }),
      };
    }
    return this.inner.send(request);
  }
}

const noWait = { sleep: async () => undefined, random: () => 0.5 };

/** The numbers of a snapshot, without when and which version it was. */
const numbers = (s: Snapshot | undefined) => s && { ...s, version: undefined, generatedAt: undefined };

describe('sync over the demo Jira', () => {
  let demo: DemoJira;
  let clock: number;
  const transport = () => new HttpJiraTransport(demo.url, { email: app.email, apiToken: app.apiToken });
  const client = () => new JiraClient(transport(), noWait);
  const sync = (store: MemoryStore, jira = client()) => runSync({ store, jira, clock: () => clock });

  beforeEach(async () => {
    clock = NOW;
    demo = await startDemoJira({ seed: 5, issues: 2500, now: new Date(NOW) });
  });
  afterEach(async () => {
    await demo.close();
  });

  const workAndEpics = () => demo.dataset.issues.filter((i) => i.issueTypeId !== '10004').length;

  it('reads everything once on the first run, at the lower bound of requests', async () => {
    const store = new MemoryStore();
    const jira = client();
    const snapshot = await sync(store, jira);
    const n = workAndEpics();
    expect(snapshot.itemCount).toBe(n);
    // Lower bound: one search per 100 issues (the page Jira grants with fields), one bulk changelog
    // request per 1,000 issues; plus discovery (fields, statuses, projects, site time zone) and one count.
    expect(jira.stats.requests).toEqual({
      fields: 1,
      statuses: 1,
      projectSearch: 1,
      serverInfo: 1,
      searchCount: 1,
      searchJql: Math.ceil(n / 100),
      changelogBulkfetch: Math.ceil(n / 1000),
    });
    const progress = await readProgress(store);
    expect(progress).toMatchObject({
      phase: 'idle',
      mode: 'full',
      error: null,
      lastSuccessAt: NOW,
      issuesDone: n,
    });
    expect(progress.requests).toBe(jira.stats.total);
    expect((await readPointer(store))?.count).toBe(n);
  });

  it('then asks only for what changed, and ends with the same numbers a full sync gives', async () => {
    const store = new MemoryStore();
    await sync(store);
    clock = NOW + HOUR;
    const { changed } = demo.mutate({ count: 40, at: clock });
    const jira = client();
    const incremental = await sync(store, jira);
    // One search for ids finds that something changed; one search and one changelog request read it.
    expect(jira.stats.requests).toEqual({ searchJql: 2, changelogBulkfetch: 1 });
    expect((await readProgress(store)).mode).toBe('incremental');
    expect((await readProgress(store)).issuesDone).toBeGreaterThanOrEqual(changed.length);

    const fresh = new MemoryStore();
    expect(numbers(incremental)).toEqual(numbers(await sync(fresh)));
    const [a, b] = await Promise.all([store, fresh].map(async (s) => loadItems(s, (await readPointer(s))!)));
    expect([...a!.values()].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [...b!.values()].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it('with nothing changed, checks Jira with one search and rewrites no snapshot; a change of issues, configuration or day computes again', async () => {
    const store = new MemoryStore();
    const first = await sync(store);
    const version = async () => (await store.get(KEYS.snapshot.pointer))?.version;
    // Jira's clock keeps time with the app's: relative JQL ("-70m") counts from it.
    const at = (t: number) => {
      clock = t;
      demo.dataset.now = t;
    };

    // An hour on, nothing changed: one search for ids, the same snapshot.
    at(NOW + HOUR);
    let jira = client();
    await sync(store, jira);
    expect(jira.stats.requests).toEqual({ searchJql: 1 });
    expect(await version()).toBe(first.version);
    expect(await readProgress(store)).toMatchObject({ phase: 'idle', lastSuccessAt: clock, error: null });
    expect((await readMeta(store)).watermark).toBe(clock);

    // An issue changed: the run reads it and publishes.
    demo.mutate({ count: 3, at: NOW + 2 * HOUR - 60_000 });
    at(NOW + 2 * HOUR);
    await sync(store, (jira = client()));
    expect(await version()).toBe(`v${clock}`);
    expect(jira.stats.requests.changelogBulkfetch).toBe(1);

    // The configuration changed: computed again from the cache; the run's one search finds no issue changed.
    at(NOW + 3 * HOUR);
    await store.set(KEYS.config.settings, { requestBudget: 40_000 });
    await sync(store, (jira = client()));
    expect(await version()).toBe(`v${clock}`);
    expect(jira.stats.requests).toEqual({ searchJql: 1 });

    // Quiet again within the day; the first sync of the next day computes (ages and windows moved).
    at(NOW + 4 * HOUR);
    await sync(store, (jira = client()));
    expect(await version()).toBe(`v${NOW + 3 * HOUR}`);
    at(Date.parse('2026-11-19T00:30:00Z'));
    await sync(store, (jira = client()));
    expect(await version()).toBe(`v${clock}`);

    // "Refresh now" publishes even when nothing changed.
    at(clock + HOUR);
    await runSync({ store, jira: client(), clock: () => clock, recompute: true });
    expect(await version()).toBe(`v${clock}`);
  });

  it('finds deleted issues and issues moved out of scope once a day', async () => {
    const store = new MemoryStore();
    await sync(store);
    clock = NOW + 25 * HOUR;
    const { deleted, moved } = demo.mutate({ count: 5, deletes: 3, moves: 2, at: clock });
    const jira = client();
    const snapshot = await sync(store, jira);
    const items = await loadItems(store, (await readPointer(store))!);
    for (const id of deleted) expect(items.has(id)).toBe(false);
    for (const id of moved) {
      const now = demo.dataset.issues.find((i) => i.id === id)!;
      expect(items.get(id)?.key).toBe(now.key);
    }
    expect(snapshot.itemCount).toBe(workAndEpics());
    expect(jira.stats.requests.searchJql).toBeLessThanOrEqual(2);
  });

  it('resumes a run cut into jobs from its saved cursor, spending no request twice', async () => {
    const straight = new MemoryStore();
    const straightClient = client();
    await sync(straight, straightClient);

    const store = new MemoryStore();
    const jira = client();
    let jobs = 0;
    // A deadline already passed: every job takes one step (about 1,000 issues, or the final compute), then stops.
    while ((await runSyncJob({ store, jira, clock: () => clock, deadline: clock })) === 'more') {
      jobs += 1;
      const saved = await store.get(KEYS.sync.run);
      expect(saved).toBeDefined();
      expect(await readSnapshot(store)).toBeUndefined();
    }
    expect(jobs).toBe(Math.ceil(workAndEpics() / 1000));
    expect(jira.stats.total).toBe(straightClient.stats.total);
    expect(numbers(await readSnapshot(store))).toEqual(numbers(await readSnapshot(straight)));
    expect(await store.get(KEYS.sync.run)).toBeUndefined();
  });

  it('keeps the last good snapshot when a run fails, records why, and resumes next time', async () => {
    const store = new MemoryStore();
    const breakable = new BreakableTransport(transport());
    const first = await runSync({ store, jira: new JiraClient(breakable, noWait), clock: () => clock });
    clock = NOW + HOUR;
    demo.mutate({ count: 30, at: clock });

    breakable.broken = 'changelogBulkfetch';
    await expect(
      runSync({ store, jira: new JiraClient(breakable, noWait), clock: () => clock }),
    ).rejects.toThrow('/rest/api/3/changelog/bulkfetch: Jira answered 400: Refused for the test');
    expect(await store.get(KEYS.snapshot.pointer)).toMatchObject({
      version: first.version,
      generatedAt: NOW,
    });
    const failed = await readProgress(store);
    expect(failed).toMatchObject({ phase: 'idle', lastSuccessAt: NOW });
    expect(failed.error).toContain('Refused for the test');

    breakable.broken = null;
    const second = await runSync({ store, jira: new JiraClient(breakable, noWait), clock: () => clock });
    expect(second.version).not.toBe(first.version);
    expect((await readProgress(store)).error).toBeNull();
    expect(numbers(second)).toEqual(numbers(await sync(new MemoryStore())));
  });

  it('rides out 429s, 5xx, slow answers, cut-off bodies and dropped connections', async () => {
    const clean = await sync(new MemoryStore());
    demo.setFaults({
      rate: 0.3,
      kinds: ['429', '500', '503', 'slow', 'truncated', 'drop'],
      slowMs: 20,
      seed: 3,
    });
    const jira = new JiraClient(transport(), { ...noWait, retry: { maxRetries: 8 } });
    const store = new MemoryStore();
    const faulty = await runSync({ store, jira, clock: () => clock });
    expect(numbers(faulty)).toEqual(numbers(clean));
    const injected = Object.values(demo.stats.faults).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThan(5);
    expect(jira.stats.retries).toBe(injected - demo.stats.faults.slow);
    expect((await readProgress(store)).retries).toBe(jira.stats.retries);
  });

  it('lets one job at a time step a run; the other stands down', async () => {
    const store = new MemoryStore();
    // Another job holds the run for a minute, and then dies without letting go.
    const held = await acquireLease(store, SYNC_LEASE, {
      owner: 'another-job',
      clock: () => clock,
      until: clock + 60_000,
    });
    expect('lease' in held).toBe(true);
    const jira = client();
    expect(await runSyncJob({ store, jira, clock: () => clock })).toBe('busy');
    expect(jira.stats.total).toBe(0);
    expect(await runHeldUntil(store, clock)).toBe(clock + 60_000);
    // Its hold runs out by itself, and the next job takes the run over.
    clock += 61_000;
    expect(await runSyncJob({ store, jira, clock: () => clock })).toBe('done');
    expect(await runHeldUntil(store, clock)).toBeNull();
  });

  it('reads parent history in both shapes the demo writes: IssueParentAssociation and older Epic Link items', async () => {
    const store = new MemoryStore();
    const jira = client();
    await sync(store, jira);
    const items = await loadItems(store, (await readPointer(store))!);
    const parentMoves = (issue: (typeof demo.dataset.issues)[number]) =>
      issue.history.flatMap((c) =>
        c.items
          .filter((x) => x.field === 'Epic Link' || x.field === 'IssueParentAssociation')
          .map((x) => ({ at: c.at, from: x.fromString, to: x.toString, older: x.field === 'Epic Link' })),
      );
    const moved = demo.dataset.issues.filter((i) => i.issueTypeId !== '10004' && parentMoves(i).length > 0);
    const older = moved.filter((i) => parentMoves(i).some((m) => m.older));
    expect(older.length).toBeGreaterThan(0);
    expect(moved.length).toBeGreaterThan(older.length);
    for (const issue of moved) {
      expect(items.get(issue.id)?.parentChanges).toEqual(
        parentMoves(issue).map(({ at, from, to }) => ({ at, from, to })),
      );
    }
  }, 30_000);

  it('reads the children a PMO project’s epics have in Jira projects outside the synced scope', async () => {
    // Moved to another Jira project, a story keeps its epic: the epic's project no longer holds it.
    clock = NOW + HOUR;
    demo.mutate({ count: 0, moves: 40, at: clock });
    const byKey = new Map(demo.dataset.issues.map((i) => [i.key, i]));
    const moved = demo.dataset.issues.filter((i) => {
      const parent = i.parentKey === null ? undefined : byKey.get(i.parentKey);
      return (
        i.issueTypeId !== '10004' && parent?.issueTypeId === '10000' && parent.projectKey !== i.projectKey
      );
    });
    const home = moved[0]!.parentKey!.split('-')[0]!;
    const away = moved.filter((i) => i.parentKey!.startsWith(`${home}-`));
    expect(away.length).toBeGreaterThan(0);
    const store = new MemoryStore();
    const jira = client();
    const scope = { kind: 'projects' as const, keys: [home] };
    await runSync({ store, jira, clock: () => clock, scope });
    const items = await loadItems(store, (await readPointer(store))!);
    for (const issue of away) expect(items.has(issue.id)).toBe(false);
    const project = buildProject({ id: 'p', scope: { projectKeys: [home] } });
    const found = await outsideChildren(jira, {
      items,
      projects: [project],
      matches: new Map(),
      scope,
      inScopeProjects: [home],
      discovery: await discover(jira, DEFAULT_SETTINGS, clock),
    });
    expect(found.items.map((i) => i.key).sort()).toEqual(away.map((i) => i.key).sort());
    expect(found.items.every((i) => i.project !== home && i.parent?.startsWith(`${home}-`))).toBe(true);
    // In the metrics, the PMO project holds them: its items are the home project's and these.
    const facts = Facts.of([...items.values(), ...found.items], {
      now: clock,
      startPolicy: 'first',
      waitStatuses: [],
    });
    const [resolved] = resolveScopes(facts, [project], new Map());
    const homeItems = [...items.values()].filter((i) => i.level === 0).length;
    expect(resolved!.rows.length + resolved!.discardedRows.length).toBe(homeItems + away.length);
  }, 30_000);

  it('finishes with the same numbers when the count asked only for progress fails', async () => {
    const clean = await sync(new MemoryStore());
    demo.setFaults({ rate: 1, kinds: ['500'], paths: ['/rest/api/3/search/approximate-count'] });
    const jira = new JiraClient(transport(), { ...noWait, retry: { maxRetries: 2 } });
    const store = new MemoryStore();
    const snapshot = await sync(store, jira);
    expect(numbers(snapshot)).toEqual(numbers(clean));
    // Asked once and retried twice, then given up: the progress has no total, the run no error.
    expect(demo.stats.faults['500']).toBe(3);
    expect(jira.stats.requests.searchCount).toBe(3);
    const progress = await readProgress(store);
    expect(progress).toMatchObject({ phase: 'idle', error: null, lastSuccessAt: NOW, issuesTotal: null });
    expect(progress.issuesDone).toBe(workAndEpics());
  }, 30_000);

  it('waits as long as Jira asks after a 429', async () => {
    demo.setFaults({ rate: 1, kinds: ['429'], retryAfterSeconds: 7, paths: ['/rest/api/3/field'] });
    const waits: number[] = [];
    const jira = new JiraClient(transport(), {
      sleep: async (ms) => void waits.push(ms),
      retry: { maxRetries: 2 },
    });
    await expect(runSync({ store: new MemoryStore(), jira, clock: () => clock })).rejects.toThrow(
      'Jira answered 429',
    );
    expect(waits).toEqual([7000, 7000]);
  });
});
