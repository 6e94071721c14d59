import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../contract';
import { writeOps } from '../../store/chunked';
import { acquireLease, releaseLease, type LeaseRecord } from '../../store/lease';
import {
  deleteOp,
  keyPrefix,
  queryAll,
  setOp,
  STORE_LIMITS,
  type StoreEntry,
  type StoreOp,
} from '../../store/port';
import { auditOp, type AuditChange } from '../configuration/audit';
import { loadPortfolio } from '../configuration/model';
import { writeModel } from '../configuration/persist';
import { commitOps, underLease, type WriteDeps } from '../configuration/writes';
import { KEYS, PREFIXES } from '../keys';
import {
  accountsToReport,
  APP_ACTOR,
  CLOSED_ACCOUNT,
  mentionsIn,
  readHoldings,
  type Holdings,
  type ReportedAccount,
} from './accounts';

/**
 * The weekly privacy job, run as the app by a scheduled trigger:
 *
 * 1. retention: audit entries older than AUDIT_RETENTION_DAYS are deleted;
 * 2. inventory: every account id the app keeps, with when it was written (./accounts.ts);
 * 3. report: Atlassian's personal data reporting API, 90 accounts a request, retried on 429 and 5xx;
 * 4. erase what Atlassian answers `closed`: the id in audit entries and in the authors of curated wins
 *    and health overrides becomes CLOSED_ACCOUNT, goal and PMO-project owners become none (under the
 *    leases every writer of those values takes, recorded in the audit trail as the app), lease records
 *    keep no trace of it, and a snapshot that copied it is rebuilt by a sync.
 *
 * `updated` asks nothing of the app: it keeps ids only, never a profile that could go stale.
 */

/**
 * How long the audit trail is kept. A year of changes (the annual review of goals looks back over all
 * four quarters) and a month to spare; older entries name people for no purpose anyone has.
 */
export const AUDIT_RETENTION_DAYS = 400;
/** Atlassian's personal data reporting API takes at most this many accounts a request. */
export const REPORT_BATCH = 90;

const DAY_MS = 86_400_000;
/** How often a failed report request is tried again, and the longest wait between tries. */
const REPORT_ATTEMPTS = 5;
const MAX_RETRY_WAIT_MS = 5 * 60_000;
/** Time kept back from reporting for the erasure that follows it. */
const ERASURE_RESERVE_MS = 60_000;
/** The job's time when the platform does not say (the command line, tests). */
const DEFAULT_RUN_MS = 15 * 60_000;
/** Lease records live a week (src/store/lease.ts); a rewritten one keeps that life. */
const LEASE_RECORD_TTL_S = 7 * 86_400;
/**
 * Lease records (src/store/lease.ts, which names their keys itself). Their owner begins with the id of
 * the person who wrote under the lease, so erasure rewrites it too.
 */
const LEASE_KEYS = keyPrefix<unknown>('lease:');
/** Two runs never overlap (a scheduled trigger may fire twice). */
const JOB_LEASE = 'privacy';

export interface AccountUpdate {
  accountId: string;
  status: 'closed' | 'updated';
}

export interface PrivacyDeps extends WriteDeps {
  /** Atlassian's personal data reporting API for at most 90 accounts (`privacy.reportPersonalData`). */
  report: (accounts: ReportedAccount[]) => Promise<AccountUpdate[]>;
  /** Starts a sync, whose snapshot no longer copies an erased id. */
  requestSync?: () => Promise<void>;
  /** Waits between tries of a failed report (a test passes one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
}

export interface PrivacyRun {
  /** Another run held the job: this one did nothing. */
  skipped: boolean;
  auditDeleted: number;
  /** Accounts reported, and those whose report failed (they are reported at the next run). */
  reported: number;
  unreported: number;
  closed: number;
  updated: number;
  erased: {
    auditEntries: number;
    curations: number;
    overrides: number;
    owners: number;
    leaseRecords: number;
  };
  /** A snapshot copied an erased id: a sync was asked for. */
  snapshotRefresh: boolean;
  /** Why the last failed report failed; no account ids. */
  reportError: string | null;
}

