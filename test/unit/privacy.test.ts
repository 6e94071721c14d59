/**
 * The privacy job over an in-memory store, with a stand-in for Atlassian's personal data reporting API and
 * a fixed clock: what it reports, what it erases for a closed account, what it keeps, and the audit
 * trail's retention.
 */
import type { AuditEntry } from '../../src/contract';
import { ConfigService } from '../../src/services/configuration/portfolio';
import type { StoredOverride } from '../../src/services/curation/store';
import { KEYS, PREFIXES } from '../../src/services/keys';
import {
  APP_ACTOR,
  AUDIT_RETENTION_DAYS,
  CLOSED_ACCOUNT,
  runPrivacyJob,
  type AccountUpdate,
  type PrivacyDeps,
  type ReportedAccount,
} from '../../src/services/privacy';
import { accountsToReport, isAccountId, ownerWrittenAt } from '../../src/services/privacy/accounts';
import { chunkOps, readChunked, writeOps } from '../../src/store/chunked';
import { acquireLease } from '../../src/store/lease';
import { MemoryStore } from '../../src/store/memory';
import { chunkedKey, keyPrefix, queryAll, type Store } from '../../src/store/port';
import type { Snapshot } from '../../src/services/snapshot/model';
import { goalInput, projectInput } from '../builders/pmo';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const DAY = 86_400_000;
const CLOSED = '5b10ac8d82e05b22cc7d0001';
const OPEN = '5b10ac8d82e05b22cc7d0002';
const RETIRED = '557058:f58131cb-0003';
const iso = (at: number) => new Date(at).toISOString();

/**
 * Every key and value, as text, for "does this id appear anywhere". A chunked value is read whole
 * (decompressed) under its head's key; its pieces are not listed on their own.
 */
async function everything(store: Store): Promise<Array<{ key: string; text: string }>> {
  const entries = await queryAll(store, keyPrefix<unknown>(''));
  const heads = new Set(
    entries
      .filter((e) => typeof (e.value as { chunks?: unknown } | null)?.chunks === 'number')
      .map((e): string => e.key),
  );
  const pieceOfHead = (key: string) => heads.has(key.replace(/:\d+$/, '')) && /:\d+$/.test(key);
  return Promise.all(
    entries
      .filter((e) => !pieceOfHead(e.key))
      .map(async ({ key, value }) => ({
        key,
        text: `${key} ${JSON.stringify(heads.has(key) ? await readChunked(store, chunkedKey<unknown>(key)) : value)}`,
      })),
  );
}
const keysNaming = async (store: Store, id: string) =>
  (await everything(store)).filter((e) => e.text.includes(id)).map((e) => e.key);

/** Atlassian's API as the test wants it: some accounts closed, some updated; every call recorded. */
function reporter(closed: string[], updated: string[] = []) {
  const calls: ReportedAccount[][] = [];
  const report = async (accounts: ReportedAccount[]): Promise<AccountUpdate[]> => {
    calls.push(accounts);
    return accounts.flatMap((a): AccountUpdate[] =>
      closed.includes(a.accountId)
        ? [{ accountId: a.accountId, status: 'closed' }]
        : updated.includes(a.accountId)
          ? [{ accountId: a.accountId, status: 'updated' }]
          : [],
    );
  };
  return { calls, report };
}

