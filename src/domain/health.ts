import type { Thresholds } from './model';
import { MIN_SAMPLES } from './percentile';
import {
  againstTarget,
  dayMonth,
  decimalDays,
  lateOrEarly,
  pct,
  plural,
  sentence,
  tooFewItems,
} from './phrasing';

/**
 * Health per PMO project (METRICS-SPEC "Health", precise rules 18 and 31). The rating is the schedule's
 * band: the chance to finish by the target date. Scope growth, aging and blocked work are risk signals:
 * one at red lowers an on-track rating to at risk (never further) and is given as a reason. Without a
 * target date or a forecast, the risk signals alone rate the PMO project, at most at risk. A done PMO
 * project is delivered, not rated. A PMO lead's override replaces the rating until it expires.
 */
export type Rating = 'green' | 'amber' | 'red';
export type DimensionRating = Rating | 'done' | 'not-rated';

export interface Dimension {
  key: 'schedule' | 'scopeGrowth' | 'aging' | 'blocked';
  /** The dimension's own band; for a risk signal it weighs on the rating only as rule 31 says. */
  rating: DimensionRating;
  /** The measured value (percent), when there is one. */
  value: number | null;
  /** A sentence with its numbers, without a rating word (the rating's word is the lozenge's). */
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
  /** 'done' = delivered; 'unknown' = not enough data (neither the schedule nor a risk signal rated). */
  computed: Rating | 'done' | 'unknown';
  /**
   * What the computed rating rests on: the schedule (a risk signal at red may lower it), the risk signals
   * alone (no target date, or not enough data to forecast), the delivery, or nothing.
   */
  basis: 'schedule' | 'risk-signals' | 'delivered' | 'none';
  /** Why, as sentences with their numbers, the main one first (rule 31 says which are listed). */
  reasons: string[];
  dimensions: Dimension[];
  override: HealthOverride | null;
}

/**
 * Each rating in words, as its lozenge shows it: the app's one vocabulary for health. A reason that names
 * a rating uses these words.
 */
export const RATING_LABELS: Record<Health['rating'], string> = {
  green: 'On track',
  amber: 'At risk',
  red: 'Off track',
  done: 'Delivered',
  unknown: 'Not enough data',
};

const RANK: Record<Rating, number> = { green: 0, amber: 1, red: 2 };

/** Higher is better (schedule): green at or above `green`, amber at or above `amber`. */
const bandHigh = (value: number, green: number, amber: number): Rating =>
  value >= green ? 'green' : value >= amber ? 'amber' : 'red';
/** Lower is better: bands include their upper limit (exactly 20% growth is green, rule 18). */
const bandLow = (value: number, green: number, amber: number): Rating =>
  value <= green ? 'green' : value <= amber ? 'amber' : 'red';

/**
 * What a risk signal past its band adds to its sentence: the limit it went over; "just over" when the
 * whole percent shown reads as the limit itself (20.4% shows as 20%).
 */
function overLimit(value: number, rating: Rating, green: number, amber: number): string {
  if (rating === 'green') return '';
  const limit = rating === 'red' ? amber : green;
  return `, ${pct(value) === pct(limit) ? 'just over' : 'over'} the ${limit}% limit`;
}

/**
 * What a chance below a band adds to its sentence when the whole percent shown reads as the band's limit
 * (69.6% shows as 70%, yet On track needs 70%).
 */
function justUnder(probability: number, rating: Rating, t: Thresholds): string {
  const needed = rating === 'amber' ? t.scheduleGreen : rating === 'red' ? t.scheduleAmber : null;
  if (needed === null || pct(probability) !== pct(needed)) return '';
  return `, just under the ${needed}% needed for ${RATING_LABELS[rating === 'amber' ? 'green' : 'amber']}`;
}

export interface ScheduleInput {
  done: boolean;
  finishedOn: string | null;
  target: string | null;
  today: string;
  probability: number | null;
  p85: string | null;
  /** P85 forecast (or the finish, once done) minus target, in days (positive = late). */
  slipDays: number | null;
  /** No day with throughput in the forecast's samples: too little data to forecast (rule 31). */
  noThroughput: boolean;
  /** Every scope item is done but the PMO project is not (an epic is still open): a 100% chance. */
  nothingRemains?: boolean;
  /** No work items in scope: too little data to forecast (rule 31). */
  emptyScope?: boolean;
}

