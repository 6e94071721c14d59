export { quarterName } from '../../../src/contract/periods';

/** Numbers and dates in the viewer's locale and time zone. */
export interface Formatters {
  number(n: number, digits?: number): string;
  days(d: number): string;
  date(ms: number): string;
  dateTime(ms: number): string;
  relative(ms: number, now: number): string;
}

/**
 * A period's first and last day, read in the time zone the period was computed in (the snapshot's), so a
 * week that starts on Monday reads as Monday wherever the viewer is.
 */
export function periodLabel(
  locale: string | undefined,
  timeZone: string,
  period: { from: number; to: number },
): string {
  const f = formatters(locale, timeZone);
  return `${f.date(period.from)} – ${f.date(period.to - 1)}`;
}

export function formatters(locale: string | undefined, timeZone: string | undefined): Formatters {
  const loc = locale?.replace('_', '-');
  const num = (digits: number) =>
    new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const date = new Intl.DateTimeFormat(loc, { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(loc, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
  return {
    number: (n, digits = 0) => num(digits).format(n),
    days: (d) => `${num(1).format(d)} d`,
    date: (ms) => date.format(ms),
    dateTime: (ms) => dateTime.format(ms),
    relative: (ms, now) => {
      const minutes = Math.round((ms - now) / 60_000);
      if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
      const hours = Math.round(minutes / 60);
      if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
      return relative.format(Math.round(hours / 24), 'day');
    },
  };
}

/** Calendar dates ('YYYY-MM-DD', already local to the snapshot's time zone) in the viewer's locale. */
export function dayFormatter(
  locale: string | undefined,
  parts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' },
) {
  const f = new Intl.DateTimeFormat(locale?.replace('_', '-'), { timeZone: 'UTC', ...parts });
  return (date: string | null | undefined): string => {
    if (!date) return '–';
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return f.format(Date.UTC(y, m - 1, d));
  };
}

/** Percentages, signed changes and amounts in the viewer's locale. */
export function numberFormatters(locale: string | undefined) {
  const loc = locale?.replace('_', '-');
  const whole = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
  const compact = new Intl.NumberFormat(loc, { notation: 'compact', maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(loc, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return {
    percent: (p: number | null | undefined) => (p === null || p === undefined ? '–' : `${whole.format(p)}%`),
    signed: (n: number) => signed.format(n),
    amount: (n: number, unit?: string | null) => {
      if (unit && /^[A-Z]{3}$/.test(unit)) {
        try {
          return new Intl.NumberFormat(loc, {
            style: 'currency',
            currency: unit,
            notation: Math.abs(n) >= 100_000 ? 'compact' : 'standard',
            maximumFractionDigits: Math.abs(n) >= 100_000 ? 1 : 0,
          }).format(n);
        } catch {
          // Not a currency Intl knows: fall through to a plain number.
        }
      }
      return Math.abs(n) >= 100_000 ? compact.format(n) : whole.format(n);
    },
  };
}

/**
 * A goal's period ('YYYY-MM-DD' dates, inclusive) in the viewer's locale: "1 Jan 2026 – 31 Dec 2026";
 * a goal without a period counts all time.
 */
export function goalPeriodFormatter(locale: string | undefined) {
  const day = dayFormatter(locale);
  return (period: { start: string; end: string } | null): string =>
    period ? `${day(period.start)} – ${day(period.end)}` : 'all time (the goal has no period)';
}