describe('the privacy job', () => {
  let store: MemoryStore;
  let clock: number;
  let config: ConfigService;
  const deps = (report: PrivacyDeps['report'], extra: Partial<PrivacyDeps> = {}): PrivacyDeps => ({
    store,
    clock: () => clock,
    report,
    sleep: async () => undefined,
    ...extra,
  });

  beforeEach(() => {
    store = new MemoryStore();
    clock = NOW;
    config = new ConfigService({ store, clock: () => clock });
  });

  /**
   * A PMO model and curation over two months, by three people: RETIRED only long ago, CLOSED (whose
   * account is closed) and OPEN recently. A published snapshot copied CLOSED's health override.
   */
  async function history(): Promise<{ revenue: string; billing: string; checkout: string }> {
    clock = NOW - (AUDIT_RETENTION_DAYS + 100) * DAY;
    await config.saveGoal(goalInput({ name: 'Long gone' }), null, RETIRED);
    clock = NOW - 30 * DAY;
    const revenue = await config.saveGoal(
      goalInput({ name: 'Grow revenue', ownerAccountId: CLOSED }),
      null,
      CLOSED,
    );
    clock = NOW - 20 * DAY;
    const checkout = await config.saveProject(
      projectInput({ name: 'Checkout', ownerAccountId: OPEN }),
      null,
      OPEN,
    );
    clock = NOW - 10 * DAY;
    const billing = await config.saveProject(
      projectInput({ name: 'Billing', ownerAccountId: CLOSED }),
      null,
      OPEN,
    );
    clock = NOW;
    const curation = { featured: true, hidden: false, note: 'Shown to the board', title: null, version: 1 };
    await store.set(KEYS.curation.win('win-a'), {
      ...curation,
      winId: 'win-a',
      by: CLOSED,
      at: NOW - 5 * DAY,
    });
    await store.set(KEYS.curation.win('win-b'), { ...curation, winId: 'win-b', by: OPEN, at: NOW - 4 * DAY });
    const override: StoredOverride = {
      projectId: checkout.id,
      rating: 'red',
      comment: 'Vendor late',
      expires: '2026-12-31',
      by: CLOSED,
      at: NOW - 3 * DAY,
      version: 1,
    };
    await store.set(KEYS.curation.override(checkout.id), override);
    // An installation that has not curated since per-project overrides came keeps them in one value.
    await store.set(KEYS.legacy.healthOverrides, {
      list: [{ ...override, projectId: 'proj-legacy', at: NOW - 40 * DAY }],
    });
    const core = { metrics: { projects: [{ id: checkout.id, health: { override } }] } };
    await writeOps(store, chunkOps(KEYS.snapshot.core('v1'), core as unknown as Snapshot));
    await store.set(KEYS.snapshot.pointer, { version: 'v1', generatedAt: NOW - DAY });
    return { revenue: revenue.id, billing: billing.id, checkout: checkout.id };
  }

  it('reports every stored account once, with its oldest copy, and erases a closed one everywhere', async () => {
    const ids = await history();
    const auditBefore = await queryAll(store, PREFIXES.audit);
    // A lease held right now by the closed account is left to run out.
    await acquireLease(store, 'elsewhere', {
      owner: `${CLOSED}/held`,
      clock: () => clock,
      until: NOW + 60_000,
    });
    const { calls, report } = reporter([CLOSED], [OPEN]);
    const requestSync = jest.fn(async () => undefined);

    const run = await runPrivacyJob(deps(report, { requestSync }));

    // RETIRED's only trace was an audit entry past retention: gone, so not reported.
    expect(calls).toEqual([
      [
        { accountId: CLOSED, updatedAt: iso(NOW - 40 * DAY) },
        { accountId: OPEN, updatedAt: iso(NOW - 20 * DAY) },
      ],
    ]);
    expect(run).toMatchObject({
      skipped: false,
      auditDeleted: 1,
      reported: 2,
      unreported: 0,
      closed: 1,
      updated: 1,
      // Writers' lease records name no account, so only one held by hand names the closed one.
      erased: { auditEntries: 1, curations: 1, overrides: 2, owners: 2, leaseRecords: 0 },
      snapshotRefresh: true,
      reportError: null,
    });
    expect(requestSync).toHaveBeenCalledTimes(1);

    // The closed account is named only by the snapshot (the sync asked for rebuilds it) and the lease
    // still held; the open account keeps everything.
    expect(await keysNaming(store, CLOSED)).toEqual(['lease:elsewhere:000000000001', 'snap:v1:data']);
    expect(await keysNaming(store, RETIRED)).toEqual([]);

    const model = await config.load();
    expect(model.goals.find((g) => g.id === ids.revenue)).toMatchObject({ ownerAccountId: null, version: 2 });
    expect(model.projects.find((p) => p.id === ids.billing)).toMatchObject({
      ownerAccountId: null,
      version: 2,
    });
    expect(model.projects.find((p) => p.id === ids.checkout)).toMatchObject({
      ownerAccountId: OPEN,
      version: 1,
    });
    expect((await store.get(KEYS.curation.win('win-a')))?.by).toBe(CLOSED_ACCOUNT);
    expect((await store.get(KEYS.curation.win('win-b')))?.by).toBe(OPEN);
    expect((await store.get(KEYS.curation.override(ids.checkout)))?.by).toBe(CLOSED_ACCOUNT);
    expect((await store.get(KEYS.legacy.healthOverrides))?.list[0]?.by).toBe(CLOSED_ACCOUNT);

    // Audit entries are rewritten where they stand; the app's own changes are recorded as the app.
    const auditAfter = await queryAll(store, PREFIXES.audit);
    const kept = auditBefore.filter((e) => e.value.accountId !== RETIRED);
    for (const { key, value } of kept) {
      const now = auditAfter.find((e) => e.key === key)?.value;
      expect(now).toEqual(value.accountId === CLOSED ? { ...value, accountId: CLOSED_ACCOUNT } : value);
    }
    const byApp = auditAfter.filter((e) => e.value.accountId === APP_ACTOR).map((e) => e.value);
    expect(byApp.map((e) => [e.entity, e.changed])).toEqual(
      expect.arrayContaining([
        ['portfolio', ['ownerAccountId']],
        ['win', ['by']],
        ['health', ['by']],
      ]),
    );
    expect(byApp).toHaveLength(3);
  });

  it('asks nothing more when no account is closed, and the next run reports what is left', async () => {
    await history();
    const first = reporter([]);
    const run = await runPrivacyJob(deps(first.report));
    expect(run).toMatchObject({ closed: 0, erased: { auditEntries: 0, owners: 0 }, snapshotRefresh: false });
    expect(await keysNaming(store, CLOSED)).not.toEqual([]);
    clock += 7 * DAY;
    const second = reporter([]);
    await runPrivacyJob(deps(second.report));
    expect(second.calls.flat().map((a) => a.accountId)).toEqual([CLOSED, OPEN]);
  });

  it('deletes audit entries past the retention and keeps the one just inside it', async () => {
    for (const age of [AUDIT_RETENTION_DAYS + 1, AUDIT_RETENTION_DAYS - 1, 2]) {
      clock = NOW - age * DAY;
      await config.saveGoal(goalInput({ name: `Goal ${age}` }), null, OPEN);
    }
    clock = NOW;
    const run = await runPrivacyJob(deps(reporter([]).report));
    expect(run.auditDeleted).toBe(1);
    const ages = (await queryAll(store, PREFIXES.audit)).map((e) => (NOW - e.value.at) / DAY);
    expect(ages).toEqual([2, AUDIT_RETENTION_DAYS - 1]);
  });

  it('reports 90 accounts a request, waits as a 429 says, and backs off on a 5xx', async () => {
    for (let i = 0; i < 200; i++) {
      const entry: AuditEntry = {
        at: NOW - i * 60_000,
        accountId: `account-${String(i).padStart(3, '0')}`,
        action: 'update',
        entity: 'settings',
        entityId: null,
        name: 'Settings',
        changed: ['timeZone'],
      };
      await store.set(KEYS.config.audit(entry.at), entry);
    }
    const failures: unknown[] = [
      { status: 429, headers: { get: (name: string) => (name === 'retry-after' ? '7' : null) } },
      { status: 503, headers: { get: () => null } },
      new TypeError('fetch failed'),
    ];
    const sizes: number[] = [];
    const waits: number[] = [];
    const report = async (accounts: ReportedAccount[]) => {
      const failure = failures.shift();
      if (failure) throw failure;
      sizes.push(accounts.length);
      return [];
    };
    const run = await runPrivacyJob(deps(report, { sleep: async (ms) => void waits.push(ms) }));
    expect(sizes).toEqual([90, 90, 20]);
    expect(waits).toEqual([7_000, 2_000, 4_000]);
    expect(run).toMatchObject({ reported: 200, unreported: 0, reportError: null });
  });

  it('does not retry a refused report, erases nothing for it, and still applies the retention', async () => {
    await history();
    let tries = 0;
    const report = async (): Promise<AccountUpdate[]> => {
      tries += 1;
      throw { status: 400, headers: { get: () => null } };
    };
    const run = await runPrivacyJob(deps(report));
    expect(tries).toBe(1);
    expect(run).toMatchObject({
      reported: 0,
      unreported: 2,
      closed: 0,
      auditDeleted: 1,
      reportError: 'The personal data reporting API answered 400',
    });
  });

  it('gives up on a batch whose retry would run past the time it has', async () => {
    await history();
    const waits: number[] = [];
    const report = async (): Promise<AccountUpdate[]> => {
      throw { status: 429, headers: { get: () => '600' } };
    };
    // Two minutes left: one minute is kept for erasure, and a five-minute wait does not fit.
    const run = await runPrivacyJob(
      deps(report, { remainingMs: () => 120_000, sleep: async (ms) => void waits.push(ms) }),
    );
    expect(waits).toEqual([]);
    expect(run).toMatchObject({ unreported: 2, reportError: 'The personal data reporting API answered 429' });
  });

  it('does nothing while another run holds the job', async () => {
    await history();
    await acquireLease(store, 'privacy', {
      owner: 'privacy-job/other',
      clock: () => clock,
      until: NOW + 60_000,
    });
    const { calls, report } = reporter([CLOSED]);
    expect(await runPrivacyJob(deps(report))).toMatchObject({ skipped: true, auditDeleted: 0 });
    expect(calls).toEqual([]);
  });
});

