/**
 * The values exactly at, and just either side of, every band edge of the default health thresholds and
 * every win threshold (docs/metrics.md, "Edges and thresholds"). Each row is worked by hand and computed
 * through the real calculators: the Monte Carlo forecast, scope change, flow metrics, the health
 * dimensions and rating, and the engine's wins. Numbers, ratings, ids and dates are checked, never the
 * wording of a reason or of a win's evidence.
 */
import type { EngineInput, MetricsResult } from '../../src/domain/engine';
import { Facts } from '../../src/domain/facts';
import { flowMetrics, metricsClock } from '../../src/domain/flow-metrics';
import { monteCarlo } from '../../src/domain/forecast';
import {
  agingDimension,
  blockedDimension,
  computeHealth,
  scheduleDimension,
  scopeGrowthDimension,
  type Dimension,
  type ScheduleInput,
} from '../../src/domain/health';
import type { Random } from '../../src/domain/random';
import { scopeChange } from '../../src/domain/schedule';
import { backOnTrack, type HistoryPoint, type Win } from '../../src/domain/wins';
import type { WorkItem } from '../../src/domain/work-item';
import { runEngine, THRESHOLDS } from '../builders/metrics';
import { buildGoal, buildProject } from '../builders/pmo';
import { buildItem, doneItem, epicsDueInMay } from '../builders/work-item';

const DAY = 86_400_000;
const noon = (date: string) => `${date}T12:00:00Z`;
const iso = (ms: number) => new Date(ms).toISOString();
const addDays = (date: string, n: number) => iso(Date.parse(noon(date)) + n * DAY).slice(0, 10);
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
/**
 * A percent computed from counts: exactly the limit at a band edge (20 is 20, not 19.999…), and within
 * floating-point rounding of the hand-computed value beside it (199 / 1,000 × 100 is 19.900000000000002).
 */
const expectPercent = (received: number | null, expected: number) => {
  if (Number.isInteger(expected)) expect(received).toBe(expected);
  else expect(received).toBeCloseTo(expected, 9);
};

// ---------------------------------------------------------------------------------------------------
// Health: now is Wednesday 15 April 2026, 10:00 in London.

const TZ = 'Europe/London';
const NOW = Date.parse('2026-04-15T09:00:00Z');
const TODAY = '2026-04-15';

/** A schedule with a 100% forecast by 30 June, so only a red risk signal can lower the rating. */
const sure: ScheduleInput = {
  done: false,
  finishedOn: null,
  target: '2026-06-30',
  today: TODAY,
  probability: 100,
  p85: '2026-05-01',
  slipDays: -60,
  noThroughput: false,
};
const noTarget: ScheduleInput = { ...sure, target: null, probability: null, p85: null, slipDays: null };

/** The rating beside a green schedule, and with no target date (the risk signals alone, at most amber). */
const ratings = (signal: Dimension) => [
  computeHealth([scheduleDimension(sure, THRESHOLDS), signal]).computed,
  computeHealth([scheduleDimension(noTarget, THRESHOLDS), signal]).computed,
];

