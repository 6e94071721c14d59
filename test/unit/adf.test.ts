import type { WinsPageData } from '../../src/contract';
import { buildQuarter } from '../builders/metrics';
import { headlineRows, winsAdf, winsStorage } from '../../src/services/publish/adf';
import { DEFAULT_MACRO_CONFIG, readMacroConfig } from '../../src/contract/config';

const quarter = buildQuarter;

const data = (): WinsPageData => ({
  quarter: '2026-Q3',
  quarters: ['2026-Q2', '2026-Q3'],
  scope: { kind: 'portfolio', id: 'portfolio', name: 'Portfolio' },
  goalProgress: null,
  current: quarter('2026-Q3'),
  previous: quarter('2026-Q2', { epicsDelivered: 2, onTime: { onTime: 1, withDate: 2, rate: 50 } }),
  series: [],
  projects: [],
  hidden: 1,
  delivered: [],
  wins: [
    {
      id: 'delivered:project:p1',
      kind: 'delivered',
      title: 'Checkout <rebuilt> & shipped',
      originalTitle: 'Checkout delivered',
      date: '2026-08-14',
      evidence: 'Delivered on 14 Aug 2026: 48 items in 4 epics',
      numbers: {},
      scope: { kind: 'project', id: 'p1', name: 'Checkout' },
      projectIds: ['p1'],
      goalIds: [],
      jiraProjects: [],
      featured: true,
      hidden: false,
      note: 'Board review',
      curationVersion: 3,
      redacted: false,
      namesIssues: false,
    },
    {
      id: 'hidden-one',
      kind: 'faster-flow',
      title: 'Hidden win',
      originalTitle: null,
      date: '2026-08-01',
      evidence: 'x',
      numbers: {},
      scope: { kind: 'portfolio', id: 'portfolio', name: 'Portfolio' },
      projectIds: [],
      goalIds: [],
      jiraProjects: [],
      featured: false,
      hidden: true,
      note: '',
      curationVersion: null,
      redacted: false,
      namesIssues: false,
    },
  ],
});

