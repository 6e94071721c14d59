/**
 * Text search for `~` and `!~`, close to what Jira Cloud's index does with a summary.
 *
 * Both sides are split into words at anything that is not a letter or a digit. Every word of the query
 * must match some word of the text, ignoring case:
 * - a word with `*` matches as a wildcard pattern (`check*` matches "checkout", `ch*k` matches "check");
 * - any other word matches a text word that starts with it and is at most two characters longer, a
 *   simple stand-in for Jira's stemming ("refund" matches "refund", "refunds", "refunded").
 *
 * Each query word becomes one regular expression, tried against the text as it is, so matching costs no
 * allocation per issue (no lower-casing, no splitting) and stays cheap over large data sets.
 */

/** Letters and digits make words; anything else separates them. */
const WORD_CHAR = '[\\p{L}\\p{N}]';
const QUERY_WORD = /[\p{L}\p{N}*]+/gu;
/** How many characters a text word may have beyond a query word without a wildcard. */
const STEM_SLACK = 2;

export interface TextQuery {
  /** The query's words, as they will be matched (wildcards kept). */
  words: string[];
  /** Whether every word of the query matches a word of `text`. */
  matches(text: string): boolean;
}

/** Builds a matcher for a `~` value, or returns the problem with it (worded for `field`) as a string. */
export function compileTextQuery(value: string, field: string): TextQuery | string {
  if (value.trim() === '') return `The field '${field}' does not support searching for an empty string.`;
  const words = (value.match(QUERY_WORD) ?? []).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) {
    return `The text query '${value}' for the field '${field}' has no words to search for.`;
  }
  const leading = words.find((word) => word.startsWith('*'));
  if (leading !== undefined) {
    return `The text query '${value}' for the field '${field}' is not allowed to start with a wildcard ('${leading}').`;
  }
  const patterns = [...new Set(words.map((word) => word.toLowerCase()))].map(
    (word) => new RegExp(`(?<!${WORD_CHAR})${wordPattern(word)}(?!${WORD_CHAR})`, 'iu'),
  );
  return {
    words,
    matches: (text) => {
      for (const pattern of patterns) if (!pattern.test(text)) return false;
      return true;
    },
  };
}

/** One query word as a pattern for one text word (letters and digits need no escaping). */
function wordPattern(word: string): string {
  if (word.includes('*')) return word.replace(/\*+/g, `${WORD_CHAR}*`);
  return `${word}${WORD_CHAR}{0,${STEM_SLACK}}`;
}