export function scheduleDimension(s: ScheduleInput, t: Thresholds): Dimension {
  const key = 'schedule' as const;
  if (s.done) {
    const timing = s.target === null ? '' : `, ${againstTarget(s.slipDays ?? 0)}`;
    return { key, rating: 'done', value: null, reason: `Delivered on ${dayMonth(s.finishedOn!)}${timing}` };
  }
  if (s.target === null) return { key, rating: 'not-rated', value: null, reason: 'No target date' };
  if (s.today > s.target) {
    // Rule 18: past the target and not done is red whatever the forecast says.
    return {
      key,
      rating: 'red',
      value: null,
      reason: `Past the target date ${dayMonth(s.target)} and not done`,
    };
  }
  if (s.emptyScope) {
    return {
      key,
      rating: 'not-rated',
      value: null,
      reason: 'Not enough data to forecast (no work items in scope)',
    };
  }
  if (s.nothingRemains) {
    return {
      key,
      rating: bandHigh(100, t.scheduleGreen, t.scheduleAmber),
      value: 100,
      reason: `100% chance to finish by ${dayMonth(s.target)} (every work item is done; an epic is still open)`,
    };
  }
  if (s.noThroughput || s.probability === null) {
    return {
      key,
      rating: 'not-rated',
      value: null,
      reason: 'Not enough data to forecast (nothing finished in the last 12 weeks)',
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
    reason: `${pct(s.probability)} chance to finish by ${dayMonth(s.target)} (${forecast})${justUnder(s.probability, rating, t)}`,
  };
}

export function scopeGrowthDimension(
  growth: { percent: number | null; added: number; baseline: number; baselineDate: string | null },
  t: Thresholds,
): Dimension {
  const key = 'scopeGrowth' as const;
  if (growth.baselineDate === null)
    return { key, rating: 'not-rated', value: null, reason: 'No baseline date' };
  if (growth.percent === null) {
    return {
      key,
      rating: 'not-rated',
      value: null,
      reason: `Not enough data for scope growth: no items were in scope on the baseline date ${dayMonth(growth.baselineDate)}`,
    };
  }
  const rating = bandLow(growth.percent, t.scopeGrowthGreen, t.scopeGrowthAmber);
  return {
    key,
    rating,
    value: growth.percent,
    reason: `Scope grew ${pct(growth.percent)} since ${dayMonth(growth.baselineDate)} (${plural(growth.added, 'item')} added to ${growth.baseline})${overLimit(growth.percent, rating, t.scopeGrowthGreen, t.scopeGrowthAmber)}`,
  };
}

export function agingDimension(
  aging: { count: number | null; share: number | null },
  wip: number,
  /** The service level expectation; `minSamples`, the items it needs, is 10 (P85) when not given. */
  sle: { value: number | null; n: number; minSamples?: number },
  t: Thresholds,
): Dimension {
  const key = 'aging' as const;
  if (sle.value === null || aging.count === null) {
    return {
      key,
      rating: 'not-rated',
      value: null,
      reason: sentence(
        tooFewItems(
          sle.n,
          sle.minSamples ?? MIN_SAMPLES[85],
          'a service level expectation',
          'done in the trailing window',
        ),
      ),
    };
  }
  if (wip === 0) return { key, rating: 'not-rated', value: null, reason: 'No work in progress' };
  const share = aging.share!;
  const rating = bandLow(share, t.agingGreen, t.agingAmber);
  return {
    key,
    rating,
    value: share,
    reason: `${aging.count} of ${plural(wip, 'item')} in progress (${pct(share)}) ${isOrAre(aging.count, wip)} older than the service level expectation of ${decimalDays(sle.value)}${overLimit(share, rating, t.agingGreen, t.agingAmber)}`,
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
    reason: `${blocked.count} of ${plural(wip, 'item')} in progress (${pct(blocked.share)}) ${isOrAre(blocked.count, wip)} flagged or waiting${overLimit(blocked.share, rating, t.blockedGreen, t.blockedAmber)}`,
  };
}

/** The verb after "1 of 4 items", "3 of 5 items", "0 of 1 item": "is", "are", "is". */
const isOrAre = (count: number, of: number): string =>
  count === 1 || (count === 0 && of === 1) ? 'is' : 'are';

const isRated = (d: Dimension): d is Dimension & { rating: Rating } =>
  d.rating === 'green' || d.rating === 'amber' || d.rating === 'red';

/**
 * The rating and its reasons from the four dimensions (rule 31):
 * - delivered: 'done', with the delivery's sentence;
 * - schedule rated: its band; a risk signal at red lowers green to amber; the schedule's sentence first,
 *   then the red risk signals;
 * - no target date or no forecast: the worst rated risk signal, at most amber; first why the schedule
 *   does not rate it, then the red and the amber risk signals, red first;
 * - nothing rated: 'unknown' (not enough data).
 */
export function computeHealth(dimensions: Dimension[]): Pick<Health, 'computed' | 'basis' | 'reasons'> {
  const schedule = dimensions.find((d) => d.key === 'schedule');
  const signals = dimensions.filter((d) => d.key !== 'schedule');
  if (schedule?.rating === 'done')
    return { computed: 'done', basis: 'delivered', reasons: [schedule.reason] };
  if (schedule && isRated(schedule)) {
    const red = signals.filter((d) => d.rating === 'red');
    const computed = schedule.rating === 'green' && red.length > 0 ? 'amber' : schedule.rating;
    return { computed, basis: 'schedule', reasons: [schedule.reason, ...red.map((d) => d.reason)] };
  }
  const why = schedule?.reason ?? 'No target date';
  const rated = signals.filter(isRated);
  if (rated.length === 0)
    return {
      computed: 'unknown',
      basis: 'none',
      reasons: [`${why}, and no risk signal can be measured yet`],
    };
  const worst = rated.reduce((w, d) => (RANK[d.rating] > RANK[w] ? d.rating : w), 'green' as Rating);
  const listed = rated.filter((d) => d.rating !== 'green').sort((a, b) => RANK[b.rating] - RANK[a.rating]);
  return {
    computed: worst === 'red' ? 'amber' : worst,
    basis: 'risk-signals',
    reasons: [
      `${why}, so the risk signals alone rate it (at most ${RATING_LABELS.amber})`,
      ...listed.map((d) => d.reason),
    ],
  };
}

/** The computed health with the override that applies today, if any. */
export function overallHealth(
  dimensions: Dimension[],
  override: HealthOverride | null,
  today: string,
): Health {
  const { computed, basis, reasons } = computeHealth(dimensions);
  const active = override !== null && today <= override.expires ? override : null;
  return {
    rating: active ? active.rating : computed,
    computed,
    basis,
    reasons,
    dimensions,
    override: active,
  };
}
