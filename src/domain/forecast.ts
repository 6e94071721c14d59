import { addLocalDays, calendarDaysBetween } from './calendar';
import type { Random } from './random';

/** Trials per forecast (METRICS-SPEC "Forecast"). */
export const TRIALS = 10_000;
/** Days of history sampled: the 12 weeks (84 calendar days) before today (precise rule 19). */
export const SAMPLE_DAYS = 84;
/** A trial that has not finished after this many days stops there: the forecast says "beyond". */
export const HORIZON_DAYS = 3_650;
/** A scope with fewer done items than this borrows the portfolio's samples. */
export const MIN_DONE_FOR_OWN_SAMPLES = 10;

export type ForecastResult =
  | { state: 'done' }
  | { state: 'no-throughput'; remaining: number; samplesFrom: 'scope' | 'portfolio' }
  | {
      state: 'forecast';
      remaining: number;
      trials: number;
      samplesFrom: 'scope' | 'portfolio';
      /** Finish dates ('YYYY-MM-DD', local) at which 50/85/95% of the trials had finished; null = beyond the horizon. */
      p50: string | null;
      p85: string | null;
      p95: string | null;
      /** The target date the probability is for, if any. */
      target: string | null;
      /** Share of trials finishing on or before the target date, 0-100 (null without a target). */
      probability: number | null;
      /** Finish dates at which 5%, 10% … 100% of the trials had finished (PMO projects only, for charts). */
      quantiles?: (string | null)[];
    };

/** How many trials finished on each day: counts[d] for day d (1-based); the last slot is "beyond the horizon". */
export interface Simulation {
  counts: Int32Array;
  trials: number;
}

/**
 * Monte Carlo finish-date forecast. Each trial draws random days from `samples` (daily throughput, zero
 * days included) until the drawn throughput reaches `remaining`. Simulated day 1 is today, so a trial
 * needing d days finishes on today + (d - 1): no forecast date is ever before today.
 */
export function monteCarlo(input: {
  remaining: number;
  samples: readonly number[];
  samplesFrom: 'scope' | 'portfolio';
  today: string;
  target: string | null;
  random: Random;
  trials?: number;
}): ForecastResult {
  if (input.remaining <= 0) return { state: 'done' };
  return summarize(simulate(input), input);
}

/** Runs the trials (`samples` must hold a non-zero day for any trial to finish). */
export function simulate(input: {
  remaining: number;
  samples: readonly number[];
  random: Random;
  trials?: number;
}): Simulation | null {
  const { remaining, samples, random } = input;
  if (!samples.some((s) => s > 0)) return null;
  const trials = input.trials ?? TRIALS;
  // Zero days are drawn in runs: the number of zero days before the next non-zero day is geometric with
  // the zero share p0, so one draw replaces many without changing the distribution of finishing days.
  const nonZero = Int32Array.from(samples.filter((s) => s > 0));
  const size = nonZero.length;
  const p0 = 1 - size / samples.length;
  const logP0 = p0 > 0 ? Math.log(p0) : 0;
  const counts = new Int32Array(HORIZON_DAYS + 2);
  for (let trial = 0; trial < trials; trial++) {
    let sum = 0;
    let day = 0;
    for (;;) {
      if (p0 > 0) day += Math.floor(Math.log(1 - random()) / logP0);
      day += 1;
      if (day > HORIZON_DAYS) break;
      sum += nonZero[Math.floor(random() * size)]!;
      if (sum >= remaining) break;
    }
    counts[day > HORIZON_DAYS ? HORIZON_DAYS + 1 : day]! += 1;
  }
  return { counts, trials };
}

/** Finish-date percentiles and the probability of finishing by the target, from a simulation. */
export function summarize(
  simulation: Simulation | null,
  input: {
    remaining: number;
    samplesFrom: 'scope' | 'portfolio';
    today: string;
    target: string | null;
    quantiles?: boolean;
  },
): ForecastResult {
  const { remaining, samplesFrom, today, target } = input;
  if (remaining <= 0) return { state: 'done' };
  if (simulation === null) return { state: 'no-throughput', remaining, samplesFrom };
  const { counts, trials } = simulation;
  const dateAt = (k: number): string | null => {
    // Nearest rank over the trials' finishing days, read from the counts.
    const rank = Math.max(1, Math.ceil((k * trials) / 100));
    let seen = 0;
    for (let d = 1; d < counts.length; d++) {
      seen += counts[d]!;
      if (seen >= rank) return d > HORIZON_DAYS ? null : addLocalDays(today, d - 1);
    }
    return null;
  };
  let probability: number | null = null;
  if (target !== null) {
    // Trials finishing on day d finish on today + d - 1, which is on or before target when d <= span + 1.
    const span = calendarDaysBetween(today, target);
    let onTime = 0;
    for (let d = 1; d <= Math.min(span + 1, HORIZON_DAYS); d++) onTime += counts[d]!;
    probability = (onTime / trials) * 100;
  }
  return {
    state: 'forecast',
    remaining,
    trials,
    samplesFrom,
    p50: dateAt(50),
    p85: dateAt(85),
    p95: dateAt(95),
    target,
    probability,
    ...(input.quantiles ? { quantiles: Array.from({ length: 20 }, (_, i) => dateAt((i + 1) * 5)) } : {}),
  };
}
