/** JQL date values: absolute dates, relative periods and the date functions. All in UTC. */
import { tz } from '@date-fns/tz';
import { addMinutes, isValid, startOfDay } from 'date-fns';

const UTC = tz('UTC');
const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$/;
const PERIOD_PART = /(\d+)\s*([wdhm])/g;
const MINUTES_PER_UNIT: Record<string, number> = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };

export const DATE_FORMAT_HINT =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

/** Minutes in a period such as '-12w', '4w 2d', '+1d'; null if the text is not a period. */
export function parsePeriodMinutes(text: string): number | null {
  const match = PERIOD.exec(text.trim());
  if (!match) return null;
  const sign = match[1] === '-' ? -1 : 1;
  let minutes = 0;
  for (const part of (match[2] ?? '').matchAll(PERIOD_PART)) {
    minutes += Number(part[1]) * (MINUTES_PER_UNIT[part[2] ?? 'm'] ?? 1);
  }
  return sign * minutes;
}

/** The instant a JQL date value stands for, or null when it is not a date JQL understands. */
export function parseJqlDate(text: string, now: number): number | null {
  const absolute = ABSOLUTE.exec(text.trim());
  if (absolute) {
    const [y, mo, d, h, mi] = absolute.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
    if (h === undefined || mi === undefined || y === undefined || mo === undefined || d === undefined)
      return null;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
    const ms = Date.UTC(y, mo - 1, d, h, mi);
    const check = new Date(ms);
    if (!isValid(check) || check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
    return ms;
  }
  const minutes = parsePeriodMinutes(text);
  if (minutes !== null) return addMinutes(now, minutes).getTime();
  return null;
}

/** startOfDay(): midnight UTC of today, optionally shifted by a period ('-1d') or a number of days ('-1'). */
export function startOfDayFunction(now: number, args: readonly string[]): number | null {
  const base = startOfDay(now, { in: UTC }).getTime();
  const arg = args[0];
  if (arg === undefined) return base;
  if (args.length > 1) return null;
  const days = /^[+-]?\d+$/.test(arg.trim()) ? Number(arg) * 24 * 60 : parsePeriodMinutes(arg);
  if (days === null) return null;
  return addMinutes(base, days).getTime();
}

/** The UTC date ('YYYY-MM-DD') of an instant, used for date-only fields such as duedate. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
