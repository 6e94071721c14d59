import type { FlowMetrics, Trend } from './flow-metrics';
import type { ForecastResult } from './forecast';
import type { Health } from './health';
import type { HistoryPoint } from './history';
import type { StrategicGoal } from './model';
import type { PercentileResult } from './percentile';
import type { OnTime, Progress, SayDo, ScopeChange } from './schedule';
import type { EpicValues, Returns } from './value';
import type { Win } from './wins/types';

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
  /** Strategic alignment % (portfolio only; null elsewhere). */
  alignment: Alignment | null;
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
  /** Value delivered within the goal's period, and its share of the target (0-100+). */
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
  /** Today's point for each PMO project and goal id. */
  historyPoints: Record<string, HistoryPoint>;
}
