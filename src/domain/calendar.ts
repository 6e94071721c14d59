import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  differenceInCalendarDays,
  format,
  parseISO,
  startOfDay,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
} from 'date-fns';

export const DAY_MS = 86_400_000;

/** A half-open period [from, to) of instants. */
export interface Period {
  from: number;
  to: number;
}

/**
 * The `count` complete ISO weeks (Monday 00:00 in `timeZone`) before the week containing `now`, oldest first.
 * DST is handled by the time zone, so a week may be 167 or 169 hours long.
 */
export function completeWeeksBefore(now: number, count: number, timeZone: string): Period[] {
  const currentWeek = startOfISOWeek(new TZDate(now, timeZone));
  const weeks: Period[] = [];
  for (let i = count; i >= 1; i--) {
    weeks.push({ from: addWeeks(currentWeek, -i).getTime(), to: addWeeks(currentWeek, -i + 1).getTime() });
  }
  return weeks;
}

/** The week containing `now`, from its Monday to now (shown apart from complete weeks). */
export function currentWeek(now: number, timeZone: string): Period {
  return { from: startOfISOWeek(new TZDate(now, timeZone)).getTime(), to: now };
}

/** The local calendar date ('YYYY-MM-DD') of an instant in `timeZone`. */
export const localDate = (t: number, timeZone: string): string =>
  format(new TZDate(t, timeZone), 'yyyy-MM-dd');

/** 00:00 of a local calendar date ('YYYY-MM-DD') in `timeZone`, as an instant. */
export function startOfLocalDate(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone).getTime();
}

/**
 * The year, month and day of a plain calendar date 'YYYY-MM-DD' (years 1000-9999, a day its month has);
 * null for anything else. Calendar arithmetic and wording of such dates need no time zone, so the
 * forecasts' and wins' tens of thousands of dates skip date-fns; anything else still goes through it,
 * errors and all.
 */
export function plainDate(date: string): [year: number, month: number, day: number] | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (!(y >= 1000 && m >= 1 && m <= 12 && d >= 1)) return null;
  // A day past the month's end (2026-02-30) would roll into the next month.
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d ? [y, m, d] : null;
}

/** A plain calendar date as whole days since 1970-01-01; NaN for anything else. */
function dayNumber(date: string): number {
  const parts = plainDate(date);
  return parts === null ? NaN : Date.UTC(parts[0], parts[1] - 1, parts[2]) / DAY_MS;
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** The local date `n` calendar days after `date` (negative: before). */
export function addLocalDays(date: string, n: number): string {
  const day = dayNumber(date);
  if (day === day && Number.isInteger(n)) {
    const iso = new Date((day + n) * DAY_MS).toISOString();
    if (iso.length === 24) return iso.slice(0, 10); // years 0000-9999, as 'yyyy' writes them
  }
  return format(addDays(parseISO(date), n), 'yyyy-MM-dd');
}

/** Whole calendar days from date `a` to date `b` ('YYYY-MM-DD'); positive when b is later. */
export function calendarDaysBetween(a: string, b: string): number {
  const from = dayNumber(a);
  const to = dayNumber(b);
  return from === from && to === to ? to - from : differenceInCalendarDays(parseISO(b), parseISO(a));
}

/** A calendar quarter in `timeZone`: label like '2026-Q3', half-open instants. */
export interface Quarter extends Period {
  label: string;
}

/** The quarter containing `t` and the `count - 1` before it, oldest first. */
export function quartersUpTo(t: number, count: number, timeZone: string): Quarter[] {
  const current = startOfQuarter(new TZDate(t, timeZone));
  const result: Quarter[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const from = addQuarters(current, -i);
    const to = addQuarters(from, 1);
    result.push({
      label: `${from.getFullYear()}-Q${Math.floor(from.getMonth() / 3) + 1}`,
      from: from.getTime(),
      to: to.getTime(),
    });
  }
  return result;
}

/** The `count` complete calendar months before the month containing `now`, oldest first. */
export function completeMonthsBefore(now: number, count: number, timeZone: string): Quarter[] {
  const current = startOfMonth(new TZDate(now, timeZone));
  const result: Quarter[] = [];
  for (let i = count; i >= 1; i--) {
    const from = addMonths(current, -i);
    result.push({ label: format(from, 'yyyy-MM'), from: from.getTime(), to: addMonths(from, 1).getTime() });
  }
  return result;
}

/**
 * Local days as a sorted list of their 00:00 instants, so that a million instants can be put in days by
 * binary search instead of a time-zone conversion each. Covers `before` days before the day containing
 * `now`, and that day.
 */
export class DayGrid {
  /** starts[i] = 00:00 of day i; starts[length - 1] is today's; `end` is tomorrow's. */
  readonly starts: number[];
  readonly dates: string[];
  readonly end: number;
  readonly today: number;

  constructor(
    now: number,
    before: number,
    readonly timeZone: string,
  ) {
    const today = startOfDay(new TZDate(now, timeZone));
    this.starts = [];
    this.dates = [];
    for (let i = before; i >= 0; i--) {
      const day = addDays(today, -i);
      this.starts.push(day.getTime());
      this.dates.push(format(day, 'yyyy-MM-dd'));
    }
    this.today = this.starts.length - 1;
    this.end = addDays(today, 1).getTime();
  }

  /** Index of the day containing t, or -1 outside the grid. */
  dayOf(t: number): number {
    const s = this.starts;
    if (t < s[0]! || t >= this.end) return -1;
    // Days are 23 to 25 hours long: a guess from 24-hour days is at most a day off near DST changes.
    let day = Math.min(s.length - 1, Math.floor((t - s[0]!) / DAY_MS));
    while (day > 0 && s[day]! > t) day -= 1;
    while (day < s.length - 1 && s[day + 1]! <= t) day += 1;
    return day;
  }
}
