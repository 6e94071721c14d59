import { format, parseISO } from 'date-fns';

/**
 * Numbers in words, as health reasons and wins print them: counts, durations, percentages, dates and
 * amounts. Every reason and win phrases them here, so "3 days late" reads the same wherever it appears.
 */

/** A count with its noun: "1 item", "3 items". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whole calendar days: "1 day", "90 days". */
export const days = (n: number): string => plural(n, 'day');

/** Days to one decimal, as cycle times and service levels are read: "2.5 days". */
export const decimalDays = (value: number): string => `${value.toFixed(1)} days`;

/** A forecast against its target (positive = late): "3 days late", "2 days early"; empty on the day. */
export const lateOrEarly = (slip: number): string =>
  slip > 0 ? `${days(slip)} late` : slip < 0 ? `${days(-slip)} early` : '';

/** A delivery against its target date (positive = late): "3 days after the target", "2 days early". */
export const againstTarget = (slip: number): string =>
  slip > 0 ? `${days(slip)} after the target` : slip < 0 ? `${days(-slip)} early` : 'on the target date';

/** A delivery against its date, as a win tells it: "early by 2 days", "on time", "3 days late"; empty without a date. */
export const timing = (slip: number | null): string =>
  slip === null ? '' : slip < 0 ? `early by ${days(-slip)}` : slip === 0 ? 'on time' : `${days(slip)} late`;

/** A percentage: whole when it is whole, else to one decimal (10.4% is amber, not "10%"). */
export const pct = (v: number): string =>
  `${Number.isInteger(Math.round(v * 10) / 10) ? Math.round(v) : (Math.round(v * 10) / 10).toFixed(1)}%`;

/** A local date ('YYYY-MM-DD') as read in a sentence: "18 Nov 2026". */
export const dayMonth = (date: string): string => format(parseISO(date), 'd MMM yyyy');

/** An amount of value, rounded, with thousands separators: "1,250,000". */
export const amount = (n: number): string => Math.round(n).toLocaleString('en-US');
