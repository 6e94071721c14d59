import { DAY_MS, DayGrid, completeWeeksBefore, currentWeek, localDate, type Period } from './calendar';
import type { Facts } from './facts';
import { progressFrom, type Progress } from './schedule';
import { percentileOf, percentilesOf, type PercentileResult, type Percentiles } from './percentile';

/**
 * Flow metrics of one scope (a set of work-item rows), per METRICS-SPEC "Flow" and precise rules 1-8.
 * Everything is computed in one or two passes over the scope's rows; calendar grouping goes through a
 * DayGrid built once per computation, so no row needs a time-zone conversion.
 */
export interface MetricsClock {
  now: number;
  timeZone: string;
  /** Local days from well before the oldest window to today. */
  grid: DayGrid;
  /** Trailing window for cycle/lead statistics, the SLE and flow efficiency (default 90 days). */
  trailingDays: number;
  /** The 12 complete ISO weeks before the current week. */
  weeks: Period[];
  /** The current week, from its Monday to now. */
  currentWeek: Period;
}

/**
 * Days the grid covers: enough for 5 quarters, 180-day comparisons, and records: a month record's 12
 * months before it start up to 24 months before the current month's start, i.e. up to 761 days ago.
 */
export const GRID_DAYS = 770;

export function metricsClock(now: number, timeZone: string, trailingDays: number): MetricsClock {
  return {
    now,
    timeZone,
    grid: new DayGrid(now, GRID_DAYS, timeZone),
    trailingDays,
    weeks: completeWeeksBefore(now, 12, timeZone),
    currentWeek: currentWeek(now, timeZone),
  };
}

export type TimeStats = Percentiles;

export interface FlowMetrics {
  throughput: {
    /** Done in the 12 complete ISO weeks before the current week. */
    last12Weeks: number;
    /** Each of those weeks, oldest first. */
    weekly: { from: number; count: number }[];
    /** Done so far in the current, partial week. */
    currentWeek: number;
    /** Done in the trailing window [now - trailingDays, now). */
    trailing: number;
    allTime: number;
  };
  cycleTime: { allTime: TimeStats; trailing: TimeStats };
  leadTime: { allTime: TimeStats; trailing: TimeStats };
  /** Work in progress now. */
  wip: number;
  /** Service level expectation: P85 cycle time over the trailing window (null value below 10 samples). */
  sle: PercentileResult;
  /** In-progress items older than the SLE; null when there is no SLE. */
  aging: { count: number | null; share: number | null };
  /** In-progress items flagged or in a wait status now. */
  blocked: { count: number; share: number | null };
  flowEfficiency: { allTime: Efficiency; trailing: Efficiency };
  /** Share of items done in the trailing window per issue type, largest first. */
  distribution: { type: string; count: number; share: number }[];
}

export interface Efficiency {
  /** Sum of active time / sum of (Done - Start), as a percentage; null with no samples. */
  percent: number | null;
  activeDays: number;
  elapsedDays: number;
  n: number;
}

/** A scope's flow metrics and its daily throughput over the clock's grid (for forecasts, records, history). */
export interface FlowResult {
  metrics: FlowMetrics;
  /** daily[i] = items done on grid day i. */
  daily: Int32Array;
  /** Rows done (ascending Done), for windowed comparisons. */
  doneRows: Int32Array;
  /** The scope's progress (progressOf of the same rows, counted in the same pass). */
  progress: Progress;
}

