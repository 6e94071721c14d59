/**
 * What a person may type into the PMO model, as plain checks: the backend's schemas are built on them
 * (src/services/configuration/schemas.ts) and a form may use them as they are. No zod here, so the UI can
 * import this module without the weight of a schema library.
 */

/** The largest amount (money, or a count in a target) any field takes, either side of zero: 10 trillion. */
export const MAX_AMOUNT = 1e13;

/** The years a calendar date of the model may fall in. */
export const DATE_YEARS = { first: 1900, last: 2199 } as const;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `text` is not a calendar date `YYYY-MM-DD` the model takes, or undefined when it is one. */
export function calendarDateProblem(text: string): string | undefined {
  const match = DATE_SHAPE.exec(text);
  if (!match) return 'must be a date like 2026-03-31';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return 'is not a real calendar date';
  }
  if (year < DATE_YEARS.first || year > DATE_YEARS.last) {
    return `must be in the years ${DATE_YEARS.first} to ${DATE_YEARS.last}`;
  }
  return undefined;
}

export const isCalendarDate = (text: string): boolean => calendarDateProblem(text) === undefined;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Format characters (Unicode category Cf): zero-width spaces and joiners, bidi controls, tags… */
const FORMAT = /^\p{Cf}$/u;
/** Invisible characters of other categories: separators, fillers and joiners that draw nothing. */
const INVISIBLE = new Set([0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x2028, 0x2029, 0x3164, 0xffa0]);

/**
 * Whether a character does not show, or changes how the text around it shows, so that two names that look
 * the same can differ: controls (C0, DEL, C1), format characters (zero-width spaces and joiners, the soft
 * hyphen, bidirectional embeddings, overrides and isolates, the byte-order mark, tag characters), the line
 * and paragraph separators, Mongolian variation selectors, fillers that draw nothing, and halves of a
 * surrogate pair.
 */
function isHidden(char: string, newlines: boolean): boolean {
  const code = char.codePointAt(0)!;
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) {
    return !(newlines && (code === 0x0a || code === 0x0d));
  }
  return (
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0x180b && code <= 0x180f) ||
    INVISIBLE.has(code) ||
    FORMAT.test(char)
  );
}

/**
 * The first invisible or control character in `text`, as `U+200B`, or undefined when there is none.
 * `newlines` lets line feeds and carriage returns through (multi-line notes); never tabs or anything else.
 */
export function hiddenCharacter(text: string, options: { newlines: boolean }): string | undefined {
  for (const char of text) {
    if (isHidden(char, options.newlines)) {
      return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

/** The message for text that holds such a character. */
export const hiddenCharacterMessage = (codePoint: string) =>
  `contains an invisible or control character (${codePoint})`;

/**
 * A name as it is stored: Unicode NFKC (full-width letters, ligatures and compatibility forms become the
 * plain ones), every run of white space one space, no space at either end.
 */
export function cleanName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** Variation selectors, which change how a character is drawn, not which character it is. */
const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/**
 * The form two names are compared in to decide whether they are the same name: cleaned (see cleanName),
 * case folded (so "Straße" and "STRASSE", "Growth" and "GROWTH" are one name) and without variation
 * selectors. Use it for every uniqueness check, of new names and of stored ones alike.
 */
export function normalizedName(text: string): string {
  return cleanName(text).replace(VARIATION_SELECTORS, '').toUpperCase().toLowerCase().normalize('NFKC');
}

/**
 * Entries of `values` whose normalized names are equal, each with its 1-based positions, in the order the
 * first of each appears.
 */
export function duplicateNames(values: readonly string[]): Array<{ name: string; positions: number[] }> {
  const groups = new Map<string, { name: string; positions: number[] }>();
  values.forEach((value, i) => {
    const key = normalizedName(value);
    const group = groups.get(key);
    if (group) group.positions.push(i + 1);
    else groups.set(key, { name: value, positions: [i + 1] });
  });
  return [...groups.values()].filter((g) => g.positions.length > 1);
}

/** "“Growth” appears twice (goals 1 and 3)": a duplicate and where it is, in words. */
export function duplicateMessage(duplicate: { name: string; positions: number[] }, items: string): string {
  const { name, positions } = duplicate;
  const times = positions.length === 2 ? 'twice' : `${positions.length} times`;
  const where = `${positions.slice(0, -1).join(', ')} and ${positions.at(-1)}`;
  return `“${name}” appears ${times} (${items} ${where})`;
}
