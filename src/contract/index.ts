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
export type Defs = ConfigDefs &
  SurfaceDefs & {
    'reports/portfolioHealth': (payload: { config?: unknown }) => Result<PortfolioHealthView>;
    'sync/status': () => Result<SyncProgress>;
    'sync/start': () => Result<SyncProgress>;
    'config/fields': () => Result<FieldSettingsView>;
    'config/saveFields': (payload: { fields: FieldChoice }) => Result<FieldSettingsView>;
  };

// ---------------------------------------------------------------------------------------------------
// The PMO model: strategic goals, PMO projects and their Jira scope, and the PMO's settings.

export type GoalStatus = 'draft' | 'active' | 'achieved' | 'dropped';
/** 1 = supports, 2 = contributes, 3 = drives. */
export type AlignmentLevel = 1 | 2 | 3;

export interface StrategicGoal {
  id: string;
  /** Increments on every save; a save must name the version it started from. */
  version: number;
  name: string;
  description: string;
  /** Jira accountId of the goal's owner, or null. */
  ownerAccountId: string | null;
  /** Relative weight, 1-10, for splitting value across goals. */
  weight: number;
  /** 'YYYY-MM-DD' dates, inclusive. */
  period: { start: string; end: string };
  target: { value: number; unit: string } | null;
  status: GoalStatus;
}

export interface GoalLink {
  goalId: string;
  level: AlignmentLevel;
}

export interface BenefitRecord {
  id: string;
  /** 'YYYY-MM-DD' */
  date: string;
  amount: number;
  note: string;
}

/** Which Jira issues belong to a PMO project: any of these, combined. */
export interface JiraScope {
  epicKeys: string[];
  projectKeys: string[];
  /** A JQL filter (no ORDER BY), or null. */
  jql: string | null;
}

export interface PmoProject {
  id: string;
  version: number;
  name: string;
  ownerAccountId: string | null;
  description: string;
  goals: GoalLink[];
  scope: JiraScope;
  /** 'YYYY-MM-DD' */
  baselineDate: string | null;
  targetDate: string | null;
  budget: number | null;
  actualCost: number | null;
  expectedBenefit: number | null;
  benefits: BenefitRecord[];
  tags: string[];
}

export interface Thresholds {
  /** Health bands from the metrics specification (percent). */
  scheduleGreen: number;
  scheduleAmber: number;
  scopeGrowthGreen: number;
  scopeGrowthAmber: number;
  agingGreen: number;
  agingAmber: number;
  blockedGreen: number;
  blockedAmber: number;
}

export interface PmoSettings {
  version: number;
  /** IANA time zone; null = the Jira site's. */
  timeZone: string | null;
  /** Jira project keys that make up the portfolio besides the PMO projects' scopes. */
  portfolioProjects: string[];
  /** Status names counted as waiting time (e.g. Blocked). */
  waitStatuses: string[];
  pmoLeadGroup: string;
  startPolicy: 'first' | 'last';
  /** Trailing window for cycle-time statistics and the SLE, days. */
  trailingDays: number;
  thresholds: Thresholds;
}

/** What a save sends: the entity without its version; `expectedVersion` null creates. */
export type GoalInput = Omit<StrategicGoal, 'id' | 'version'> & { id?: string };
export type PmoProjectInput = Omit<PmoProject, 'id' | 'version'> & { id?: string };
export type PmoSettingsInput = Omit<PmoSettings, 'version'>;

export interface PortfolioConfigView {
  goals: StrategicGoal[];
  projects: PmoProject[];
  settings: PmoSettings;
  canConfigure: boolean;
  limits: { goals: number; projects: number };
}

export interface AuditEntry {
  at: number;
  accountId: string;
  action: 'create' | 'update' | 'delete' | 'import';
  entity: 'goal' | 'project' | 'settings' | 'portfolio';
  entityId: string | null;
  name: string;
  /** Fields that changed, by name. */
  changed: string[];
}

export interface EpicSummary {
  key: string;
  summary: string;
  projectKey: string;
  status: string;
}

export interface UnmappedEpic extends EpicSummary {
  /** Last change to the epic or any of its items (epoch ms). */
  lastActivity: number;
  items: number;
}

export interface JqlCheck {
  valid: boolean;
  /** Jira's parser messages when invalid. */
  errors: string[];
}

/** The export/import file: the same JSON the command line takes with --config. */
export interface PortfolioDocument {
  format: 'pmo-wins/portfolio';
  formatVersion: 1;
  exportedAt?: string;
  goals: Array<Omit<StrategicGoal, 'version'>>;
  projects: Array<Omit<PmoProject, 'version'>>;
  settings: PmoSettingsInput;
}

