import {
  DayGrid,
  addLocalDays,
  completeWeeksBefore,
  localDate,
  startOfLocalDate,
} from '../../src/domain/calendar';
import type { MetricsResult } from '../../src/domain/engine';
import { flowMetrics, dailySamples } from '../../src/domain/flow-metrics';
import { SAMPLE_DAYS, monteCarlo, simulate, summarize } from '../../src/domain/forecast';
import {
  agingDimension,
  blockedDimension,
  overallHealth,
  scheduleDimension,
  scopeGrowthDimension,
  type HealthOverride,
  type ScheduleInput,
} from '../../src/domain/health';
import { seededRandom } from '../../src/domain/random';
import { deliveredOnTime, progressOf, sayDo } from '../../src/domain/schedule';
import { epicValues, goalShares, returnsOf } from '../../src/domain/value';
import { backOnTrack, curateWins } from '../../src/domain/wins';
import type { WorkItem } from '../../src/domain/work-item';
import {
  DAY,
  HOUR_MS,
  THRESHOLDS,
  buildGoal,
  buildWin,
  clockAt,
  factsOf,
  historyRun,
  iso,
  repeat,
  runEngine,
  t,
  withFields,
} from '../builders/metrics';
import { buildProject } from '../builders/pmo';
import { buildItem, doneItem } from '../builders/work-item';

/** Flow metrics of every item, in one scope. */
const flowOf = (items: readonly WorkItem[], now: number, timeZone = 'UTC', waitStatuses = ['Blocked']) => {
  const facts = factsOf(items, now, { waitStatuses });
  return flowMetrics(facts, facts.allRows(), clockAt(now, timeZone));
};

/** `n` items, each built afresh (distinct ids). */
const times = (n: number, make: (i: number) => WorkItem): WorkItem[] =>
  Array.from({ length: n }, (_, i) => make(i));

const epic = (
  key: string,
  params: Partial<Parameters<typeof buildItem>[0]> & { due?: string | null; value?: number | null } = {},
) => {
  const { due = null, value = null, ...rest } = params;
  return withFields(
    buildItem({ key, project: key.split('-')[0], level: 1, created: '2026-01-01T00:00:00Z', ...rest }),
    { due, value },
  );
};

// Friday 15 May 2026, 12:00 UTC: the current ISO week began Monday 11 May; 90 days before is 14 Feb 12:00.
const NOW = t('2026-05-15T12:00:00Z');

describe('reopened items', () => {
  const reopenedPath: Array<[string, string]> = [
    ['2026-05-04T00:00:00Z', 'In Progress'],
    ['2026-05-06T00:00:00Z', 'Done'],
    ['2026-05-11T00:00:00Z', 'In Progress'],
  ];
  /** Ten items done in the trailing window, each with a 10-day cycle time: SLE = 10 days. */
  const tenDayItems = () => times(10, () => doneItem('2026-04-01T00:00:00Z', '2026-04-11T00:00:00Z'));

  it('are not done, are WIP again, and age from their first Start', () => {
    const reopened = buildItem({ created: '2026-05-01T00:00:00Z', path: reopenedPath });
    const { metrics } = flowOf([reopened, ...tenDayItems()], NOW);
    expect(metrics.throughput.allTime).toBe(10);
    // Its earlier Done (Wednesday 6 May) no longer counts in the week of 4 May.
    expect(metrics.throughput.weekly.at(-1)).toEqual({ from: t('2026-05-04T00:00:00Z'), count: 0 });
    expect(metrics.wip).toBe(1);
    expect(metrics.sle.value).toBe(10);
    // Age = 15 May 12:00 - 4 May 00:00 = 11.5 days > 10 (from the reopening it would be 4.5 days).
    expect(metrics.aging).toEqual({ count: 1, share: 100 });
  });

  it('are done again at their latest entry into Done, with cycle time from the first Start', () => {
    const doneAgain = () =>
      buildItem({
        created: '2026-05-01T00:00:00Z',
        path: [...reopenedPath, ['2026-05-13T00:00:00Z', 'Done']],
      });
    const { metrics } = flowOf(times(5, doneAgain), NOW);
    expect(metrics.wip).toBe(0);
    expect(metrics.throughput).toMatchObject({ allTime: 5, currentWeek: 5, trailing: 5, last12Weeks: 0 });
    // Cycle = 13 May - 4 May = 9 days; lead = 13 May - 1 May = 12 days.
    expect(metrics.cycleTime.allTime.p50).toEqual({ k: 50, n: 5, value: 9, minSamples: 5 });
    expect(metrics.leadTime.allTime.p50.value).toBe(12);
    // Active: 4-6 May and 11-13 May = 4 of 9 days each (the days in Done in between are not active).
    expect(metrics.flowEfficiency.allTime).toEqual({
      percent: (20 / 45) * 100,
      activeDays: 20,
      elapsedDays: 45,
      n: 5,
    });
  });
});

describe('items done without a start', () => {
  const noStart = () =>
    buildItem({ created: '2026-05-01T00:00:00Z', path: [['2026-05-08T00:00:00Z', 'Done']] });

  it('count in throughput and lead time, not in cycle time, flow efficiency or the SLE', () => {
    const { metrics } = flowOf(times(5, noStart), NOW);
    expect(metrics.throughput).toMatchObject({ allTime: 5, trailing: 5, last12Weeks: 5 });
    expect(metrics.leadTime.allTime.p50).toEqual({ k: 50, n: 5, value: 7, minSamples: 5 });
    expect(metrics.leadTime.trailing.n).toBe(5);
    expect(metrics.cycleTime.allTime.n).toBe(0);
    expect(metrics.cycleTime.trailing.n).toBe(0);
    expect(metrics.flowEfficiency.allTime).toEqual({ percent: null, activeDays: 0, elapsedDays: 0, n: 0 });
    expect(metrics.distribution).toEqual([{ type: 'Story', count: 5, share: 100 }]);
  });

  it('do not make up the 10 samples an SLE needs', () => {
    const started = times(9, (i) => doneItem(`2026-04-0${i + 1}T00:00:00Z`, '2026-04-20T00:00:00Z'));
    const wip = buildItem({
      created: '2026-01-01T00:00:00Z',
      path: [['2026-01-02T00:00:00Z', 'In Progress']],
    });
    const { metrics } = flowOf([...started, noStart(), wip], NOW);
    expect(metrics.throughput.allTime).toBe(10);
    expect(metrics.sle).toEqual({ k: 85, n: 9, value: null, minSamples: 10 });
    expect(metrics.aging).toEqual({ count: null, share: null });
    expect(agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS)).toMatchObject({
      rating: 'not-rated',
      reason: expect.stringContaining('Too few items (9)'),
    });
  });
});

