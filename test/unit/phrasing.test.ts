/**
 * The words and formats every sentence of the app uses (health reasons, wins, the Confluence export and
 * the command line): one function per kind of number, so the same number reads the same everywhere.
 */
import {
  dayMonth,
  dayRange,
  isCurrency,
  money,
  pct,
  quarterName,
  signedChange,
  tooFewItems,
  tooFewToCompare,
} from '../../src/domain/phrasing';

describe('amounts', () => {
  it('in a currency: its symbol, whole, in full', () => {
    expect(money(650_000, 'EUR')).toBe('€650,000');
    expect(money(1_200_000, 'USD')).toBe('$1,200,000');
    expect(money(1_250.5, 'gbp')).toBe('£1,251');
    expect(money(-40_000, 'EUR')).toBe('-€40,000');
    expect(money(5_000, 'CHF')).toMatch(/^CHF\s5,000$/);
  });

  it('in another unit: the number with separators, then the unit', () => {
    expect(money(1_250, 'NPS')).toBe('1,250 NPS');
    expect(money(42.4, 'NPS')).toBe('42 NPS');
    expect(money(40, '%')).toBe('40%');
    expect(money(125_000, null)).toBe('125,000');
    expect(money(125_000)).toBe('125,000');
  });

  it('knows a currency by its ISO code in any case', () => {
    expect([isCurrency('EUR'), isCurrency('usd'), isCurrency('NPS'), isCurrency('%')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('percentages', () => {
  it('to the whole percent, as every cell shows them', () => {
    expect([pct(57.142857), pct(33.333), pct(10.4), pct(69.6), pct(100), pct(0)]).toEqual([
      '57%',
      '33%',
      '10%',
      '70%',
      '100%',
      '0%',
    ]);
    expect(pct(-0.2)).toBe('0%');
    expect(pct(1_234)).toBe('1,234%');
  });
});

describe('dates, weeks and quarters', () => {
  it('a day, and a week by its first and last days', () => {
    expect(dayMonth('2026-11-18')).toBe('18 Nov 2026');
    expect(dayRange('2026-10-19', '2026-10-25')).toBe('19–25 Oct 2026');
    expect(dayRange('2026-03-30', '2026-04-05')).toBe('30 Mar – 5 Apr 2026');
    expect(dayRange('2025-12-29', '2026-01-04')).toBe('29 Dec 2025 – 4 Jan 2026');
  });

  it('a quarter as readers say it', () => {
    expect(quarterName('2026-Q4')).toBe('Q4 2026');
    expect(quarterName('current')).toBe('current');
  });
});

describe('numbers left out', () => {
  it('say how many items there are and how many are needed', () => {
    expect(tooFewItems(4, 5, 'a P50')).toBe('too few items (4) for a P50; 5 needed');
    expect(tooFewItems(3, 10, 'a service level expectation', 'done in the trailing window')).toBe(
      'too few items (3) done in the trailing window for a service level expectation; 10 needed',
    );
    expect(tooFewToCompare(4, 3, 'in Q3 2026', 5)).toBe(
      'too few items to compare (4 now, 3 in Q3 2026; 5 needed on each side)',
    );
  });
});

describe('changes', () => {
  it('signed, to one decimal, in percent or percentage points; under half a unit is no change', () => {
    expect([signedChange(25, 'percent'), signedChange(-7.26, 'percent'), signedChange(10, 'points')]).toEqual(
      ['+25%', '-7.3%', '+10 points'],
    );
    expect([signedChange(0.4, 'percent'), signedChange(-0.3, 'points')]).toEqual(['no change', 'no change']);
  });
});
