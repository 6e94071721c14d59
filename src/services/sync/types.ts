import type { SyncMode, SyncProgress } from '../../contract';
import type { JiraClient } from '../../jira';
import type { Store } from '../../store/port';
import type { Discovery } from './discovery';
import type { SyncScope } from './scope';

/**
 * The sync as a resumable run. A run is cut into steps of bounded work (about 1,000 issues: ten search
 * pages and one bulk changelog request), and its cursor is saved after every step, so a queue job can
 * stop at any step boundary and the next job carries on. Jira is asked only for what changed since the
 * last run, except the first run (or after the scope or fields change), which reads everything.
 */
export interface SyncDeps {
  store: Store;
  /** A client acting as the app. */
  jira: JiraClient;
  clock: () => number;
  /** Overrides the portfolio from the settings (the command line's --jql). */
  scope?: SyncScope;
  /** Read everything even if an incremental run would do. */
  forceFull?: boolean;
  /**
   * Compute and publish even when nothing changed ("Refresh now", which also rebuilds a damaged
   * snapshot): the quiet check (./quiet.ts) is skipped.
   */
  recompute?: boolean;
  /**
   * Keeps the job's storage traffic under a budget of units per minute (src/store/paced.ts); none on the
   * command line, whose store is local.
   */
  pace?: { readUnitsPerMinute: number; writeUnitsPerMinute: number; sleep: (ms: number) => Promise<void> };
  /** Told of every progress change (the command line's progress bar). */
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncRun {
  id: string;
  mode: SyncMode;
  startedAt: number;
  scope: SyncScope;
  scopeKey: string;
  jql: string;
  phase: 'search' | 'reconcile' | 'compute';
  searchToken: string | null;
  /** The generation this run writes: a new one for a full run, the current one for an incremental run. */
  gen: number;
  /** Chunks written so far: base chunks (full) or delta chunks after the pointer's (incremental). */
  chunks: number;
  /** The pointer's delta count when an incremental run started. */
  deltaStart: number;
  seen: number;
  total: number | null;
  reconcile: boolean;
  reconcileToken: string | null;
  liveChunks: number;
  discovery: Discovery;
  /** Jira requests and retries this run has spent, over all its jobs. */
  requests: number;
  retries: number;
}

/** done: published; more: stopped at its deadline, queue another job; busy: another job holds the run. */
export type JobOutcome = 'done' | 'more' | 'busy';

export interface JobOptions {
  /** Stop taking steps after this instant (the next job carries on). */
  deadline?: number;
  /** Who holds the run; the same owner may take it again (a redelivered queue event). */
  owner?: string;
  /** How long the hold lasts if the job never lets go (its invocation's end). */
  lockUntil?: number;
  /** Only carry on a saved run; with none saved, do nothing. */
  resumeOnly?: boolean;
}