describe('forecast samples with zero-throughput days', () => {
  it('are the daily throughput of the 84 days before today, zero days included', () => {
    const clock = clockAt(NOW);
    const items = [
      doneItem('2026-02-18T00:00:00Z', '2026-02-19T23:59:59Z'), // 85 days before today: not sampled
      doneItem('2026-02-19T00:00:00Z', '2026-02-20T00:00:00Z'), // 84 days before today: the first sample
      doneItem('2026-05-13T00:00:00Z', '2026-05-14T23:00:00Z'), // yesterday: the last sample
      doneItem('2026-05-13T00:00:00Z', '2026-05-14T23:30:00Z'),
      doneItem('2026-05-14T00:00:00Z', '2026-05-15T01:00:00Z'), // today: not sampled
    ];
    const facts = factsOf(items, NOW);
    const samples = dailySamples(flowMetrics(facts, facts.allRows(), clock).daily, clock.grid, SAMPLE_DAYS);
    expect(samples).toHaveLength(84);
    expect(samples[0]).toBe(1);
    expect(samples[83]).toBe(2);
    expect(samples.filter((s) => s === 0)).toHaveLength(82);
  });

  it('draw zero days in runs with the right distribution', () => {
    // One day in four finishes the single remaining item: P(finished by day d) = 1 - 0.75^d.
    // P50: d = 3 (0.578); P85: d = 7 (0.867; d = 6 gives 0.822); P95: d = 11 (0.958; d = 10 gives 0.944).
    const result = monteCarlo({
      remaining: 1,
      samples: [0, 0, 0, 1],
      samplesFrom: 'scope',
      today: '2026-05-15',
      target: '2026-05-17',
      random: seededRandom(1),
    });
    expect(result).toMatchObject({
      state: 'forecast',
      p50: '2026-05-17',
      p85: '2026-05-21',
      p95: '2026-05-25',
      trials: 10_000,
    });
    // By the target (day 3): 1 - 0.75^3 = 57.8%.
    expect(result.state === 'forecast' && result.probability).toBeCloseTo(57.8, 0);
  });

  it('skip a geometric run of zero days per draw', () => {
    // With half the days zero and random() = 0.5: floor(ln 0.5 / ln 0.5) = 1 zero day, then a day with 1 done.
    const simulation = simulate({ remaining: 1, samples: [0, 1], random: () => 0.5, trials: 4 });
    expect(simulation!.counts[2]).toBe(4);
    const input = { remaining: 1, samplesFrom: 'scope' as const, today: '2026-05-15' };
    expect(summarize(simulation, { ...input, target: '2026-05-15' })).toMatchObject({
      p50: '2026-05-16',
      p95: '2026-05-16',
      probability: 0,
    });
    expect(summarize(simulation, { ...input, target: '2026-05-16' })).toMatchObject({ probability: 100 });
  });

  it('give no forecast when every sampled day is zero', () => {
    const base = { remaining: 3, samplesFrom: 'scope' as const, today: '2026-05-15', target: null };
    expect(monteCarlo({ ...base, samples: [0, 0, 0], random: seededRandom(1) })).toEqual({
      state: 'no-throughput',
      remaining: 3,
      samplesFrom: 'scope',
    });
    expect(monteCarlo({ ...base, samples: [], random: seededRandom(1) }).state).toBe('no-throughput');
  });

  it('in the engine: a scope with 10 done items, none in the last 84 days, cannot be forecast', () => {
    const items = [
      ...times(10, () => doneItem('2026-01-05T00:00:00Z', '2026-01-10T00:00:00Z')),
      ...times(2, () => buildItem({ created: '2026-05-01T00:00:00Z' })),
    ];
    const result = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { projectKeys: ['T'] }, targetDate: '2026-12-31' })],
    });
    const project = result.projects[0]!;
    expect(project.forecast).toEqual({ state: 'no-throughput', remaining: 2, samplesFrom: 'scope' });
    // Rule 31: too little data to forecast; the schedule is not rated and the risk signals alone rate it.
    expect(project.health.dimensions[0]).toEqual({
      key: 'schedule',
      rating: 'not-rated',
      value: null,
      reason: 'Not enough data to forecast (nothing finished in the last 12 weeks)',
    });
    // The two open items never started: no work in progress, no baseline date, no SLE: nothing is rated.
    expect(project.health).toMatchObject({ computed: 'unknown', basis: 'none' });
  });

  it('in the engine: a scope with fewer than 10 done items borrows the portfolio samples', () => {
    const items = [
      ...times(3, () => doneItem('2026-05-01T00:00:00Z', '2026-05-05T00:00:00Z', { project: 'A' })),
      ...times(2, () => buildItem({ created: '2026-05-01T00:00:00Z', project: 'A' })),
    ];
    const project = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { projectKeys: ['A'] } })],
    }).projects[0]!;
    expect(project.forecast).toMatchObject({ state: 'forecast', remaining: 2, samplesFrom: 'portfolio' });
  });
});

describe('time zones and daylight saving time', () => {
  it('puts an item done at 23:30 local on the last day of a quarter in that quarter', () => {
    const now = t('2026-08-15T12:00:00Z');
    const items = [
      doneItem('2026-06-29T00:00:00Z', '2026-06-30T21:30:00Z'), // 23:30 in Berlin, 17:30 in New York
      doneItem('2026-06-29T00:00:00Z', '2026-06-30T23:30:00Z'), // 23:30 UTC, 1 July 01:30 in Berlin
      doneItem('2026-06-29T00:00:00Z', '2026-07-01T03:30:00Z'), // 30 June 23:30 in New York
    ];
    const quarters = (timeZone: string) =>
      runEngine({ items, now, timeZone })
        .portfolio.quarters.slice(-2)
        .map((q) => [q.label, q.throughput]);
    expect(quarters('UTC')).toEqual([
      ['2026-Q2', 2],
      ['2026-Q3', 1],
    ]);
    expect(quarters('Europe/Berlin')).toEqual([
      ['2026-Q2', 1],
      ['2026-Q3', 2],
    ]);
    expect(quarters('America/New_York')).toEqual([
      ['2026-Q2', 3],
      ['2026-Q3', 0],
    ]);
  });

  it('puts an item done Sunday 23:30 local in that ISO week', () => {
    const item = doneItem('2026-05-08T00:00:00Z', '2026-05-11T03:30:00Z'); // Sun 10 May 23:30 in New York
    const newYork = flowOf([item], NOW, 'America/New_York').metrics.throughput;
    expect(newYork.weekly.at(-1)).toEqual({ from: t('2026-05-04T04:00:00Z'), count: 1 });
    expect(newYork.currentWeek).toBe(0);
    const utc = flowOf([item], NOW, 'UTC').metrics.throughput;
    expect(utc.weekly.at(-1)!.count).toBe(0);
    expect(utc.currentWeek).toBe(1);
  });

  it.each([
    ['Europe/Berlin', '2026-04-01T12:00:00Z', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 167],
    ['Europe/Berlin', '2026-10-28T12:00:00Z', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 169],
    ['America/New_York', '2026-03-11T12:00:00Z', '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 167],
    ['America/New_York', '2026-11-04T12:00:00Z', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 169],
  ])('in %s the week before %s lasts %s to %s (%i hours)', (timeZone, now, from, to, hours) => {
    const [week] = completeWeeksBefore(t(now), 1, timeZone);
    expect([iso(week!.from), iso(week!.to)]).toEqual([from, to]);
    expect((week!.to - week!.from) / HOUR_MS).toBe(hours);
  });

  it('counts an item done in the extra hour of a 169-hour week in that week', () => {
    // Sunday 25 Oct 2026 23:30 CET = 22:30 UTC: after a naive 168-hour week ending 22:00 UTC.
    const item = doneItem('2026-10-20T00:00:00Z', '2026-10-25T22:30:00Z');
    const { throughput } = flowOf([item], t('2026-10-28T12:00:00Z'), 'Europe/Berlin').metrics;
    expect(throughput.weekly.at(-1)).toEqual({ from: t('2026-10-18T22:00:00Z'), count: 1 });
    expect(throughput.currentWeek).toBe(0);
  });

  describe('DayGrid.dayOf around local midnight on DST days', () => {
    it.each([
      ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23],
      ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
      ['America/New_York', '2026-03-08', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
      ['America/New_York', '2026-11-01', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
      // Chile springs forward at midnight: 6 Sep 2026 has no 00:00 and begins at 01:00 (-03).
      ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z', 23],
    ])('%s %s runs from %s to %s (%i hours)', (timeZone, date, fromIso, toIso, hours) => {
      const from = t(fromIso);
      const to = t(toIso);
      const grid = new DayGrid(to + 5 * HOUR_MS, 30, timeZone);
      const day = grid.dayOf(from);
      expect(grid.dates[day]).toBe(date);
      expect(grid.starts[day]).toBe(from);
      expect(grid.starts[day + 1]).toBe(to);
      expect((to - from) / HOUR_MS).toBe(hours);
      expect(startOfLocalDate(date, timeZone)).toBe(from);
      expect(grid.dates[grid.dayOf(from - 1)]).toBe(addLocalDays(date, -1));
      expect(grid.dayOf(to - 1)).toBe(day);
      expect(grid.dates[grid.dayOf(to)]).toBe(addLocalDays(date, 1));
      // Every quarter hour over the day and the days either side agrees with a time-zone conversion.
      for (let x = from - DAY; x < to + DAY; x += 15 * 60_000) {
        expect(grid.dates[grid.dayOf(x)]).toBe(localDate(x, timeZone));
      }
    });

    it('is -1 outside the grid', () => {
      const grid = new DayGrid(NOW, 3, 'Europe/Berlin');
      expect(grid.dayOf(grid.starts[0]! - 1)).toBe(-1);
      expect(grid.dayOf(grid.starts[0]!)).toBe(0);
      expect(grid.dayOf(grid.end - 1)).toBe(grid.today);
      expect(grid.dayOf(grid.end)).toBe(-1);
    });
  });
});

describe('empty scopes and a single item', () => {
  const none = { k: 50, n: 0, value: null, minSamples: 5 };

  it('computeMetrics with no items, PMO projects or goals', () => {
    const result = runEngine({ now: NOW });
    const { flow } = result.portfolio;
    expect(result.today).toBe('2026-05-15');
    expect(result.portfolio).toMatchObject({ items: 0, epics: 0, valueToDate: 0, jiraProjects: [] });
    expect(flow.throughput).toMatchObject({ last12Weeks: 0, currentWeek: 0, trailing: 0, allTime: 0 });
    expect(flow.throughput.weekly).toHaveLength(12);
    expect(flow.cycleTime.allTime.p50).toEqual(none);
    expect(flow.cycleTime.trailing.p95).toEqual({ k: 95, n: 0, value: null, minSamples: 20 });
    expect(flow.leadTime.allTime.p50).toEqual(none);
    expect(flow.sle).toEqual({ k: 85, n: 0, value: null, minSamples: 10 });
    expect(flow).toMatchObject({
      wip: 0,
      aging: { count: null, share: null },
      blocked: { count: 0, share: null },
      distribution: [],
    });
    expect(flow.flowEfficiency.allTime.percent).toBeNull();
    expect(result.portfolio.progress).toMatchObject({ percent: null, total: 0, basis: 'count' });
    expect(result.portfolio.quarters.map((q) => q.label)).toEqual([
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
    for (const q of result.portfolio.quarters) {
      expect(q).toMatchObject({
        throughput: 0,
        cycleTimeP50: none,
        epicsDelivered: 0,
        projectsDelivered: 0,
        onTime: { onTime: 0, withDate: 0, rate: null },
        sayDo: { committed: 0, done: 0, rate: null },
        valueDelivered: 0,
        alignment: { aligned: 0, done: 0, percent: null },
      });
    }
    expect(result).toMatchObject({ goals: [], projects: [], epics: [], wins: [], historyPoints: {} });
  });

  it('a PMO project and a goal with nothing in scope', () => {
    const goal = buildGoal({ id: 'g', target: { value: 100, unit: 'EUR' } });
    const result = runEngine({
      now: NOW,
      goals: [goal],
      projects: [buildProject({ id: 'p', goals: [{ goalId: 'g', level: 2 }] })],
    });
    const project = result.projects[0]!;
    expect(project).toMatchObject({ items: 0, epics: 0, finishedOn: null, slipDays: null });
    expect(project.progress.percent).toBeNull();
    expect(project.forecast).toEqual({ state: 'done' }); // nothing remains
    expect(project.health.rating).toBe('unknown');
    expect(project.health.dimensions.map((d) => d.rating)).toEqual(repeat('not-rated', 4));
    expect(project.value.returns).toMatchObject({ realized: 0, roi: null, realization: null });
    expect(result.goals[0]).toMatchObject({
      items: 0,
      valueInPeriod: 0,
      targetPercent: 0,
      health: { green: 0, amber: 0, red: 0, done: 0, unknown: 1 },
    });
    expect(result.goals[0]!.progress.percent).toBeNull();
    expect(result.historyPoints.p).toMatchObject({ health: 'unknown', progress: null, throughput28d: 0 });
  });

  it('open work with no throughput anywhere cannot be forecast', () => {
    const items = times(3, () => buildItem({ created: '2026-05-01T00:00:00Z' }));
    const project = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { projectKeys: ['T'] } })],
    }).projects[0]!;
    expect(project.forecast).toEqual({ state: 'no-throughput', remaining: 3, samplesFrom: 'portfolio' });
    expect(project.health.rating).toBe('unknown'); // no target, no baseline, no WIP
  });

  it('a single done item', () => {
    const { metrics } = flowOf([doneItem('2026-05-01T00:00:00Z', '2026-05-03T00:00:00Z')], NOW);
    expect(metrics.throughput).toMatchObject({ allTime: 1, trailing: 1, last12Weeks: 1, currentWeek: 0 });
    expect(metrics.cycleTime.allTime.p50).toEqual({ k: 50, n: 1, value: null, minSamples: 5 });
    expect(metrics.flowEfficiency.allTime).toEqual({ percent: 100, activeDays: 2, elapsedDays: 2, n: 1 });
    expect(metrics.distribution).toEqual([{ type: 'Story', count: 1, share: 100 }]);
    expect(metrics.wip).toBe(0);
  });
});

