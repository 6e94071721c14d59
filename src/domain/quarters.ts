import type { Period, Quarter } from './calendar';
import type { Computation } from './context';
import { epicsOf } from './facts';
import { countDoneBetween, countIn, cycleP50Between, dateOf, type FlowResult } from './flow-metrics';
import type { Alignment, QuarterMetrics, SamePoint } from './results';
import { onTimeRate, sayDo } from './schedule';

/** When a PMO project finished (null while open) and the date it was due, for on-time counts. */
export interface Delivery {
  finished: number | null;
  target: string | null;
}

/**
 * The window of the quarter before that matches the part of the current quarter gone by (rule 33): the
 * same number of elapsed milliseconds from its start, capped at its end. `elapsed` = now - current start.
 */
export function samePointWindow(
  previous: Period,
  current: Period,
  now: number,
): Period & { capped: boolean } {
  const elapsed = Math.max(0, now - current.from);
  const to = previous.from + elapsed;
  return to >= previous.to
    ? { from: previous.from, to: previous.to, capped: true }
    : { from: previous.from, to, capped: false };
}

/**
 * A scope's numbers for each reported quarter: throughput, cycle time, epics and PMO projects delivered
 * and how many of them on time, say/do, value delivered, and for the portfolio strategic alignment. The
 * current quarter also carries the quarter before's counts and sums over the same elapsed time, for a
 * fair comparison of a partial quarter.
 */
export function quarterMetrics(
  ctx: Computation,
  scope: {
    flow: FlowResult;
    epicKeys: Iterable<string>;
    /** The scope's PMO projects. */
    deliveries: readonly Delivery[];
    /** Value delivered in [from, to). */
    value: (from: number, to: number) => number;
    alignment?: (quarter: Quarter) => Alignment;
  },
): QuarterMetrics[] {
  const { facts, clock, now, quarters } = ctx;
  const { flow, deliveries } = scope;
  const epics = epicsOf(facts, scope.epicKeys);

  /** Epics and PMO projects delivered in [from, to) (and not after now), and how many on time. */
  const delivered = (from: number, to: number) => {
    let epicsDelivered = 0;
    let onTime = 0;
    let withDate = 0;
    for (const e of epics) {
      if (e.done === null || e.done < from || e.done >= to || e.done > now) continue;
      epicsDelivered += 1;
      if (e.due !== null) {
        withDate += 1;
        if (dateOf(clock, e.done) <= e.due) onTime += 1;
      }
    }
    let projectsDelivered = 0;
    for (const { finished, target } of deliveries) {
      if (finished === null || finished < from || finished >= to || finished > now) continue;
      projectsDelivered += 1;
      if (target !== null) {
        withDate += 1;
        if (dateOf(clock, finished) <= target) onTime += 1;
      }
    }
    return { epicsDelivered, projectsDelivered, onTime, withDate };
  };

  const samePointOf = (previous: Quarter, current: Quarter): SamePoint => {
    const window = samePointWindow(previous, current, now);
    const counts = delivered(window.from, window.to);
    return {
      label: previous.label,
      from: window.from,
      to: window.to,
      elapsedDays: (window.to - window.from) / 86_400_000,
      capped: window.capped,
      throughput: countDoneBetween(facts, flow.doneRows, window.from, window.to),
      epicsDelivered: counts.epicsDelivered,
      projectsDelivered: counts.projectsDelivered,
      valueDelivered: scope.value(window.from, window.to),
    };
  };

  return quarters.map((q, i) => {
    const current = i === quarters.length - 1;
    const counts = delivered(q.from, q.to);
    return {
      label: q.label,
      from: q.from,
      to: q.to,
      current,
      throughput: countIn(flow.daily, clock.grid, q),
      cycleTimeP50: cycleP50Between(facts, flow.doneRows, q.from, Math.min(q.to, now)),
      epicsDelivered: counts.epicsDelivered,
      projectsDelivered: counts.projectsDelivered,
      onTime: onTimeRate(counts.onTime, counts.withDate),
      sayDo: sayDo(epics, q, ctx.quarterDates[i]!),
      valueDelivered: scope.value(q.from, Math.min(q.to, now + 1)),
      samePointBefore: current && i > 0 ? samePointOf(quarters[i - 1]!, q) : null,
      alignment: scope.alignment?.(q) ?? null,
    };
  });
}
