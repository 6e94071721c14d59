import { randomUUID } from 'node:crypto';
import type { AuditEntry, SyncProgress } from '../contract';
import type { EpicMetrics } from '../domain/engine';
import type { HealthOverride } from '../domain/health';
import type { HistoryPoint, Win, WinCuration } from '../domain/wins';
import type { WorkItem } from '../domain/work-item';
import { chunkedKey, keyPrefix, storeKey } from '../store/port';
import type { PortfolioState } from './configuration/model';
import type { Settings } from './configuration/settings';
import type { ScopeDetail, Snapshot, SnapshotPointer } from './snapshot/model';
import type { CachePointer, DeltaEntry } from './sync/item-cache';
import type { SyncLock } from './sync/lock';
import type { JqlMembership } from './sync/membership';
import type { SyncMeta } from './sync/meta';
import type { SyncRun } from './sync/types';

/**
 * Every key the app stores, with the type of its value: a read needs no cast, a write of the wrong shape
 * does not compile, and docs/sync.md's table of what is stored can be checked against one page. Chunked
 * values (split under the 240 KiB value limit) have keys of their own kind, read with readChunked.
 */
export const KEYS = {
  config: {
    /** Older installations may lack fields added since: they take the defaults. */
    settings: storeKey<Partial<Settings>>('cfg:settings'),
    portfolio: chunkedKey<PortfolioState>('cfg:portfolio'),
    winCuration: storeKey<{ wins: Record<string, WinCuration> }>('cfg:win-curation'),
    healthOverrides: storeKey<{ list: HealthOverride[] }>('cfg:health-overrides'),
    audit: (at: number) => storeKey<AuditEntry>(auditName(at)),
  },
  sync: {
    /** The run in progress: its cursor, counts and discovery. */
    run: storeKey<SyncRun>('sync:run'),
    /** Kept between runs: watermark, scope key, last reconcile, discovery. */
    meta: storeKey<SyncMeta>('sync:meta'),
    /** Progress for the UI. */
    state: storeKey<SyncProgress>('sync:state'),
    /** Which job holds the run, and until when. */
    lock: storeKey<SyncLock>('sync:lock'),
    jqlMatches: chunkedKey<JqlMembership>('sync:jql-matches'),
    /** A reconcile step's issue ids, until the run ends. */
    liveIds: (n: number) => chunkedKey<string[]>(`sync:live:${n}`),
  },
  items: {
    pointer: storeKey<CachePointer>('items:ptr'),
    base: (gen: number, n: number) => chunkedKey<WorkItem[]>(`items:${gen}:base:${n}`),
    delta: (gen: number, n: number) => chunkedKey<DeltaEntry[]>(`items:${gen}:delta:${n}`),
  },
  snapshot: {
    pointer: storeKey<SnapshotPointer>('snap:ptr'),
    core: (version: string) => chunkedKey<Snapshot>(`snap:${version}:data`),
    epics: (version: string) => chunkedKey<EpicMetrics[]>(`snap:${version}:epics`),
    scope: (version: string, id: string) => chunkedKey<ScopeDetail>(`snap:${version}:scope:${id}`),
    wins: (version: string, quarter: string) => chunkedKey<Win[]>(`snap:${version}:wins:${quarter}`),
  },
  /** Daily history points of a PMO project, goal or the portfolio. */
  history: (id: string) => chunkedKey<HistoryPoint[]>(`hist:${id}`),
} as const;

/** Prefixes listed by a query. */
export const PREFIXES = {
  audit: keyPrefix<AuditEntry>('audit:'),
  /** Every part of every stored snapshot version, and the pointer. */
  snapshot: keyPrefix<unknown>('snap:'),
} as const;

/** Audit keys sort newest first: inverted time, then an inverted counter for changes within one millisecond. */
let auditSequence = 0;
function auditName(at: number): string {
  auditSequence = (auditSequence + 1) % 1_000_000;
  const inverted = (n: number, width: number, max: number) => String(max - n).padStart(width, '0');
  return `audit:${inverted(at, 13, 9_000_000_000_000)}:${inverted(auditSequence, 6, 999_999)}:${randomUUID().slice(0, 4)}`;
}
