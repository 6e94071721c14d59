/**
 * Wins v2 (METRICS-SPEC "Wins", precise rules 25-29 and 34): each threshold worked by hand on both sides,
 * through the engine. Now is Wednesday 15 July 2026, 12:00 UTC; the time zone is UTC, so 2026-Q2 (1 April
 * to 30 June) is the last complete quarter and 2026-W28 (Monday 6 to Sunday 12 July) the last complete week.
 */
import type { MetricsResult } from '../../src/domain/engine';
import { isPredictable, isThroughputRecord, type Win } from '../../src/domain/wins';
import type { WorkItem } from '../../src/domain/work-item';
import { DAY, buildGoal, iso, runEngine, t } from '../builders/metrics';
import { buildProject } from '../builders/pmo';
import { buildItem, doneItem, epicsDueInMay } from '../builders/work-item';

const NOW = t('2026-07-15T12:00:00Z');
const noon = (date: string) => `${date}T12:00:00Z`;
const addDays = (date: string, n: number) => iso(t(noon(date)) + n * DAY).slice(0, 10);
const times = (n: number, make: (i: number) => WorkItem): WorkItem[] =>
  Array.from({ length: n }, (_, i) => make(i));
/** An item done at noon on `date` after `cycle` days in progress. */
const done = (date: string, cycle: number, extra: Parameters<typeof doneItem>[2] = {}) =>
  doneItem(iso(t(noon(date)) - cycle * DAY), noon(date), extra);
const ofKind = (result: MetricsResult, kind: Win['kind']) => result.wins.filter((w) => w.kind === kind);

describe('faster flow (rule 27): P50 at least 20% below the 90 days before, n >= 10 in both', () => {
  // Judged at the end of 2026-Q2 (1 July 00:00): the last 90 days are [2 April, 1 July), the 90 days
  // before them [2 January, 2 April). Judged now: [16 April, 15 July 12:00) against [16 January, 16 April).
  // 10 items done on 10 February after 10 days (P50 10.0) and `recent` items on 10 May after `cycle` days:
  // both judgements see the same two groups.
  const run = (recent: number, cycle: number, before = 10) =>
    runEngine({
      now: NOW,
      items: [
        ...times(before, () => done('2026-02-10', 10)),
        ...times(recent, () => done('2026-05-10', cycle)),
      ],
    });

  it('exactly 20% faster (10.0 -> 8.0 days) is a win, at the end of the quarter and now', () => {
    const wins = ofKind(run(10, 8), 'faster-flow');
    expect(wins.map((w) => [w.id, w.date, w.title])).toEqual([
      ['faster-flow:portfolio:portfolio:2026-Q3', '2026-07-15', 'Portfolio: 20% faster cycle time'],
      ['faster-flow:portfolio:portfolio:2026-Q2', '2026-06-30', 'Portfolio: 20% faster cycle time'],
    ]);
    expect(wins[1]!.numbers).toMatchObject({ p50Recent: 8, p50Before: 10, nRecent: 10, nBefore: 10 });
  });

  it('tells its evidence in plain words: the P50s, the windows by their dates and how many items', () => {
    const [now, atQuarterEnd] = ofKind(run(12, 8), 'faster-flow');
    expect(atQuarterEnd!.evidence).toBe(
      'P50 cycle time 8.0 days over the 90 days to 30 Jun 2026 (12 items), down from 10.0 days the 90 days before (10 items)',
    );
    expect(now!.evidence).toBe(
      'P50 cycle time 8.0 days over the 90 days to 15 Jul 2026 (12 items), down from 10.0 days the 90 days before (10 items)',
    );
    expect(atQuarterEnd!.evidence).not.toMatch(/n = /);
  });

  it('19% faster (10.0 -> 8.1 days) is not', () => {
    expect(ofKind(run(10, 8.1), 'faster-flow')).toEqual([]);
  });

  it('n = 9 in either window is not enough; n = 10 is', () => {
    expect(ofKind(run(9, 5), 'faster-flow')).toEqual([]);
    expect(ofKind(run(10, 5, 9), 'faster-flow')).toEqual([]);
    expect(ofKind(run(10, 5), 'faster-flow').map((w) => w.numbers['improvement'])).toEqual([50, 50]);
  });

  it('is found for active goals only, besides every PMO project and the portfolio (rule 26)', () => {
    const items = [
      ...times(10, () => done('2026-02-10', 10, { project: 'APP' })),
      ...times(10, () => done('2026-05-10', 8, { project: 'APP' })),
    ];
    const active = buildGoal({ id: 'g-active', name: 'Active goal' });
    const draft = buildGoal({ id: 'g-draft', name: 'Draft goal', status: 'draft' });
    const app = buildProject({
      id: 'app',
      name: 'App',
      scope: { projectKeys: ['APP'] },
      goals: [
        { goalId: 'g-active', level: 2 },
        { goalId: 'g-draft', level: 2 },
      ],
    });
    const result = runEngine({ now: NOW, items, goals: [active, draft], projects: [app] });
    expect(ofKind(result, 'faster-flow').map((w) => w.id)).toEqual([
      'faster-flow:goal:g-active:2026-Q3',
      'faster-flow:portfolio:portfolio:2026-Q3',
      'faster-flow:project:app:2026-Q3',
      'faster-flow:goal:g-active:2026-Q2',
      'faster-flow:portfolio:portfolio:2026-Q2',
      'faster-flow:project:app:2026-Q2',
    ]);
  });
});

