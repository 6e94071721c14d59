/**
 * The text report of `pmo-wins metrics`: health as the app shows it (the rating's words, a PMO lead's
 * override, the reasons), a P50 that cannot be compared in the wins page's words, amounts with their
 * currency right-aligned like other numbers.
 */
import { healthLines, quarterComparison, table } from '../../src/cli/metrics-report';
import type { Health } from '../../src/domain/health';
import { buildQuarter } from '../builders/metrics';

const quarter = buildQuarter;

describe('the text report', () => {
  it("prints a PMO project's health as the app shows it: rating, override, reasons", () => {
    const health: Health = {
      rating: 'red',
      computed: 'amber',
      basis: 'schedule',
      reasons: [
        '98% chance to finish by 18 Dec 2026 (P85 forecast 5 Dec 2026, 13 days early)',
        'Scope grew 55% since 5 Jan 2026 (31 items added to 56), over the 50% limit',
      ],
      dimensions: [],
      override: {
        projectId: 'p',
        rating: 'red',
        comment: 'Vendor left',
        by: 'acc',
        at: 0,
        expires: '2026-12-31',
      },
    };
    expect(healthLines('Payments', health)).toEqual([
      '  Payments: Off track (override)',
      '    Set to Off track by a PMO lead until 31 Dec 2026: Vendor left (computed: At risk)',
      '    98% chance to finish by 18 Dec 2026 (P85 forecast 5 Dec 2026, 13 days early)',
      '    Scope grew 55% since 5 Jan 2026 (31 items added to 56), over the 50% limit',
    ]);
    expect(
      healthLines('Shop', { ...health, rating: 'done', computed: 'done', override: null, reasons: [] }),
    ).toEqual(['  Shop: Delivered']);
  });

  it('compares quarters in the words of the wins page, amounts in their currency', () => {
    const short = { k: 50, n: 4, value: null, minSamples: 5 };
    const text = quarterComparison(
      [quarter('2026-Q2'), quarter('2026-Q3', { valueDelivered: 150_000, cycleTimeP50: short })],
      'EUR',
    )!;
    expect(text).toContain('value €150,000 vs €125,000 (+20%)');
    expect(text).toContain('epics 6 vs 6 (no change)');
    expect(text).toContain('on time 75% vs 75% (no change)');
    expect(text).toContain(
      'P50 cycle time: too few items to compare (4 now, 40 in Q2 2026; 5 needed on each side)',
    );
    expect(text).not.toMatch(/n = \d|2026-Q\d/);
  });

  it('right-aligns amounts with their currency, and a percentile left out, like other numbers', () => {
    expect(
      table(
        ['scope', 'value', 'P50'],
        [
          ['A', '€1,250,000', '— (4)'],
          ['B', '€0', '12.5 d'],
        ],
      ).split('\n'),
    ).toEqual([
      'scope       value     P50',
      '-----  ----------  ------',
      'A      €1,250,000   — (4)',
      'B              €0  12.5 d',
    ]);
  });
});