/** A growable list of doubles, kept in one typed array (no boxed numbers, no copy before selecting). */
class Doubles {
  private data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  /** The values as a view, for percentilesOf to reorder. */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

const stats = (values: Float64Array): TimeStats => percentilesOf(values);

const efficiency = (active: number, elapsed: number, n: number): Efficiency => ({
  percent: elapsed > 0 ? (active / elapsed) * 100 : null,
  activeDays: active / DAY_MS,
  elapsedDays: elapsed / DAY_MS,
  n,
});

export function flowMetrics(facts: Facts, rows: ArrayLike<number>, clock: MetricsClock): FlowResult {
  const { now, grid } = clock;
  const trailingFrom = now - clock.trailingDays * DAY_MS;
  const daily = new Int32Array(grid.starts.length);
  // Typed arrays, no boxed numbers: room for every row in the all-time series (done items are most of a
  // scope), the trailing window's grow.
  const cycleAll = new Float64Array(rows.length);
  const leadAll = new Float64Array(rows.length);
  const cycleTrailing = new Doubles(rows.length >> 3);
  const leadTrailing = new Doubles(rows.length >> 3);
  const done = new Int32Array(rows.length);
  let cycles = 0;
  let leads = 0;
  let trailingDone = 0;
  let doneCount = 0;
  const byType = new Int32Array(facts.types.length);
  const wipAges: number[] = [];
  let blocked = 0;
  let activeAll = 0;
  let elapsedAll = 0;
  let activeTrailing = 0;
  let elapsedTrailing = 0;
  const { start: starts, done: dones, created, active, type, discarded, blocked: blockedNow } = facts;
  const { estimate: estimates } = facts;
  // Progress counts every done item, one done after now too.
  let doneItems = 0;
  let estimated = 0;
  let donePoints = 0;
  let totalPoints = 0;

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const start = starts[row]!;
    const at = dones[row]!;
    const estimate = estimates[row]!;
    if (at === at) doneItems += 1;
    if (estimate === estimate) {
      estimated += 1;
      totalPoints += estimate;
      if (at === at) donePoints += estimate;
    }
    if (at === at) {
      // Done (not NaN)
      if (at > now) continue;
      done[doneCount++] = row;
      const day = grid.dayOf(at);
      if (day >= 0) daily[day]! += 1;
      const lead = (at - created[row]!) / DAY_MS;
      // The trailing window is [now - trailingDays, now) (precise rule 6).
      const trailing = at >= trailingFrom && at < now;
      leadAll[leads++] = lead;
      if (trailing) {
        leadTrailing.push(lead);
        trailingDone += 1;
        byType[type[row]!]! += 1;
      }
      if (start === start) {
        const elapsed = at - start;
        const activeTime = active[row]!;
        cycleAll[cycles++] = elapsed / DAY_MS;
        activeAll += activeTime;
        elapsedAll += elapsed;
        if (trailing) {
          cycleTrailing.push(elapsed / DAY_MS);
          activeTrailing += activeTime;
          elapsedTrailing += elapsed;
        }
      }
    } else if (start === start && start <= now && !(discarded[row]! <= now)) {
      // Open and started; a discarded item has left WIP at its Done instant (precise rule 35).
      wipAges.push((now - start) / DAY_MS);
      if (blockedNow[row] === 1) blocked += 1;
    }
  }
  const distribution: FlowMetrics['distribution'] = [];
  for (let t = 0; t < byType.length; t++) {
    const count = byType[t]!;
    if (count > 0) distribution.push({ type: facts.types[t]!, count, share: (count / trailingDone) * 100 });
  }

  const weekly: { from: number; count: number }[] = [];
  let last12Weeks = 0;
  for (const week of clock.weeks) {
    const count = countIn(daily, grid, week);
    weekly.push({ from: week.from, count });
    last12Weeks += count;
  }
  const trailingStats = stats(cycleTrailing.values());
  const sle = trailingStats.p85;
  const wip = wipAges.length;
  let agingCount: number | null = null;
  if (sle.value !== null) {
    agingCount = 0;
    for (const age of wipAges) if (age > sle.value) agingCount += 1;
  }

  const metrics: FlowMetrics = {
    throughput: {
      last12Weeks,
      weekly,
      currentWeek: countIn(daily, grid, clock.currentWeek),
      trailing: trailingDone,
      allTime: doneCount,
    },
    cycleTime: { allTime: stats(cycleAll.subarray(0, cycles)), trailing: trailingStats },
    leadTime: {
      allTime: stats(leadAll.subarray(0, leads)),
      trailing: stats(leadTrailing.values()),
    },
    wip,
    sle,
    aging: {
      count: agingCount,
      share: agingCount === null || wip === 0 ? null : (agingCount / wip) * 100,
    },
    blocked: { count: blocked, share: wip === 0 ? null : (blocked / wip) * 100 },
    flowEfficiency: {
      allTime: efficiency(activeAll, elapsedAll, cycles),
      trailing: efficiency(activeTrailing, elapsedTrailing, cycleTrailing.length),
    },
    // Types are counted by index; the order is the comparison's alone (type names are distinct).
    distribution: distribution.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
  return {
    metrics,
    daily,
    doneRows: facts.inDoneOrder(done.subarray(0, doneCount)),
    progress: progressFrom({ total: rows.length, done: doneItems, estimated, donePoints, totalPoints }),
  };
}

/** Items done in a period whose bounds are day starts on the grid (weeks, months, quarters). */
export function countIn(daily: Int32Array, grid: DayGrid, period: Period): number {
  let from = grid.dayOf(period.from);
  if (from < 0) from = period.from < grid.starts[0]! ? 0 : daily.length;
  let sum = 0;
  for (let d = from; d < daily.length && grid.starts[d]! < period.to; d++) sum += daily[d]!;
  return sum;
}

/**
 * Items done per grid day, and how many are done in all (for scopes that need no other flow figure).
 * `into`, when given, is cleared and filled instead of a new array (one buffer for every open epic).
 */
export function dailyDone(facts: Facts, rows: ArrayLike<number>, clock: MetricsClock, into?: Int32Array) {
  const daily = into ? into.fill(0) : new Int32Array(clock.grid.starts.length);
  const { done: dones } = facts;
  let done = 0;
  for (let i = 0; i < rows.length; i++) {
    const at = dones[rows[i]!]!;
    if (at !== at || at > clock.now) continue;
    done += 1;
    const day = clock.grid.dayOf(at);
    if (day >= 0) daily[day]! += 1;
  }
  return { daily, done };
}

/** The local date of an instant: from the grid when it is on it (no time-zone conversion), else computed. */
export function dateOf(clock: MetricsClock, t: number): string {
  const day = clock.grid.dayOf(t);
  return day >= 0 ? clock.grid.dates[day]! : localDate(t, clock.timeZone);
}

/**
 * Daily throughput over the `days` calendar days before today, zero days included (forecast samples,
 * precise rule 19).
 */
export function dailySamples(daily: Int32Array, grid: DayGrid, days: number): number[] {
  return Array.from(daily.subarray(grid.today - days, grid.today));
}

/**
 * The span of `doneRows` (sorted by Done) that may hold rows done in [from, to): rows are ordered to the
 * second only, so the search is a second wide and the rows near each bound must still be checked one by one.
 */
export function doneSpan(done: ArrayLike<number>, doneRows: ArrayLike<number>, from: number, to: number) {
  let lo = 0;
  let hi = doneRows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (done[doneRows[mid]!]! < from - 1000) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < doneRows.length && done[doneRows[end]!]! < to + 1000) end++;
  return { lo, end };
}