describe('throughput record (rule 28): more than each of the 52 weeks before, >= 5 items, >= 1.5 x their median', () => {
  /** `n` items done on the Wednesday of the week `weeksBack` weeks before 2026-W28 (Monday 6 July). */
  const week = (weeksBack: number, n: number) =>
    times(n, () => done(addDays('2026-07-08', -7 * weeksBack), 1));
  const records = (items: WorkItem[]) => ofKind(runEngine({ now: NOW, items }), 'throughput-record');

  it('a first week of exactly 5 items is a record: the weeks before the first item count as 0', () => {
    expect(records(week(0, 5)).map((w) => [w.id, w.date, w.title, w.numbers])).toEqual([
      [
        'throughput-record:portfolio:portfolio:week:2026-W28',
        '2026-07-12',
        'Portfolio: record week, 5 items done',
        { count: 5, period: '2026-W28', bestBefore: 0, medianBefore: 0 },
      ],
    ]);
    expect(records(week(0, 4))).toEqual([]);
  });

  it('names the week by its dates, not its ISO number', () => {
    const steady = Array.from({ length: 52 }, (_, i) => week(i + 1, 4)).flat();
    const [win] = records([...steady, ...week(0, 6)]);
    expect(win!.evidence).toBe(
      '6 items done in the week of 6–12 Jul 2026, more than in any of the 52 weeks before it (the best of them had 4 items, the median week 4)',
    );
    // A week across two months, and one across two years.
    expect(records(week(1, 5))[0]!.evidence).toMatch(/^5 items done in the week of 29 Jun – 5 Jul 2026, /);
    expect(records(week(27, 5))[0]!.evidence).toMatch(
      /^5 items done in the week of 29 Dec 2025 – 4 Jan 2026, /,
    );
  });

  it('exactly 1.5 x the median of the 52 weeks before is a record (6 over weeks of 4); 5 is not', () => {
    const steady = Array.from({ length: 52 }, (_, i) => week(i + 1, 4)).flat();
    expect(records([...steady, ...week(0, 6)]).map((w) => [w.id, w.numbers])).toEqual([
      [
        'throughput-record:portfolio:portfolio:week:2026-W28',
        { count: 6, period: '2026-W28', bestBefore: 4, medianBefore: 4 },
      ],
    ]);
    // 5 beats every week before and has 5 items, but 5 < 1.5 x 4.
    expect(records([...steady, ...week(0, 5)])).toEqual([]);
  });

  it('must beat every week of the 52 before it, not tie', () => {
    expect(records([...week(30, 6), ...week(0, 6)]).map((w) => w.id)).toEqual([
      'throughput-record:portfolio:portfolio:week:2025-W50',
    ]);
    // 52 weeks back (2025-W28) is the first of the 52 before 2026-W28: a tie there, too.
    expect(records([...week(52, 6), ...week(0, 6)]).map((w) => w.id)).toEqual([
      'throughput-record:portfolio:portfolio:week:2025-W28',
    ]);
    // 53 weeks back is outside them: both weeks are records.
    expect(records([...week(53, 6), ...week(0, 6)]).map((w) => w.id)).toEqual([
      'throughput-record:portfolio:portfolio:week:2026-W28',
      'throughput-record:portfolio:portfolio:week:2025-W27',
    ]);
  });

  it('the median is nearest-rank over the 52 weeks, zero weeks included', () => {
    // 26 weeks of 4 and 26 of 0: rank ceil(0.5 x 52) = 26 of the ascending counts is 0.
    const half = Array.from({ length: 26 }, (_, i) => week(i + 1, 4)).flat();
    expect(isThroughputRecord(5, [...Array<number>(26).fill(4), ...Array<number>(26).fill(0)])).toBe(true);
    expect(records([...half, ...week(0, 5)]).map((w) => w.numbers['medianBefore'])).toEqual([0]);
    // 27 weeks of 4: the 26th count is 4, and 5 < 6.
    expect(isThroughputRecord(5, [...Array<number>(27).fill(4), ...Array<number>(25).fill(0)])).toBe(false);
  });
});

