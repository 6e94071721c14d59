import { completeWeeksBefore } from './calendar';
import type { Facts } from './facts';
import { flowMetrics, trendOf, type MetricsClock } from './flow-metrics';
import type { PercentileResult } from './percentile';

/**
 * Flow of one Jira project, for the delivery-flow gadget's table: the engine's own trend windows (4, 12
 * and 26 complete ISO weeks before the current week) and work in progress, so the table and the
 * gadget's headline count an item the same way.
 */
export interface JiraProjectFlow {
  key: string;
  name: string;
  /** Work in progress now. */
  wip: number;
  windows: {
    weeks: number;
    throughput: number;
    /** Items done in each week of the window, oldest first. */
    weekly: number[];
    cycleTime: { p50: PercentileResult; p85: PercentileResult };
  }[];
}

export function jiraProjectFlows(
  facts: Facts,
  projects: readonly { key: string; name: string }[],
  clock: MetricsClock,
): JiraProjectFlow[] {
  const weeks52 = completeWeeksBefore(clock.now, 52, clock.timeZone);
  return projects.map(({ key, name }) => {
    const flow = flowMetrics(facts, facts.rowsOfProject(key), clock);
    const trend = trendOf(facts, flow, clock, weeks52);
    return {
      key,
      name,
      wip: flow.metrics.wip,
      windows: trend.windows.map(({ weeks, current }) => ({
        weeks,
        throughput: current.throughput,
        weekly: trend.weekly.slice(-weeks).map((w) => w.count),
        cycleTime: { p50: current.cycleTime.p50, p85: current.cycleTime.p85 },
      })),
    };
  });
}
