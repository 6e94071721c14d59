import type { AuditEntry } from '../../contract';
import type { HealthOverride } from '../../domain/health';
import { readChunked } from '../../store/chunked';
import { queryAll, type Store, type StoreEntry } from '../../store/port';
import { loadPortfolio, type PortfolioState } from '../configuration/model';
import type { StoredCuration, StoredOverride } from '../curation/store';
import { KEYS, PREFIXES } from '../keys';

/**
 * Where the app keeps Atlassian account ids, and nothing else of a person: no names, e-mail addresses or
 * avatars. Each id is stored because someone did something (an audit entry, a curated win, a health
 * override) or was named as the owner of a goal or PMO project. docs/privacy.md lists them.
 */

/** What stands where a closed account's id was erased. */
export const CLOSED_ACCOUNT = 'closed-account';
/** Who the app's own changes are recorded as: not an Atlassian account, so never reported. */
export const APP_ACTOR = 'app';

/** Atlassian's format: 1-128 letters, digits, `-` and `:`. */
const ACCOUNT_ID = /^[A-Za-z0-9:-]{1,128}$/;
/** Values in account id fields that are no account: ours, and Jira's "unknown" (never to be reported). */
const NOT_ACCOUNTS: ReadonlySet<string> = new Set([CLOSED_ACCOUNT, APP_ACTOR, 'unknown']);

export const isAccountId = (value: unknown): value is string =>
  typeof value === 'string' && ACCOUNT_ID.test(value) && !NOT_ACCOUNTS.has(value);

type LegacyCuration = NonNullable<Awaited<ReturnType<typeof readLegacyCuration>>>;
type LegacyOverrides = NonNullable<Awaited<ReturnType<typeof readLegacyOverrides>>>;

/** Every stored value that may hold an account id, read once per run. */
export interface Holdings {
  /** Audit entries, after retention. */
  audit: StoreEntry<AuditEntry>[];
  curations: StoreEntry<StoredCuration>[];
  overrides: StoreEntry<StoredOverride>[];
  /** The one-value layouts of installations that have not curated since per-win storage came. */
  legacyCuration: LegacyCuration | undefined;
  legacyOverrides: LegacyOverrides | undefined;
  /** Goals and PMO projects, with their owners. */
  portfolio: PortfolioState;
  /** Health overrides as the published snapshot versions (current and previous) copied them. */
  snapshotOverrides: { version: string; override: HealthOverride }[];
}

const readLegacyCuration = (store: Store) => store.get(KEYS.legacy.winCuration);
const readLegacyOverrides = (store: Store) => store.get(KEYS.legacy.healthOverrides);

export async function readHoldings(store: Store, audit: StoreEntry<AuditEntry>[]): Promise<Holdings> {
  const [curations, overrides, legacyCuration, legacyOverrides, portfolio, snapshotOverrides] =
    await Promise.all([
      queryAll(store, PREFIXES.curations),
      queryAll(store, PREFIXES.overrides),
      readLegacyCuration(store),
      readLegacyOverrides(store),
      loadPortfolio(store),
      readSnapshotOverrides(store),
    ]);
  return { audit, curations, overrides, legacyCuration, legacyOverrides, portfolio, snapshotOverrides };
}

/**
 * A snapshot's core carries each PMO project's health, and with it the override in force when the sync
 * ran, author included. Both versions the pointer names are read: the previous one stays until the next
 * publish. A core that cannot be read is left out (it is rebuilt by the next sync).
 */
async function readSnapshotOverrides(store: Store): Promise<Holdings['snapshotOverrides']> {
  const pointer = await store.get(KEYS.snapshot.pointer);
  const versions = [pointer?.version, pointer?.previous?.version].filter(
    (v): v is string => typeof v === 'string',
  );
  const found: Holdings['snapshotOverrides'] = [];
  for (const version of new Set(versions)) {
    const core = await readChunked(store, KEYS.snapshot.core(version)).catch(() => undefined);
    for (const project of core?.metrics?.projects ?? []) {
      const override = project.health?.override;
      if (override) found.push({ version, override });
    }
  }
  return found;
}

