import type { Thresholds } from './model';
import { againstTarget, dayMonth, decimalDays, lateOrEarly, pct, plural } from './phrasing';

/**
 * Health per PMO project (METRICS-SPEC "Health", precise rule 18): four dimensions, each rated against
 * the thresholds with its reason in words and numbers; overall = the worst rated dimension. A PMO lead's
 * override replaces the overall rating until it expires, and is shown as an override.
 */
export type Rating = 'green' | 'amber' | 'red';
export type DimensionRating = Rating | 'done' | 'not-rated';

export interface Dimension {
  key: 'schedule' | 'scopeGrowth' | 'aging' | 'blocked';
  rating: DimensionRating;
  /** The measured value (percent), when there is one. */
  value: number | null;
  reason: string;
}

export interface HealthOverride {
  projectId: string;
  rating: Rating;
  comment: string;
  /** Jira accountId of the PMO lead who set it. */
  by: string;
  at: number;
  /** Last day it applies, 'YYYY-MM-DD' (local). */
  expires: string;
  /** Counts the changes of a stored override; a change names the version it started from. */
  version?: number;
}

export interface Health {
  /** The effective rating: the override's while it applies, else the computed one. */
  rating: Rating | 'done' | 'unknown';
  computed: Rating | 'done' | 'unknown';
  dimensions: Dimension[];
  override: HealthOverride | null;
}

const RANK: Record<Rating, number> = { green: 0, amber: 1, red: 2 };

/** Higher is better (schedule): green at or above `green`, amber at or above `amber`. */
const bandHigh = (value: number, green: number, amber: number): Rating =>
  value >= green ? 'green' : value >= amber ? 'amber' : 'red';
/** Lower is better: bands include their upper limit (exactly 10% growth is green). */
const bandLow = (value: number, green: number, amber: number): Rating =>
  value <= green ? 'green' : value <= amber ? 'amber' : 'red';

const label = (r: Rating) => r[0]!.toUpperCase() + r.slice(1);

export interface ScheduleInput {
  done: boolean;
  finishedOn: string | null;
  target: string | null;
  today: string;
  probability: number | null;
  p85: string | null;
  /** P85 forecast minus target, in days (positive = late). */
  slipDays: number | null;
  noThroughput: boolean;
  /** Every scope item is done but the PMO project is not (an epic is still open). */
  nothingRemains?: boolean;
  emptyScope?: boolean;
}

export function scheduleDimension(s: ScheduleInput, t: Thresholds): Dimension {
  const key = 'schedule' as const;
  if (s.done) {
    const timing = s.target === null ? '' : `, ${againstTarget(s.slipDays ?? 0)}`;
    return { key, rating: 'done', value: null, reason: `Delivered on ${dayMonth(s.finishedOn!)}${timing}` };
  }
  if (s.target === null) return { key, rating: 'not-rated', value: null, reason: 'No target date set' };
  if (s.today > s.target) {
    return {
      key,
      rating: 'red',
      value: null,
      reason: `Red: past the target date ${dayMonth(s.target)} and not done`,
    };
  }
  if (s.emptyScope) {
    return { key, rating: 'not-rated', value: null, reason: 'No work items in scope yet' };
  }
  if (s.nothingRemains) {
    return {
      key,
      rating: 'green',
      value: 100,
      reason: `Green: every item is done ahead of the target date ${dayMonth(s.target)}; an epic is still open`,
    };
  }
  if (s.noThroughput || s.probability === null) {
    return {
      key,
      rating: 'red',
      value: 0,
      reason: `Red: nothing finished in the last 12 weeks, so no finish by ${dayMonth(s.target)} can be forecast`,
    };
  }
  const rating = bandHigh(s.probability, t.scheduleGreen, t.scheduleAmber);
  const slip = s.slipDays === null ? '' : lateOrEarly(s.slipDays);
  const forecast =
    s.p85 === null
      ? 'P85 forecast beyond 10 years'
      : `P85 forecast ${dayMonth(s.p85)}${slip ? `, ${slip}` : ''}`;
  return {
    key,
    rating,
    value: s.probability,
    reason: `${label(rating)}: ${pct(s.probability)} chance to finish by ${dayMonth(s.target)} (${forecast})`,
  };
}

export function scopeGrowthDimension(
  growth: { percent: number | null; added: number; baseline: number; baselineDate: string | null },
  t: Thresholds,
): Dimension {
  const key = 'scopeGrowth' as const;
  if (growth.baselineDate === null)
    return { key, rating: 'not-rated', value: null, reason: 'No baseline date set' };
  if (growth.percent === null) {
    return {
      key,
      rating: 'not-rated',
      value: null,
      reason: `Not enough data: no items were in scope on the baseline date ${dayMonth(growth.baselineDate)}`,
    };
  }
  const rating = bandLow(growth.percent, t.scopeGrowthGreen, t.scopeGrowthAmber);
  return {
    key,
    rating,
    value: growth.percent,
    reason: `${label(rating)}: scope grew ${pct(growth.percent)} since ${dayMonth(growth.baselineDate)} (${plural(growth.added, 'item')} added to ${growth.baseline})`,
  };
}

export function agingDimension(
  aging: { count: number | null; share: number | null },
  wip: number,
  sle: { value: number | null; n: number },
  t: Thresholds,
): Dimension {
  const key = 'aging' as const;
  if (sle.value === null || aging.count === null) {
    return {
      key,
      rating: 'not-rated',
      value: null,
      reason: `Not enough data for a service level expectation (n = ${sle.n}, needs 10 items done in the trailing window)`,
    };
  }
  if (wip === 0) return { key, rating: 'not-rated', value: null, reason: 'No work in progress' };
  const share = aging.share!;
  const rating = bandLow(share, t.agingGreen, t.agingAmber);
  return {
    key,
    rating,
    value: share,
    reason: `${label(rating)}: ${aging.count} of ${wip} items in progress (${pct(share)}) are older than the SLE of ${decimalDays(sle.value)}`,
  };
}

export function blockedDimension(
  blocked: { count: number; share: number | null },
  wip: number,
  t: Thresholds,
): Dimension {
  const key = 'blocked' as const;
  if (wip === 0 || blocked.share === null)
    return { key, rating: 'not-rated', value: null, reason: 'No work in progress' };
  const rating = bandLow(blocked.share, t.blockedGreen, t.blockedAmber);
  return {
    key,
    rating,
    value: blocked.share,
    reason: `${label(rating)}: ${blocked.count} of ${wip} items in progress (${pct(blocked.share)}) are flagged or waiting`,
  };
}

/** Overall = the worst rated dimension; 'done' once delivered; 'unknown' when nothing could be rated. */
export function overallHealth(
  dimensions: Dimension[],
  override: HealthOverride | null,
  today: string,
): Health {
  let computed: Health['computed'] = 'unknown';
  if (dimensions.some((d) => d.rating === 'done')) computed = 'done';
  else {
    for (const d of dimensions) {
      if (d.rating === 'done' || d.rating === 'not-rated') continue;
      if (computed === 'unknown' || RANK[d.rating] > RANK[computed as Rating]) computed = d.rating;
    }
  }
  const active = override !== null && today <= override.expires ? override : null;
  return { rating: active ? active.rating : computed, computed, dimensions, override: active };
}