describe('what counts as an account, and its time', () => {
  it('reports Atlassian account ids, never the app, the placeholder or Jira’s "unknown"', () => {
    expect(['5b10ac8d82e05b22cc7d4ef5', '557058:f58131cb-b67d-43c7'].every(isAccountId)).toBe(true);
    expect(
      [APP_ACTOR, CLOSED_ACCOUNT, 'unknown', '', 'pmo@demo.test', 'a'.repeat(129), null].some(isAccountId),
    ).toBe(false);
  });

  it('dates an owner by the write that set it: its creation, a change of owner, or a later import', () => {
    const entry = (
      at: number,
      action: AuditEntry['action'],
      changed: string[],
      entityId: string | null = 'g1',
    ) =>
      ({
        at,
        accountId: OPEN,
        action,
        entity: entityId ? 'goal' : 'portfolio',
        entityId,
        name: '',
        changed,
      }) as AuditEntry;
    const audit = [
      entry(50, 'update', ['weight']),
      entry(40, 'update', ['ownerAccountId']),
      entry(10, 'create', []),
      entry(30, 'import', ['goals'], null),
    ];
    const at = ownerWrittenAt(audit, 5);
    expect(at('goal', 'g1')).toBe(40);
    expect(at('goal', 'g2')).toBe(30);
    expect(ownerWrittenAt([], 5)('project', 'p1')).toBe(5);
  });

  it('reports each account once, at its oldest copy, in RFC 3339', () => {
    expect(
      accountsToReport([
        { accountId: 'b', at: NOW },
        { accountId: 'a', at: NOW - DAY },
        { accountId: 'b', at: NOW - 2 * DAY },
      ]),
    ).toEqual([
      { accountId: 'a', updatedAt: '2026-11-17T10:00:00.000Z' },
      { accountId: 'b', updatedAt: '2026-11-16T10:00:00.000Z' },
    ]);
  });
});