describe('predictable quarter: a complete quarter with say/do >= 90% over >= 3 committed epics', () => {
  /** `committed` epics due 15 May 2026 (so committed for 2026-Q2), the first `delivered` done on 10 May. */
  const quarter = (committed: number, delivered: number) => {
    const epics = epicsDueInMay(committed, delivered);
    const project = buildProject({
      id: 'p',
      name: 'Platform',
      scope: { epicKeys: epics.map((e) => e.key) },
    });
    const result = runEngine({ now: NOW, items: epics, projects: [project] });
    const q2 = result.projects[0]!.quarters.find((q) => q.label === '2026-Q2')!;
    return { sayDo: q2.sayDo, wins: ofKind(result, 'predictable-quarter').map((w) => w.id) };
  };

  it('3 of 3 committed epics is predictable; 2 of 2 is too few', () => {
    expect(quarter(3, 3)).toEqual({
      sayDo: { committed: 3, done: 3, rate: 100 },
      wins: ['predictable-quarter:portfolio:portfolio:2026-Q2', 'predictable-quarter:project:p:2026-Q2'],
    });
    expect(quarter(2, 2)).toEqual({ sayDo: { committed: 2, done: 2, rate: 100 }, wins: [] });
  });

  it('18 of 20 (90%) is predictable; 17 of 19 (89.47%) is not', () => {
    expect(quarter(20, 18).wins).toEqual([
      'predictable-quarter:portfolio:portfolio:2026-Q2',
      'predictable-quarter:project:p:2026-Q2',
    ]);
    const below = quarter(19, 17);
    expect(below.sayDo.rate).toBeCloseTo(89.474, 3);
    expect(below.wins).toEqual([]);
    expect(isPredictable({ committed: 10, done: 9 })).toBe(true);
  });

  it('names the quarter as readers say it', () => {
    const epics = times(3, (i) =>
      buildItem({
        key: `E-${i + 1}`,
        project: 'E',
        level: 1,
        created: noon('2026-01-05'),
        due: '2026-05-15',
        path: [
          [noon('2026-03-02'), 'In Progress'],
          [noon('2026-05-10'), 'Done'],
        ],
      }),
    );
    const project = buildProject({ id: 'p', name: 'Platform', scope: { epicKeys: ['E-1', 'E-2', 'E-3'] } });
    const win = ofKind(
      runEngine({ now: NOW, items: epics, projects: [project] }),
      'predictable-quarter',
    ).find((w) => w.scope.kind === 'project')!;
    expect([win.title, win.evidence]).toEqual([
      'Platform: 100% say/do in Q2 2026',
      '3 of the 3 epics due in Q2 2026 when it began were done by its end',
    ]);
  });
});

