import type { FlowMetrics, Trend } from './flow-metrics';
import type { ScopeDrill } from './drill';
import type { ForecastResult } from './forecast';
import type { Health } from './health';
import type { HistoryPoint } from './history';
import type { StrategicGoal } from './model';
import type { PercentileResult } from './percentile';
import type { OnTime, Progress, SayDo, ScopeChange } from './schedule';
import type { EpicValues, Returns } from './value';
import type { Delivery, Win } from './wins/types';

/**
 * What the metrics engine answers, level by level (epic, PMO project, goal, portfolio), and the quarters
 * each scope reports. The surfaces read these shapes through the resolver contract.
 */

export interface QuarterMetrics {
  label: string;
  from: number;
  to: number;
  /** True for the quarter containing now (partial). */
  current: boolean;
  throughput: number;
  cycleTimeP50: PercentileResult;
  epicsDelivered: number;
  projectsDelivered: number;
  onTime: OnTime;
  sayDo: SayDo;
  valueDelivered: number;
  /**
   * For the current, partial quarter: the quarter before's counts and sums over the same elapsed time
   * (precise rule 33), to compare value, deliveries and throughput with. Null for complete quarters and
   * for the oldest reported one. Rates and percentiles compare with the whole quarter before.
   */
  samePointBefore: SamePoint | null;
  /** Strategic alignment % (portfolio only; null elsewhere). */
  alignment: Alignment | null;
}

/**
 * The quarter before, from its start over as long as the current quarter has run (elapsed milliseconds,
 * capped at its end): [from, to).
 */
export interface SamePoint {
  /** The quarter before's label, e.g. '2026-Q3'. */
  label: string;
  from: number;
  to: number;
  /** (to - from) in days. */
  elapsedDays: number;
  /** True when the current quarter has run longer than the quarter before lasted (the whole of it). */
  capped: boolean;
  throughput: number;
  epicsDelivered: number;
  projectsDelivered: number;
  valueDelivered: number;
}

/** Items done in a quarter, and how many of them serve an active goal (percent null with none done). */
export interface Alignment {
  aligned: number;
  done: number;
  percent: number | null;
}

export interface ScopeMetrics {
  id: string;
  name: string;
  /** Work items in scope (each counted once). */
  items: number;
  epics: number;
  flow: FlowMetrics;
  progress: Progress;
  quarters: QuarterMetrics[];
  /** Weekly throughput for a year and 4/12/26-week windows against the window before. */
  trend: Trend;
  /** Value delivered up to now (all time). */
  valueToDate: number;
}

export interface ProjectMetrics extends ScopeMetrics {
  goalIds: string[];
  epicKeys: string[];
  scopeChange: ScopeChange;
  target: { date: string | null; source: 'project' | 'epics' | null };
  /** Local date the PMO project finished (every scope item and epic done), or null. */
  finishedOn: string | null;
  forecast: ForecastResult;
  /** Finish (actual, else P85 forecast) minus target, days; positive = late. */
  slipDays: number | null;
  health: Health;
  value: {
    basis: EpicValues['basis'];
    expected: number | null;
    returns: Returns;
    benefitRecords: number;
  };
}

export interface GoalMetrics extends ScopeMetrics {
  status: StrategicGoal['status'];
  projectIds: string[];
  target: StrategicGoal['target'];
  /**
   * The goal's period, 'YYYY-MM-DD' inclusive, from 00:00 of its first day to 00:00 after its last day in
   * the configured time zone; null: the goal has none, and its progress counts all time (rule 29).
   */
  period: { start: string; end: string } | null;
  /** Value delivered within the goal's period up to now, and its share of the target (0-100+). */
  valueInPeriod: number;
  targetPercent: number | null;
  /** PMO projects of the goal by health. */
  health: Record<Health['rating'], number>;
}

export interface EpicMetrics {
  key: string;
  summary: string;
  jiraProject: string;
  status: string;
  projectIds: string[];
  progress: Progress;
  due: string | null;
  finishedOn: string | null;
  onTime: boolean | null;
  forecast: ForecastResult;
  slipDays: number | null;
  /** Attributed value (summed over the PMO projects holding it). */
  value: number | null;
}

export interface PortfolioMetrics extends ScopeMetrics {
  /** Jira projects holding the portfolio's work items. */
  jiraProjects: string[];
}

export interface MetricsResult {
  generatedAt: number;
  timeZone: string;
  today: string;
  trailingDays: number;
  portfolio: PortfolioMetrics;
  goals: GoalMetrics[];
  projects: ProjectMetrics[];
  epics: EpicMetrics[];
  wins: Win[];
  /** Every delivery of the wins' lookback, on time or late, newest first (the "Delivered" list). */
  delivered: Delivery[];
  /** Today's point for each PMO project and goal id. */
  historyPoints: Record<string, HistoryPoint>;
  /** What lies behind each number, by scope (only when asked for: EngineInput.drill). */
  drill?: Record<string, ScopeDrill>;
}