describe('schedule: P(finish by target), green from 70%, amber from 40%', () => {
  /**
   * 1 item remains; the samples [1, 0] have one zero day in two. Each trial draws how many zero days come
   * first (u = 0: none, so it finishes on day 1, today; u = 0.5: one, day 2, tomorrow) and then the day
   * with throughput. The first `onTime` trials draw u = 0, the others 0.5; the target is today.
   */
  const chance = (onTime: number) => {
    let call = 0;
    const random: Random = () => {
      const trial = Math.floor(call / 2);
      const first = call % 2 === 0;
      call += 1;
      return first && trial >= onTime ? 0.5 : 0;
    };
    const forecast = monteCarlo({
      remaining: 1,
      samples: [1, 0],
      samplesFrom: 'scope',
      today: TODAY,
      target: TODAY,
      random,
    });
    if (forecast.state !== 'forecast') throw new Error(`no forecast: ${forecast.state}`);
    return forecast;
  };

  it.each([
    [7_001, 70.01, 'green'],
    [7_000, 70, 'green'],
    [6_999, 69.99, 'amber'],
    [4_001, 40.01, 'amber'],
    [4_000, 40, 'amber'],
    [3_999, 39.99, 'red'],
  ])('%i of 10,000 trials by the target = %d%%: %s', (onTime, probability, rating) => {
    const forecast = chance(onTime);
    expectPercent(forecast.probability, probability);
    const schedule = scheduleDimension(
      { ...sure, target: TODAY, probability: forecast.probability, p85: forecast.p85, slipDays: null },
      THRESHOLDS,
    );
    expect(schedule.rating).toBe(rating);
    expectPercent(schedule.value, probability);
    // The rating is the schedule's band.
    expect(computeHealth([schedule]).computed).toBe(rating);
  });

  it.each([
    ['the day after today', addDays(TODAY, 1), 100, 'green', 100],
    ['today: the target day still counts as before it', TODAY, 100, 'green', 100],
    ['yesterday: past the target and not done', addDays(TODAY, -1), 0, 'red', null],
  ])(
    'a target date %s (every trial finishes today: %i%% by then): %s',
    (_, target, chanceBy, rating, value) => {
      const forecast = monteCarlo({
        remaining: 1,
        samples: [1],
        samplesFrom: 'scope',
        today: TODAY,
        target,
        random: () => 0,
      });
      if (forecast.state !== 'forecast') throw new Error(`no forecast: ${forecast.state}`);
      expect([forecast.p85, forecast.probability]).toEqual([TODAY, chanceBy]);
      const schedule = scheduleDimension(
        { ...sure, target, probability: forecast.probability, p85: forecast.p85, slipDays: null },
        THRESHOLDS,
      );
      expect([schedule.rating, schedule.value]).toEqual([rating, value]);
    },
  );
});

describe('scope growth: green up to 20%, amber up to 50%, red above', () => {
  /** 1,000 items under E-1 by 1 March 2026 (the baseline date) and `added` created under it later. */
  const growth = (added: number) => {
    const before = times(1_000, () => buildItem({ created: noon('2026-02-10'), parent: 'E-1' }));
    const after = times(added, () => buildItem({ created: noon('2026-03-10'), parent: 'E-1' }));
    const facts = Facts.of([...before, ...after], {
      now: NOW,
      startPolicy: 'first',
      waitStatuses: ['Blocked'],
    });
    return scopeChange({
      facts,
      rows: facts.allRows(),
      directRows: new Set(),
      epicKeys: new Set(['E-1']),
      baselineDate: '2026-03-01',
      baselineAt: Date.parse('2026-03-01T00:00:00Z'),
    });
  };

  it.each([
    [199, 19.9, 'green', 'green', 'green'],
    [200, 20, 'green', 'green', 'green'],
    [201, 20.1, 'amber', 'green', 'amber'],
    [499, 49.9, 'amber', 'green', 'amber'],
    [500, 50, 'amber', 'green', 'amber'],
    [501, 50.1, 'red', 'amber', 'amber'],
  ])(
    '%i added to 1,000 = %d%%: %s; with a green schedule %s, with no target date %s',
    (added, percent, band, scheduled, alone) => {
      const change = growth(added);
      expect(change).toMatchObject({ baseline: 1_000, added, removed: 0 });
      expectPercent(change.percent, percent);
      const signal = scopeGrowthDimension(
        { percent: change.percent, added, baseline: change.baseline, baselineDate: change.baselineDate },
        THRESHOLDS,
      );
      expect(signal.rating).toBe(band);
      expectPercent(signal.value, percent);
      expect(ratings(signal)).toEqual([scheduled, alone]);
    },
  );
});

