import { addLocalDays, calendarDaysBetween } from './calendar';
import { MULBERRY32_STEP, mulberry32Bits, seededState, type Random } from './random';

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

/**
 * How many trials finished on each day: counts[d] for day d (1-based), up to the last day a trial
 * finished; slot HORIZON_DAYS + 1, when there, holds the trials still running at the horizon.
 */
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
  const p0 = 1 - nonZero.length / samples.length;
  const logP0 = p0 > 0 ? Math.log(p0) : 0;
  // floor(ln(1 - u) / ln p0) read from a table where it is the same over a whole bucket of u.
  const runs = p0 > 0 ? zeroRunTable(p0) : NO_RUNS;
  const counts = scratchCounts();
  const least = nonZero.reduce((a, b) => Math.min(a, b));
  const uniform = nonZero.every((v) => v === least);
  const trial = { remaining, nonZero, least, uniform, p0, logP0, runs, picks: pickTable(nonZero.length) };
  const seeded = seededState(random);
  if (seeded) seeded.set(runSeeded(counts, trials, trial, seeded.get()));
  else runWith(counts, trials, trial, random);
  // Only the days up to the last finish are kept: a simulation held for reuse takes a few hundred bytes.
  let last = counts.length - 1;
  while (last > 0 && counts[last] === 0) last--;
  const kept = counts.slice(0, last + 1);
  counts.fill(0, 0, last + 1);
  return { counts: kept, trials };
}

/** What every trial of a simulation draws from. */
interface Trial {
  remaining: number;
  /** The samples' non-zero days, the smallest of them, and whether they are all the same. */
  nonZero: Int32Array;
  least: number;
  uniform: boolean;
  /** The share of zero days, and its logarithm. */
  p0: number;
  logP0: number;
  /** zeroRunTable(p0). */
  runs: Int32Array;
  /** pickTable(nonZero.length). */
  picks: Int32Array;
}

/** The trials, each counted on the day it finished, drawing from `random`. */
function runWith(counts: Int32Array, trials: number, t: Trial, random: Random): void {
  const { remaining, nonZero, least, p0, logP0, runs } = t;
  const size = nonZero.length;
  const horizon = HORIZON_DAYS;
  const buckets = RUN_BUCKETS;
  for (let trial = 0; trial < trials; trial++) {
    let sum = 0;
    let day = 0;
    for (;;) {
      if (p0 > 0) {
        const u = random();
        let zeros = runs[Math.floor(u * buckets)];
        if (!(zeros! >= 0)) zeros = Math.floor(Math.log(1 - u) / logP0);
        day += zeros!;
      }
      day += 1;
      if (day > horizon) break;
      const u = random();
      // Whichever day is drawn, the trial finishes today (the draw is made all the same).
      if (sum + least >= remaining) break;
      sum += nonZero[Math.floor(u * size)]!;
      if (sum >= remaining) break;
    }
    counts[day > horizon ? horizon + 1 : day]! += 1;
  }
}

/**
 * The same trials drawing from a seeded generator's state, its steps inline: the very numbers calling it
 * would give, without a call each. Returns the generator's state after the last draw.
 */
function runSeeded(counts: Int32Array, trials: number, t: Trial, state: number): number {
  const { remaining, nonZero, least, uniform, p0, logP0, runs, picks } = t;
  const size = nonZero.length;
  const horizon = HORIZON_DAYS;
  const step = MULBERRY32_STEP;
  const shift = RUN_SHIFT;
  // The state is kept as a signed 32-bit integer (the same bits), which the engine keeps unboxed.
  let a = state | 0;
  for (let trial = 0; trial < trials; trial++) {
    let sum = 0;
    let day = 0;
    for (;;) {
      if (p0 > 0) {
        a = (a + step) | 0;
        const m = mulberry32Bits(a);
        // m >>> shift is floor(u * RUN_BUCKETS) for the draw u = (m >>> 0) / 2^32.
        let zeros = runs[m >>> shift]!;
        if (zeros < 0) zeros = Math.floor(Math.log(1 - (m >>> 0) / 4294967296) / logP0);
        day += zeros;
      }
      day += 1;
      if (day > horizon) break;
      a = (a + step) | 0;
      // Whichever day is drawn, the trial finishes today, or (all days alike) adds the same: the draw is
      // taken, its value not needed.
      if (sum + least >= remaining) break;
      if (uniform) sum += least;
      else {
        const m = mulberry32Bits(a);
        let pick = picks[m >>> shift]!;
        if (pick < 0) pick = Math.floor(((m >>> 0) / 4294967296) * size);
        sum += nonZero[pick]!;
      }
      if (sum >= remaining) break;
    }
    counts[day > horizon ? horizon + 1 : day]! += 1;
  }
  return a >>> 0;
}

/** One counting array for every simulation: cleared after each, as only its used part is copied out. */
let countsBuffer: Int32Array | null = null;
const scratchCounts = () => (countsBuffer ??= new Int32Array(HORIZON_DAYS + 2));

