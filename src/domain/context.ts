import {
  completeWeeksBefore,
  localDate,
  quartersUpTo,
  startOfLocalDate,
  type Period,
  type Quarter,
} from './calendar';
import type { Facts } from './facts';
import { metricsClock, type FlowResult, type MetricsClock } from './flow-metrics';
import type { StrategicGoal, Thresholds } from './model';

/** Quarters reported: the current one and the four before it. */
export const QUARTERS = 5;

/**
 * What every level's calculation shares within one computation: the facts, the clock, today and the
 * calendar periods, worked out once so that no level converts instants to local dates on its own.
 */
export interface Computation {
  facts: Facts;
  clock: MetricsClock;
  now: number;
  timeZone: string;
  today: string;
  /** The reported quarters, oldest first, with their first and last local dates. */
  quarters: readonly Quarter[];
  quarterDates: readonly { first: string; last: string }[];
  /** The 52 complete ISO weeks before the current week (trends). */
  weeks52: readonly Period[];
  thresholds: Thresholds;
  goalById: ReadonlyMap<string, StrategicGoal>;
  /** 00:00 of a local date, the instant a benefit record or a baseline counts from. */
  startOf: (date: string) => number;
}

export function computation(input: {
  facts: Facts;
  now: number;
  timeZone: string;
  trailingDays: number;
  thresholds: Thresholds;
  goals: readonly StrategicGoal[];
}): Computation {
  const { now, timeZone } = input;
  const quarters = quartersUpTo(now, QUARTERS, timeZone);
  return {
    facts: input.facts,
    clock: metricsClock(now, timeZone, input.trailingDays),
    now,
    timeZone,
    today: localDate(now, timeZone),
    quarters,
    quarterDates: quarters.map((q) => ({
      first: localDate(q.from, timeZone),
      last: localDate(q.to - 1, timeZone),
    })),
    weeks52: completeWeeksBefore(now, 52, timeZone),
    thresholds: input.thresholds,
    goalById: new Map(input.goals.map((g) => [g.id, g])),
    startOf: (date) => startOfLocalDate(date, timeZone),
  };
}

/** A level's metrics with the flow they were computed from (for history points and wins). */
export interface Measured<M> {
  metrics: M;
  flow: FlowResult;
}
