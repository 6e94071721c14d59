/**
 * What the downloads hold, apart from the browser that saves them: CSV text and file names. Kept free of
 * the DOM so that code type-checked without it (the unit tests) can import it.
 *
 * Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return)
 * are prefixed with a quote.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title: "PMO wins 2026-Q3" -> "pmo-wins-2026-q3". */
export const fileName = (title: string, extension: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'export'
  }.${extension}`;