export type ConfigDefs = {
  'config/get': () => Result<PortfolioConfigView>;
  'config/saveGoal': (payload: { goal: GoalInput; expectedVersion: number | null }) => Result<StrategicGoal>;
  'config/deleteGoal': (payload: { id: string; expectedVersion: number }) => Result<{ id: string }>;
  'config/saveProject': (payload: {
    project: PmoProjectInput;
    expectedVersion: number | null;
  }) => Result<PmoProject>;
  'config/deleteProject': (payload: { id: string; expectedVersion: number }) => Result<{ id: string }>;
  'config/saveSettings': (payload: {
    settings: PmoSettingsInput;
    expectedVersion: number;
  }) => Result<PmoSettings>;
  'config/validateJql': (payload: { jql: string }) => Result<JqlCheck>;
  'config/searchEpics': (payload: { query: string }) => Result<EpicSummary[]>;
  'config/unmappedEpics': () => Result<UnmappedEpic[]>;
  'config/dismissEpic': (payload: { key: string }) => Result<{ key: string }>;
  'config/export': () => Result<PortfolioDocument>;
  'config/import': (payload: { document: unknown }) => Result<PortfolioConfigView>;
  'config/audit': () => Result<AuditEntry[]>;
};

// ---------------------------------------------------------------------------------------------------
// The surfaces: dashboard gadgets, the PMO wins page and the Confluence macro. Metric shapes come from
// the domain (types only).

export type {
  EpicMetrics,
  GoalMetrics,
  ProjectMetrics,
  QuarterMetrics,
  ScopeMetrics,
} from '../domain/engine';
export type { FlowMetrics, PeriodComparison, TimeStats, Trend } from '../domain/flow-metrics';
export type { ForecastResult } from '../domain/forecast';
export type { Dimension, Health, HealthOverride, Rating } from '../domain/health';
export type { CuratedWin, WinCuration, WinKind } from '../domain/wins';

/** How often a gadget re-reads its numbers, in minutes; 0 = only when the dashboard loads. */
export const REFRESH_CHOICES = [0, 15, 30, 60] as const;
export type RefreshMinutes = (typeof REFRESH_CHOICES)[number];

/** A level of the portfolio a view can be about. */
export interface ScopeRef {
  kind: 'portfolio' | 'project' | 'goal';
  /** 'portfolio' for the portfolio. */
  id: string;
}

export interface HealthGadgetConfig {
  /** Only PMO projects linked to this goal; null for all. */
  goalId: string | null;
  /** 'attention' lists red and amber PMO projects only. */
  show: 'all' | 'attention';
  refresh: RefreshMinutes;
}

export interface FlowGadgetConfig {
  scope: ScopeRef;
  weeks: FlowWindowWeeks;
  /** Show the per-Jira-project table under the chart (portfolio scope only). */
  byJiraProject: boolean;
  refresh: RefreshMinutes;
}

export interface ValueGadgetConfig {
  /** 'current' quarter, the 'previous' one, or the last four quarters together. */
  period: 'current' | 'previous' | 'year';
  refresh: RefreshMinutes;
}

export interface ForecastGadgetConfig {
  /** The PMO project forecast; null until chosen (the first open one is shown). */
  projectId: string | null;
  refresh: RefreshMinutes;
}

export interface WinsGadgetConfig {
  goalId: string | null;
  /** How many wins to list. */
  count: number;
  refresh: RefreshMinutes;
}

export type GadgetKind = 'health' | 'flow' | 'value' | 'forecast' | 'wins';

export interface GadgetConfigs {
  health: HealthGadgetConfig;
  flow: FlowGadgetConfig;
  value: ValueGadgetConfig;
  forecast: ForecastGadgetConfig;
  wins: WinsGadgetConfig;
}

export const DEFAULT_GADGET_CONFIGS: GadgetConfigs = {
  health: { goalId: null, show: 'all', refresh: 30 },
  flow: { scope: { kind: 'portfolio', id: 'portfolio' }, weeks: 12, byJiraProject: true, refresh: 30 },
  value: { period: 'current', refresh: 60 },
  forecast: { projectId: null, refresh: 60 },
  wins: { goalId: null, count: 5, refresh: 60 },
};