describe('flow efficiency, blocked share and aging', () => {
  it('excludes flagged time and wait statuses from active time, summed over the scope', () => {
    const x = withFields(
      buildItem({
        created: '2026-05-03T00:00:00Z',
        path: [
          ['2026-05-04T00:00:00Z', 'In Progress'],
          ['2026-05-06T00:00:00Z', 'Blocked'],
          ['2026-05-07T00:00:00Z', 'In Progress'],
          ['2026-05-08T00:00:00Z', 'Done'],
        ],
      }),
      {
        flagged: [
          { from: t('2026-05-05T00:00:00Z'), to: t('2026-05-05T12:00:00Z') },
          { from: t('2026-05-06T06:00:00Z'), to: t('2026-05-06T18:00:00Z') }, // while Blocked
        ],
      },
    );
    const y = doneItem('2026-05-10T00:00:00Z', '2026-05-11T00:00:00Z');
    const w = withFields(doneItem('2026-05-12T00:00:00Z', '2026-05-14T00:00:00Z'), {
      flagged: [{ from: t('2026-05-13T00:00:00Z'), to: null }], // never unflagged
    });
    const z = buildItem({ created: '2026-05-01T00:00:00Z', path: [['2026-05-08T00:00:00Z', 'Done']] });
    // x: 4 days, active (2 - 0.5) + 1 = 2.5; y: 1 of 1; w: 1 of 2; z has no start.
    expect(flowOf([x, y, w, z], NOW).metrics.flowEfficiency.allTime).toEqual({
      percent: (4.5 / 7) * 100,
      activeDays: 4.5,
      elapsedDays: 7,
      n: 3,
    });
    // Without "Blocked" as a wait status, x is active (2 - 0.5) + (1 - 0.5) + 1 = 3 days of 4.
    expect(flowOf([x], NOW, 'UTC', []).metrics.flowEfficiency.allTime.activeDays).toBe(3);
  });

  it('counts in-progress items flagged or in a wait status now, over WIP', () => {
    const inProgress = (extra: Array<[string, string]> = []) =>
      buildItem({
        created: '2026-05-01T00:00:00Z',
        path: [['2026-05-10T00:00:00Z', 'In Progress'], ...extra],
      });
    const items = [
      inProgress([['2026-05-12T00:00:00Z', 'Blocked']]),
      withFields(inProgress(), { flagged: [{ from: t('2026-05-14T00:00:00Z'), to: null }] }),
      withFields(inProgress(), { flagged: [{ from: t('2026-05-14T00:00:00Z'), to: NOW }] }), // ended now
      inProgress(),
      // Not WIP, so not counted although flagged:
      withFields(buildItem({ created: '2026-05-01T00:00:00Z' }), { flagged: [{ from: 0, to: null }] }),
      withFields(doneItem('2026-05-10T00:00:00Z', '2026-05-12T00:00:00Z'), {
        flagged: [{ from: 0, to: null }],
      }),
    ];
    const { metrics } = flowOf(items, NOW);
    expect(metrics.wip).toBe(4);
    expect(metrics.blocked).toEqual({ count: 2, share: 50 });
    expect(blockedDimension(metrics.blocked, metrics.wip, THRESHOLDS)).toEqual({
      key: 'blocked',
      rating: 'red',
      value: 50,
      reason: '2 of 4 items in progress (50%) are flagged or waiting, over the 20% limit',
    });
  });

  it('rates aging against an SLE from exactly 10 samples (age must exceed it)', () => {
    // Cycle times 1..10 days, done 1 May: P85 = value at ceil(8.5) = 9th = 9 days.
    const done = times(10, (i) =>
      doneItem(iso(t('2026-05-01T00:00:00Z') - (i + 1) * DAY), '2026-05-01T00:00:00Z'),
    );
    const started = (at: number) =>
      buildItem({ created: '2026-04-01T00:00:00Z', path: [[at, 'In Progress']] });
    const wip = [started(NOW - 9 * DAY), started(NOW - 9.5 * DAY), started(NOW - DAY)];
    const { metrics } = flowOf([...done, ...wip], NOW);
    expect(metrics.sle).toEqual({ k: 85, n: 10, value: 9, minSamples: 10 });
    expect(metrics.aging.count).toBe(1); // 9.5 days; exactly 9 days is not older than the SLE
    expect(metrics.aging.share).toBeCloseTo(100 / 3, 10);
    expect(agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS)).toMatchObject({
      rating: 'red',
      reason:
        '1 of 3 items in progress (33%) is older than the service level expectation of 9.0 days, over the 30% limit',
    });
    const nine = flowOf([...done.slice(1), ...wip], NOW).metrics;
    expect(nine.sle.value).toBeNull();
    expect(nine.aging).toEqual({ count: null, share: null });
  });

  it('says "no work in progress" for aging with an SLE but no WIP', () => {
    const done = times(10, () => doneItem('2026-04-20T00:00:00Z', '2026-05-01T00:00:00Z'));
    const { metrics } = flowOf(done, NOW);
    expect(metrics.aging).toEqual({ count: 0, share: null });
    expect(agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS)).toMatchObject({
      rating: 'not-rated',
      reason: 'No work in progress',
    });
  });
});