/** How many rows were done in [from, to), from rows sorted by Done. */
export function countDoneBetween(
  facts: Facts,
  doneRows: ArrayLike<number>,
  from: number,
  to: number,
): number {
  const { done } = facts;
  const { lo, end } = doneSpan(done, doneRows, from, to);
  let count = 0;
  for (let i = lo; i < end; i++) {
    const at = done[doneRows[i]!]!;
    if (at >= from && at < to) count += 1;
  }
  return count;
}

/** Cycle-time percentiles of the rows done in [from, to), from rows sorted by Done. */
export function cycleStatsBetween(
  facts: Facts,
  doneRows: ArrayLike<number>,
  from: number,
  to: number,
): TimeStats {
  return stats(cyclesBetween(facts, doneRows, from, to));
}

/** P50 cycle time of the rows done in [from, to) (the other percentiles are not worked out). */
export const cycleP50Between = (facts: Facts, doneRows: ArrayLike<number>, from: number, to: number) =>
  percentileOf(cyclesBetween(facts, doneRows, from, to), 50);

/** Cycle times in days of the rows done in [from, to) that started, from rows sorted by Done. */
function cyclesBetween(facts: Facts, doneRows: ArrayLike<number>, from: number, to: number): Float64Array {
  const { done, start } = facts;
  const { lo, end } = doneSpan(done, doneRows, from, to);
  const values = new Float64Array(end - lo);
  let n = 0;
  for (let i = lo; i < end; i++) {
    const row = doneRows[i]!;
    const at = done[row]!;
    const started = start[row]!;
    if (at >= from && at < to && started === started) values[n++] = (at - started) / DAY_MS;
  }
  return values.subarray(0, n);
}

/** Throughput and cycle time of one period, and of the period of equal length before it. */
export interface PeriodComparison {
  weeks: number;
  current: PeriodStats;
  previous: PeriodStats;
}

export interface PeriodStats {
  from: number;
  to: number;
  throughput: number;
  cycleTime: TimeStats;
}

/** Weekly throughput for a year, and each window (4, 12, 26 weeks) beside the one before it. */
export interface Trend {
  /** Items done in each of the 52 complete ISO weeks before the current week, oldest first. */
  weekly: { from: number; count: number }[];
  windows: PeriodComparison[];
}

export const TREND_WINDOWS = [4, 12, 26] as const;

export function trendOf(
  facts: Facts,
  flow: FlowResult,
  clock: MetricsClock,
  weeks52: readonly Period[],
): Trend {
  const weekly = weeks52.map((w) => ({ from: w.from, count: countIn(flow.daily, clock.grid, w) }));
  const statsOf = (first: number, last: number): PeriodStats => {
    const from = weeks52[first]!.from;
    const to = weeks52[last]!.to;
    let throughput = 0;
    for (let i = first; i <= last; i++) throughput += weekly[i]!.count;
    return { from, to, throughput, cycleTime: cycleStatsBetween(facts, flow.doneRows, from, to) };
  };
  const n = weeks52.length;
  return {
    weekly,
    windows: TREND_WINDOWS.map((weeks) => ({
      weeks,
      current: statsOf(n - weeks, n - 1),
      previous: statsOf(n - 2 * weeks, n - weeks - 1),
    })),
  };
}
