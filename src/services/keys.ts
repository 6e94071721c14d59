import { randomUUID } from 'node:crypto';
import type { AuditEntry, SyncProgress } from '../contract';
import type { EpicMetrics } from '../domain/engine';
import type { StoredCuration, StoredOverride } from './curation/store';
import type { Delivery, HistoryPoint, Win } from '../domain/wins';
import type { WorkItem } from '../domain/work-item';
import { chunkedKey, keyPrefix, storeKey } from '../store/port';
import type { PmoProject, StrategicGoal } from '../contract';
import type { ModelHead, Stored } from './configuration/model';
import type { Settings } from './configuration/settings';
import type { DrillPart, SettledItems } from './snapshot/drill';
import type { ScopeDetail, Snapshot, SnapshotPointer } from './snapshot/model';
import type { CachePointer, DeltaEntry } from './sync/item-cache';
import type { JqlMembership } from './sync/membership';
import type { DirtyMark, EventScope, IssuesGone } from './sync/events';
import type { SyncMeta } from './sync/meta';
import type { SyncRun } from './sync/types';
import type { JiraProjectIds, KeptSight, KeptView, ViewsEpoch } from './surfaces/kept';

/**
 * Every key the app stores, with the type of its value: a read needs no cast, a write of the wrong shape
 * does not compile, and docs/sync.md's table of what is stored can be checked against one page. Chunked
 * values (split under the 240 KiB value limit) have keys of their own kind, read with readChunked.
 */
export const KEYS = {
  config: {
    /** Older installations may lack fields added since: they take the defaults. */
    settings: storeKey<Partial<Settings>>('cfg:settings'),
    /** Which generation of goals and PMO projects is current, and the model's revision. */
    head: storeKey<ModelHead>('cfg:model'),
    /** One value per goal and per PMO project, so a save writes one small value. */
    goal: (gen: string, id: string) => storeKey<Stored<StrategicGoal>>(`cfg:${gen}:goal:${id}`),
    project: (gen: string, id: string) => storeKey<Stored<PmoProject>>(`cfg:${gen}:project:${id}`),
    dismissed: (gen: string) => storeKey<string[]>(`cfg:${gen}:dismissed`),
    audit: (at: number) => storeKey<AuditEntry>(auditName(at)),
  },
  /** PMO leads' curation: one value per win and per PMO project's health override. */
  curation: {
    win: (winId: string) => storeKey<StoredCuration>(`cur:win:${winId}`),
    override: (projectId: string) => storeKey<StoredOverride>(`cur:override:${projectId}`),
  },
  /** What installations before per-entity storage kept; read once, to move it. */
  legacy: {
    portfolio: chunkedKey<{ goals: StrategicGoal[]; projects: PmoProject[]; dismissedEpics?: string[] }>(
      'cfg:portfolio',
    ),
    winCuration: storeKey<{ wins: Record<string, Omit<StoredCuration, 'version'>> }>('cfg:win-curation'),
    healthOverrides: storeKey<{ list: Omit<StoredOverride, 'version'>[] }>('cfg:health-overrides'),
  },
  sync: {
    /** The run in progress: its cursor, counts and discovery. */
    run: storeKey<SyncRun>('sync:run'),
    /** Kept between runs: watermark, scope key, last reconcile, discovery. */
    meta: storeKey<SyncMeta>('sync:meta'),
    /** Progress for the UI. */
    state: storeKey<SyncProgress>('sync:state'),
    jqlMatches: chunkedKey<JqlMembership>('sync:jql-matches'),
    /** A reconcile step's issue ids, until the run ends. */
    liveIds: (n: number) => chunkedKey<string[]>(`sync:live:${n}`),
    /** Which Jira projects' issue events count: those of the last finished run's scope. */
    eventScope: storeKey<EventScope>('sync:event-scope'),
    /** Jira changed since a run began: set (FAIL_IF_EXISTS) by the first issue event of a burst. */
    dirty: storeKey<DirtyMark>('sync:dirty'),
    /** When an issue in scope was last deleted or moved to another project (the next run reconciles). */
    gone: storeKey<IssuesGone>('sync:gone'),
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
    delivered: (version: string, quarter: string) =>
      chunkedKey<Delivery[]>(`snap:${version}:delivered:${quarter}`),
    /** What lies behind one scope's numbers (drill-through), by its part name. */
    drill: (version: string, name: string) => chunkedKey<DrillPart>(`snap:${version}:drill:${name}`),
    /** A drill part's items done before the quarter began (./snapshot/drill.ts `SettledItems`). */
    settled: (version: string, name: string) => chunkedKey<SettledItems>(`snap:${version}:settled:${name}`),
    /** The content digest of every part of a version, by part name, for the next publish to compare. */
    digests: (version: string) => storeKey<Record<string, string>>(`snap:${version}:digests`),
  },
  /** Daily history points of a PMO project, goal or the portfolio. */
  history: (id: string) => chunkedKey<HistoryPoint[]>(`hist:${id}`),
  /**
   * What gadgets keep to answer again cheaply (src/services/surfaces/kept.ts): each value says until
   * when it counts, and the snapshot version it was computed from.
   */
  views: {
    /** A new token after every write of the configuration or curation: answers kept before are not used. */
    epoch: storeKey<ViewsEpoch>('view:epoch'),
    /** The numeric ids of the Jira projects the snapshot names, as the app looked them up. */
    jiraProjectIds: storeKey<JiraProjectIds>('view:jira-project-ids'),
    /** A gadget's answer that is the same for every viewer, by gadget and configuration; 15 minutes. */
    shared: (gadget: string, config: string) => storeKey<KeptView>(`view:all:${gadget}:${config}`),
    /** A gadget's answer as one viewer may see it; 5 minutes at most. */
    personal: (accountId: string, gadget: string, config: string) =>
      storeKey<KeptView>(`view:acct:${accountId}:${gadget}:${config}`),
    /** What Jira said one viewer may see of what the snapshot names; 5 minutes. */
    sight: (accountId: string) => storeKey<KeptSight>(`view:acct:${accountId}:sight`),
  },
} as const;

/** Prefixes listed by a query. */
export const PREFIXES = {
  audit: keyPrefix<AuditEntry>('audit:'),
  goals: (gen: string) => keyPrefix<Stored<StrategicGoal>>(`cfg:${gen}:goal:`),
  projects: (gen: string) => keyPrefix<Stored<PmoProject>>(`cfg:${gen}:project:`),
  /** Every configuration value, to find generations left behind. */
  config: keyPrefix<unknown>('cfg:'),
  curations: keyPrefix<StoredCuration>('cur:win:'),
  overrides: keyPrefix<StoredOverride>('cur:override:'),
  /** Every part of every stored snapshot version, and the pointer. */
  snapshot: keyPrefix<unknown>('snap:'),
  /** Everything gadgets keep between requests. */
  views: keyPrefix<unknown>('view:'),
} as const;

/** Audit keys sort newest first: inverted time, then an inverted counter for changes within one millisecond. */
let auditSequence = 0;
function auditName(at: number): string {
  auditSequence = (auditSequence + 1) % 1_000_000;
  const inverted = (n: number, width: number, max: number) => String(max - n).padStart(width, '0');
  return `audit:${inverted(at, 13, 9_000_000_000_000)}:${inverted(auditSequence, 6, 999_999)}:${randomUUID().slice(0, 4)}`;
}
