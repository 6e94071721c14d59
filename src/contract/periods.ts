/**
 * How a quarter's headline numbers compare with the quarter before (docs/metrics.md, "Comparing
 * periods"), shared by the wins page, the Confluence macro, its export and published pages so that they
 * say the same. Plain functions over the engine's quarter figures: no backend code.
 *
 * - Counts and sums (value delivered, epics and PMO projects delivered, throughput) of the current,
 *   partial quarter compare with the quarter before over the same elapsed time ("the same point");
 *   those of a complete quarter with the whole quarter before.
 * - Rates (on time, say/do) and the P50 cycle time compare with the whole quarter before; rate changes
 *   are in percentage points; a P50 change needs n >= 5 on both sides.
 */
import type { QuarterMetrics } from '../domain/results';

/** A quarter's label as a reader says it: '2026-Q4' reads 'Q4 2026'. Anything else is returned as is. */
export const quarterName = (label: string): string => label.replace(/^(\d{4})-Q([1-4])$/, 'Q$2 $1');

export type Headline = 'value' | 'projects' | 'epics' | 'throughput' | 'onTime' | 'sayDo' | 'cycleP50';

export interface Comparison {
  /** The quarter before, as stored ('2026-Q3'). */
  label: string;
  /** 'same-point': the quarter before up to the same elapsed time; 'whole': all of it. */
  basis: 'same-point' | 'whole';
  /** The number compared with (null: the quarter before has none, e.g. no rate or P50 below n = 5). */
  before: number | null;
  /**
   * The change: percent of `before` for counts, sums and the P50; percentage points for rates. Null when
   * either side has no number, or a count or sum had nothing before.
   */
  change: number | null;
  unit: 'percent' | 'points';
  /** For the P50: its sample sizes, now and before, when either is below 5. */
  samples: { now: number; before: number } | null;
}

const percentChange = (now: number | null, before: number | null): number | null =>
  now === null || before === null || before === 0
    ? now === 0 && before === 0
      ? 0
      : null
    : ((now - before) / before) * 100;

/** Each headline number's comparison, or null for the oldest reported quarter (nothing before it). */
export function compareQuarters(
  current: QuarterMetrics,
  previous: QuarterMetrics | null,
): Record<Headline, Comparison> | null {
  if (!previous) return null;
  const point = current.current ? current.samePointBefore : null;
  const count = (now: number, whole: number, atPoint: number | undefined): Comparison => {
    const before = point ? atPoint! : whole;
    return {
      label: previous.label,
      basis: point ? 'same-point' : 'whole',
      before,
      change: percentChange(now, before),
      unit: 'percent',
      samples: null,
    };
  };
  const rate = (now: number | null, before: number | null): Comparison => ({
    label: previous.label,
    basis: 'whole',
    before,
    change: now === null || before === null ? null : now - before,
    unit: 'points',
    samples: null,
  });
  const p50Now = current.cycleTimeP50;
  const p50Before = previous.cycleTimeP50;
  const enough = p50Now.value !== null && p50Before.value !== null;
  return {
    value: count(current.valueDelivered, previous.valueDelivered, point?.valueDelivered),
    projects: count(current.projectsDelivered, previous.projectsDelivered, point?.projectsDelivered),
    epics: count(current.epicsDelivered, previous.epicsDelivered, point?.epicsDelivered),
    throughput: count(current.throughput, previous.throughput, point?.throughput),
    onTime: rate(current.onTime.rate, previous.onTime.rate),
    sayDo: rate(current.sayDo.rate, previous.sayDo.rate),
    cycleP50: {
      label: previous.label,
      basis: 'whole',
      before: p50Before.value,
      change: enough ? percentChange(p50Now.value, p50Before.value) : null,
      unit: 'percent',
      samples: enough ? null : { now: p50Now.n, before: p50Before.n },
    },
  };
}

/** "vs the same point of Q3 2026" or "vs Q3 2026". */
export const versus = (c: Comparison): string =>
  c.basis === 'same-point' ? `vs the same point of ${quarterName(c.label)}` : `vs ${quarterName(c.label)}`;

/** "by the same point of Q3 2026" or "in Q3 2026": where the number compared with comes from. */
export const whence = (c: Comparison): string =>
  c.basis === 'same-point' ? `by the same point of ${quarterName(c.label)}` : `in ${quarterName(c.label)}`;