describe('progress', () => {
  const item = (estimate: number | null, done: boolean) =>
    done
      ? doneItem('2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z', { estimate })
      : buildItem({ created: '2026-05-01T00:00:00Z', estimate });

  it('switches to points at exactly 80% estimate coverage (unestimated items weigh 0)', () => {
    const items = [item(2, true), item(5, false), item(3, false), item(10, false), item(null, true)];
    const facts = factsOf(items, NOW);
    expect(progressOf(facts, facts.allRows())).toEqual({
      done: 2,
      total: 5,
      basis: 'points',
      donePoints: 2,
      totalPoints: 20,
      estimatedShare: 80,
      percent: 10,
    });
  });

  it('counts items below 80% coverage', () => {
    const items = [item(2, true), item(5, false), item(3, false), item(null, true)];
    const facts = factsOf(items, NOW);
    expect(progressOf(facts, facts.allRows())).toMatchObject({
      basis: 'count',
      estimatedShare: 75,
      percent: 50,
    });
  });

  it('is null for an empty scope', () => {
    expect(progressOf(factsOf([], NOW), []).percent).toBeNull();
  });
});

describe('scope change with parent history', () => {
  const created = '2026-03-01T00:00:00Z';
  const moved = (at: string, from: string | null, to: string | null) => ({ at: t(at), from, to });
  const items = () => [
    epic('E-1'),
    epic('E-2'),
    buildItem({ key: 'A', created, parent: 'E-1' }), // in the baseline
    withFields(buildItem({ key: 'B', created, parent: 'E-1' }), {
      parentChanges: [moved('2026-04-10T00:00:00Z', null, 'E-1')], // moved in later: added
    }),
    withFields(buildItem({ key: 'C', created, parent: null }), {
      parentChanges: [moved('2026-04-10T00:00:00Z', 'E-1', null)], // moved out later: removed
    }),
    buildItem({ key: 'D', created: '2026-04-05T00:00:00Z', parent: 'E-1' }), // created later: added
    withFields(buildItem({ key: 'F', created, parent: 'E-2' }), {
      parentChanges: [moved('2026-03-15T00:00:00Z', 'E-1', 'E-2')], // left before the baseline
    }),
    buildItem({ key: 'G', created: '2026-04-01T00:00:00Z', parent: 'E-1' }), // created at 00:00: in
    withFields(buildItem({ key: 'H', created, parent: 'E-1' }), {
      parentChanges: [moved('2026-04-01T00:00:00Z', null, 'E-1')], // moved in at 00:00: in
    }),
  ];

  it('counts items moved in or created after the baseline as added, and moved out as removed', () => {
    const project = runEngine({
      items: items(),
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1'] }, baselineDate: '2026-04-01' })],
    }).projects[0]!;
    expect(project.items).toBe(5); // A, B, D, G, H
    // Baseline: A, G, H and the removed C = 4; added: B and D = 2; growth 50%.
    expect(project.scopeChange).toEqual({
      baselineDate: '2026-04-01',
      baseline: 4,
      added: 2,
      removed: 1,
      percent: 50,
    });
    expect(project.health.dimensions[1]).toMatchObject({
      rating: 'amber', // exactly 50% is inside the amber band
      reason: 'Scope grew 50% since 1 Apr 2026 (2 items added to 4), over the 20% limit',
    });
  });

  it('takes the baseline at 00:00 of the baseline date in the configured time zone', () => {
    // 1 April 00:00 in Berlin is 31 March 22:00 UTC: G (created 00:00 UTC) and H (moved 00:00 UTC) come later.
    const project = runEngine({
      items: items(),
      now: NOW,
      timeZone: 'Europe/Berlin',
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1'] }, baselineDate: '2026-04-01' })],
    }).projects[0]!;
    expect(project.scopeChange).toMatchObject({ baseline: 2, added: 4, removed: 1, percent: 200 });
  });

  it('rates growth with bands that include their upper limit', () => {
    const project = (added: number, baseline: number) => {
      const inBaseline = times(baseline, () => buildItem({ created, project: 'S' }));
      const later = times(added, () => buildItem({ created: '2026-04-02T00:00:00Z', project: 'S' }));
      return runEngine({
        items: [...inBaseline, ...later],
        now: NOW,
        projects: [buildProject({ id: 'p', scope: { projectKeys: ['S'] }, baselineDate: '2026-04-01' })],
      }).projects[0]!.health.dimensions[1]!;
    };
    expect(project(1, 5)).toMatchObject({ rating: 'green', value: 20 });
    expect(project(1, 4)).toMatchObject({ rating: 'amber', value: 25 });
    expect(project(1, 2)).toMatchObject({ rating: 'amber', value: 50 });
    expect(project(4, 7)).toMatchObject({ rating: 'red' }); // 57.1%
    expect(project(0, 0)).toMatchObject({ rating: 'not-rated', value: null });
  });
});

describe('say/do', () => {
  const done = (at: string): Array<[string, string]> => [
    ['2026-06-15T00:00:00Z', 'In Progress'],
    [at, 'Done'],
  ];
  const dueMoved = (at: string, from: string, to: string) => [{ at: t(at), from, to }];
  const epics = () => [
    // Due 15 Sep as Q3 started, moved to 30 Nov in July: committed, not done.
    withFields(epic('E-1', { created: '2026-06-01T00:00:00Z', due: '2026-11-30' }), {
      dueChanges: dueMoved('2026-07-10T00:00:00Z', '2026-09-15', '2026-11-30'),
    }),
    // Due 15 Oct as Q3 started, pulled into Q3 later: not committed.
    withFields(
      epic('E-2', { created: '2026-06-01T00:00:00Z', due: '2026-09-01', path: done('2026-08-30T00:00:00Z') }),
      { dueChanges: dueMoved('2026-07-20T00:00:00Z', '2026-10-15', '2026-09-01') },
    ),
    // Created after the quarter started: not committed.
    epic('E-3', { created: '2026-07-05T00:00:00Z', due: '2026-09-01', path: done('2026-08-30T00:00:00Z') }),
    // Committed and done in the last hour of the quarter (UTC).
    epic('E-4', { created: '2026-06-01T00:00:00Z', due: '2026-09-30', path: done('2026-09-30T23:00:00Z') }),
    // Committed, done, reopened before the quarter's end: not done at the end.
    epic('E-5', {
      created: '2026-06-01T00:00:00Z',
      due: '2026-08-15',
      path: [...done('2026-08-10T00:00:00Z'), ['2026-09-20T00:00:00Z', 'In Progress']],
    }),
    // Committed, done, reopened after the quarter: done at its end.
    epic('E-6', {
      created: '2026-06-01T00:00:00Z',
      due: '2026-09-10',
      path: [...done('2026-09-05T00:00:00Z'), ['2026-10-05T00:00:00Z', 'In Progress']],
    }),
  ];
  const now = t('2026-11-15T12:00:00Z');

  it('commits epics by the due date as it stood at the quarter start, done by its end', () => {
    const facts = factsOf(epics(), now);
    const q3 = { from: t('2026-07-01T00:00:00Z'), to: t('2026-10-01T00:00:00Z') };
    expect(sayDo(facts.epics, q3, { first: '2026-07-01', last: '2026-09-30' })).toEqual({
      committed: 4,
      done: 2,
      rate: 50,
    });
  });

  it('in the engine, per quarter of a PMO project', () => {
    const project = runEngine({
      items: epics(),
      now,
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1', 'E-2', 'E-3', 'E-4', 'E-5', 'E-6'] } })],
    }).projects[0]!;
    const q3 = project.quarters.find((q) => q.label === '2026-Q3')!;
    expect(q3.sayDo).toEqual({ committed: 4, done: 2, rate: 50 });
    // Done in Q3 (and still done): E-2, E-3, E-4, each on or before its due date.
    expect(q3).toMatchObject({ epicsDelivered: 3, onTime: { onTime: 3, withDate: 3, rate: 100 } });
    // In Berlin, E-4 finished on 1 Oct 01:00: in Q4, and a day late.
    const berlin = runEngine({
      items: epics(),
      now,
      timeZone: 'Europe/Berlin',
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1', 'E-2', 'E-3', 'E-4', 'E-5', 'E-6'] } })],
    });
    const quarters = berlin.projects[0]!.quarters;
    expect(quarters.find((q) => q.label === '2026-Q3')!.sayDo).toEqual({ committed: 4, done: 1, rate: 25 });
    expect(quarters.find((q) => q.label === '2026-Q4')!.onTime).toEqual({ onTime: 0, withDate: 1, rate: 0 });
    expect(berlin.epics.find((e) => e.key === 'E-4')).toMatchObject({
      finishedOn: '2026-10-01',
      onTime: false,
      slipDays: 1,
    });
  });
  it('counts a discarded epic as committed and not done, for the PMO project and its goal alike', () => {
    // E-4 was committed to Q3 and closed on its last day, but as Won't Do: discarded, not done (rule 35).
    const items = epics().map((e) => (e.key === 'E-4' ? { ...e, resolution: "Won't Do" } : e));
    const result = runEngine({
      items,
      now,
      goals: [buildGoal({ id: 'g', status: 'active' })],
      projects: [
        buildProject({
          id: 'p',
          goals: [{ goalId: 'g', level: 3 }],
          scope: { epicKeys: ['E-1', 'E-2', 'E-3', 'E-4', 'E-5', 'E-6'] },
        }),
      ],
    });
    const q3 = (quarters: readonly { label: string; sayDo: unknown }[]) =>
      quarters.find((q) => q.label === '2026-Q3')!.sayDo;
    expect(q3(result.projects[0]!.quarters)).toEqual({ committed: 4, done: 1, rate: 25 });
    expect(q3(result.goals[0]!.quarters)).toEqual({ committed: 4, done: 1, rate: 25 });
  });
});