/** Buckets of u in [0, 1) for the zero-run table. */
const RUN_BUCKETS = 4096;
/** 32 - log2(RUN_BUCKETS): a 32-bit draw shifted by this is its bucket. */
const RUN_SHIFT = 20;
const NO_RUNS = new Int32Array(RUN_BUCKETS).fill(-1);
/** Tables by p0: a forecast's samples span 84 days, so there are at most 84 of them in practice. */
const runTables = new Map<number, Int32Array>();

/**
 * For each bucket [b / 4096, (b + 1) / 4096) of u, the number of zero days floor(ln(1 - u) / ln p0) when
 * it is the same for every u in the bucket, else -1 (the draw then computes it). A bucket's value is
 * taken only when the formula at both of its ends lies well inside the same whole number: in between it
 * rises with u, so it cannot reach another one. Only draws very close to 1 or to a change of the count
 * (about 1 in 100) are left to the logarithm.
 */
export function zeroRunTable(p0: number): Int32Array {
  let table = runTables.get(p0);
  if (table) return table;
  const logP0 = Math.log(p0);
  const zeros = (u: number) => Math.log(1 - u) / logP0;
  const clear = (x: number, whole: number) => {
    const margin = 1e-9 * Math.max(1, Math.abs(x));
    return x - whole >= margin && whole + 1 - x >= margin;
  };
  table = new Int32Array(RUN_BUCKETS);
  for (let b = 0; b < RUN_BUCKETS; b++) {
    const low = zeros(b / RUN_BUCKETS);
    const high = zeros(previousDouble((b + 1) / RUN_BUCKETS));
    const whole = Math.floor(low);
    const same = Number.isFinite(high) && Math.floor(high) === whole && whole <= 2 ** 30;
    table[b] = same && (b === 0 || clear(low, whole)) && clear(high, whole) ? whole : -1;
  }
  if (runTables.size >= 256) runTables.clear();
  runTables.set(p0, table);
  return table;
}

/** Pick tables by the number of non-zero days. */
const pickTables = new Map<number, Int32Array>();

/**
 * For each bucket of 2^20 draws m (m >>> 20, for u = m / 2^32), the index floor(u * size) every draw in
 * it picks, or -1 when the bucket straddles two (the draw then computes it). Exact: m * size is a whole
 * number well inside a double's integers, so floor(u * size) is floor(m * size / 2^32) for every m.
 */
export function pickTable(size: number): Int32Array {
  let table = pickTables.get(size);
  if (table) return table;
  table = new Int32Array(RUN_BUCKETS).fill(-1);
  const width = 2 ** RUN_SHIFT;
  // Past 2^20 days, m * size could leave a double's integers: every draw computes its pick.
  for (let b = 0; b < RUN_BUCKETS && size < 2 ** 20; b++) {
    const first = Math.floor((b * width * size) / 4294967296);
    const last = Math.floor(((b * width + width - 1) * size) / 4294967296);
    table[b] = first === last ? first : -1;
  }
  if (pickTables.size >= 256) pickTables.clear();
  pickTables.set(size, table);
  return table;
}

const bits = new Float64Array(1);
const bitsAsInt = new BigInt64Array(bits.buffer);

/** The largest double below a positive finite x. */
function previousDouble(x: number): number {
  bits[0] = x;
  bitsAsInt[0]! -= 1n;
  return bits[0]!;
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
  // Nearest rank over the trials' finishing days, read from the counts in one pass for every percentile.
  const ks = input.quantiles ? QUANTILES : PERCENTILES;
  const days = daysAtRanks(
    counts,
    ks.map((k) => Math.max(1, Math.ceil((k * trials) / 100))),
  );
  const dateAt = (k: number): string | null => {
    const day = days[ks.indexOf(k)]!;
    return day < 1 || day > HORIZON_DAYS ? null : addLocalDays(today, day - 1);
  };
  let probability: number | null = null;
  if (target !== null) {
    // Trials finishing on day d finish on today + d - 1, which is on or before target when d <= span + 1.
    const span = calendarDaysBetween(today, target);
    let onTime = 0;
    const last = Math.min(span + 1, HORIZON_DAYS, counts.length - 1);
    for (let d = 1; d <= last; d++) onTime += counts[d]!;
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
    ...(input.quantiles ? { quantiles: QUANTILES.map(dateAt) } : {}),
  };
}

const PERCENTILES = [50, 85, 95];
/** 5%, 10% … 100%: the finish dates of a PMO project's chart (they include 50, 85 and 95). */
const QUANTILES = Array.from({ length: 20 }, (_, i) => (i + 1) * 5);

/**
 * For each rank (ascending), the first day d >= 1 by which at least that many trials had finished, or -1
 * when fewer trials finished in all.
 */
function daysAtRanks(counts: Int32Array, ranks: readonly number[]): number[] {
  const days: number[] = [];
  let day = 0;
  let seen = 0;
  for (const rank of ranks) {
    while (seen < rank && day + 1 < counts.length) seen += counts[++day]!;
    days.push(seen >= rank && day >= 1 ? day : -1);
  }
  return days;
}
