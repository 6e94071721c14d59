/**
 * The typed resolver contract shared by the backend (src/resolvers) and the UI (static/app): every resolver
 * key, its payload and its result. Types only, so the UI bundle imports no backend code.
 */

/** Every resolver answers with this one shape, so the UI handles errors one way. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export type AppErrorKind = 'validation' | 'forbidden' | 'not-found' | 'conflict' | 'jira' | 'internal';

export interface AppError {
  kind: AppErrorKind;
  message: string;
  /** The payload field at fault, for validation errors. */
  field?: string;
}

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
}

/** Windows of complete ISO weeks the gadget can show. */
export const FLOW_WINDOWS = [4, 12, 26] as const;
export type FlowWindowWeeks = (typeof FLOW_WINDOWS)[number];

export type PortfolioSort = 'throughput' | 'cycleTime' | 'name';

/** What a PMO lead or team sets in the portfolio-health gadget's edit view (saved by view.submit). */
export interface PortfolioHealthConfig {
  windowWeeks: FlowWindowWeeks;
  /** Jira project keys to show; empty shows every project in the snapshot the viewer may browse. */
  projects: string[];
  sortBy: PortfolioSort;
}

export const DEFAULT_PORTFOLIO_HEALTH_CONFIG: PortfolioHealthConfig = {
  windowWeeks: 12,
  projects: [],
  sortBy: 'throughput',
};

export interface PercentileView {
  n: number;
  /** Days; null when n is below `minSamples`. */
  value: number | null;
  minSamples: number;
}

export interface ProjectFlowRow {
  projectKey: string;
  projectName: string;
  throughput: number;
  /** Throughput per complete week, oldest first. */
  weekly: number[];
  cycleTimeP50: PercentileView;
  cycleTimeP85: PercentileView;
  wip: number;
}

export interface PortfolioHealthView {
  /** 'no-snapshot' until the first sync has published. */
  state: 'ready' | 'no-snapshot';
  generatedAt: number | null;
  timeZone: string;
  windowWeeks: FlowWindowWeeks;
  period: { from: number; to: number } | null;
  rows: ProjectFlowRow[];
  /** Projects in the snapshot, for the edit view's picker (only those the viewer may browse). */
  availableProjects: { key: string; name: string }[];
  sync: SyncProgress;
  /** True when the snapshot is older than two sync intervals. */
  stale: boolean;
}

export interface ViewerInfo {
  accountId: string;
  canConfigure: boolean;
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
}

/** The resolver definitions, for `makeResolver<Defs>()` and `makeInvoke<Defs>()`. */
export type Defs = {
  'reports/portfolioHealth': (payload: { config?: unknown }) => Result<PortfolioHealthView>;
  'sync/status': () => Result<SyncProgress>;
  'sync/start': () => Result<SyncProgress>;
  'viewer/me': () => Result<ViewerInfo>;
  'config/fields': () => Result<FieldSettingsView>;
  'config/saveFields': (payload: { fields: FieldChoice }) => Result<FieldSettingsView>;
};