/** What every surface's view carries besides its own data. */
export interface SurfaceView<T> {
  /** 'no-snapshot' before the first sync; 'no-model' when no PMO project is configured yet. */
  state: 'ready' | 'no-snapshot' | 'no-model';
  generatedAt: number | null;
  timeZone: string;
  stale: boolean;
  sync: SyncProgress;
  /** The viewer may change configuration (and curate wins, override health). */
  canConfigure: boolean;
  /** The currency value amounts are in (the first goal target given in one), or null. */
  currency: string | null;
  /** Goals and PMO projects, for pickers. */
  goals: { id: string; name: string }[];
  projects: { id: string; name: string }[];
  data: T | null;
}

export interface HealthRow {
  id: string;
  name: string;
  health: import('../domain/health').Health;
  progress: number | null;
  target: string | null;
  finishedOn: string | null;
  p85: string | null;
  probability: number | null;
  goalIds: string[];
}

export interface HealthData {
  /** The thresholds the ratings were judged against (the PMO's settings). */
  thresholds: Thresholds;
  rows: HealthRow[];
  counts: Record<'green' | 'amber' | 'red' | 'done' | 'unknown', number>;
}

export interface FlowData {
  scope: { kind: ScopeRef['kind']; id: string; name: string };
  weeks: FlowWindowWeeks;
  /** Weekly throughput of the chosen window, oldest first. */
  weekly: { from: number; count: number }[];
  comparison: import('../domain/flow-metrics').PeriodComparison;
  wip: number;
  sle: number | null;
  /** Per Jira project, for the portfolio scope when asked for (only projects the viewer may browse). */
  byJiraProject: ProjectFlowRow[] | null;
}

export interface ValueData {
  period: ValueGadgetConfig['period'];
  /** Labels of the quarters the period covers. */
  quarters: string[];
  total: number;
  alignment: { aligned: number; done: number; percent: number | null };
  goals: {
    id: string;
    name: string;
    status: GoalStatus;
    value: number;
    target: { value: number; unit: string } | null;
    targetPercent: number | null;
  }[];
}

export interface ForecastData {
  project: { id: string; name: string };
  forecast: import('../domain/forecast').ForecastResult;
  target: string | null;
  targetSource: 'project' | 'epics' | null;
  remaining: number;
  progress: number | null;
  finishedOn: string | null;
  slipDays: number | null;
}

export interface WinsData {
  wins: import('../domain/wins').CuratedWin[];
  /** Wins hidden by a PMO lead (listed for curators only). */
  hidden: number;
}

export interface WinsPageData {
  quarter: string;
  quarters: string[];
  scope: { kind: 'portfolio' | 'goal'; id: string; name: string };
  /** The chosen quarter's numbers and the quarter before (null for the oldest). */
  current: import('../domain/engine').QuarterMetrics;
  previous: import('../domain/engine').QuarterMetrics | null;
  /** Every reported quarter, oldest first, for sparklines. */
  series: import('../domain/engine').QuarterMetrics[];
  /** PMO projects of the scope with their health. */
  projects: HealthRow[];
  wins: import('../domain/wins').CuratedWin[];
  hidden: number;
}

export interface CurationInput {
  id: string;
  featured: boolean;
  hidden: boolean;
  note: string;
  /** A new title, or null for the generated one. */
  title: string | null;
}

export interface OverrideInput {
  projectId: string;
  rating: 'green' | 'amber' | 'red';
  comment: string;
  /** Last day the override applies, 'YYYY-MM-DD'. */
  expires: string;
}

export interface PublishInput {
  spaceId: string;
  title: string;
  quarter: string | null;
  goalId: string | null;
}

export interface PublishResult {
  pageId: string;
  title: string;
  version: number;
  /** The page's address, when Confluence gave one. */
  url: string | null;
  /** True when the page was created, false when an existing page with that title was updated. */
  created: boolean;
}

export type SurfaceDefs = {
  'confluence/spaces': () => Result<{ id: string; key: string; name: string }[]>;
  'confluence/publish': (payload: PublishInput) => Result<PublishResult>;
  'reports/health': (payload: { config?: unknown }) => Result<SurfaceView<HealthData>>;
  'reports/flow': (payload: { config?: unknown }) => Result<SurfaceView<FlowData>>;
  'reports/value': (payload: { config?: unknown }) => Result<SurfaceView<ValueData>>;
  'reports/forecast': (payload: { config?: unknown }) => Result<SurfaceView<ForecastData>>;
  'reports/wins': (payload: { config?: unknown }) => Result<SurfaceView<WinsData>>;
  'reports/winsPage': (payload: {
    quarter?: string | null;
    goalId?: string | null;
  }) => Result<SurfaceView<WinsPageData>>;
  'wins/curate': (payload: CurationInput) => Result<import('../domain/wins').CuratedWin>;
  'health/override': (payload: OverrideInput | { projectId: string; clear: true }) => Result<HealthRow>;
};