describe('on time by local calendar date', () => {
  it('compares the local date of Done with the due date', () => {
    expect(deliveredOnTime(t('2026-06-30T21:30:00Z'), '2026-06-30', 'Europe/Berlin')).toBe(true); // 23:30
    expect(deliveredOnTime(t('2026-06-30T22:30:00Z'), '2026-06-30', 'Europe/Berlin')).toBe(false); // 00:30
    expect(deliveredOnTime(t('2026-06-30T22:30:00Z'), '2026-06-30', 'UTC')).toBe(true);
    expect(deliveredOnTime(t('2026-07-01T03:30:00Z'), '2026-06-30', 'America/New_York')).toBe(true);
  });

  it('pools epics and PMO projects done in the period', () => {
    const items = [
      epic('E-9', {
        due: '2026-06-30',
        path: [
          ['2026-06-01T00:00:00Z', 'In Progress'],
          ['2026-06-30T22:30:00Z', 'Done'],
        ],
      }),
      doneItem('2026-06-01T00:00:00Z', '2026-06-20T00:00:00Z', { parent: 'E-9' }),
    ];
    const run = (timeZone: string) =>
      runEngine({
        items,
        now: t('2026-08-15T12:00:00Z'),
        timeZone,
        projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-9'] }, targetDate: '2026-06-30' })],
      });
    const utc = run('UTC');
    expect(utc.projects[0]).toMatchObject({ finishedOn: '2026-06-30', slipDays: 0 });
    expect(utc.projects[0]!.health.rating).toBe('done');
    expect(utc.portfolio.quarters.find((q) => q.label === '2026-Q2')).toMatchObject({
      epicsDelivered: 1,
      projectsDelivered: 1,
      onTime: { onTime: 2, withDate: 2, rate: 100 },
    });
    const berlin = run('Europe/Berlin');
    expect(berlin.projects[0]).toMatchObject({ finishedOn: '2026-07-01', slipDays: 1 });
    expect(berlin.portfolio.quarters.find((q) => q.label === '2026-Q3')).toMatchObject({
      epicsDelivered: 1,
      projectsDelivered: 1,
      onTime: { onTime: 0, withDate: 2, rate: 0 },
    });
  });
});

describe('health bands and overrides', () => {
  const schedule = (probability: number, today = '2026-05-15', target = '2026-06-30') =>
    scheduleDimension(
      {
        done: false,
        finishedOn: null,
        target,
        today,
        probability,
        p85: '2026-06-20',
        slipDays: -10,
        noThroughput: false,
      } satisfies ScheduleInput,
      THRESHOLDS,
    );

  it('rates schedule green at 70%, amber at 40%, red below', () => {
    expect(schedule(70).rating).toBe('green');
    expect(schedule(69.99).rating).toBe('amber');
    expect(schedule(40).rating).toBe('amber');
    expect(schedule(39.99).rating).toBe('red');
    expect(schedule(70).reason).toBe(
      '70% chance to finish by 30 Jun 2026 (P85 forecast 20 Jun 2026, 10 days early)',
    );
  });

  it('rates a project past its target and not done red whatever the forecast says', () => {
    expect(schedule(100, '2026-07-01')).toEqual({
      key: 'schedule',
      rating: 'red',
      value: null,
      reason: 'Past the target date 30 Jun 2026 and not done',
    });
    expect(schedule(100, '2026-06-30').rating).toBe('green'); // on the target date itself
  });

  it('rates growth, aging and blocked with their upper limits included', () => {
    const growth = (percent: number) =>
      scopeGrowthDimension({ percent, added: 1, baseline: 4, baselineDate: '2026-04-01' }, THRESHOLDS).rating;
    expect([growth(20), growth(20.01), growth(50), growth(50.01)]).toEqual([
      'green',
      'amber',
      'amber',
      'red',
    ]);
    const aging = (share: number) =>
      agingDimension({ count: 1, share }, 4, { value: 5, n: 10 }, THRESHOLDS).rating;
    expect([aging(15), aging(15.01), aging(30), aging(30.01)]).toEqual(['green', 'amber', 'amber', 'red']);
    const blocked = (share: number) => blockedDimension({ count: 1, share }, 4, THRESHOLDS).rating;
    expect([blocked(10), blocked(10.01), blocked(20), blocked(20.01)]).toEqual([
      'green',
      'amber',
      'amber',
      'red',
    ]);
  });

  it('in the engine: a project past its target with a good forecast is red', () => {
    const items = [
      ...times(84, (i) =>
        doneItem(iso(t('2026-02-19T12:00:00Z') + i * DAY), iso(t('2026-02-20T12:00:00Z') + i * DAY)),
      ),
      ...times(5, () => buildItem({ created: '2026-05-01T00:00:00Z' })),
    ];
    const project = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { projectKeys: ['T'] }, targetDate: '2026-05-14' })],
    }).projects[0]!;
    expect(project.health.dimensions[0]).toMatchObject({ rating: 'red', value: null });
    expect(project.health.rating).toBe('red');
  });

  const override = (expires: string): HealthOverride => ({
    projectId: 'p',
    rating: 'green',
    comment: 'Vendor confirmed delivery',
    by: 'acc-1',
    at: t('2026-06-01T00:00:00Z'),
    expires,
  });

  it('applies an override up to and including its expiry date', () => {
    const dims = [schedule(10)];
    expect(overallHealth(dims, override('2026-06-30'), '2026-06-30')).toMatchObject({
      rating: 'green',
      computed: 'red',
      override: { expires: '2026-06-30' },
    });
    expect(overallHealth(dims, override('2026-06-30'), '2026-07-01')).toMatchObject({
      rating: 'red',
      computed: 'red',
      override: null,
    });
  });

  it('in the engine: the override expiry is read in the configured time zone', () => {
    const run = (timeZone: string) =>
      runEngine({
        now: t('2026-06-30T23:30:00Z'), // 30 June in UTC, already 1 July in Berlin
        timeZone,
        projects: [buildProject({ id: 'p', targetDate: '2026-06-01' })],
        overrides: [override('2026-06-30')],
      }).projects[0]!.health;
    expect(run('UTC')).toMatchObject({ rating: 'green', computed: 'red', override: { by: 'acc-1' } });
    expect(run('Europe/Berlin')).toMatchObject({ rating: 'red', computed: 'red', override: null });
  });
});

