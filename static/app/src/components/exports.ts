import { toCsv } from './exportData';

/** Downloads from the browser: CSV of a table and PNG of a chart. */
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