describe('aging: green up to 15% of the items in progress, amber up to 30%, red above', () => {
  /**
   * 10 items done in the last 90 days after exactly 5 days in progress (SLE = P85 = 5.0 days), and 1,000
   * items in progress: `aging` of them started 10 days ago, `exact` exactly 5 days ago (an age equal to
   * the SLE is not aging), the rest 1 day ago.
   */
  const agingOf = (aging: number, wip = 1_000, exact = 0) => {
    const started = (daysAgo: number) =>
      buildItem({ created: NOW - (daysAgo + 1) * DAY, path: [[NOW - daysAgo * DAY, 'In Progress']] });
    const items = [
      ...times(10, (i) => doneItem(iso(NOW - (20 + i) * DAY), iso(NOW - (15 + i) * DAY))),
      ...times(aging, () => started(10)),
      ...times(exact, () => started(5)),
      ...times(wip - aging - exact, () => started(1)),
    ];
    const facts = Facts.of(items, { now: NOW, startPolicy: 'first', waitStatuses: ['Blocked'] });
    return flowMetrics(facts, facts.allRows(), metricsClock(NOW, TZ, 90)).metrics;
  };

  it.each([
    [149, 14.9, 'green', 'green', 'green'],
    [150, 15, 'green', 'green', 'green'],
    [151, 15.1, 'amber', 'green', 'amber'],
    [299, 29.9, 'amber', 'green', 'amber'],
    [300, 30, 'amber', 'green', 'amber'],
    [301, 30.1, 'red', 'amber', 'amber'],
  ])(
    '%i of 1,000 older than the SLE = %d%%: %s; with a green schedule %s, with no target date %s',
    (aging, share, band, scheduled, alone) => {
      const metrics = agingOf(aging);
      expect([metrics.sle.n, metrics.sle.value, metrics.wip]).toEqual([10, 5, 1_000]);
      expect(metrics.aging.count).toBe(aging);
      expectPercent(metrics.aging.share, share);
      const signal = agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS);
      expect(signal.rating).toBe(band);
      expectPercent(signal.value, share);
      expect(ratings(signal)).toEqual([scheduled, alone]);
    },
  );

  it('an item aged exactly the SLE is not aging: 3 older of 20 (15%) stay green with a 4th at 5.0 days', () => {
    const metrics = agingOf(3, 20, 1);
    expect(metrics.aging).toEqual({ count: 3, share: 15 });
    expect(agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS).rating).toBe('green');
  });
});

