/** The data refresh and Jira field settings: what the settings page's "Data from Jira" shows and sends. */
import type { Result } from './result';

export type SyncPhase =
  'idle' | 'queued' | 'discovering' | 'searching' | 'reconciling' | 'computing' | 'publishing';

export type SyncMode = 'full' | 'incremental';

export interface SyncProgress {
  phase: SyncPhase;
  /** The running (or last) sync's kind: everything, or only what changed since the last one. */
  mode: SyncMode | null;
  startedAt: number | null;
  finishedAt: number | null;
  issuesDone: number;
  issuesTotal: number | null;
  requests: number;
  retries: number;
  /** The last run's error, if it failed; the previous snapshot stays in place. */
  error: string | null;
  lastSuccessAt: number | null;
  /**
   * What the running (or last) sync worked around, in a sentence: a damaged stored value it set aside
   * (the item cache read again from Jira, say). Null when there was nothing; absent from older progress.
   */
  note?: string | null;
}

export type FieldRole = 'estimate' | 'value' | 'flagged' | 'startDate';
export type FieldChoice = Record<FieldRole, string | null>;

export interface FieldSettingsView {
  /** Null until the first sync has read Jira's fields. */
  discoveredAt: number | null;
  /** What PMO Wins found by name. */
  discovered: FieldChoice;
  /** What a PMO lead confirmed (null: use what was found). */
  confirmed: FieldChoice;
  /** Custom fields to choose from, with their Jira type (number, date, array). */
  candidates: { id: string; name: string; type: string }[];
  /** The settings' version: a save names it and is refused when someone saved in between. */
  version: number;
}

export type SyncDefs = {
  'sync/status': () => Result<SyncProgress>;
  'sync/start': () => Result<SyncProgress>;
  'config/fields': () => Result<FieldSettingsView>;
  'config/saveFields': (payload: {
    fields: FieldChoice;
    expectedVersion: number;
  }) => Result<FieldSettingsView>;
};
