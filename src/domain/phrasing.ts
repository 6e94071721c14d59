import { format, parseISO } from 'date-fns';
import { plainDate } from './calendar';

/**
 * Numbers in words, as health reasons, wins, the Confluence export and the command line print them:
 * counts, durations, percentages, dates, weeks, quarters and amounts. Every sentence phrases them here,
 * so "3 days late", "45%" or "€650,000" read the same wherever they appear.
 */

/**
 * A template's text as one flat string: `flat\`Delivered on ${date}\``. A template literal leaves
 * its text as a tree of its pieces until it is read (a rope), several times the text's own size; wins
 * and deliveries, tens of thousands on a large site, are kept whole until they are stored.
 */
export function flat(parts: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  const pieces: (string | number)[] = [parts[0]!];
  for (let i = 0; i < values.length; i++) pieces.push(values[i]!, parts[i + 1]!);
  return pieces.join('');
}

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

/** Whole numbers with thousands separators; no "-0" for a small negative. */
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'negative' });

/**
 * A percentage, to the whole percent, as every cell shows it: "10%", "57%". A reason and the cell beside
 * it round the same number the same way.
 */
export const pct = (v: number): string => `${wholeNumber.format(v)}%`;

const signedNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/**
 * A change against the number before, in percent of it or in percentage points: "+25%", "-7.3%",
 * "+10 points"; "no change" under half a unit.
 */
export const signedChange = (change: number, unit: 'percent' | 'points'): string =>
  Math.abs(change) < 0.5
    ? 'no change'
    : `${signedNumber.format(change)}${unit === 'points' ? ' points' : '%'}`;

/** Whether a unit is an ISO 4217 currency code (EUR, USD…), in any case. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const isCurrency = (unit: string): boolean => CURRENCIES.has(unit.toUpperCase());

const currencyFormats = new Map<string, Intl.NumberFormat>();
const currencyFormat = (code: string): Intl.NumberFormat => {
  let f = currencyFormats.get(code);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: code,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    });
    currencyFormats.set(code, f);
  }
  return f;
};

/**
 * An amount of value in its unit, whole and in full: in a currency with its symbol ("€650,000",
 * "$1,200,000", "CHF 5,000"); in any other unit the number followed by the unit ("1,250 NPS", "40%");
 * without a unit the number alone ("125,000").
 */
export function money(n: number, unit?: string | null): string {
  const u = unit ?? '';
  if (u !== '' && isCurrency(u)) return currencyFormat(u.toUpperCase()).format(n);
  const number = wholeNumber.format(n);
  return u === '' ? number : u === '%' ? `${number}%` : `${number} ${u}`;
}

/** A local date ('YYYY-MM-DD') as read in a sentence: "18 Nov 2026". */
export function dayMonth(date: string): string {
  const parts = plainDate(date);
  // 'd MMM yyyy' (en-US), written out: wins and deliveries name tens of thousands of dates.
  return parts ? `${parts[2]} ${MONTHS[parts[1] - 1]} ${parts[0]}` : format(parseISO(date), 'd MMM yyyy');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A run of local days ('YYYY-MM-DD', both included), such as a week, by its dates: "9–15 Mar 2026",
 * "30 Mar – 5 Apr 2026", "29 Dec 2025 – 4 Jan 2026".
 */
export function dayRange(first: string, last: string): string {
  const a = parseISO(first);
  const b = parseISO(last);
  if (format(a, 'yyyy') !== format(b, 'yyyy')) return `${dayMonth(first)} – ${dayMonth(last)}`;
  if (format(a, 'MMM') !== format(b, 'MMM')) return `${format(a, 'd MMM')} – ${dayMonth(last)}`;
  return `${format(a, 'd')}–${dayMonth(last)}`;
}

/** A quarter's label as a reader says it: '2026-Q4' reads "Q4 2026". Anything else is returned as is. */
export const quarterName = (label: string): string => label.replace(/^(\d{4})-Q([1-4])$/, 'Q$2 $1');

/**
 * Why a number is not shown, as the app's pages say it: "too few items (4) for a P50; 5 needed", or with
 * what the items had to be, "too few items (3) done in the trailing window for a service level
 * expectation; 10 needed".
 */
export const tooFewItems = (n: number, needed: number, forWhat: string, which = ''): string =>
  `too few items (${n})${which ? ` ${which}` : ''} for ${forWhat}; ${needed} needed`;

/**
 * Why two numbers are not compared, as the app's pages say it: "too few items to compare (4 now, 3 in
 * Q3 2026; 5 needed on each side)". `where` says where the number before comes from ("in Q3 2026").
 */
export const tooFewToCompare = (now: number, before: number, where: string, needed: number): string =>
  `too few items to compare (${now} now, ${before} ${where}; ${needed} needed on each side)`;

/** A sentence's first letter in capitals. */
export const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