describe('value', () => {
  it('leaves ROI and benefit realization "not entered" (rule 17)', () => {
    const benefit = { id: 'b1', date: '2026-04-01', amount: 150, note: '' };
    const asOf = {
      now: t('2026-04-15T09:00:00Z'),
      benefitInstant: (d: string) => startOfLocalDate(d, 'UTC'),
    };
    const returns = (p: Parameters<typeof buildProject>[0]) => returnsOf(buildProject(p), asOf);
    expect(returns({ actualCost: 100, expectedBenefit: 300 })).toEqual({
      realized: 0,
      roi: null,
      realization: null,
      planned: 300,
      cost: 100,
    });
    expect(returns({ benefits: [benefit], actualCost: null, expectedBenefit: null })).toMatchObject({
      realized: 150,
      roi: null,
      realization: null,
    });
    expect(returns({ benefits: [benefit], actualCost: 0, expectedBenefit: 0 })).toMatchObject({
      roi: null,
      realization: null,
    });
    expect(returns({ benefits: [benefit], actualCost: 100, expectedBenefit: 300 })).toMatchObject({
      roi: 50,
      realization: 50,
    });
  });

  it('realizes only benefit records dated on or before now (rule 23)', () => {
    const now = t('2026-04-15T09:00:00Z');
    const project = buildProject({
      actualCost: 100,
      expectedBenefit: 300,
      benefits: [
        { id: 'today', date: '2026-04-15', amount: 150, note: '' },
        { id: 'tomorrow', date: '2026-04-16', amount: 90, note: '' },
      ],
    });
    const asOf = (at: number) => ({ now: at, benefitInstant: (d: string) => startOfLocalDate(d, 'UTC') });
    // Today's record counts from 00:00 today; tomorrow's does not count yet.
    expect(returnsOf(project, asOf(now))).toMatchObject({ realized: 150, roi: 50, realization: 50 });
    // A project whose only record is dated later has nothing realized: "not entered".
    const onlyLater = buildProject({ ...project, benefits: [project.benefits[1]!] });
    expect(returnsOf(onlyLater, asOf(now))).toMatchObject({ realized: 0, roi: null, realization: null });
    // At 00:00 of the next day, both count: 240 realized, ROI 140%, realization 80%.
    expect(returnsOf(project, asOf(t('2026-04-16T00:00:00Z')))).toMatchObject({
      realized: 240,
      roi: 140,
      realization: 80,
    });
    // In the engine: the PMO project's returns read the computation's clock.
    const result = runEngine({ now, projects: [{ ...project, id: 'p' }] });
    expect(result.projects[0]!.value.returns).toMatchObject({ realized: 150, roi: 50 });
  });

  it('splits a project value across its goals by level * weight', () => {
    const a = buildGoal({ id: 'a', weight: 2 });
    const b = buildGoal({ id: 'b', weight: 4, status: 'draft' });
    const project = buildProject({
      id: 'p',
      scope: { epicKeys: ['V-1'] },
      goals: [
        { goalId: 'a', level: 3 }, // 3 * 2 = 6
        { goalId: 'b', level: 1 }, // 1 * 4 = 4
        { goalId: 'missing', level: 2 }, // unknown goal: skipped
      ],
    });
    const goals = new Map([a, b].map((g) => [g.id, g]));
    expect(goalShares(project, goals)).toEqual(
      new Map([
        ['a', 0.6],
        ['b', 0.4],
      ]),
    );
    const result = runEngine({
      items: [
        epic('V-1', {
          value: 1000,
          path: [
            ['2026-04-01T00:00:00Z', 'In Progress'],
            ['2026-04-20T00:00:00Z', 'Done'],
          ],
        }),
      ],
      now: NOW,
      goals: [a, b],
      projects: [project],
    });
    expect(result.projects[0]).toMatchObject({ goalIds: ['a', 'b'], valueToDate: 1000 });
    expect(result.goals.map((g) => [g.id, g.valueToDate, g.valueInPeriod])).toEqual([
      ['a', 600, 600],
      ['b', 400, 400],
    ]);
    expect(result.portfolio.valueToDate).toBe(1000);
  });

  it('shares the expected benefit over epics by their items points, equally when all weigh 0', () => {
    const items = [
      epic('W-1'),
      epic('W-2'),
      epic('W-3'),
      buildItem({ created: '2026-03-01T00:00:00Z', parent: 'W-1', estimate: 2 }),
      buildItem({ created: '2026-03-01T00:00:00Z', parent: 'W-1', estimate: 4 }),
      buildItem({ created: '2026-03-01T00:00:00Z', parent: 'W-2', estimate: 3 }),
    ];
    const facts = factsOf(items, NOW);
    const project = buildProject({ expectedBenefit: 900 });
    const values = epicValues({
      facts,
      project,
      epicKeys: ['W-1', 'W-2', 'W-3'],
      rows: facts.allRows(),
      holders: new Map(),
    });
    expect(values).toEqual({
      values: new Map([
        ['W-1', 600],
        ['W-2', 300],
        ['W-3', 0],
      ]),
      basis: 'expected-benefit',
    });
    const empty = epicValues({ facts, project, epicKeys: ['W-3'], rows: [], holders: new Map() });
    expect(empty.values).toEqual(new Map([['W-3', 900]]));
  });
});

describe('wins', () => {
  it('finds "back on track" after 14 days off and 14 green, not 13', () => {
    const run = (off: number, green: number) =>
      backOnTrack(
        historyRun('2026-03-01', [...repeat('red' as const, off), ...repeat('green' as const, green)]),
      );
    expect(run(14, 14)).toEqual([{ offFrom: '2026-03-01', greenFrom: '2026-03-15', wonOn: '2026-03-28' }]);
    expect(run(13, 14)).toEqual([]);
    expect(run(14, 13)).toEqual([]);
    // Amber counts as off track; a win is reported once per turn.
    expect(
      backOnTrack(
        historyRun('2026-03-01', [
          ...repeat('amber' as const, 7),
          ...repeat('red' as const, 7),
          ...repeat('green' as const, 20),
        ]),
      ),
    ).toEqual([{ offFrom: '2026-03-01', greenFrom: '2026-03-15', wonOn: '2026-03-28' }]);
  });

  it('in the engine: today completes the 14th green day', () => {
    // Scope growth 0% (green), no target, no SLE, WIP unblocked (green): the project is green today.
    const items = times(3, () =>
      buildItem({
        created: '2026-03-01T00:00:00Z',
        project: 'S',
        path: [['2026-03-02T00:00:00Z', 'In Progress']],
      }),
    );
    const run = (history: ReturnType<typeof historyRun>) =>
      runEngine({
        items,
        now: NOW,
        projects: [buildProject({ id: 'p', scope: { projectKeys: ['S'] }, baselineDate: '2026-04-01' })],
        history: new Map([['p', history]]),
      });
    // Red 18 Apr - 1 May (14 days), green 2 - 14 May (13 days) and today.
    const result = run(
      historyRun('2026-04-18', [...repeat('red' as const, 14), ...repeat('green' as const, 13)]),
    );
    expect(result.projects[0]!.health.rating).toBe('green');
    expect(result.historyPoints.p!.health).toBe('green');
    expect(result.wins.filter((w) => w.kind === 'back-on-track')).toEqual([
      expect.objectContaining({
        id: 'back-on-track:project:p:2026-05-02',
        date: '2026-05-15',
        numbers: { offFrom: '2026-04-18', greenFrom: '2026-05-02' },
      }),
    ]);
    // Red 19 Apr - 2 May, green 3 - 14 May and today: 13 green days.
    const late = run(
      historyRun('2026-04-19', [...repeat('red' as const, 14), ...repeat('green' as const, 12)]),
    );
    expect(late.wins.filter((w) => w.kind === 'back-on-track')).toEqual([]);
  });

  it('curates: featured first, then newest, then by id; a rename keeps the original title', () => {
    const wins = [
      buildWin({ id: 'a', date: '2026-05-01' }),
      buildWin({ id: 'c', date: '2026-05-10' }),
      buildWin({ id: 'b', date: '2026-05-10' }),
      buildWin({ id: 'd', date: '2026-04-01' }),
    ];
    const curated = curateWins(wins, {
      d: { featured: true, hidden: false, note: 'Board pick', title: null, by: 'u1', at: 1, version: 1 },
      b: { featured: false, hidden: true, note: '', title: 'Launch!', by: 'u1', at: 2, version: 2 },
      gone: {
        featured: true,
        hidden: false,
        note: '',
        title: 'Not a win any more',
        by: 'u1',
        at: 3,
        version: 3,
      },
    });
    expect(curated.map((w) => [w.id, w.title, w.originalTitle, w.featured, w.hidden, w.note])).toEqual([
      ['d', 'Win d', null, true, false, 'Board pick'],
      ['b', 'Launch!', 'Win b', false, true, ''],
      ['c', 'Win c', null, false, false, ''],
      ['a', 'Win a', null, false, false, ''],
    ]);
  });
});

describe('forecast reproducibility', () => {
  const input = {
    remaining: 25,
    samples: [0, 3, 0, 0, 1, 2, 0, 5, 0, 1],
    samplesFrom: 'scope' as const,
    today: '2026-05-15',
    target: '2026-06-10',
  };

  it('gives the same result for the same inputs and seed, with ordered dates from today on', () => {
    const first = monteCarlo({ ...input, random: seededRandom(42) });
    expect(monteCarlo({ ...input, random: seededRandom(42) })).toEqual(first);
    if (first.state !== 'forecast') throw new Error(`expected a forecast, got ${first.state}`);
    expect(first.p50! >= input.today).toBe(true);
    expect(first.p50! <= first.p85! && first.p85! <= first.p95!).toBe(true);
    expect(first.probability).toBeGreaterThanOrEqual(0);
    expect(first.probability).toBeLessThanOrEqual(100);
  });

  it('never dates a finish before today, even when one day clears everything', () => {
    const result = monteCarlo({ ...input, remaining: 1, samples: [5], random: seededRandom(1) });
    expect(result).toMatchObject({
      p50: '2026-05-15',
      p85: '2026-05-15',
      p95: '2026-05-15',
      probability: 100,
    });
  });

  it('in the engine: a steady 1 item a day finishes 5 remaining items on day 5, every time', () => {
    // One item done each day at 12:00 over the 84 days before today (20 Feb - 14 May): every sample is 1.
    const items = [
      ...times(84, (i) =>
        doneItem(iso(t('2026-02-19T12:00:00Z') + i * DAY), iso(t('2026-02-20T12:00:00Z') + i * DAY)),
      ),
      ...times(5, () => buildItem({ created: '2026-05-01T00:00:00Z' })),
    ];
    const facts = factsOf(items, NOW);
    const run = (targetDate: string): MetricsResult =>
      runEngine({
        facts,
        now: NOW,
        projects: [buildProject({ id: 'p', name: 'Steady', scope: { projectKeys: ['T'] }, targetDate })],
      });
    const onTarget = run('2026-05-19');
    expect(onTarget.projects[0]!.forecast).toMatchObject({
      state: 'forecast',
      remaining: 5,
      trials: 10_000,
      samplesFrom: 'scope',
      p50: '2026-05-19',
      p85: '2026-05-19',
      p95: '2026-05-19',
      target: '2026-05-19',
      probability: 100,
    });
    expect(onTarget.projects[0]!.health.dimensions[0]!.rating).toBe('green');
    expect(run('2026-05-19')).toEqual(onTarget);
    const dayEarly = run('2026-05-18').projects[0]!;
    expect(dayEarly.forecast).toMatchObject({ probability: 0 });
    expect(dayEarly.slipDays).toBe(1);
    expect(dayEarly.health.dimensions[0]).toMatchObject({
      rating: 'red',
      reason: '0% chance to finish by 18 May 2026 (P85 forecast 19 May 2026, 1 day late)',
    });
  });
});

