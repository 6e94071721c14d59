import type { Quarter } from './calendar';
import type { Computation } from './context';
import { epicsOf } from './facts';
import { countIn, cycleP50Between, dateOf, type FlowResult } from './flow-metrics';
import type { Alignment, QuarterMetrics } from './results';
import { onTimeRate, sayDo } from './schedule';

/** When a PMO project finished (null while open) and the date it was due, for on-time counts. */
export interface Delivery {
  finished: number | null;
  target: string | null;
}

/**
 * A scope's numbers for each reported quarter: throughput, cycle time, epics and PMO projects delivered
 * and how many of them on time, say/do, value delivered, and for the portfolio strategic alignment.
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
  return quarters.map((q, i) => {
    let epicsDelivered = 0;
    let onTime = 0;
    let withDate = 0;
    for (const e of epics) {
      if (e.done === null || e.done < q.from || e.done >= q.to || e.done > now) continue;
      epicsDelivered += 1;
      if (e.due !== null) {
        withDate += 1;
        if (dateOf(clock, e.done) <= e.due) onTime += 1;
      }
    }
    let projectsDelivered = 0;
    for (const { finished, target } of deliveries) {
      if (finished === null || finished < q.from || finished >= q.to) continue;
      projectsDelivered += 1;
      if (target !== null) {
        withDate += 1;
        if (dateOf(clock, finished) <= target) onTime += 1;
      }
    }
    return {
      label: q.label,
      from: q.from,
      to: q.to,
      current: i === quarters.length - 1,
      throughput: countIn(flow.daily, clock.grid, q),
      cycleTimeP50: cycleP50Between(facts, flow.doneRows, q.from, Math.min(q.to, now)),
      epicsDelivered,
      projectsDelivered,
      onTime: onTimeRate(onTime, withDate),
      sayDo: sayDo(epics, q, ctx.quarterDates[i]!),
      valueDelivered: scope.value(q.from, Math.min(q.to, now + 1)),
      alignment: scope.alignment?.(q) ?? null,
    };
  });
}