/** One place an account id is kept, and when it was written there. */
export interface Mention {
  accountId: string;
  at: number;
}

/**
 * Every account id the holdings keep, with the time each copy was written. `run` is the job's time and
 * `oldestKept` the retention's cutoff: an owner no kept audit entry accounts for was named before it.
 */
export function mentionsIn(holdings: Holdings, run: number, oldestKept: number): Mention[] {
  const found: Mention[] = [];
  const add = (accountId: unknown, at: unknown) => {
    if (isAccountId(accountId)) {
      found.push({ accountId, at: typeof at === 'number' && Number.isFinite(at) ? Math.min(at, run) : run });
    }
  };
  for (const { value } of holdings.audit) add(value.accountId, value.at);
  for (const { value } of holdings.curations) add(value.by, value.at);
  for (const { value } of holdings.overrides) add(value.by, value.at);
  for (const entry of Object.values(holdings.legacyCuration?.wins ?? {})) add(entry.by, entry.at);
  for (const entry of holdings.legacyOverrides?.list ?? []) add(entry.by, entry.at);
  for (const { override } of holdings.snapshotOverrides) add(override.by, override.at);
  const ownerSince = ownerWrittenAt(
    holdings.audit.map((e) => e.value),
    oldestKept,
  );
  for (const goal of holdings.portfolio.goals) add(goal.ownerAccountId, ownerSince('goal', goal.id));
  for (const project of holdings.portfolio.projects) {
    add(project.ownerAccountId, ownerSince('project', project.id));
  }
  return found;
}

/**
 * When a goal's or PMO project's current owner was written. An owner has no time of its own, but the
 * audit trail records every write of the entity: the owner came with the newest entry that created it or
 * changed its `ownerAccountId`, or with a later import (which replaces every goal and PMO project). When
 * no kept entry accounts for it, it is older than the oldest entry kept.
 */
export function ownerWrittenAt(
  audit: readonly AuditEntry[],
  oldestKept: number,
): (entity: 'goal' | 'project', id: string) => number {
  let lastImport = Number.NEGATIVE_INFINITY;
  const written = new Map<string, number>();
  for (const entry of audit) {
    if (typeof entry.at !== 'number') continue;
    if (entry.action === 'import') lastImport = Math.max(lastImport, entry.at);
    const setsOwner =
      entry.action === 'create' || (entry.action === 'update' && entry.changed.includes('ownerAccountId'));
    if (setsOwner && (entry.entity === 'goal' || entry.entity === 'project') && entry.entityId) {
      const key = `${entry.entity}:${entry.entityId}`;
      written.set(key, Math.max(written.get(key) ?? Number.NEGATIVE_INFINITY, entry.at));
    }
  }
  return (entity, id) => {
    const at = Math.max(written.get(`${entity}:${id}`) ?? Number.NEGATIVE_INFINITY, lastImport);
    return Number.isFinite(at) ? at : oldestKept;
  };
}

/** What the personal data reporting API takes for one account. */
export interface ReportedAccount {
  accountId: string;
  /** RFC 3339: when the app got the data it keeps of the account. */
  updatedAt: string;
}

/**
 * One report per account. Atlassian asks for the age of the oldest copy when an app keeps several
 * ("the oldest time that the personal data was retrieved at"), so that is the time reported.
 */
export function accountsToReport(mentions: readonly Mention[]): ReportedAccount[] {
  const oldest = new Map<string, number>();
  for (const { accountId, at } of mentions) {
    oldest.set(accountId, Math.min(oldest.get(accountId) ?? Number.POSITIVE_INFINITY, at));
  }
  return [...oldest.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([accountId, at]) => ({ accountId, updatedAt: new Date(at).toISOString() }));
}