describe('instants after 19 January 2038', () => {
  // Done in whole seconds passes 2^31 on 19 Jan 2038 03:14:08 UTC.
  const now = t('2038-03-01T00:00:00Z');

  it('keeps rows in order of Done', () => {
    const items = [
      doneItem('2038-02-01T00:00:00Z', '2038-02-10T00:00:00Z'),
      doneItem('2038-02-01T00:00:00Z', '2038-02-05T00:00:00Z'),
      doneItem('2038-01-01T00:00:00Z', '2038-01-03T00:00:00Z'),
    ];
    const facts = factsOf(items, now);
    expect(facts.sortByDone([0, 1, 2])).toEqual([2, 1, 0]);
    expect(Array.from(flowMetrics(facts, facts.allRows(), clockAt(now)).doneRows)).toEqual([2, 1, 0]);
  });

  it('gives the quarter P50 cycle time of items done then', () => {
    // Done 24, 23, 22, 21 and 20 Feb 2038 with cycle times 1, 20, 2, 30 and 3 days: P50 = 3rd of 1, 2, 3, 20, 30.
    const cycles = [1, 20, 2, 30, 3];
    const items = cycles.map((days, i) => {
      const done = t('2038-02-24T00:00:00Z') - i * DAY;
      return doneItem(iso(done - days * DAY), iso(done));
    });
    const quarter = runEngine({ items, now }).portfolio.quarters.at(-1)!;
    expect(quarter.label).toBe('2038-Q1');
    expect(quarter.cycleTimeP50).toEqual({ k: 50, n: 5, value: 3, minSamples: 5 });
  });
});

describe('throughput records at the far end of the history', () => {
  // Now Thursday 31 Dec 2026. The week 2025-W50 (Mon 8 - Sun 14 Dec 2025) ends within the 400 days wins
  // are looked for over; the first of the 52 weeks before it is 2024-W50 (Mon 9 - Sun 15 Dec 2024),
  // 752 days before today.
  it('do not call a week a record when the first of the 52 weeks before it, two years back, had as many', () => {
    const items = [
      ...times(5, () => doneItem('2024-12-09T00:00:00Z', '2024-12-10T10:00:00Z')),
      ...times(5, () => doneItem('2025-12-09T00:00:00Z', '2025-12-10T10:00:00Z')),
    ];
    const wins = runEngine({ items, now: t('2026-12-31T12:00:00Z') }).wins;
    expect(wins.filter((w) => w.kind === 'throughput-record').map((w) => w.id)).toEqual([]);
  });

  it('still finds the record when that week was smaller', () => {
    const items = [
      ...times(4, () => doneItem('2024-12-09T00:00:00Z', '2024-12-10T10:00:00Z')),
      ...times(5, () => doneItem('2025-12-09T00:00:00Z', '2025-12-10T10:00:00Z')),
    ];
    const wins = runEngine({ items, now: t('2026-12-31T12:00:00Z') }).wins;
    expect(wins.filter((w) => w.kind === 'throughput-record')).toEqual([
      expect.objectContaining({
        id: 'throughput-record:portfolio:portfolio:week:2025-W50',
        date: '2025-12-14',
        numbers: { count: 5, period: '2025-W50', bestBefore: 4, medianBefore: 0 },
      }),
    ]);
  });
});

describe('strategic alignment', () => {
  it('is done items of PMO projects with an active goal over the done items of the portfolio scope', () => {
    const done = (project: string) => doneItem('2026-04-06T00:00:00Z', '2026-04-10T00:00:00Z', { project });
    const items = [
      done('A'),
      done('A'), // A: in P1 (active goal) and P3 (active goal): aligned, counted once
      done('B'), // B: in P2, whose only goal is a draft
      done('C'), // C: a portfolio project outside any PMO project
      done('D'), // D: neither a portfolio project nor in a PMO project: outside the portfolio
      buildItem({
        created: '2026-04-01T00:00:00Z',
        project: 'C',
        path: [['2026-04-02T00:00:00Z', 'In Progress']],
      }),
    ];
    const active = buildGoal({ id: 'active' });
    const draft = buildGoal({ id: 'draft', status: 'draft' });
    const result = runEngine({
      items,
      now: NOW,
      goals: [active, draft],
      portfolioProjects: ['C'],
      projects: [
        buildProject({ id: 'p1', scope: { projectKeys: ['A'] }, goals: [{ goalId: 'active', level: 1 }] }),
        buildProject({ id: 'p2', scope: { projectKeys: ['B'] }, goals: [{ goalId: 'draft', level: 3 }] }),
        buildProject({ id: 'p3', scope: { projectKeys: ['A'] }, goals: [{ goalId: 'active', level: 2 }] }),
      ],
    });
    expect(result.portfolio.items).toBe(5);
    const q2 = result.portfolio.quarters.at(-1)!;
    expect(q2.label).toBe('2026-Q2');
    expect(q2.alignment).toEqual({ aligned: 2, done: 4, percent: 50 });
    // Goals and PMO projects carry no alignment of their own.
    expect(result.projects[0]!.quarters.at(-1)!.alignment).toBeNull();
  });
});

describe('a PMO project whose items are all done but whose epic is open', () => {
  // Every item is done (12 of them in April), the epic is still open and the target is in the future:
  // nothing remains, so the forecast is "done" and the schedule is on track, not "no throughput".
  it('is green on schedule, not red for "nothing finished"', () => {
    const items = [
      epic('E-1', { due: '2026-06-30', path: [['2026-01-05T00:00:00Z', 'In Progress']] }),
      ...times(12, (i) =>
        doneItem(`2026-04-0${(i % 9) + 1}T00:00:00Z`, `2026-04-1${i % 9}T00:00:00Z`, { parent: 'E-1' }),
      ),
    ];
    const project = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1'] } })],
    }).projects[0]!;
    expect(project.flow.throughput.last12Weeks).toBe(12);
    expect(project.health.dimensions[0]!.reason).not.toContain('nothing finished in the last 12 weeks');
    expect(project.health.dimensions[0]!.rating).toBe('green');
    expect(project.health.dimensions[0]!.reason).toBe(
      '100% chance to finish by 30 Jun 2026 (every work item is done; an epic is still open)',
    );
    // Rule 31: nothing remaining but an open epic is a 100% chance, and the rating is On track.
    expect(project.health).toMatchObject({ rating: 'green', basis: 'schedule' });
    expect(project.health.dimensions[0]!.value).toBe(100);
  });
});

