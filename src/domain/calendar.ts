import { TZDate } from '@date-fns/tz';
import { addWeeks, startOfISOWeek } from 'date-fns';

export const DAY_MS = 86_400_000;

/** A half-open period [from, to) of instants. */
export interface Period {
  from: number;
  to: number;
}

/** Elapsed days between two instants, as a decimal. */
export const days = (ms: number): number => ms / DAY_MS;

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

export const inPeriod = (t: number, p: Period): boolean => t >= p.from && t < p.to;
