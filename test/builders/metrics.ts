import type { PmoProject, StrategicGoal, Thresholds } from '../../src/domain/model';
import {
  computeMetrics,
  type EngineInput,
  type MetricsResult,
  type QuarterMetrics,
} from '../../src/domain/engine';
import { Facts } from '../../src/domain/facts';
import { metricsClock, type MetricsClock } from '../../src/domain/flow-metrics';
import type { HistoryPoint } from '../../src/domain/history';
import type { Win } from '../../src/domain/wins';
import type { FieldChange, Interval, WorkItem } from '../../src/domain/work-item';
import { buildGoal as buildPmoGoal } from './pmo';
import { DEFAULT_SETTINGS } from '../../src/services/configuration/settings';

/** Helpers for metrics-engine fixtures: facts, clocks, goals, engine runs, wins and history points. */

export const HOUR_MS = 3_600_000;
export const DAY = 86_400_000;
export const t = (iso: string): number => Date.parse(iso);
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The default thresholds of the settings (METRICS-SPEC "Health"). */
export const THRESHOLDS: Thresholds = DEFAULT_SETTINGS.thresholds;

/** Facts of items with the default start policy and "Blocked" as the wait status. */
export const factsOf = (
  items: readonly WorkItem[],
  now: number,
  options: { waitStatuses?: readonly string[]; startPolicy?: 'first' | 'last' } = {},
): Facts =>
  Facts.of(items, {
    now,
    startPolicy: options.startPolicy ?? 'first',
    waitStatuses: options.waitStatuses ?? ['Blocked'],
  });

/** A clock with the default 90-day trailing window. */
export const clockAt = (now: number, timeZone = 'UTC', trailingDays = 90): MetricsClock =>
  metricsClock(now, timeZone, trailingDays);

/** Fields the work-item builder does not set: due date, value, flags, parent and due-date history, type. */
export function withFields(
  item: WorkItem,
  fields: {
    due?: string | null;
    value?: number | null;
    type?: string;
    flagged?: Interval[];
    parentChanges?: FieldChange[];
    dueChanges?: FieldChange[];
    summary?: string;
  },
): WorkItem {
  return { ...item, ...fields };
}

/** A goal of weight 1, so level x weight shares read as plain levels in hand-computed examples. */
export const buildGoal = (params: Partial<StrategicGoal> = {}): StrategicGoal =>
  buildPmoGoal({ weight: 1, ...params });

/** Runs the engine over items with defaults for everything a test does not name. */
export function runEngine(
  params: Partial<Omit<EngineInput, 'facts'>> & {
    items?: readonly WorkItem[];
    now: number;
    facts?: Facts;
    goals?: readonly StrategicGoal[];
    projects?: readonly PmoProject[];
  },
): MetricsResult {
  const { items = [], facts, ...rest } = params;
  return computeMetrics({
    goals: [],
    projects: [],
    portfolioProjects: [],
    thresholds: THRESHOLDS,
    trailingDays: 90,
    jqlMatches: new Map(),
    timeZone: 'UTC',
    ...rest,
    facts: facts ?? factsOf(items, params.now),
  });
}

/** Consecutive daily history points with one health rating each, starting at `from` ('YYYY-MM-DD'). */
export function historyRun(from: string, ratings: readonly HistoryPoint['health'][]): HistoryPoint[] {
  const start = t(`${from}T00:00:00Z`);
  return ratings.map((health, i) => ({
    date: new Date(start + i * DAY).toISOString().slice(0, 10),
    health,
    progress: null,
    throughput28d: 0,
    cycleP50: null,
    forecastP85: null,
    valueToDate: 0,
  }));
}

/** `n` copies of a rating (for history runs). */
export const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);

export function buildWin(params: Partial<Win> & { id: string; date: string }): Win {
  return {
    kind: 'delivered',
    title: `Win ${params.id}`,
    evidence: '',
    numbers: {},
    scope: { kind: 'portfolio', id: 'portfolio', name: 'Portfolio' },
    projectIds: [],
    goalIds: [],
    jiraProjects: [],
    ...params,
  };
}

/** One quarter's numbers as a view shows them: 40 items done, P50 4.25 days, 6 epics, 1 PMO project… */
export const buildQuarter = (label: string, extra: Partial<QuarterMetrics> = {}): QuarterMetrics => ({
  label,
  from: 0,
  to: 1,
  current: false,
  throughput: 40,
  cycleTimeP50: { k: 50, n: 40, value: 4.25, minSamples: 5 },
  epicsDelivered: 6,
  projectsDelivered: 1,
  onTime: { onTime: 3, withDate: 4, rate: 75 },
  sayDo: { committed: 5, done: 4, rate: 80 },
  valueDelivered: 125_000,
  samePointBefore: null,
  alignment: null,
  ...extra,
});
