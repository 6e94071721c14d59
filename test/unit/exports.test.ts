import { csvCell, fileName, toCsv } from '../../static/app/src/components/exportData';

describe('CSV export', () => {
  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('keeps numbers, including negative ones, as numbers', () => {
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, and ends rows with CRLF', () => {
    expect(toCsv(['Win', 'Note'], [['Faster, better', 'said "yes"\nthen']])).toBe(
      'Win,Note\r\n"Faster, better","said ""yes""\nthen"\r\n',
    );
  });

  it('names files from titles', () => {
    expect(fileName('PMO wins 2026-Q3', 'csv')).toBe('pmo-wins-2026-q3.csv');
    expect(fileName('***', 'png')).toBe('export.png');
  });
});
