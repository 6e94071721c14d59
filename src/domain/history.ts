import type { Measured } from './context';
import { countIn, type MetricsClock } from './flow-metrics';
import type { ForecastResult } from './forecast';
import type { Rating } from './health';
import type { GoalMetrics, PortfolioMetrics, ProjectMetrics } from './results';
import type { Progress } from './schedule';

/** One day of a PMO project's or goal's history (METRICS-SPEC "History"). */
export interface HistoryPoint {
  date: string;
  health: Rating | 'done' | 'unknown';
  /** Progress, 0-100. */
  progress: number | null;
  /** Items done in the 28 days before the day. */
  throughput28d: number;
  /** P50 cycle time over the trailing window, days. */
  cycleP50: number | null;
  /** P85 forecast finish date. */
  forecastP85: string | null;
  /** Value delivered up to the day. */
  valueToDate: number;
}

/** The portfolio's history id: PMO project and goal ids cannot start with an underscore. */
export const PORTFOLIO_HISTORY_ID = '_portfolio';

/** Today's point for each PMO project, the portfolio and each goal. */
export function todaysPoints(
  clock: MetricsClock,
  today: string,
  levels: {
    projects: readonly Measured<ProjectMetrics>[];
    portfolio: Measured<PortfolioMetrics>;
    goals: readonly Measured<GoalMetrics>[];
  },
): Record<string, HistoryPoint> {
  const { grid } = clock;
  const last28 = { from: grid.starts[grid.today - 28]!, to: grid.starts[grid.today]! };
  const point = (
    { flow, metrics }: Measured<{ progress: Progress; valueToDate: number }>,
    health: HistoryPoint['health'],
    forecast: ForecastResult | null,
  ): HistoryPoint => ({
    date: today,
    health,
    progress: metrics.progress.percent,
    throughput28d: countIn(flow.daily, grid, last28),
    cycleP50: flow.metrics.cycleTime.trailing.p50.value,
    forecastP85: forecast?.state === 'forecast' ? forecast.p85 : null,
    valueToDate: metrics.valueToDate,
  });
  return Object.fromEntries([
    // The computed rating, not an override: a PMO lead's override must not make a "back on track" win.
    ...levels.projects.map((p) => [p.metrics.id, point(p, p.metrics.health.computed, p.metrics.forecast)]),
    [PORTFOLIO_HISTORY_ID, point(levels.portfolio, 'unknown', null)],
    ...levels.goals.map((g) => [g.metrics.id, point(g, 'unknown', null)]),
  ]);
}