const nothing = (): PrivacyRun => ({
  skipped: false,
  auditDeleted: 0,
  reported: 0,
  unreported: 0,
  closed: 0,
  updated: 0,
  erased: { auditEntries: 0, curations: 0, overrides: 0, owners: 0, leaseRecords: 0 },
  snapshotRefresh: false,
  reportError: null,
});

export async function runPrivacyJob(deps: PrivacyDeps): Promise<PrivacyRun> {
  const { store, clock } = deps;
  const started = clock();
  const end = started + (deps.remainingMs?.() ?? DEFAULT_RUN_MS);
  const taken = await acquireLease(store, JOB_LEASE, {
    owner: `privacy-job/${randomUUID()}`,
    clock,
    until: end,
  });
  if (!('lease' in taken)) return { ...nothing(), skipped: true };
  try {
    const run = nothing();
    const cutoff = started - AUDIT_RETENTION_DAYS * DAY_MS;
    const audit = await applyRetention(deps, cutoff, run);
    const holdings = await readHoldings(store, audit);
    const accounts = accountsToReport(mentionsIn(holdings, started, cutoff));
    const updates = await reportAll(deps, accounts, end - ERASURE_RESERVE_MS, run);
    const reported = new Set(accounts.map((a) => a.accountId));
    const closed = new Set(
      updates.filter((u) => u.status === 'closed' && reported.has(u.accountId)).map((u) => u.accountId),
    );
    run.closed = closed.size;
    run.updated = new Set(
      updates.filter((u) => u.status === 'updated' && reported.has(u.accountId)).map((u) => u.accountId),
    ).size;
    if (closed.size > 0) await erase(deps, holdings, closed, run);
    return run;
  } finally {
    await releaseLease(store, taken.lease).catch(() => undefined);
  }
}

/** Deletes audit entries older than the cutoff; returns those kept. */
async function applyRetention(
  deps: PrivacyDeps,
  cutoff: number,
  run: PrivacyRun,
): Promise<StoreEntry<AuditEntry>[]> {
  const all = await queryAll(deps.store, PREFIXES.audit);
  const expired = all.filter((e) => typeof e.value.at === 'number' && e.value.at < cutoff);
  await writeOps(
    deps.store,
    expired.map((e) => deleteOp(e.key)),
  );
  run.auditDeleted = expired.length;
  const gone = new Set(expired.map((e) => e.key));
  return all.filter((e) => !gone.has(e.key));
}

/**
 * Reports the accounts a batch at a time, so a batch that fails costs only its own accounts: they are
 * reported at the next run. A 429 waits for its Retry-After, a 5xx or a network failure backs off; a
 * wait that would run into the time kept for erasure is not made.
 */
async function reportAll(
  deps: PrivacyDeps,
  accounts: ReportedAccount[],
  deadline: number,
  run: PrivacyRun,
): Promise<AccountUpdate[]> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const updates: AccountUpdate[] = [];
  for (let i = 0; i < accounts.length; i += REPORT_BATCH) {
    const batch = accounts.slice(i, i + REPORT_BATCH);
    for (let attempt = 1; ; attempt++) {
      try {
        updates.push(...(await deps.report(batch)));
        run.reported += batch.length;
        break;
      } catch (error) {
        const wait = attempt < REPORT_ATTEMPTS ? retryWait(error, attempt) : null;
        if (wait === null || deps.clock() + wait > deadline) {
          run.unreported += batch.length;
          run.reportError = describeFailure(error);
          break;
        }
        await sleep(wait);
      }
    }
  }
  return updates;
}

/** What a failed report looks like: @forge/api rejects with the response, or throws its own error. */
interface FailedRequest {
  status?: unknown;
  headers?: { get?: (name: string) => string | null };
}