describe('closed without delivery (rule 35)', () => {
  const now = t('2026-04-15T09:00:00Z');
  const epicOf = (key: string, project = 'W', extra: Partial<Parameters<typeof buildItem>[0]> = {}) =>
    buildItem({ key, project, level: 1, created: '2025-12-01T12:00:00Z', ...extra });

  it('judges only the current resolution: reopened after Won’t Do and done again, it is done', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [
        ['2026-03-02T09:00:00Z', 'In Progress'],
        ['2026-03-03T09:00:00Z', 'Done'], // resolved Won't Do then
        ['2026-03-04T09:00:00Z', 'In Progress'],
        ['2026-03-06T09:00:00Z', 'Done'],
      ],
      resolution: 'Done',
    });
    const facts = factsOf([item], now);
    expect(iso(facts.done[0]!)).toBe('2026-03-06T09:00:00.000Z');
    expect(facts.discarded[0]).toBeNaN();
  });

  it('is open while the status is not done, whatever resolution Jira left on it', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [['2026-03-02T09:00:00Z', 'In Progress']],
      resolution: "Won't Do",
    });
    const facts = factsOf([item], now);
    expect(facts.done[0]).toBeNaN();
    expect(facts.discarded[0]).toBeNaN();
    expect(flowMetrics(facts, [0], clockAt(now)).metrics.wip).toBe(1);
  });

  it('matches resolution names without regard to case or surrounding space', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [['2026-03-02T09:00:00Z', 'Done']],
      resolution: " won't do ",
    });
    const facts = factsOf([item], now);
    expect(facts.done[0]).toBeNaN();
    expect(iso(facts.discarded[0]!)).toBe('2026-03-02T09:00:00.000Z');
  });

  it('counts a discarded item in WIP until its Done instant, and never in throughput or lead time', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [
        ['2026-03-02T09:00:00Z', 'In Progress'],
        ['2026-03-10T09:00:00Z', 'Done'],
      ],
      resolution: 'Duplicate',
    });
    // Seen before its Done instant it is in progress; after it, gone from WIP and from every count.
    const before = factsOf([item], t('2026-03-05T09:00:00Z'));
    expect(flowMetrics(before, before.allRows(), clockAt(t('2026-03-05T09:00:00Z'))).metrics.wip).toBe(1);
    const result = runEngine({ items: [item], now });
    expect(result.portfolio.items).toBe(0);
    expect(result.portfolio.flow.wip).toBe(0);
    expect(result.portfolio.flow.throughput.allTime).toBe(0);
    expect(result.portfolio.flow.leadTime.allTime.n).toBe(0);
    expect(result.portfolio.progress.total).toBe(0);
  });

  it('takes a discarded item matched directly (by Jira project) out of scope: removed if in the baseline', () => {
    const created = (day: string, resolution?: string) =>
      buildItem({
        project: 'W',
        created: `${day}T09:00:00Z`,
        path: [['2026-03-20T09:00:00Z', 'Done']],
        ...(resolution ? { resolution } : {}),
      });
    const items = [
      created('2026-02-01'), // in the baseline, done
      created('2026-02-02', "Won't Do"), // in the baseline, discarded after it: removed
      created('2026-03-05', "Won't Do"), // added after the baseline, then discarded: neither
      created('2026-03-06'), // added
    ];
    const project = buildProject({ id: 'p', baselineDate: '2026-03-01', scope: { projectKeys: ['W'] } });
    const result = runEngine({ items, now, projects: [project] });
    expect(result.projects[0]!.items).toBe(2);
    expect(result.projects[0]!.scopeChange).toMatchObject({ baseline: 2, added: 1, removed: 1, percent: 50 });
  });

  it('lets a PMO project finish when its only open epic is discarded, at the latest Done of the rest', () => {
    const items = [
      epicOf('W-1', 'W', { path: [['2026-03-10T12:00:00Z', 'Done']], due: '2026-03-31', resolution: 'Done' }),
      // Closed as Won't Do after W-1 was done, and due later: it neither delays nor dates the project.
      epicOf('W-2', 'W', {
        path: [['2026-03-20T12:00:00Z', 'Done']],
        due: '2026-04-30',
        resolution: "Won't Do",
      }),
      doneItem('2026-03-01T12:00:00Z', '2026-03-05T12:00:00Z', { project: 'W', parent: 'W-1' }),
    ];
    const project = buildProject({ id: 'p', scope: { epicKeys: ['W-1', 'W-2'] } });
    const result = runEngine({ items, now, projects: [project] });
    const p = result.projects[0]!;
    expect(p.finishedOn).toBe('2026-03-10');
    expect(p.target).toEqual({ date: '2026-03-31', source: 'epics' });
    expect(p.forecast.state).toBe('done');
    expect(result.epics.map((e) => e.key)).toEqual(['W-1']);
    // With every epic discarded and no items, nothing is left: the project is not done.
    const only = runEngine({
      items: [items[1]!],
      now,
      projects: [buildProject({ id: 'q', scope: { epicKeys: ['W-2'] } })],
    });
    expect(only.projects[0]!.finishedOn).toBeNull();
    expect(only.projects[0]!.epics).toBe(0);
  });

  it('gives a discarded epic no value: neither its value field nor a share of the expected benefit', () => {
    const items = [
      epicOf('W-1', 'W', { value: 40_000, path: [['2026-03-10T12:00:00Z', 'Done']], resolution: "Won't Do" }),
      epicOf('W-2', 'W', { path: [['2026-03-12T12:00:00Z', 'Done']], resolution: 'Done' }),
      epicOf('W-3', 'W'),
      doneItem('2026-03-01T12:00:00Z', '2026-03-05T12:00:00Z', { project: 'W', parent: 'W-2' }),
      buildItem({ project: 'W', parent: 'W-3', created: '2026-03-01T12:00:00Z' }),
    ];
    const project = buildProject({
      id: 'p',
      expectedBenefit: 10_000,
      scope: { epicKeys: ['W-1', 'W-2', 'W-3'] },
    });
    const result = runEngine({ items, now, projects: [project] });
    expect(result.projects[0]!.value.basis).toBe('expected-benefit');
    expect(result.epics.map((e) => [e.key, e.value])).toEqual([
      ['W-2', 5_000],
      ['W-3', 5_000],
    ]);
    expect(result.projects[0]!.valueToDate).toBe(5_000);
    expect(result.portfolio.valueToDate).toBe(5_000);
  });
});

describe('PMO project scope and shared value (rules 21, 22, 30)', () => {
  const now = t('2026-04-15T09:00:00Z');

  it('takes the children of epics found through a Jira project or JQL, even from other Jira projects', () => {
    const items = [
      buildItem({ key: 'A-1', project: 'A', level: 1, created: '2026-01-05T12:00:00Z' }),
      buildItem({ key: 'B-1', project: 'B', level: 1, created: '2026-01-05T12:00:00Z' }),
      doneItem('2026-02-01T12:00:00Z', '2026-02-03T12:00:00Z', { key: 'X-1', project: 'X', parent: 'A-1' }),
      doneItem('2026-02-01T12:00:00Z', '2026-02-04T12:00:00Z', { key: 'X-2', project: 'X', parent: 'B-1' }),
      buildItem({ key: 'X-3', project: 'X', created: '2026-02-01T12:00:00Z' }),
    ];
    const byProject = buildProject({ id: 'byProject', scope: { projectKeys: ['A'] } });
    const byJql = buildProject({ id: 'byJql', scope: { jql: 'labels = b' } });
    const result = runEngine({
      items,
      now,
      projects: [byProject, byJql],
      jqlMatches: new Map([['byJql', new Set([items[1]!.id, items[4]!.id])]]),
    });
    expect(result.projects.map((p) => [p.id, p.items, p.epics])).toEqual([
      ['byProject', 1, 1],
      ['byJql', 2, 1],
    ]);
  });

  it('is done when its epics and items together are non-empty and all done: epics alone suffice', () => {
    const items = [
      buildItem({
        key: 'E-1',
        project: 'E',
        level: 1,
        created: '2026-01-05T12:00:00Z',
        path: [['2026-03-03T12:00:00Z', 'Done']],
      }),
    ];
    const result = runEngine({
      items,
      now,
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1'] } })],
    });
    expect(result.projects[0]!.items).toBe(0);
    expect(result.projects[0]!.finishedOn).toBe('2026-03-03');
    const empty = runEngine({
      items: [],
      now,
      projects: [buildProject({ id: 'q', scope: { epicKeys: ['E-9'] } })],
    });
    expect(empty.projects[0]!.finishedOn).toBeNull();
  });

  it('splits a value-field epic over its k PMO projects, but not a share of a project’s own expected benefit', () => {
    const epic = (key: string, value: number | null) =>
      buildItem({
        key,
        project: 'V',
        level: 1,
        created: '2026-01-05T12:00:00Z',
        value,
        path: [['2026-03-10T12:00:00Z', 'Done']],
      });
    const items = [
      epic('V-1', 30_000),
      epic('V-2', null),
      doneItem('2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z', { project: 'V', parent: 'V-2' }),
    ];
    const goal = buildGoal({ id: 'g' });
    const link = [{ goalId: 'g', level: 1 as const }];
    const projects = [
      buildProject({ id: 'a', goals: link, expectedBenefit: 8_000, scope: { epicKeys: ['V-1', 'V-2'] } }),
      buildProject({ id: 'b', goals: link, scope: { epicKeys: ['V-1'] } }),
      buildProject({ id: 'c', goals: link, expectedBenefit: 6_000, scope: { projectKeys: ['V'] } }),
    ];
    const result = runEngine({ items, now, goals: [goal], projects });
    // V-1: 30,000 / 3 to each. V-2 has no value field: each project holding it shares its own expected
    // benefit over its epics (a: 8,000 over V-1 and V-2 by items, 0 and 1: all to V-2; c: 6,000 likewise).
    expect(result.projects.map((p) => [p.id, p.valueToDate])).toEqual([
      ['a', 18_000],
      ['b', 10_000],
      ['c', 16_000],
    ]);
    // PMO projects, the goal and the portfolio add up.
    expect(result.goals[0]!.valueToDate).toBe(44_000);
    expect(result.portfolio.valueToDate).toBe(44_000);
  });
});