describe('the wins page for Confluence export and publishing', () => {
  it('states the headline numbers of a complete quarter against the whole quarter before', () => {
    expect(headlineRows(data())).toEqual([
      ['Value delivered', '125,000', '125,000 in Q2 2026 (no change)'],
      ['PMO projects delivered', '1', '1 in Q2 2026 (no change)'],
      ['Epics delivered', '6', '2 in Q2 2026 (+200%)'],
      ['On time', '75% (3 of 4)', '50% (1 of 2) in Q2 2026 (+25 points)'],
      ['Predictability (say/do)', '80% (4 of 5)', '80% (4 of 5) in Q2 2026 (no change)'],
      ['Cycle time P50 (days)', '4.3', '4.3 in Q2 2026 (no change)'],
    ]);
  });

  it('compares the counts of a partial quarter with the same point of the quarter before, rates with all of it', () => {
    const partial = {
      ...data(),
      current: quarter('2026-Q3', {
        current: true,
        valueDelivered: 60_000,
        epicsDelivered: 3,
        cycleTimeP50: { k: 50, n: 4, value: null, minSamples: 5 },
        samePointBefore: {
          label: '2026-Q2',
          from: 0,
          to: 1,
          elapsedDays: 61.4,
          capped: false,
          throughput: 20,
          epicsDelivered: 2,
          projectsDelivered: 0,
          valueDelivered: 48_000,
        },
      }),
    };
    expect(headlineRows(partial, 'EUR')).toEqual([
      ['Value delivered', '€60,000', '€48,000 by the same point of Q2 2026 (+25%)'],
      ['PMO projects delivered', '1', '0 by the same point of Q2 2026'],
      ['Epics delivered', '3', '2 by the same point of Q2 2026 (+50%)'],
      ['On time', '75% (3 of 4)', '50% (1 of 2) in Q2 2026 (+25 points)'],
      ['Predictability (say/do)', '80% (4 of 5)', '80% (4 of 5) in Q2 2026 (no change)'],
      [
        'Cycle time P50 (days)',
        '— too few items (4) for a P50; 5 needed',
        '4.3 in Q2 2026; too few items to compare (4 now, 40 in Q2 2026; 5 needed on each side)',
      ],
    ]);
    const xhtml = winsStorage(partial, 'PMO wins', null);
    expect(xhtml).toContain('<th>Q3 2026 so far</th><th>Compared with Q2 2026</th>');
    expect(xhtml).toContain('Portfolio · Q3 2026 (quarter to date)');
    expect(xhtml).toContain('<h3>Wins in Q3 2026</h3>');
  });

  it("states a goal's progress to its target with the goal's period", () => {
    const goal = {
      ...data(),
      scope: { kind: 'goal' as const, id: 'g', name: 'Grow online revenue' },
      goalProgress: {
        target: { value: 50_000, unit: 'EUR' },
        period: { start: '2026-01-01', end: '2026-12-31' },
        valueInPeriod: 30_000,
        targetPercent: 60,
      },
    };
    const line =
      "Progress to the goal's target: €30,000 of €50,000 (60%), value delivered within 1 Jan 2026 – 31 Dec 2026.";
    expect(winsStorage(goal, 'PMO wins', null)).toContain(
      `<p>${line.replace("'", '&#39;')}</p>`.replace('&#39;', "'"),
    );
    expect(JSON.stringify(winsAdf(goal, DEFAULT_MACRO_CONFIG, null))).toContain(line);
    // Amounts are in the goal's currency, whatever the app's first currency is.
    expect(headlineRows(goal, 'USD')[0]).toEqual([
      'Value delivered',
      '€125,000',
      '€125,000 in Q2 2026 (no change)',
    ]);
  });

  it('says in words why a P50 is left out: too few items, in either quarter', () => {
    const short = (n: number) => ({ k: 50, n, value: null, minSamples: 5 });
    const page = {
      ...data(),
      current: quarter('2026-Q3', { cycleTimeP50: short(4) }),
      previous: quarter('2026-Q2', { cycleTimeP50: short(3) }),
    };
    expect(headlineRows(page).at(-1)).toEqual([
      'Cycle time P50 (days)',
      '— too few items (4) for a P50; 5 needed',
      '— in Q2 2026; too few items to compare (4 now, 3 in Q2 2026; 5 needed on each side)',
    ]);
    const before = { ...page, current: quarter('2026-Q3') };
    expect(headlineRows(before).at(-1)).toEqual([
      'Cycle time P50 (days)',
      '4.3',
      '— in Q2 2026; too few items to compare (40 now, 3 in Q2 2026; 5 needed on each side)',
    ]);
    const json = JSON.stringify(winsAdf(page, DEFAULT_MACRO_CONFIG, null));
    expect(json).toContain('— too few items (4) for a P50; 5 needed');
    expect(json).not.toMatch(/n = \d|not enough data/);
  });

  it('renders ADF with the table and the visible wins only', () => {
    const doc = winsAdf(data(), readMacroConfig({ title: 'Q3 review' }), Date.parse('2026-09-30T12:00:00Z'));
    const json = JSON.stringify(doc);
    expect(doc).toMatchObject({ type: 'doc', version: 1 });
    expect(json).toContain('"text":"Q3 review"');
    expect(json).toContain('"type":"table"');
    expect(json).toContain('Checkout <rebuilt> & shipped');
    expect(json).toContain(' (14 Aug 2026, featured): Delivered on 14 Aug 2026: 48 items in 4 epics');
    expect(json).not.toContain('Hidden win');
    expect(json).toContain('Numbers from Jira as of 2026-09-30 12:00 UTC.');
  });

  it('follows the macro configuration: headline only leaves the wins out', () => {
    const json = JSON.stringify(winsAdf(data(), { ...DEFAULT_MACRO_CONFIG, show: 'headline' }, null));
    expect(json).toContain('"type":"table"');
    expect(json).not.toContain('Checkout');
  });

  it('lists every delivery of the quarter, late ones too, with its slip', () => {
    const late = {
      id: 'w-0123456789abcdef0123',
      title: 'An epic of Checkout delivered, 83 days late',
      date: '2026-08-20',
      evidence:
        'Delivered with 12 items, 83 days late. Its key and summary are hidden: Jira does not show it to you.',
      due: '2026-05-29',
      slipDays: 83,
      timing: 'late' as const,
      win: false,
      items: 12,
      numbers: {},
      scope: { kind: 'epic' as const, id: '', name: 'An epic you cannot see' },
      projectIds: ['p1'],
      goalIds: [],
      jiraProjects: [],
      redacted: true,
    };
    const page = { ...data(), delivered: [late] };
    const xhtml = winsStorage(page, 'PMO wins', null);
    expect(xhtml).toContain('<h3>Delivered in Q3 2026</h3>');
    expect(xhtml).toContain(
      '<li><strong>An epic of Checkout delivered, 83 days late</strong> (20 Aug 2026): ',
    );
    const adf = JSON.stringify(winsAdf(page, DEFAULT_MACRO_CONFIG, null));
    expect(adf).toContain('An epic of Checkout delivered, 83 days late');
    expect(adf).toContain('Delivered in Q3 2026');
    expect(JSON.stringify(winsAdf(data(), DEFAULT_MACRO_CONFIG, null))).toContain(
      'Nothing delivered in this quarter yet.',
    );
    expect(JSON.stringify(winsAdf(page, { ...DEFAULT_MACRO_CONFIG, show: 'headline' }, null))).not.toContain(
      'Delivered in',
    );
  });

  it('says so when there are no numbers yet', () => {
    expect(JSON.stringify(winsAdf(null, DEFAULT_MACRO_CONFIG, null))).toContain('no numbers yet');
  });

  it('escapes storage format', () => {
    const xhtml = winsStorage(data(), 'PMO wins <Q3>', null);
    expect(xhtml).toContain('<h2>PMO wins &lt;Q3&gt;</h2>');
    expect(xhtml).toContain('<strong>Checkout &lt;rebuilt&gt; &amp; shipped</strong>');
    expect(xhtml).not.toContain('Hidden win');
  });

  it('a macro shows the last complete quarter unless told otherwise, also one saved before that choice', () => {
    expect(DEFAULT_MACRO_CONFIG.quarter).toBe('previous');
    expect(readMacroConfig({}).quarter).toBe('previous');
    expect(readMacroConfig({ quarter: null }).quarter).toBe('previous');
    expect(readMacroConfig({ quarter: 'current' }).quarter).toBe('current');
  });

  it('reads a macro configuration defensively', () => {
    expect(readMacroConfig({ goalId: 'BAD ID', quarter: 'Q3', show: 'everything', title: '  ' })).toEqual(
      DEFAULT_MACRO_CONFIG,
    );
    expect(readMacroConfig({ goalId: 'goal-1', quarter: '2026-Q3', show: 'wins', title: 'Review' })).toEqual({
      goalId: 'goal-1',
      quarter: '2026-Q3',
      show: 'wins',
      title: 'Review',
    });
  });
});