function retryWait(error: unknown, attempt: number): number | null {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as FailedRequest;
  const status = typeof failure.status === 'number' ? failure.status : null;
  const backoff = Math.min(1000 * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS);
  if (status === 429) {
    const seconds = Number(failure.headers?.get?.('retry-after'));
    return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_RETRY_WAIT_MS) : backoff;
  }
  // No status: the request was not answered (network). 5xx: Atlassian's side. Any other answer is final.
  return status === null || status >= 500 ? backoff : null;
}

function describeFailure(error: unknown): string {
  const status = (error as FailedRequest | null)?.status;
  if (typeof status === 'number') return `The personal data reporting API answered ${status}`;
  return `The personal data reporting API could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

// --- erasure ------------------------------------------------------------------------------------

async function erase(
  deps: PrivacyDeps,
  holdings: Holdings,
  closed: ReadonlySet<string>,
  run: PrivacyRun,
): Promise<void> {
  const { store } = deps;
  const isClosed = (value: unknown): boolean => typeof value === 'string' && closed.has(value);

  // Goals and PMO projects: their owner goes, under the configuration lease, from the model as it is
  // now. The version moves on, so an editor still showing the old owner must reload before saving.
  const ownerHeld =
    holdings.portfolio.goals.some((g) => isClosed(g.ownerAccountId)) ||
    holdings.portfolio.projects.some((p) => isClosed(p.ownerAccountId));
  if (ownerHeld) {
    run.erased.owners = await underLease(deps, 'config', async (lease) => {
      const current = await loadPortfolio(store);
      let count = 0;
      const unowned = <T extends { ownerAccountId: string | null; version: number }>(entity: T): T => {
        if (!isClosed(entity.ownerAccountId)) return entity;
        count += 1;
        return { ...entity, ownerAccountId: null, version: entity.version + 1 };
      };
      const next = {
        goals: current.goals.map(unowned),
        projects: current.projects.map(unowned),
        dismissedEpics: current.dismissedEpics,
      };
      if (count === 0) return 0;
      await writeModel(deps, lease, current, next, [
        auditOp(deps.clock(), APP_ACTOR, {
          action: 'update',
          entity: 'portfolio',
          entityId: null,
          name: `Owner removed from ${count} goal${count === 1 ? '' : 's'} or PMO project${count === 1 ? '' : 's'}: the owner's Atlassian account was closed`,
          changed: ['ownerAccountId'],
        }),
      ]);
      return count;
    });
  }

  // Curated wins and health overrides: the author becomes CLOSED_ACCOUNT, under the curation lease,
  // each value as it is now.
  const curationHeld =
    holdings.curations.some((e) => isClosed(e.value.by)) ||
    holdings.overrides.some((e) => isClosed(e.value.by)) ||
    Object.values(holdings.legacyCuration?.wins ?? {}).some((c) => isClosed(c.by)) ||
    (holdings.legacyOverrides?.list ?? []).some((o) => isClosed(o.by));
  if (curationHeld) {
    await underLease(deps, 'curation', async (lease) => {
      const ops: StoreOp[] = [];
      let wins = 0;
      let overrides = 0;
      for (const { key } of holdings.curations) {
        const value = await store.get(key);
        if (value && isClosed(value.by)) {
          ops.push(setOp(key, { ...value, by: CLOSED_ACCOUNT }));
          wins += 1;
        }
      }
      for (const { key } of holdings.overrides) {
        const value = await store.get(key);
        if (value && isClosed(value.by)) {
          ops.push(setOp(key, { ...value, by: CLOSED_ACCOUNT }));
          overrides += 1;
        }
      }
      const legacyWins = await store.get(KEYS.legacy.winCuration);
      const legacyWinIds = Object.entries(legacyWins?.wins ?? {}).filter(([, c]) => isClosed(c.by));
      if (legacyWins && legacyWinIds.length > 0) {
        const replaced = Object.fromEntries(
          Object.entries(legacyWins.wins).map(([id, c]) => [
            id,
            isClosed(c.by) ? { ...c, by: CLOSED_ACCOUNT } : c,
          ]),
        );
        ops.push(setOp(KEYS.legacy.winCuration, { ...legacyWins, wins: replaced }));
        wins += legacyWinIds.length;
      }
      const legacyOverrides = await store.get(KEYS.legacy.healthOverrides);
      const legacyClosed = (legacyOverrides?.list ?? []).filter((o) => isClosed(o.by)).length;
      if (legacyOverrides && legacyClosed > 0) {
        const list = legacyOverrides.list.map((o) => (isClosed(o.by) ? { ...o, by: CLOSED_ACCOUNT } : o));
        ops.push(setOp(KEYS.legacy.healthOverrides, { ...legacyOverrides, list }));
        overrides += legacyClosed;
      }
      const audits: AuditChange[] = [];
      if (wins > 0) {
        audits.push({
          action: 'update',
          entity: 'win',
          entityId: null,
          name: `Author removed from ${wins} curated win${wins === 1 ? '' : 's'}: their Atlassian account was closed`,
          changed: ['by'],
        });
      }
      if (overrides > 0) {
        audits.push({
          action: 'update',
          entity: 'health',
          entityId: null,
          name: `Author removed from ${overrides} health override${overrides === 1 ? '' : 's'}: their Atlassian account was closed`,
          changed: ['by'],
        });
      }
      // The audit entries land with the last of the changes they record.
      const all = [...ops, ...audits.map((change) => auditOp(deps.clock(), APP_ACTOR, change))];
      for (let i = 0; i < all.length; i += STORE_LIMITS.transactionOps) {
        await commitOps(deps, lease, all.slice(i, i + STORE_LIMITS.transactionOps));
      }
      run.erased.curations = wins;
      run.erased.overrides = overrides;
    });
  }

  // Audit entries are written once and never changed by anyone else: each is rewritten in place, its
  // key (and so its place in the trail) kept.
  const audit = holdings.audit.filter((e) => isClosed(e.value.accountId));
  await writeOps(
    store,
    audit.map((e) => setOp(e.key, { ...e.value, accountId: CLOSED_ACCOUNT })),
  );
  run.erased.auditEntries = audit.length;

  // A snapshot copies the health overrides in force when it was built: a new sync builds one from the
  // erased values, and the publish after it deletes the version before.
  if (holdings.snapshotOverrides.some(({ override }) => isClosed(override.by))) {
    run.snapshotRefresh = true;
    await deps.requestSync?.();
  }

  run.erased.leaseRecords = await eraseLeaseOwners(deps, closed);
}

/**
 * A lease record's owner is `<accountId>/<random>` for a person's write. Records no longer held are
 * rewritten with CLOSED_ACCOUNT in its place (keeping their number, which is never reused); one still
 * held is left to run out, and goes within the week with every lease record.
 */
async function eraseLeaseOwners(deps: PrivacyDeps, closed: ReadonlySet<string>): Promise<number> {
  const now = deps.clock();
  const records = await queryAll(deps.store, LEASE_KEYS);
  let count = 0;
  for (const { key, value } of records) {
    const record = value as Partial<LeaseRecord> | null;
    if (typeof record?.owner !== 'string' || typeof record.until !== 'number') continue;
    const slash = record.owner.indexOf('/');
    const person = slash < 0 ? record.owner : record.owner.slice(0, slash);
    if (!closed.has(person)) continue;
    if (record.released !== true && record.until > now) continue;
    const owner = `${CLOSED_ACCOUNT}${slash < 0 ? '' : record.owner.slice(slash)}`;
    await deps.store.set(key, { ...record, owner }, { ttlSeconds: LEASE_RECORD_TTL_S });
    count += 1;
  }
  return count;
}
