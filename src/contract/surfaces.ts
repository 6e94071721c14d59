/**
 * The surfaces: dashboard gadgets, the PMO wins page and the Confluence macro. Metric shapes come from
 * the domain (types only).
 */
import type { GoalStatus, Thresholds } from '../domain/model';
import type { CuratedWin, Delivery, WinKind } from '../domain/wins';
import type { Result } from './result';
import type { SyncProgress } from './sync';
import type {
  FlowGadgetConfig,
  FlowWindowWeeks,
  ForecastGadgetConfig,
  HealthGadgetConfig,
  ScopeRef,
  ValueGadgetConfig,
  WinsGadgetConfig,
} from './gadgets';

export type {
  EpicMetrics,
  GoalMetrics,
  ProjectMetrics,
  QuarterMetrics,
  ScopeMetrics,
} from '../domain/results';
export type { FlowMetrics, PeriodComparison, TimeStats, Trend } from '../domain/flow-metrics';
export type { ForecastResult } from '../domain/forecast';
export type { Dimension, Health, HealthOverride, Rating } from '../domain/health';
export type { CuratedWin, Delivery, DeliveryTiming, WinCuration, WinKind } from '../domain/wins';

/** Each kind of win in a word or two: the lozenge on a surface, the column of a report. */
export const WIN_KIND: Record<WinKind, string> = {
  delivered: 'Delivered',
  'faster-flow': 'Faster flow',
  'throughput-record': 'Record',
  'predictable-quarter': 'Predictable',
  'back-on-track': 'Back on track',
  'value-milestone': 'Value milestone',
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
  /** The instants the period covers, [from, to): its first quarter's start to its end or the sync. */
  range: { from: number; to: number } | null;
  total: number;
  alignment: { aligned: number; done: number; percent: number | null };
  goals: {
    id: string;
    name: string;
    status: GoalStatus;
    value: number;
    target: { value: number; unit: string } | null;
    /** The goal's period ('YYYY-MM-DD', inclusive); null: none, so its progress counts all time. */
    period: { start: string; end: string } | null;
    /** Value delivered within the goal's period up to now: what `targetPercent` measures. */
    valueInPeriod: number;
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

/** A win as one viewer gets it: curated, and redacted where it names issues the viewer may not see. */
export interface WinView extends CuratedWin {
  /**
   * The win names Jira issues this viewer may not see: its id is opaque (`w-` and hex digits), and the
   * issues' keys and summaries, and a PMO lead's title and note, are left out; featured and hidden still
   * apply.
   */
  redacted: boolean;
  /**
   * The win names Jira issues (an epic's key and summary), so it is redacted for every viewer who may
   * not see them, and always on pages published to Confluence and in exports.
   */
  namesIssues: boolean;
}

/**
 * A delivery (an epic of a PMO project, or a PMO project, done on time or late) as one viewer gets it:
 * an epic the viewer may not see is listed without its key and summary, under an opaque id.
 */
export interface DeliveryView extends Delivery {
  /** The delivery names an epic this viewer may not see: its id is opaque, its key and summary left out. */
  redacted: boolean;
}

export interface WinsData {
  wins: WinView[];
  /** Wins hidden by a PMO lead (listed for curators only). */
  hidden: number;
}

export interface WinsPageData {
  quarter: string;
  quarters: string[];
  scope: { kind: 'portfolio' | 'goal'; id: string; name: string };
  /**
   * A goal's progress to its target (null for the portfolio): value delivered within the goal's own
   * period up to now (all time without a period), whatever quarter the page shows.
   */
  goalProgress: {
    target: { value: number; unit: string } | null;
    period: { start: string; end: string } | null;
    valueInPeriod: number;
    targetPercent: number | null;
  } | null;
  /** The chosen quarter's numbers and the quarter before (null for the oldest). */
  current: import('../domain/results').QuarterMetrics;
  previous: import('../domain/results').QuarterMetrics | null;
  /** Every reported quarter, oldest first, for sparklines. */
  series: import('../domain/results').QuarterMetrics[];
  /** PMO projects of the scope with their health. */
  projects: HealthRow[];
  wins: WinView[];
  hidden: number;
  /** Every delivery of the quarter, on time or late, with its slip, newest first. */
  delivered: DeliveryView[];
}

export interface CurationInput {
  id: string;
  featured: boolean;
  hidden: boolean;
  note: string;
  /** A new title, or null for the generated one. */
  title: string | null;
  /** The curation's version the change started from (the win's `curationVersion`; null: none). */
  expectedVersion: number | null;
}

/** A win's curation as saved, under the id the caller named it by. */
export interface CurationResult {
  id: string;
  featured: boolean;
  hidden: boolean;
  note: string;
  title: string | null;
  curationVersion: number | null;
}

export interface OverrideInput {
  projectId: string;
  rating: 'green' | 'amber' | 'red';
  comment: string;
  /** Last day the override applies, 'YYYY-MM-DD'. */
  expires: string;
  /** The override's version the change started from (the row's `override.version`; null: none). */
  expectedVersion: number | null;
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
  'reports/health': (payload: { config?: Partial<HealthGadgetConfig> }) => Result<SurfaceView<HealthData>>;
  'reports/flow': (payload: { config?: Partial<FlowGadgetConfig> }) => Result<SurfaceView<FlowData>>;
  'reports/value': (payload: { config?: Partial<ValueGadgetConfig> }) => Result<SurfaceView<ValueData>>;
  'reports/forecast': (payload: {
    config?: Partial<ForecastGadgetConfig>;
  }) => Result<SurfaceView<ForecastData>>;
  'reports/wins': (payload: { config?: Partial<WinsGadgetConfig> }) => Result<SurfaceView<WinsData>>;
  'reports/winsPage': (payload: {
    quarter?: string | null;
    goalId?: string | null;
  }) => Result<SurfaceView<WinsPageData>>;
  'wins/curate': (payload: CurationInput) => Result<CurationResult>;
  'health/override': (
    payload: OverrideInput | { projectId: string; clear: true; expectedVersion: number | null },
  ) => Result<HealthRow>;
};
