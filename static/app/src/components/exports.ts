/**
 * Downloads from the browser: CSV of a table and PNG of a chart. Cells that a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or carriage return) are prefixed with a quote.
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

export function download(filename: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCsv(
  filename: string,
  header: string[],
  rows: (string | number | null | undefined)[][],
) {
  const url = URL.createObjectURL(
    new Blob(['\ufeff', toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }),
  );
  download(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: "PMO wins 2026-Q3" -> "pmo-wins-2026-q3". */
export const fileName = (title: string, extension: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'export'
  }.${extension}`;