describe('delivered on time (rule 25) and the Delivered list', () => {
  const epic = (key: string, due: string | null, doneOn: string, project = 'WEB') =>
    buildItem({
      key,
      project,
      level: 1,
      summary: `Epic ${key}`,
      due,
      created: noon('2026-01-05'),
      path: [
        [noon('2026-02-02'), 'In Progress'],
        [noon(doneOn), 'Done'],
      ],
    });

  it('on time and early are wins; late and no due date are delivered only; other epics are neither', () => {
    const items = [
      epic('WEB-1', '2026-05-20', '2026-05-20'), // on the day: on time
      epic('WEB-2', '2026-05-20', '2026-05-18'), // early by 2 days
      epic('WEB-3', '2026-05-20', '2026-06-12'), // 23 days late
      epic('WEB-4', null, '2026-05-25'), // no due date
      epic('OPS-1', '2026-05-20', '2026-05-01', 'OPS'), // in the portfolio, in no PMO project
    ];
    const web = buildProject({
      id: 'web',
      name: 'Web',
      scope: { epicKeys: ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4'] },
    });
    const result = runEngine({ now: NOW, items, projects: [web], portfolioProjects: ['OPS'] });
    // The PMO project's target is its epics' latest due date, 20 May; it finished with WEB-3 on 12 June.
    expect(result.delivered.map((d) => [d.id, d.title, d.due, d.slipDays, d.timing, d.win])).toEqual([
      ['delivered:epic:WEB-3', 'WEB-3 Epic WEB-3 delivered, 23 days late', '2026-05-20', 23, 'late', false],
      ['delivered:project:web', 'Web delivered, 23 days late', '2026-05-20', 23, 'late', false],
      ['delivered:epic:WEB-4', 'WEB-4 Epic WEB-4 delivered', null, null, 'no-date', false],
      ['delivered:epic:WEB-1', 'WEB-1 Epic WEB-1 delivered, on time', '2026-05-20', 0, 'on-time', true],
      [
        'delivered:epic:WEB-2',
        'WEB-2 Epic WEB-2 delivered, early by 2 days',
        '2026-05-20',
        -2,
        'early',
        true,
      ],
    ]);
    expect(ofKind(result, 'delivered').map((w) => [w.id, w.title])).toEqual([
      ['delivered:epic:WEB-1', 'WEB-1 Epic WEB-1 delivered, on time'],
      ['delivered:epic:WEB-2', 'WEB-2 Epic WEB-2 delivered, early by 2 days'],
    ]);
  });

  it('a PMO project done without a target date is a win, "delivered"', () => {
    const items = [epic('APP-1', null, '2026-06-03', 'APP')];
    const app = buildProject({ id: 'app', name: 'App', scope: { epicKeys: ['APP-1'] } });
    const result = runEngine({ now: NOW, items, projects: [app] });
    expect(result.delivered.map((d) => [d.id, d.title, d.date, d.timing, d.win])).toEqual([
      ['delivered:epic:APP-1', 'APP-1 Epic APP-1 delivered', '2026-06-03', 'no-date', false],
      ['delivered:project:app', 'App delivered', '2026-06-03', 'no-date', true],
    ]);
    expect(ofKind(result, 'delivered').map((w) => [w.id, w.title, w.evidence])).toEqual([
      [
        'delivered:project:app',
        'App delivered',
        'Delivered on 3 Jun 2026: 0 items in 1 epic; no target date',
      ],
    ]);
  });
});

describe('value milestones (rule 29): exactly reaching a quarter of the target counts', () => {
  const run = (
    amount: number,
    status: 'active' | 'draft' = 'active',
    target = { value: 1_000, unit: 'EUR' },
  ) => {
    const goal = buildGoal({ id: 'g', name: 'Revenue', status, target });
    const project = buildProject({
      id: 'shop',
      name: 'Shop',
      scope: { projectKeys: ['SHOP'] },
      goals: [{ goalId: 'g', level: 3 }],
      benefits: [{ id: 'b1', date: '2026-03-02', amount, note: 'First sales' }],
    });
    const items = [done('2026-02-10', 3, { project: 'SHOP' })];
    return ofKind(runEngine({ now: NOW, items, goals: [goal], projects: [project] }), 'value-milestone');
  };

  it('250 of 1,000 is the 25% milestone, dated the day of the benefit record; 249 is not', () => {
    expect(run(250).map((w) => [w.id, w.date, w.numbers])).toEqual([
      ['value-milestone:goal:g:25', '2026-03-02', { delivered: 250, target: 1_000, milestone: 25 }],
    ]);
    expect(run(249)).toEqual([]);
  });

  it('a goal that is not active has none', () => {
    expect(run(1_000, 'draft')).toEqual([]);
  });

  it("states the amounts in the goal's currency", () => {
    expect(run(250).map((w) => [w.title, w.evidence])).toEqual([
      ['Revenue: 25% of target', '€250 delivered since 1 Jan 2026, 25% of the €1,000 target'],
    ]);
    const big = run(650_000, 'active', { value: 1_300_000, unit: 'eur' });
    expect(big.map((w) => w.evidence)).toEqual([
      '€650,000 delivered since 1 Jan 2026, 25% of the €1,300,000 target',
      '€650,000 delivered since 1 Jan 2026, 50% of the €1,300,000 target',
    ]);
    expect(
      run(1_200_000, 'active', { value: 1_200_000, unit: 'USD' }).find((w) => w.numbers['milestone'] === 100),
    ).toMatchObject({
      title: 'Revenue: target reached',
      evidence: '$1,200,000 delivered since 1 Jan 2026, 100% of the $1,200,000 target',
    });
  });

  it('a target in another unit (NPS) is shown as entered and has no milestones', () => {
    expect(run(1_000, 'active', { value: 40, unit: 'NPS' })).toEqual([]);
  });
});