describe('blocked: green up to 10% of the items in progress, amber up to 20%, red above', () => {
  /** 1,000 items in progress; `blocked` of them blocked, half in the wait status Blocked, half flagged. */
  const blockedOf = (blocked: number) => {
    const start = NOW - 3 * DAY;
    const items = [
      ...times(blocked, (i) =>
        i % 2 === 0
          ? buildItem({
              created: start - DAY,
              path: [
                [start, 'In Progress'],
                [NOW - DAY, 'Blocked'],
              ],
            })
          : buildItem({ created: start - DAY, path: [[start, 'In Progress']], flagged: [[NOW - DAY, null]] }),
      ),
      ...times(1_000 - blocked, () => buildItem({ created: start - DAY, path: [[start, 'In Progress']] })),
    ];
    const facts = Facts.of(items, { now: NOW, startPolicy: 'first', waitStatuses: ['Blocked'] });
    return flowMetrics(facts, facts.allRows(), metricsClock(NOW, TZ, 90)).metrics;
  };

  it.each([
    [99, 9.9, 'green', 'green', 'green'],
    [100, 10, 'green', 'green', 'green'],
    [101, 10.1, 'amber', 'green', 'amber'],
    [199, 19.9, 'amber', 'green', 'amber'],
    [200, 20, 'amber', 'green', 'amber'],
    [201, 20.1, 'red', 'amber', 'amber'],
  ])(
    '%i of 1,000 flagged or waiting = %d%%: %s; with a green schedule %s, with no target date %s',
    (blocked, share, band, scheduled, alone) => {
      const metrics = blockedOf(blocked);
      expect(metrics.wip).toBe(1_000);
      expect(metrics.blocked.count).toBe(blocked);
      expectPercent(metrics.blocked.share, share);
      const signal = blockedDimension(metrics.blocked, metrics.wip, THRESHOLDS);
      expect(signal.rating).toBe(band);
      expectPercent(signal.value, share);
      expect(ratings(signal)).toEqual([scheduled, alone]);
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// Wins: now is Wednesday 15 July 2026, 12:00 UTC, time zone UTC. 2026-Q2 is the last complete quarter,
// 2026-W28 (Monday 6 to Sunday 12 July) the last complete week.

const JULY = Date.parse('2026-07-15T12:00:00Z');

const inJuly = (input: Partial<Omit<EngineInput, 'facts'>> & { items: readonly WorkItem[] }): MetricsResult =>
  runEngine({ now: JULY, ...input });

const ofKind = (result: MetricsResult, kind: Win['kind']) => result.wins.filter((w) => w.kind === kind);
/** An item done at noon UTC on `date` after `cycle` days (decimals allowed) in progress. */
const doneAfter = (date: string, cycle: number, extra: Parameters<typeof doneItem>[2] = {}) =>
  doneItem(iso(Date.parse(noon(date)) - cycle * DAY), noon(date), extra);

describe('faster flow: P50 at least 20% below the 90 days before, with n >= 10 in both', () => {
  // `before` items done on 10 February after 10.0 days, `recent` on 10 May after `cycle` days: the end of
  // 2026-Q2 and now judge the same two groups, so a win comes twice (dated 30 June and 15 July) or not at all.
  it.each([
    [7.99, 10, 10, 20.1, true],
    [8, 10, 10, 20, true],
    [8.01, 10, 10, 19.9, false],
    [8, 9, 10, 20, false],
    [8, 10, 9, 20, false],
    [8, 11, 11, 20, true],
  ])(
    'P50 %d days against 10.0, n = %i and %i: %d%% faster, a win: %s',
    (cycle, recent, before, drop, win) => {
      const result = inJuly({
        items: [
          ...times(before, () => doneAfter('2026-02-10', 10)),
          ...times(recent, () => doneAfter('2026-05-10', cycle)),
        ],
      });
      const q2 = result.portfolio.quarters.find((q) => q.label === '2026-Q2')!;
      expect([q2.cycleTimeP50.n, q2.cycleTimeP50.value]).toEqual([recent, cycle]);
      expect(((10 - cycle) / 10) * 100).toBeCloseTo(drop, 9);
      const wins = ofKind(result, 'faster-flow');
      expect(wins.map((w) => [w.id, w.date])).toEqual(
        win
          ? [
              ['faster-flow:portfolio:portfolio:2026-Q3', '2026-07-15'],
              ['faster-flow:portfolio:portfolio:2026-Q2', '2026-06-30'],
            ]
          : [],
      );
      for (const w of wins) {
        expect(w.numbers).toMatchObject({
          p50Recent: cycle,
          p50Before: 10,
          nRecent: recent,
          nBefore: before,
        });
        expect(w.numbers['improvement']).toBeCloseTo(drop, 9);
      }
    },
  );
});

describe('throughput record: more than each of the 52 weeks before, at least 5 items and 1.5 x their median', () => {
  /** `n` items done on the Wednesday `weeksBack` weeks before that of 2026-W28 (8 July). */
  const week = (weeksBack: number, n: number) =>
    times(n, () => doneAfter(addDays('2026-07-08', -7 * weeksBack), 1));
  /** 52 weeks of `n` items before 2026-W28. */
  const steady = (n: number) => times(52, (i) => week(i + 1, n)).flat();

  it.each([
    ['nothing before', 5, 0, 0, true, []],
    ['nothing before', 4, 0, 0, false, []],
    ['52 weeks of 4', 6, 4, 4, true, steady(4)],
    ['52 weeks of 4', 5, 4, 4, false, steady(4)],
    ['52 weeks of 6', 9, 6, 6, true, steady(6)],
    ['52 weeks of 6', 8, 6, 6, false, steady(6)],
    ['one week of 7, 26 weeks before', 7, 7, 0, false, week(26, 7)],
    ['one week of 7, 26 weeks before', 8, 7, 0, true, week(26, 7)],
  ])('%s, then a week of %i: best %i, median %i, a record: %s', (_, count, best, median, record, before) => {
    const wins = ofKind(inJuly({ items: [...before, ...week(0, count)] }), 'throughput-record').filter(
      (w) => w.numbers['period'] === '2026-W28',
    );
    expect(wins.map((w) => [w.id, w.date, w.numbers])).toEqual(
      record
        ? [
            [
              'throughput-record:portfolio:portfolio:week:2026-W28',
              '2026-07-12',
              { count, period: '2026-W28', bestBefore: best, medianBefore: median },
            ],
          ]
        : [],
    );
  });
});

describe('predictable quarter: a complete quarter with say/do >= 90% over at least 3 committed epics', () => {
  /** `committed` epics due 15 May 2026 (committed for 2026-Q2 as of 1 April), the first `done` done on 10 May. */
  const quarter = (committed: number, done: number) => {
    const epics = epicsDueInMay(committed, done);
    const project = buildProject({ id: 'p', scope: { epicKeys: epics.map((e) => e.key) } });
    return inJuly({ items: epics, projects: [project] });
  };

  it.each([
    [10, 9, 90, true],
    [9, 8, 88.9, false],
    [20, 18, 90, true],
    [19, 17, 89.5, false],
    [3, 3, 100, true],
    [3, 2, 66.7, false],
    [2, 2, 100, false],
  ])('%i committed, %i done: say/do %d%%, predictable: %s', (committed, done, rate, predictable) => {
    const result = quarter(committed, done);
    const q2 = result.projects[0]!.quarters.find((q) => q.label === '2026-Q2')!;
    expect([q2.current, q2.sayDo.committed, q2.sayDo.done]).toEqual([false, committed, done]);
    // Exactly 90 and 100; the others to the one decimal shown.
    if (Number.isInteger(rate)) expect(q2.sayDo.rate).toBe(rate);
    else expect(q2.sayDo.rate).toBeCloseTo(rate, 1);
    expect(ofKind(result, 'predictable-quarter').map((w) => [w.id, w.date])).toEqual(
      predictable
        ? [
            ['predictable-quarter:portfolio:portfolio:2026-Q2', '2026-06-30'],
            ['predictable-quarter:project:p:2026-Q2', '2026-06-30'],
          ]
        : [],
    );
  });
});

describe('back on track: red or amber for 14 days or more, then green for 14 days', () => {
  /** Daily points: `off` days of `rating` from 1 March, then `green` days of green. */
  const history = (off: number, green: number, rating: 'amber' | 'red' = 'amber'): HistoryPoint[] =>
    [...times(off, () => rating), ...times(green, () => 'green' as const)].map((health, i) => ({
      date: addDays('2026-03-01', i),
      health,
      progress: null,
      throughput28d: 0,
      cycleP50: null,
      forecastP85: null,
      valueToDate: 0,
    }));

  it.each([
    [14, 'amber', 14, '2026-03-15', '2026-03-28'],
    [14, 'red', 14, '2026-03-15', '2026-03-28'],
    [13, 'amber', 20, '2026-03-14', 'none'],
    [14, 'amber', 13, '2026-03-15', 'none'],
    [15, 'amber', 15, '2026-03-16', '2026-03-29'],
  ] as const)('%i days %s, then %i green from %s: a win on %s', (off, rating, green, greenFrom, wonOn) => {
    expect(backOnTrack(history(off, green, rating))).toEqual(
      wonOn === 'none' ? [] : [{ offFrom: '2026-03-01', greenFrom, wonOn }],
    );
  });

  it('in the engine, today’s computed point completes the 14th green day: the win is dated today', () => {
    // Stored: amber from 18 June to 1 July (14 days), green from 2 July to `to`; today, 15 July, is
    // computed green (a 100% chance by 31 December, nothing aging or blocked): the 14th green day.
    const items = [
      // 12 done after 20 days each: an SLE of 20.0 days, so the item in progress since 2 July is not aging.
      ...times(12, (i) => doneAfter(addDays('2026-07-14', -i), 20, { project: 'APP' })),
      buildItem({ project: 'APP', created: noon('2026-07-01'), path: [[noon('2026-07-02'), 'In Progress']] }),
    ];
    const app = buildProject({
      id: 'app',
      name: 'App',
      targetDate: '2026-12-31',
      scope: { projectKeys: ['APP'] },
    });
    const stored = (off: number, green: number) =>
      history(off, green).map((p) => ({ ...p, date: addDays(p.date, 109 + 14 - off) }));
    const run = (off: number) =>
      inJuly({ items, projects: [app], history: new Map([['app', stored(off, 13)]]) });
    expect([stored(14, 13)[0]!.date, stored(14, 13)[26]!.date]).toEqual(['2026-06-18', '2026-07-14']);
    const won = run(14);
    expect(won.historyPoints['app']!.health).toBe('green');
    expect(ofKind(won, 'back-on-track').map((w) => [w.id, w.date, w.numbers])).toEqual([
      [
        'back-on-track:project:app:2026-07-02',
        '2026-07-15',
        { offFrom: '2026-06-18', greenFrom: '2026-07-02' },
      ],
    ]);
    // Amber from 19 June: 13 days off track, no win.
    expect(ofKind(run(13), 'back-on-track')).toEqual([]);
  });
});

describe('value milestone: the value delivered for an active goal within its period reaches each 25% of its target', () => {
  /** A goal with a target of 1,000 EUR, its one PMO project's benefit records (date, amount). */
  const milestones = (records: Array<[string, number]>, end = '2026-12-31') => {
    const goal = buildGoal({
      id: 'g',
      weight: 1,
      period: { start: '2026-01-01', end },
      target: { value: 1_000, unit: 'EUR' },
    });
    const project = buildProject({
      id: 'shop',
      scope: { projectKeys: ['SHOP'] },
      goals: [{ goalId: 'g', level: 3 }],
      benefits: records.map(([date, amount], i) => ({ id: `b${i}`, date, amount, note: '' })),
    });
    const result = inJuly({
      items: [doneAfter('2026-02-10', 3, { project: 'SHOP' })],
      goals: [goal],
      projects: [project],
    });
    return ofKind(result, 'value-milestone')
      .map((w) => [w.numbers['milestone'], w.date, w.numbers['delivered']])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
  };

  it.each([
    [249, []],
    [250, [25]],
    [251, [25]],
    [499, [25]],
    [500, [25, 50]],
    [749, [25, 50]],
    [750, [25, 50, 75]],
    [999, [25, 50, 75]],
    [1_000, [25, 50, 75, 100]],
  ])('one record of %i on 2 March reaches %j', (amount, reached) => {
    expect(milestones([['2026-03-02', amount]])).toEqual(reached.map((m) => [m, '2026-03-02', amount]));
  });

  it('two records: 200 on 2 March and 50 on 3 March reach 25% on 3 March, with 250', () => {
    expect(
      milestones([
        ['2026-03-02', 200],
        ['2026-03-03', 50],
      ]),
    ).toEqual([[25, '2026-03-03', 250]]);
  });

  it.each([
    ['2026-03-02', [[25, '2026-03-02', 250]]],
    ['2026-03-01', []],
  ])('a period ending on %s: a record of 250 dated 2 March counts %j', (end, expected) => {
    expect(milestones([['2026-03-02', 250]], end)).toEqual(expected);
  });
});

describe('delivered on time: the local date of Done on or before the due date', () => {
  const epic = (key: string, done: string) =>
    buildItem({
      key,
      project: 'WEB',
      level: 1,
      due: '2026-05-20',
      created: noon('2026-01-05'),
      path: [
        [noon('2026-02-02'), 'In Progress'],
        [done, 'Done'],
      ],
    });

  it.each([
    ['the day before', noon('2026-05-19'), 'UTC', '2026-05-19', -1, 'early', true],
    ['the due date, 23:59 UTC', '2026-05-20T23:59:00Z', 'UTC', '2026-05-20', 0, 'on-time', true],
    [
      'the due date, 23:30 UTC, which is 00:30 the day after in London',
      '2026-05-20T23:30:00Z',
      TZ,
      '2026-05-21',
      1,
      'late',
      false,
    ],
    ['the day after', noon('2026-05-21'), 'UTC', '2026-05-21', 1, 'late', false],
  ])('done %s (%s, in %s): on %s, slip %i, %s, a win: %s', (_, done, timeZone, date, slip, timing, win) => {
    const web = buildProject({ id: 'web', scope: { epicKeys: ['WEB-1'] } });
    const result = inJuly({ items: [epic('WEB-1', done)], projects: [web], timeZone });
    const row = result.delivered.find((d) => d.id === 'delivered:epic:WEB-1')!;
    expect([row.date, row.slipDays, row.timing, row.win]).toEqual([date, slip, timing, win]);
    expect(ofKind(result, 'delivered').some((w) => w.id === 'delivered:epic:WEB-1')).toBe(win);
  });
});
