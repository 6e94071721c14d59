/**
 * The team calendar behind the generated history. Work advances in "work units" (about one team-day each);
 * a day's capacity is 0 on weekends, small on public holidays and varies week by week, so the same amount of
 * work lands unevenly in calendar time, the way a real team's throughput does.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { SeededRandom } from './random';

export const TEAM_TIME_ZONE = 'Europe/London';
export const HISTORY_DAYS = 730;
const FUTURE_DAYS = 800;
const WORK_START_HOUR = 9;
const WORK_MS = 9 * 3_600_000;

export interface TeamCalendar {
  /** Work units elapsed at `now`; nothing at or after this point has happened yet. */
  readonly nowUnits: number;
  /** Work units at the start of the history. */
  readonly startUnits: number;
  readonly nowMs: number;
  /** The epoch ms at which `units` of work have elapsed, always within someone's working hours. */
  toMs(units: number): number;
  /** The team's local calendar date ('YYYY-MM-DD') of the moment `units`. */
  toDate(units: number): string;
  /** The work units elapsed at local midnight starting a calendar date. */
  dateToUnits(date: string): number;
  /** Adds calendar days to a 'YYYY-MM-DD' date. */
  addDays(date: string, days: number): string;
}

function isHoliday(month: number, day: number): boolean {
  // Christmas Eve to New Year's Day; other quiet weeks come from the random weekly pace.
  return (month === 11 && day >= 24) || (month === 0 && day === 1);
}

export function buildCalendar(nowMs: number, rng: SeededRandom): TeamCalendar {
  const today = new TZDate(nowMs, TEAM_TIME_ZONE);
  const first = addDays(
    new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), TEAM_TIME_ZONE),
    -HISTORY_DAYS,
  );
  const dayCount = HISTORY_DAYS + 1 + FUTURE_DAYS;
  const workStart = new Float64Array(dayCount);
  const capacity = new Float64Array(dayCount);
  const cumulative = new Float64Array(dayCount + 1);
  const dates: string[] = new Array<string>(dayCount);
  const dateIndex = new Map<string, number>();

  // A week's pace: mostly 0.65..1.3 of normal, with a couple of quiet weeks a year (summer, offsites).
  let weekFactor = 1;
  for (let d = 0; d < dayCount; d++) {
    const day = addDays(first, d);
    const weekday = day.getDay();
    if (d === 0 || weekday === 1) {
      weekFactor = rng.chance(0.04) ? rng.range(0.15, 0.35) : rng.range(0.65, 1.3);
    }
    const y = day.getFullYear();
    const m = day.getMonth();
    const dd = day.getDate();
    workStart[d] = new TZDate(y, m, dd, WORK_START_HOUR, 0, 0, TEAM_TIME_ZONE).getTime();
    const date = format(day, 'yyyy-MM-dd');
    dates[d] = date;
    dateIndex.set(date, d);
    const weekend = weekday === 0 || weekday === 6;
    capacity[d] = weekend ? 0 : isHoliday(m, dd) ? 0.04 : weekFactor;
    cumulative[d + 1] = (cumulative[d] ?? 0) + (capacity[d] ?? 0);
  }

  const todayIndex = HISTORY_DAYS;
  const todayStart = workStart[todayIndex] ?? nowMs;
  const fraction = Math.min(1, Math.max(0, (nowMs - todayStart) / WORK_MS));
  const nowUnits = (cumulative[todayIndex] ?? 0) + fraction * (capacity[todayIndex] ?? 0);
  const total = cumulative[dayCount] ?? 0;

  /** The day holding `units`: the first d with cumulative[d + 1] > units (so its capacity is positive). */
  function dayOf(units: number): number {
    let lo = 0;
    let hi = dayCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid + 1] ?? 0) > units) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  return {
    nowUnits,
    startUnits: 0,
    nowMs,
    toMs(units: number): number {
      const u = Math.min(Math.max(units, 0), total - 1e-9);
      const d = dayOf(u);
      const cap = capacity[d] ?? 1;
      const frac = cap > 0 ? (u - (cumulative[d] ?? 0)) / cap : 0;
      return Math.floor((workStart[d] ?? 0) + Math.min(frac, 0.999999) * WORK_MS);
    },
    toDate(units: number): string {
      const u = Math.min(Math.max(units, 0), total - 1e-9);
      return dates[dayOf(u)] ?? '';
    },
    dateToUnits(date: string): number {
      const d = dateIndex.get(date);
      if (d === undefined) return date < (dates[0] ?? '') ? 0 : total;
      return cumulative[d] ?? 0;
    },
    addDays(date: string, days: number): string {
      const d = dateIndex.get(date);
      if (d !== undefined) {
        const shifted = dates[d + days];
        if (shifted !== undefined) return shifted;
      }
      const [y, m, dd] = date.split('-').map(Number);
      return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (dd ?? 1) + days)).toISOString().slice(0, 10);
    },
  };
}
