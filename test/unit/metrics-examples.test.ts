/**
 * Every worked example of docs/metrics.md, run through the real calculators. Each `describe` is named
 * after the section of the page it checks, and every expected number is the hand-computed one printed
 * there: if a test here fails, either the code or the page is wrong.
 */
import type { PmoProject, StrategicGoal } from '../../src/domain/model';
import { completeWeeksBefore, localDate, quartersUpTo, startOfLocalDate } from '../../src/domain/calendar';
import { computeMetrics, type EngineInput, type MetricsResult } from '../../src/domain/engine';
import { Facts } from '../../src/domain/facts';
import { dailySamples, flowMetrics, metricsClock, trendOf } from '../../src/domain/flow-metrics';
import { jiraProjectFlows } from '../../src/domain/jira-project-flow';
import { monteCarlo, simulate, summarize } from '../../src/domain/forecast';
import {
  agingDimension,
  blockedDimension,
  overallHealth,
  scheduleDimension,
  scopeGrowthDimension,
  type Dimension,
  type HealthOverride,
  type ScheduleInput,
} from '../../src/domain/health';
import { percentile } from '../../src/domain/percentile';
import type { Random } from '../../src/domain/random';
import {
  deliveredOnTime,
  onTimeRate,
  progressOf,
  sayDo,
  scopeChange,
  slipDays,
} from '../../src/domain/schedule';
import { epicValues, returnsOf } from '../../src/domain/value';
import { normalizeIssue } from '../../src/jira/normalize';
import type { JiraIssue } from '../../src/jira/schemas';
import type { HistoryPoint } from '../../src/domain/history';
import { backOnTrack, curateWins, type WinCuration } from '../../src/domain/wins';
import type { WorkItem } from '../../src/domain/work-item';
import { compareQuarters } from '../../src/contract/periods';
import { buildGoal, buildProject } from '../builders/pmo';
import { THRESHOLDS, runEngine } from '../builders/metrics';
import { buildItem, doneItem, epicsDueInMay } from '../builders/work-item';

const TZ = 'Europe/London';
/** Wednesday 15 April 2026, 10:00 in London (British Summer Time, UTC+1). */
const NOW = Date.parse('2026-04-15T09:00:00Z');
const TODAY = '2026-04-15';
const DAY = 86_400_000;
const HOUR = 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString();
const noon = (date: string) => `${date}T12:00:00Z`;
const days = (ms: number) => ms / DAY;

const factsOf = (items: readonly WorkItem[], startPolicy: 'first' | 'last' = 'first') =>
  Facts.of(items, { now: NOW, startPolicy, waitStatuses: ['Blocked'] });

/** A deterministic random source that cycles through fixed values. */
const cycling = (values: readonly number[]): Random => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

/** Runs the engine at NOW in London with the default settings. */
function engine(
  items: readonly WorkItem[],
  input: Partial<Omit<EngineInput, 'facts'>> & { projects: readonly PmoProject[] },
): MetricsResult {
  return computeMetrics({
    goals: [],
    portfolioProjects: [],
    thresholds: THRESHOLDS,
    trailingDays: 90,
    jqlMatches: new Map(),
    now: NOW,
    timeZone: TZ,
    ...input,
    facts: factsOf(items),
  });
}

// ---------------------------------------------------------------------------------------------------

describe('Items and their times', () => {
  const a = buildItem({
    key: 'A',
    created: '2026-03-02T09:00:00Z',
    path: [
      ['2026-03-03T09:00:00Z', 'In Progress'],
      ['2026-03-05T09:00:00Z', 'Blocked'],
      ['2026-03-06T09:00:00Z', 'In Progress'],
      ['2026-03-09T09:00:00Z', 'Done'],
    ],
    flagged: [['2026-03-07T09:00:00Z', '2026-03-07T21:00:00Z']],
  });
  const b = buildItem({
    key: 'B',
    created: '2026-03-02T09:00:00Z',
    path: [
      ['2026-03-02T12:00:00Z', 'In Progress'],
      ['2026-03-04T12:00:00Z', 'Done'],
      ['2026-03-06T12:00:00Z', 'In Progress'],
    ],
  });
  const c = buildItem({
    key: 'C',
    created: '2026-03-10T09:00:00Z',
    initial: 'In Progress',
    path: [['2026-03-12T09:00:00Z', 'Done']],
  });
  const d = buildItem({
    key: 'D',
    created: '2026-03-10T09:00:00Z',
    path: [['2026-03-11T09:00:00Z', 'Done']],
  });

  it('worked example: Start, Done, cycle time, lead time and active time of four items', () => {
    const facts = factsOf([a, b, c, d]);
    const [A, B, C, D] = [0, 1, 2, 3];
    // A: started 3 Mar, done 9 Mar; 2 + 3 days in progress, 12 hours of it flagged.
    expect(iso(facts.start[A]!)).toBe('2026-03-03T09:00:00.000Z');
    expect(iso(facts.done[A]!)).toBe('2026-03-09T09:00:00.000Z');
    expect(days(facts.done[A]! - facts.start[A]!)).toBe(6);
    expect(days(facts.done[A]! - facts.created[A]!)).toBe(7);
    expect(days(facts.active[A]!)).toBe(4.5);
    // B: reopened, so not done; its Start stays the first one.
    expect(iso(facts.start[B]!)).toBe('2026-03-02T12:00:00.000Z');
    expect(facts.done[B]).toBeNaN();
    // C: created in progress, so it starts at its creation.
    expect(iso(facts.start[C]!)).toBe('2026-03-10T09:00:00.000Z');
    expect(days(facts.done[C]! - facts.start[C]!)).toBe(2);
    // D: To Do -> Done: no Start, lead time 1 day.
    expect(facts.start[D]).toBeNaN();
    expect(days(facts.done[D]! - facts.created[D]!)).toBe(1);
  });

  it('worked example: with the "last entry" start policy, A still starts on 3 Mar and B restarts on 6 Mar', () => {
    const facts = factsOf([a, b], 'last');
    // A: Blocked -> In Progress is a move within the in-progress category, not a new start (rule 20).
    expect(iso(facts.start[0]!)).toBe('2026-03-03T09:00:00.000Z');
    expect(days(facts.done[0]! - facts.start[0]!)).toBe(6);
    // B: Done -> In Progress is an entry into progress from another category: B starts again.
    expect(iso(facts.start[1]!)).toBe('2026-03-06T12:00:00.000Z');
    // Had A gone back to To Do on 5 Mar instead of Blocked, it would have started again on 6 Mar: 3.0 days.
    const back = buildItem({
      created: '2026-03-02T09:00:00Z',
      path: [
        ['2026-03-03T09:00:00Z', 'In Progress'],
        ['2026-03-05T09:00:00Z', 'To Do'],
        ['2026-03-06T09:00:00Z', 'In Progress'],
        ['2026-03-09T09:00:00Z', 'Done'],
      ],
    });
    const other = factsOf([back], 'last');
    expect(iso(other.start[0]!)).toBe('2026-03-06T09:00:00.000Z');
    expect(days(other.done[0]! - other.start[0]!)).toBe(3);
  });

  it('worked example: E, sent back from In Review to In Progress, starts on 3 Mar under either policy', () => {
    const e = buildItem({
      key: 'E',
      created: '2026-03-02T09:00:00Z',
      path: [
        ['2026-03-03T09:00:00Z', 'In Progress'],
        ['2026-03-05T09:00:00Z', 'In Review'],
        ['2026-03-06T09:00:00Z', 'In Progress'],
        ['2026-03-08T09:00:00Z', 'Done'],
      ],
    });
    for (const policy of ['first', 'last'] as const) {
      const facts = factsOf([e], policy);
      expect(iso(facts.start[0]!)).toBe('2026-03-03T09:00:00.000Z');
      expect(days(facts.done[0]! - facts.start[0]!)).toBe(5);
    }
  });
});

describe('Calendar and time zone', () => {
  it('worked example: the 12 complete weeks before 15 April; the week of the clock change lasts 167 hours', () => {
    const weeks = completeWeeksBefore(NOW, 12, TZ);
    expect(iso(weeks[0]!.from)).toBe('2026-01-19T00:00:00.000Z'); // Mon 19 Jan 00:00 GMT
    expect(iso(weeks[11]!.to)).toBe('2026-04-12T23:00:00.000Z'); // Mon 13 Apr 00:00 BST
    const change = weeks[9]!;
    expect(iso(change.from)).toBe('2026-03-23T00:00:00.000Z');
    expect(iso(change.to)).toBe('2026-03-29T23:00:00.000Z');
    expect((change.to - change.from) / HOUR).toBe(167);
  });

  it('worked example: Y, done 23:30 UTC on Sunday 29 March, is done on Monday 30 March in London', () => {
    const x = doneItem('2026-03-28T12:00:00Z', '2026-03-30T11:00:00Z', { key: 'X' });
    const y = doneItem('2026-03-27T12:00:00Z', '2026-03-29T23:30:00Z', { key: 'Y' });
    const facts = factsOf([x, y]);
    const weekly = (timeZone: string) =>
      flowMetrics(facts, facts.allRows(), metricsClock(NOW, timeZone, 90)).metrics.throughput.weekly.map(
        (w) => w.count,
      );
    expect(localDate(facts.done[1]!, TZ)).toBe('2026-03-30');
    // Weeks 10 (from 23 Mar) and 11 (from 30 Mar): London puts both items in week 11, UTC splits them.
    expect(weekly(TZ).slice(9, 11)).toEqual([0, 2]);
    expect(weekly('UTC').slice(9, 11)).toEqual([1, 1]);
    // X: Saturday 12:00 GMT to Monday 12:00 BST is 47 hours: 1.96 days, shown as 2.0.
    const cycle = days(facts.done[0]! - facts.start[0]!);
    expect(cycle).toBe(47 / 24);
    expect(cycle.toFixed(1)).toBe('2.0');
  });

  it('worked example: the trailing 90 days are 90 × 24 hours, so they start at 09:00 GMT on 15 January', () => {
    const out = doneItem('2026-01-14T08:30:00Z', '2026-01-15T08:30:00Z');
    const inside = doneItem('2026-01-14T09:30:00Z', '2026-01-15T09:30:00Z');
    const facts = factsOf([out, inside]);
    const { throughput } = flowMetrics(facts, facts.allRows(), metricsClock(NOW, TZ, 90)).metrics;
    expect(throughput.trailing).toBe(1);
    expect(throughput.allTime).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------------
// Flow: one team's items, used by every flow example (and by the forecast samples and health).

function flowExample(): WorkItem[] {
  const story = (key: string, start: string, done: string) => doneItem(noon(start), noon(done), { key });
  const bug = (key: string, start: string, done: string) =>
    doneItem(noon(start), noon(done), { key, type: 'Bug' });
  return [
    story('F1', '2026-04-13', '2026-04-14'),
    story('F2', '2026-04-07', '2026-04-09'),
    story('F3', '2026-04-05', '2026-04-08'),
    story('F4', '2026-03-28', '2026-04-01'),
    story('F5', '2026-03-19', '2026-03-24'),
    story('F6', '2026-03-04', '2026-03-10'),
    story('F7', '2026-02-10', '2026-02-17'),
    bug('F8', '2026-01-26', '2026-02-03'),
    bug('F9', '2026-01-11', '2026-01-20'),
    buildItem({
      key: 'F10',
      created: noon('2025-12-31'),
      path: [
        [noon('2026-01-01'), 'In Progress'],
        [noon('2026-01-07'), 'Blocked'],
        [noon('2026-01-10'), 'In Progress'],
        [noon('2026-01-16'), 'Done'],
      ],
      flagged: [[noon('2026-01-12'), noon('2026-01-15')]],
    }),
    buildItem({ key: 'H', type: 'Bug', created: noon('2026-04-01'), path: [[noon('2026-04-07'), 'Done']] }),
    buildItem({ key: 'I', created: noon('2026-03-10'), path: [[noon('2026-03-12'), 'Done']] }),
    story('G', '2025-09-11', '2025-10-01'),
    buildItem({
      key: 'W1',
      created: '2026-04-12T09:00:00Z',
      path: [['2026-04-13T09:00:00Z', 'In Progress']],
    }),
    buildItem({
      key: 'W2',
      created: '2026-04-09T09:00:00Z',
      path: [['2026-04-10T09:00:00Z', 'In Progress']],
    }),
    buildItem({
      key: 'W3',
      created: '2026-04-04T09:00:00Z',
      path: [
        ['2026-04-05T09:00:00Z', 'In Progress'],
        ['2026-04-12T09:00:00Z', 'Blocked'],
      ],
    }),
    buildItem({
      key: 'W4',
      created: '2026-04-02T09:00:00Z',
      path: [['2026-04-03T09:00:00Z', 'In Progress']],
      flagged: [['2026-04-14T09:00:00Z', null]],
    }),
    buildItem({
      key: 'R',
      created: '2026-03-31T09:00:00Z',
      path: [
        ['2026-04-01T09:00:00Z', 'In Progress'],
        ['2026-04-06T09:00:00Z', 'Done'],
        ['2026-04-08T09:00:00Z', 'In Progress'],
      ],
    }),
    buildItem({ key: 'T', created: '2026-04-02T09:00:00Z' }),
  ];
}

describe("Flow (worked example: one team's flow)", () => {
  const facts = factsOf(flowExample());
  const clock = metricsClock(NOW, TZ, 90);
  const { metrics } = flowMetrics(facts, facts.allRows(), clock);

  it('worked example: throughput', () => {
    expect(metrics.throughput.weekly.map((w) => w.count)).toEqual([1, 0, 1, 0, 1, 0, 0, 2, 0, 1, 1, 3]);
    expect(metrics.throughput.last12Weeks).toBe(10);
    expect(metrics.throughput.currentWeek).toBe(1);
    expect(metrics.throughput.trailing).toBe(12);
    expect(metrics.throughput.allTime).toBe(13);
  });

  it('worked example: cycle time and lead time', () => {
    const { cycleTime, leadTime } = metrics;
    expect([cycleTime.trailing.n, cycleTime.trailing.p50.value, cycleTime.trailing.p85.value]).toEqual([
      10, 5, 9,
    ]);
    expect(cycleTime.trailing.p95).toEqual({ k: 95, n: 10, value: null, minSamples: 20 });
    expect([cycleTime.allTime.n, cycleTime.allTime.p50.value, cycleTime.allTime.p85.value]).toEqual([
      11, 6, 15,
    ]);
    expect([leadTime.trailing.n, leadTime.trailing.p50.value, leadTime.trailing.p85.value]).toEqual([
      12, 6, 10,
    ]);
    expect([leadTime.allTime.n, leadTime.allTime.p50.value, leadTime.allTime.p85.value]).toEqual([13, 6, 16]);
  });

  it('worked example: work in progress, SLE and aging', () => {
    expect(metrics.wip).toBe(5);
    expect(metrics.sle).toEqual({ k: 85, n: 10, value: 9, minSamples: 10 });
    expect(metrics.aging).toEqual({ count: 3, share: 60 });
  });

  it('worked example: blocked', () => {
    expect(metrics.blocked).toEqual({ count: 2, share: 40 });
  });

  it('worked example: flow efficiency', () => {
    expect(metrics.flowEfficiency.trailing).toEqual({ percent: 90, activeDays: 54, elapsedDays: 60, n: 10 });
    expect(metrics.flowEfficiency.allTime).toEqual({ percent: 92.5, activeDays: 74, elapsedDays: 80, n: 11 });
  });

  it('worked example: trend, each window beside the window before it', () => {
    const flow = flowMetrics(facts, facts.allRows(), clock);
    const trend = trendOf(facts, flow, clock, completeWeeksBefore(NOW, 52, TZ));
    expect(trend.weekly).toHaveLength(52);
    expect(trend.weekly.slice(40).map((w) => w.count)).toEqual(metrics.throughput.weekly.map((w) => w.count));
    const windows = trend.windows.map((w) => ({
      weeks: w.weeks,
      current: [
        iso(w.current.from),
        w.current.throughput,
        w.current.cycleTime.n,
        w.current.cycleTime.p50.value,
      ],
      previous: [iso(w.previous.from), w.previous.throughput, w.previous.cycleTime.n],
    }));
    expect(windows).toEqual([
      {
        weeks: 4,
        current: ['2026-03-16T00:00:00.000Z', 5, 4, null],
        previous: ['2026-02-16T00:00:00.000Z', 3, 2],
      },
      {
        weeks: 12,
        current: ['2026-01-19T00:00:00.000Z', 10, 8, 5],
        previous: ['2025-10-27T00:00:00.000Z', 1, 1],
      },
      {
        weeks: 26,
        current: ['2025-10-12T23:00:00.000Z', 11, 9, 6],
        previous: ['2025-04-13T23:00:00.000Z', 1, 1],
      },
    ]);
  });

  it('worked example: flow distribution', () => {
    expect(metrics.distribution).toEqual([
      { type: 'Story', count: 9, share: 75 },
      { type: 'Bug', count: 3, share: 25 },
    ]);
  });
});

describe('Percentiles', () => {
  it('worked example: nearest rank over 20 values, and the sample-size rule', () => {
    const values = [14, 3, 20, 7, 1, 18, 9, 12, 5, 16, 2, 11, 19, 8, 4, 15, 6, 13, 10, 17];
    expect(percentile(values, 50).value).toBe(10); // position ceil(50 × 20 / 100) = 10
    expect(percentile(values, 85).value).toBe(17); // position 17
    expect(percentile(values, 95).value).toBe(19); // position 19
    expect(percentile(values.slice(0, 4), 50)).toEqual({ k: 50, n: 4, value: null, minSamples: 5 });
  });
});

describe('Windows of complete weeks (the delivery-flow gadget)', () => {
  it('worked example: four weeks to 16 November 2026, UTC', () => {
    const now = Date.parse('2026-11-18T10:00:00Z');
    const items = [
      doneItem('2026-11-09T00:00:00Z', '2026-11-10T00:00:00Z', { key: 'A' }),
      doneItem('2026-11-05T00:00:00Z', '2026-11-09T00:00:00Z', { key: 'B' }),
      doneItem('2026-11-10T00:00:00Z', '2026-11-12T12:00:00Z', { key: 'C' }),
      doneItem('2026-11-01T00:00:00Z', '2026-11-04T00:00:00Z', { key: 'D' }),
      doneItem('2026-10-20T00:00:00Z', '2026-10-27T00:00:00Z', { key: 'E' }),
      doneItem('2026-11-10T00:00:00Z', '2026-11-16T00:00:00Z', { key: 'F' }),
      doneItem('2026-08-01T00:00:00Z', '2026-08-10T00:00:00Z', { key: 'G' }),
      buildItem({ key: 'H', created: '2026-11-01T00:00:00Z', path: [['2026-11-11T00:00:00Z', 'Done']] }),
    ];
    const facts = Facts.of(items, { now, startPolicy: 'first', waitStatuses: ['Blocked'] });
    const clock = metricsClock(now, 'UTC', 90);
    const [flow] = jiraProjectFlows(facts, [{ key: 'T', name: 'Team' }], clock);
    const four = flow!.windows.find((w) => w.weeks === 4)!;
    const all = flowMetrics(facts, facts.allRows(), clock);
    const { metrics } = all;
    const trend = trendOf(facts, all, clock, completeWeeksBefore(now, 52, 'UTC'));
    expect(trend.windows.find((w) => w.weeks === 4)!.current).toMatchObject({
      from: Date.parse('2026-10-19T00:00:00Z'),
      to: Date.parse('2026-11-16T00:00:00Z'),
    });
    expect(four.throughput).toBe(6);
    expect(four.weekly).toEqual([0, 1, 1, 4]);
    expect(four.cycleTime.p50).toEqual({ k: 50, n: 5, value: 3, minSamples: 5 });
    expect(four.cycleTime.p85.value).toBeNull();
    expect(metrics.throughput.currentWeek).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Scope and schedule', () => {
  it('worked example: progress by points, and by count below 80% estimated', () => {
    const items = (third: number | null) => [
      doneItem(noon('2026-03-02'), noon('2026-03-05'), { estimate: 5 }),
      doneItem(noon('2026-03-03'), noon('2026-03-09'), { estimate: 8 }),
      buildItem({
        created: noon('2026-03-01'),
        path: [[noon('2026-03-10'), 'In Progress']],
        estimate: third,
      }),
      buildItem({ created: noon('2026-03-01'), estimate: 4 }),
      buildItem({ created: noon('2026-03-01') }),
    ];
    const points = factsOf(items(3));
    expect(progressOf(points, points.allRows())).toEqual({
      done: 2,
      total: 5,
      basis: 'points',
      donePoints: 13,
      totalPoints: 20,
      estimatedShare: 80,
      percent: 65,
    });
    const count = factsOf(items(null));
    expect(progressOf(count, count.allRows())).toMatchObject({
      basis: 'count',
      estimatedShare: 60,
      percent: 40,
    });
  });

  it('worked example: the children of every epic, however the epic came in (rule 21)', () => {
    const items = [
      buildItem({ key: 'A-1', project: 'A', level: 1, created: noon('2026-01-05') }),
      buildItem({ key: 'B-1', project: 'B', level: 1, created: noon('2026-01-05') }),
      doneItem(noon('2026-02-01'), noon('2026-02-03'), { key: 'X-1', project: 'X', parent: 'A-1' }),
      doneItem(noon('2026-02-01'), noon('2026-02-04'), { key: 'X-2', project: 'X', parent: 'B-1' }),
      buildItem({ key: 'X-3', project: 'X', created: noon('2026-02-01') }),
      buildItem({
        key: 'E-1',
        project: 'E',
        level: 1,
        created: noon('2026-01-05'),
        path: [[noon('2026-03-03'), 'Done']],
      }),
    ];
    const platform = buildProject({ id: 'platform', name: 'Platform', scope: { projectKeys: ['A'] } });
    const billing = buildProject({ id: 'billing', name: 'Billing', scope: { jql: 'labels = billing' } });
    const archive = buildProject({ id: 'archive', name: 'Archive', scope: { epicKeys: ['E-1'] } });
    const never = buildProject({ id: 'never', name: 'Never synced', scope: { epicKeys: ['E-9'] } });
    const result = engine(items, {
      projects: [platform, billing, archive, never],
      jqlMatches: new Map([['billing', new Set([items[1]!.id, items[4]!.id])]]),
    });
    expect(result.projects.map((p) => [p.id, p.epicKeys, p.items, p.epics, p.finishedOn])).toEqual([
      ['platform', ['A-1'], 1, 1, null],
      ['billing', ['B-1'], 2, 1, null],
      ['archive', ['E-1'], 0, 1, '2026-03-03'],
      ['never', ['E-9'], 0, 1, null],
    ]);
  });

  it('worked example: baseline and scope growth', () => {
    const item = (key: string, created: string, parent: string | null, moved?: [string, string | null]) =>
      buildItem({
        key,
        created,
        parent,
        parentChanges: moved ? [[moved[0], moved[1], parent]] : [],
      });
    const facts = factsOf([
      item('a', noon('2026-02-10'), 'APP-1'),
      item('b', noon('2026-02-11'), 'APP-1'),
      item('c', noon('2026-02-12'), 'APP-2'),
      item('d', '2026-03-01T00:00:00Z', 'APP-2'),
      item('e', noon('2026-03-10'), 'APP-1'),
      item('f', noon('2026-02-15'), 'APP-2', [noon('2026-03-05'), null]),
      item('g', noon('2026-02-16'), 'WEB-9', [noon('2026-03-20'), 'APP-1']),
    ]);
    const epicKeys = new Set(['APP-1', 'APP-2']);
    const rows = facts.allRows().filter((r) => epicKeys.has(facts.parentOf(r) ?? ''));
    const baselineAt = startOfLocalDate('2026-03-01', TZ);
    expect(iso(baselineAt)).toBe('2026-03-01T00:00:00.000Z');
    expect(
      scopeChange({ facts, rows, directRows: new Set(), epicKeys, baselineDate: '2026-03-01', baselineAt }),
    ).toEqual({ baselineDate: '2026-03-01', baseline: 5, added: 2, removed: 1, percent: 40 });
  });

  it('worked example: older histories, Epic Link and Parent Link changes, give the same 40% (rule 24)', () => {
    const epicLink = 'customfield_10014';
    const parentLink = 'customfield_10018';
    /** An issue read from Jira: created in To Do, under `parent` now, with one parent change recorded. */
    const fromJira = (
      key: string,
      created: string,
      parent: string,
      change: { at: string; field: string; fieldId?: string; from: string | null; to: string },
    ) =>
      normalizeIssue(
        {
          id: key,
          key,
          fields: {
            issuetype: { id: '1', name: 'Story', hierarchyLevel: 0 },
            project: { id: '1', key: 'APP', name: 'App' },
            status: { id: '1', name: 'To Do', statusCategory: { key: 'new' } },
            created: `${created}T12:00:00.000+0000`,
            updated: `${change.at}T12:00:00.000+0000`,
            parent: { id: parent, key: parent },
          },
        } as JiraIssue,
        [
          {
            id: `${key}-1`,
            created: `${change.at}T12:00:00.000+0000`,
            items: [
              {
                field: change.field,
                ...(change.fieldId ? { fieldId: change.fieldId } : {}),
                from: change.from,
                fromString: change.from,
                to: change.to,
                toString: change.to,
              },
            ],
          },
        ],
        { estimate: null, value: null, flagged: null, startDate: null },
        new Map([['1', 'new']]),
        [epicLink, parentLink],
      );
    const plain = (key: string, created: string, parent: string) => buildItem({ key, created, parent });
    const others = [
      plain('a', noon('2026-02-10'), 'APP-1'),
      plain('b', noon('2026-02-11'), 'APP-1'),
      plain('c', noon('2026-02-12'), 'APP-2'),
      plain('d', '2026-03-01T00:00:00Z', 'APP-2'),
      plain('e', noon('2026-03-10'), 'APP-1'),
    ];
    const epicKeys = new Set(['APP-1', 'APP-2']);
    const growth = (f: WorkItem, g: WorkItem) => {
      const facts = factsOf([...others, f, g]);
      const rows = facts.allRows().filter((r) => epicKeys.has(facts.parentOf(r) ?? ''));
      return scopeChange({
        facts,
        rows,
        directRows: new Set(),
        epicKeys,
        baselineDate: '2026-03-01',
        baselineAt: startOfLocalDate('2026-03-01', TZ),
      });
    };
    const shapes = [
      // An older site: Epic Link without a field id, and the site's Parent Link custom field by its id.
      [
        { field: 'Epic Link', from: null, to: 'APP-2' },
        { field: 'Übergeordneter Link', fieldId: parentLink, from: 'APP-1', to: 'WEB-9' },
      ],
      // Today's shapes: IssueParentAssociation without a field id, parent with one.
      [
        { field: 'IssueParentAssociation', from: null, to: 'APP-2' },
        { field: 'Parent', fieldId: 'parent', from: 'APP-1', to: 'WEB-9' },
      ],
    ];
    for (const [fMove, gMove] of shapes) {
      const f = fromJira('f', '2026-02-15', 'APP-2', { at: '2026-03-05', ...fMove! });
      const g = fromJira('g', '2026-02-16', 'WEB-9', { at: '2026-03-20', ...gMove! });
      expect(growth(f, g)).toEqual({
        baselineDate: '2026-03-01',
        baseline: 5,
        added: 2,
        removed: 1,
        percent: 40,
      });
    }
    // Had the parent history been ignored: f in the baseline, g nowhere; 1 added to 5, 20%.
    expect(growth(plain('f', noon('2026-02-15'), 'APP-2'), plain('g', noon('2026-02-16'), 'WEB-9'))).toEqual({
      baselineDate: '2026-03-01',
      baseline: 5,
      added: 1,
      removed: 0,
      percent: 20,
    });
  });

  it('worked example: on time and slip, in London time', () => {
    const done = Date.parse('2026-03-29T23:30:00Z');
    expect(localDate(done, TZ)).toBe('2026-03-30');
    expect(deliveredOnTime(done, '2026-03-29', TZ)).toBe(false);
    expect(deliveredOnTime(done, '2026-03-29', 'UTC')).toBe(true);
    expect(slipDays(localDate(done, TZ), '2026-03-29')).toBe(1);
    expect(slipDays('2026-02-20', '2026-02-27')).toBe(-7);
    expect(onTimeRate(2, 3).rate).toBeCloseTo(66.667, 3);
    expect(onTimeRate(0, 0)).toEqual({ onTime: 0, withDate: 0, rate: null });
  });

  it('worked example: on-time rate of a quarter pools epics and PMO projects (engine)', () => {
    const epic = (key: string, summary: string, due: string | null, done: string) =>
      buildItem({
        key,
        project: 'WEB',
        level: 1,
        summary,
        due,
        created: noon('2025-12-01'),
        path: [
          [noon('2026-01-05'), 'In Progress'],
          [done, 'Done'],
        ],
      });
    const items = [
      epic('WEB-1', 'Sign-in', '2026-02-27', noon('2026-02-20')),
      epic('WEB-2', 'Basket', '2026-03-29', '2026-03-29T23:30:00Z'),
      epic('WEB-3', 'Wish list', null, noon('2026-03-10')),
      doneItem(noon('2026-02-10'), noon('2026-02-19'), { key: 'WEB-10', project: 'WEB', parent: 'WEB-1' }),
    ];
    const web = buildProject({
      id: 'web',
      name: 'Web shop',
      targetDate: '2026-03-31',
      scope: { epicKeys: ['WEB-1', 'WEB-2', 'WEB-3'] },
    });
    const result = engine(items, { projects: [web] });
    const project = result.projects[0]!;
    expect(project.target).toEqual({ date: '2026-03-31', source: 'project' });
    expect(project.finishedOn).toBe('2026-03-30');
    expect(project.slipDays).toBe(-1);
    const q1 = project.quarters.find((q) => q.label === '2026-Q1')!;
    expect(q1.epicsDelivered).toBe(3);
    expect(q1.projectsDelivered).toBe(1);
    expect(q1.onTime.onTime).toBe(2);
    expect(q1.onTime.withDate).toBe(3);
    expect(q1.onTime.rate).toBeCloseTo(66.667, 3);
    expect(result.epics.map((e) => [e.key, e.finishedOn, e.onTime, e.slipDays])).toEqual([
      ['WEB-1', '2026-02-20', true, -7],
      ['WEB-2', '2026-03-30', false, 1],
      ['WEB-3', '2026-03-10', null, null],
    ]);
    // Every delivery is in the Delivered list, with its slip (see Wins) ...
    expect(result.delivered.map((d) => [d.id, d.date, d.due, d.slipDays, d.timing, d.win])).toEqual([
      ['delivered:epic:WEB-2', '2026-03-30', '2026-03-29', 1, 'late', false],
      ['delivered:project:web', '2026-03-30', '2026-03-31', -1, 'early', true],
      ['delivered:epic:WEB-3', '2026-03-10', null, null, 'no-date', false],
      ['delivered:epic:WEB-1', '2026-02-20', '2026-02-27', -7, 'early', true],
    ]);
    // ... and only those on time or early are wins: not the late WEB-2, nor WEB-3 without a due date.
    expect(result.wins.filter((w) => w.kind === 'delivered').map((w) => [w.id, w.date])).toEqual([
      ['delivered:project:web', '2026-03-30'],
      ['delivered:epic:WEB-1', '2026-02-20'],
    ]);
  });

  it('worked example: say/do for 2026-Q1', () => {
    const epic = (
      key: string,
      params: { created?: string; due: string; dueChanges?: Array<[string, string, string]> },
      path: Array<[string, string]>,
    ) =>
      buildItem({
        key,
        project: 'S',
        level: 1,
        created: params.created ?? noon('2025-12-01'),
        due: params.due,
        dueChanges: params.dueChanges ?? [],
        path,
      });
    const facts = factsOf([
      epic('S1', { due: '2026-02-15' }, [
        [noon('2026-01-20'), 'In Progress'],
        [noon('2026-02-10'), 'Done'],
      ]),
      epic('S2', { due: '2026-03-31' }, [
        [noon('2026-02-01'), 'In Progress'],
        ['2026-03-31T23:30:00Z', 'Done'],
      ]),
      epic('S3', { due: '2026-03-10', dueChanges: [[noon('2026-01-15'), '2026-04-20', '2026-03-10']] }, [
        [noon('2026-02-01'), 'In Progress'],
        [noon('2026-03-05'), 'Done'],
      ]),
      epic('S4', { due: '2026-05-01', dueChanges: [[noon('2026-02-01'), '2026-03-20', '2026-05-01']] }, [
        [noon('2026-01-10'), 'In Progress'],
      ]),
      epic('S5', { created: noon('2026-01-10'), due: '2026-03-01' }, [[noon('2026-02-25'), 'Done']]),
      epic('S6', { created: noon('2025-11-15'), due: '2026-01-31' }, [[noon('2026-01-30'), 'Done']]),
    ]);
    const [q1] = quartersUpTo(NOW, 2, TZ);
    expect(q1!.label).toBe('2026-Q1');
    expect(iso(q1!.to)).toBe('2026-03-31T23:00:00.000Z'); // 1 Apr 00:00 BST
    const dates = { first: localDate(q1!.from, TZ), last: localDate(q1!.to - 1, TZ) };
    expect(dates).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(sayDo(facts.epics, q1!, dates)).toEqual({ committed: 4, done: 2, rate: 50 });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Closed without delivery', () => {
  // PMO project "Support portal": epics SUP-1 (due 15 Mar), SUP-2 (due 31 Mar, closed as Won't Do on 10 Mar)
  // and SUP-3 (due 20 Feb, done 18 Feb); baseline 1 March 2026; expected benefit 90,000. All at noon UTC.
  const epic = (key: string, due: string, path: Array<[string, string]>, resolution?: string) =>
    buildItem({
      key,
      project: 'SUP',
      level: 1,
      created: noon('2025-12-01'),
      due,
      path,
      ...(resolution ? { resolution } : {}),
    });
  const item = (
    key: string,
    parent: string,
    created: string,
    path: Array<[string, string]>,
    resolution?: string,
  ) =>
    buildItem({
      key,
      project: 'SUP',
      parent,
      created: noon(created),
      path: path.map(([d, status]) => [noon(d), status] as [string, string]),
      ...(resolution ? { resolution } : {}),
    });
  const items = [
    epic('SUP-1', '2026-03-15', [[noon('2026-02-01'), 'In Progress']]),
    epic('SUP-2', '2026-03-31', [[noon('2026-03-10'), 'Done']], "Won't Do"),
    epic('SUP-3', '2026-02-20', [[noon('2026-02-18'), 'Done']], 'Done'),
    item(
      'a',
      'SUP-1',
      '2026-02-10',
      [
        ['2026-03-02', 'In Progress'],
        ['2026-03-09', 'Done'],
      ],
      'Done',
    ),
    item(
      'b',
      'SUP-1',
      '2026-02-11',
      [
        ['2026-03-03', 'In Progress'],
        ['2026-03-12', 'Done'],
      ],
      "Won't Do",
    ),
    item('c', 'SUP-1', '2026-02-12', [['2026-02-20', 'Done']], 'Duplicate'),
    item(
      'd',
      'SUP-1',
      '2026-03-05',
      [
        ['2026-03-06', 'In Progress'],
        ['2026-03-08', 'Done'],
      ],
      "Won't Do",
    ),
    item('e', 'SUP-1', '2026-02-13', [['2026-04-01', 'In Progress']]),
    item(
      'f',
      'SUP-2',
      '2026-02-14',
      [
        ['2026-03-20', 'In Progress'],
        ['2026-03-25', 'Done'],
      ],
      'Done',
    ),
    item(
      'g',
      'SUP-1',
      '2026-02-15',
      [
        ['2026-04-02', 'In Progress'],
        ['2026-04-10', 'Done'],
      ],
      "Won't Do",
    ),
    item(
      'h',
      'SUP-3',
      '2026-02-01',
      [
        ['2026-02-05', 'In Progress'],
        ['2026-02-15', 'Done'],
      ],
      'Done',
    ),
  ];
  const support = buildProject({
    id: 'support',
    name: 'Support portal',
    baselineDate: '2026-03-01',
    expectedBenefit: 90_000,
    scope: { epicKeys: ['SUP-1', 'SUP-2', 'SUP-3'] },
  });

  it('worked example: discarded items leave the scope and never count as done', () => {
    const result = engine(items, { projects: [support] });
    const project = result.projects[0]!;
    // Scope: a, e, f, h (b, c, d, g discarded; f stays, judged on its own under the discarded SUP-2).
    expect(project.items).toBe(4);
    expect(project.progress).toMatchObject({ done: 3, total: 4, basis: 'count', percent: 75 });
    expect(project.flow.throughput.allTime).toBe(3);
    expect(project.flow.cycleTime.allTime.n).toBe(3);
    // WIP: e only; g was in progress until it was closed as Won't Do on 10 April.
    expect(project.flow.wip).toBe(1);
    // Baseline at 1 Mar 00:00: a, b, e, f, g, h (c was discarded on 20 Feb, d created on 5 Mar).
    expect(project.scopeChange).toMatchObject({ baseline: 6, added: 0, removed: 2, percent: 0 });
  });

  it('worked example: a discarded epic leaves its PMO project, yet say/do counts it as committed', () => {
    const result = engine(items, { projects: [support] });
    const project = result.projects[0]!;
    expect(project.epics).toBe(2);
    expect(project.epicKeys).toEqual(['SUP-1', 'SUP-3']);
    // The latest due date of the remaining epics; SUP-2's 31 March does not count.
    expect(project.target).toEqual({ date: '2026-03-15', source: 'epics' });
    expect(project.finishedOn).toBeNull();
    const q1 = project.quarters.find((q) => q.label === '2026-Q1')!;
    expect(q1.epicsDelivered).toBe(1);
    expect(q1.onTime).toMatchObject({ onTime: 1, withDate: 1, rate: 100 });
    // Committed: SUP-1, SUP-2, SUP-3; done by the end: SUP-3.
    expect(q1.sayDo.committed).toBe(3);
    expect(q1.sayDo.done).toBe(1);
    expect(q1.sayDo.rate).toBeCloseTo(33.333, 3);
    const portfolioQ1 = result.portfolio.quarters.find((q) => q.label === '2026-Q1')!;
    expect(portfolioQ1.sayDo).toMatchObject({ committed: 3, done: 1 });
    expect(portfolioQ1.epicsDelivered).toBe(1);
    // The expected benefit is shared over SUP-1 (a, e) and SUP-3 (h) by count: 60,000 and 30,000.
    expect(project.value.basis).toBe('expected-benefit');
    expect(result.epics.map((e) => [e.key, e.value])).toEqual([
      ['SUP-1', 60_000],
      ['SUP-3', 30_000],
    ]);
    expect(project.valueToDate).toBe(30_000);
  });

  it('worked example: the setting decides which resolutions are not done', () => {
    const facts = Facts.of(items, {
      now: NOW,
      startPolicy: 'first',
      waitStatuses: ['Blocked'],
      notDoneResolutions: ['Duplicate'],
    });
    // Only c (Duplicate) is discarded now: b, d and g count as done, and SUP-2 as a delivered epic.
    const result = computeMetrics({
      goals: [],
      portfolioProjects: [],
      thresholds: THRESHOLDS,
      trailingDays: 90,
      jqlMatches: new Map(),
      now: NOW,
      timeZone: TZ,
      projects: [support],
      facts,
    });
    expect(result.projects[0]!.items).toBe(7);
    expect(result.projects[0]!.flow.throughput.allTime).toBe(6);
    expect(result.projects[0]!.epics).toBe(3);
  });
});

describe('Forecast', () => {
  it('worked example: the samples are the 84 days before today, zero days included', () => {
    const facts = factsOf(flowExample());
    const clock = metricsClock(NOW, TZ, 90);
    const { daily } = flowMetrics(facts, facts.allRows(), clock);
    const samples = dailySamples(daily, clock.grid, 84);
    expect(clock.grid.dates[clock.grid.today - 84]).toBe('2026-01-21');
    expect(samples).toHaveLength(84);
    expect(samples.filter((s) => s === 1)).toHaveLength(10);
    expect(samples.filter((s) => s === 0)).toHaveLength(74);
  });

  it('worked example: 4 items remaining, samples [1, 0, 2, 0], random numbers 0, 0.5, 0.5, 0, …', () => {
    const input = {
      remaining: 4,
      samples: [1, 0, 2, 0],
      samplesFrom: 'scope' as const,
      today: TODAY,
      target: '2026-04-18',
    };
    const simulation = simulate({ ...input, random: cycling([0, 0.5, 0.5, 0]) })!;
    expect(simulation.counts[4]).toBe(5_000);
    expect(simulation.counts[5]).toBe(5_000);
    expect(monteCarlo({ ...input, random: cycling([0, 0.5, 0.5, 0]) })).toEqual({
      state: 'forecast',
      remaining: 4,
      trials: 10_000,
      samplesFrom: 'scope',
      p50: '2026-04-18',
      p85: '2026-04-19',
      p95: '2026-04-19',
      target: '2026-04-18',
      probability: 50,
    });
    const quantiles = summarize(simulation, { ...input, quantiles: true });
    expect(quantiles.state === 'forecast' && quantiles.quantiles).toEqual([
      ...Array<string>(10).fill('2026-04-18'),
      ...Array<string>(10).fill('2026-04-19'),
    ]);
  });

  it('worked example: nothing remaining is done; no finished day in the samples is no forecast', () => {
    const base = { samplesFrom: 'scope' as const, today: TODAY, target: null, random: cycling([0]) };
    expect(monteCarlo({ ...base, remaining: 0, samples: [1] })).toEqual({ state: 'done' });
    expect(monteCarlo({ ...base, remaining: 3, samples: [0, 0, 0] })).toEqual({
      state: 'no-throughput',
      remaining: 3,
      samplesFrom: 'scope',
    });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Value', () => {
  const appItems = (estimated: boolean, app2Value: number | null = null) => [
    buildItem({ key: 'APP-1', project: 'APP', level: 1, created: noon('2026-01-05') }),
    buildItem({ key: 'APP-2', project: 'APP', level: 1, created: noon('2026-01-05'), value: app2Value }),
    ...(
      [
        ['APP-10', 'APP-1', 3],
        ['APP-11', 'APP-1', 5],
        ['APP-20', 'APP-2', 4],
        ['APP-21', 'APP-2', 8],
      ] as const
    ).map(([key, parent, points]) =>
      buildItem({
        key,
        project: 'APP',
        parent,
        created: noon('2026-01-06'),
        estimate: estimated ? points : null,
      }),
    ),
  ];
  const projectA = buildProject({
    id: 'a',
    expectedBenefit: 100_000,
    scope: { epicKeys: ['APP-1', 'APP-2'] },
  });
  const valuesOf = (items: WorkItem[], project: PmoProject, holders: Record<string, number>) => {
    const facts = factsOf(items);
    const result = epicValues({
      facts,
      project,
      epicKeys: project.scope.epicKeys,
      rows: facts.allRows(),
      holders: new Map(Object.entries(holders)),
    });
    return { basis: result.basis, values: Object.fromEntries(result.values) };
  };

  it('worked example: the expected benefit shared by points (40,000 and 60,000), or by count', () => {
    expect(valuesOf(appItems(true), projectA, { 'APP-1': 1, 'APP-2': 1 })).toEqual({
      basis: 'expected-benefit',
      values: { 'APP-1': 40_000, 'APP-2': 60_000 },
    });
    expect(valuesOf(appItems(false), projectA, { 'APP-1': 1, 'APP-2': 1 })).toEqual({
      basis: 'expected-benefit',
      values: { 'APP-1': 50_000, 'APP-2': 50_000 },
    });
  });

  it('worked example: a value field of 50,000 on an epic held by two PMO projects gives 25,000 to each', () => {
    const items = [
      buildItem({ key: 'DATA-1', project: 'DATA', level: 1, created: noon('2026-01-05'), value: 50_000 }),
    ];
    const projectB = buildProject({ id: 'b', scope: { epicKeys: ['DATA-1'] } });
    expect(valuesOf(items, projectB, { 'DATA-1': 2 })).toEqual({
      basis: 'field',
      values: { 'DATA-1': 25_000 },
    });
  });

  it('worked example: V-1 splits over its three PMO projects, V-2 takes each holder’s own benefit whole', () => {
    const epic = (key: string, value: number | null) =>
      buildItem({
        key,
        project: 'V',
        level: 1,
        created: noon('2026-01-05'),
        value,
        path: [[noon('2026-03-10'), 'Done']],
      });
    const items = [
      epic('V-1', 30_000),
      epic('V-2', null),
      doneItem(noon('2026-03-01'), noon('2026-03-02'), { project: 'V', parent: 'V-2' }),
    ];
    const goal = buildGoal({ id: 'g', weight: 1 });
    const link = [{ goalId: 'g', level: 1 as const }];
    const projects = [
      buildProject({ id: 'a', goals: link, expectedBenefit: 8_000, scope: { epicKeys: ['V-1', 'V-2'] } }),
      buildProject({ id: 'b', goals: link, scope: { epicKeys: ['V-1'] } }),
      buildProject({ id: 'c', goals: link, expectedBenefit: 6_000, scope: { projectKeys: ['V'] } }),
    ];
    const result = engine(items, { goals: [goal], projects });
    expect(result.projects.map((p) => [p.id, p.valueToDate])).toEqual([
      ['a', 18_000],
      ['b', 10_000],
      ['c', 16_000],
    ]);
    expect(result.goals[0]!.valueToDate).toBe(44_000);
    expect(result.portfolio.valueToDate).toBe(44_000);
  });

  it('worked example: mixed, APP-2 carries 70,000 in the value field and APP-1 keeps its 40,000 share', () => {
    expect(valuesOf(appItems(true, 70_000), projectA, { 'APP-1': 1, 'APP-2': 1 })).toEqual({
      basis: 'mixed',
      values: { 'APP-1': 40_000, 'APP-2': 70_000 },
    });
  });

  it('worked example: ROI and benefit realization', () => {
    const benefits = [
      { id: 'b1', date: '2026-02-01', amount: 30_000, note: 'Fewer support calls' },
      { id: 'b2', date: '2026-03-01', amount: 20_000, note: 'Higher conversion' },
    ];
    const asOf = { now: NOW, benefitInstant: (date: string) => startOfLocalDate(date, TZ) };
    expect(returnsOf(buildProject({ expectedBenefit: 100_000, actualCost: 40_000, benefits }), asOf)).toEqual(
      {
        realized: 50_000,
        roi: 25,
        realization: 50,
        planned: 100_000,
        cost: 40_000,
      },
    );
    expect(returnsOf(buildProject({ expectedBenefit: 100_000, actualCost: 40_000 }), asOf)).toMatchObject({
      roi: null,
      realization: null,
    });
    expect(returnsOf(buildProject({ expectedBenefit: null, actualCost: 0, benefits }), asOf)).toMatchObject({
      roi: null,
      realization: null,
    });
    // A third record dated 1 May, after now (15 April), is not realized yet: the figures stay the same.
    const later = [...benefits, { id: 'b3', date: '2026-05-01', amount: 50_000, note: 'Renewals' }];
    expect(
      returnsOf(buildProject({ expectedBenefit: 100_000, actualCost: 40_000, benefits: later }), asOf),
    ).toMatchObject({ realized: 50_000, roi: 25, realization: 50 });
    // On 1 May at 00:00 BST it counts: realized 100,000, ROI 150%, realization 100%.
    const may = { ...asOf, now: startOfLocalDate('2026-05-01', TZ) };
    expect(
      returnsOf(buildProject({ expectedBenefit: 100_000, actualCost: 40_000, benefits: later }), may),
    ).toMatchObject({ realized: 100_000, roi: 150, realization: 100 });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Health', () => {
  /** A schedule input with a forecast; override what an example changes. */
  const schedule = (s: Partial<ScheduleInput>) =>
    scheduleDimension(
      {
        done: false,
        finishedOn: null,
        target: '2026-06-30',
        today: TODAY,
        probability: 55,
        p85: '2026-07-14',
        slipDays: 14,
        noThroughput: false,
        ...s,
      },
      THRESHOLDS,
    );
  const growth = (added: number, baseline: number, baselineDate = '2026-03-01') =>
    scopeGrowthDimension({ percent: (added / baseline) * 100, added, baseline, baselineDate }, THRESHOLDS);
  const noSle = agingDimension({ count: null, share: null }, 4, { value: null, n: 3 }, THRESHOLDS);
  const computed = (dimensions: Dimension[]) => {
    const { computed: rating, reasons, basis } = overallHealth(dimensions, null, TODAY);
    return { rating, reasons, basis };
  };

  it('the default bands', () => {
    expect(THRESHOLDS).toEqual({
      scheduleGreen: 70,
      scheduleAmber: 40,
      scopeGrowthGreen: 20,
      scopeGrowthAmber: 50,
      agingGreen: 15,
      agingAmber: 30,
      blockedGreen: 10,
      blockedAmber: 20,
    });
  });

  it('each reason comes with its rating and the value it measured', () => {
    const facts = factsOf(flowExample());
    const { metrics } = flowMetrics(facts, facts.allRows(), metricsClock(NOW, TZ, 90));
    const rated = (d: Dimension) => {
      expect(d.reason.length).toBeGreaterThan(0);
      return [d.key, d.rating, d.value];
    };
    expect(rated(schedule({}))).toEqual(['schedule', 'amber', 55]);
    expect(
      rated(schedule({ target: '2026-04-10', probability: 90, p85: '2026-04-16', slipDays: 6 })),
    ).toEqual(['schedule', 'red', null]);
    expect(rated(schedule({ nothingRemains: true, probability: null, p85: null, slipDays: null }))).toEqual([
      'schedule',
      'green',
      100,
    ]);
    expect(rated(schedule({ noThroughput: true, probability: null, p85: null, slipDays: null }))).toEqual([
      'schedule',
      'not-rated',
      null,
    ]);
    expect(rated(schedule({ emptyScope: true, probability: null, p85: null, slipDays: null }))).toEqual([
      'schedule',
      'not-rated',
      null,
    ]);
    expect(
      rated(schedule({ done: true, finishedOn: '2026-03-20', target: '2026-03-31', slipDays: -11 })),
    ).toEqual(['schedule', 'done', null]);
    expect(rated(growth(52, 100, '2026-01-05'))).toEqual(['scopeGrowth', 'red', 52]);
    expect(rated(agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS))).toEqual([
      'aging',
      'red',
      60,
    ]);
    expect(rated(noSle)).toEqual(['aging', 'not-rated', null]);
    expect(rated(blockedDimension(metrics.blocked, metrics.wip, THRESHOLDS))).toEqual(['blocked', 'red', 40]);
    expect(rated(blockedDimension({ count: 0, share: null }, 0, THRESHOLDS))).toEqual([
      'blocked',
      'not-rated',
      null,
    ]);
    expect(
      rated(scopeGrowthDimension({ percent: null, added: 0, baseline: 0, baselineDate: null }, THRESHOLDS)),
    ).toEqual(['scopeGrowth', 'not-rated', null]);
  });

  it('worked examples 1 and 2: the schedule rates; past the target is Off track', () => {
    const first = schedule({});
    expect(computed([first, growth(1, 10), noSle])).toEqual({
      rating: 'amber',
      basis: 'schedule',
      reasons: [first.reason],
    });
    const past = schedule({ target: '2026-04-10', probability: 90, p85: '2026-04-16', slipDays: 6 });
    expect(computed([past])).toEqual({ rating: 'red', basis: 'schedule', reasons: [past.reason] });
  });

  it('worked example 3: a 100% chance with scope growth over its limit is At risk, never Off track', () => {
    const sure = schedule({ probability: 100, p85: '2026-06-02', slipDays: -28 });
    const over = growth(52, 100, '2026-01-05');
    expect([sure.rating, sure.value, over.rating, over.value]).toEqual(['green', 100, 'red', 52]);
    expect(computed([sure, over])).toEqual({
      rating: 'amber',
      basis: 'schedule',
      reasons: [sure.reason, over.reason],
    });
    const exactly = growth(50, 100, '2026-01-05');
    expect([exactly.rating, exactly.value]).toEqual(['amber', 50]);
    expect(computed([sure, exactly])).toEqual({ rating: 'green', basis: 'schedule', reasons: [sure.reason] });
  });

  it('worked example 4: risk signals neither raise nor deepen a schedule that is not green', () => {
    const low = schedule({ probability: 23, p85: '2026-08-14', slipDays: 45 });
    expect(low.rating).toBe('red');
    expect(computed([low, growth(3, 10)])).toEqual({
      rating: 'red',
      basis: 'schedule',
      reasons: [low.reason],
    });
    const facts = factsOf(flowExample());
    const { metrics } = flowMetrics(facts, facts.allRows(), metricsClock(NOW, TZ, 90));
    const allRed = [
      schedule({}),
      growth(52, 100, '2026-01-05'),
      agingDimension(metrics.aging, metrics.wip, metrics.sle, THRESHOLDS),
      blockedDimension(metrics.blocked, metrics.wip, THRESHOLDS),
    ];
    expect(allRed.map((d) => [d.key, d.rating, d.value])).toEqual([
      ['schedule', 'amber', 55],
      ['scopeGrowth', 'red', 52],
      ['aging', 'red', 60],
      ['blocked', 'red', 40],
    ]);
    expect(computed(allRed)).toEqual({
      rating: 'amber',
      basis: 'schedule',
      reasons: allRed.map((d) => d.reason),
    });
  });

  it('worked example 5: without a target date the risk signals alone rate it, at most At risk', () => {
    const noTarget = schedule({ target: null, probability: null, p85: null, slipDays: null });
    expect(noTarget.rating).toBe('not-rated');
    const blocked = blockedDimension({ count: 1, share: 25 }, 4, THRESHOLDS);
    const grew = growth(3, 10);
    expect([blocked.rating, grew.rating, grew.value]).toEqual(['red', 'amber', 30]);
    const { rating, basis, reasons } = computed([noTarget, grew, noSle, blocked]);
    expect([rating, basis, reasons.length]).toEqual(['amber', 'risk-signals', 3]);
    // First why the schedule does not rate it, then the red signal, then the amber one.
    expect(reasons.slice(1)).toEqual([blocked.reason, grew.reason]);
    const green = computed([
      noTarget,
      growth(1, 10),
      noSle,
      blockedDimension({ count: 0, share: 0 }, 4, THRESHOLDS),
    ]);
    expect([green.rating, green.basis, green.reasons]).toEqual(['green', 'risk-signals', [reasons[0]]]);
  });

  it('worked example 6: nothing to rate is Not enough data', () => {
    const dimensions = [
      schedule({ noThroughput: true, probability: null, p85: null, slipDays: null }),
      scopeGrowthDimension({ percent: null, added: 0, baseline: 0, baselineDate: null }, THRESHOLDS),
      noSle,
      blockedDimension({ count: 0, share: null }, 0, THRESHOLDS),
    ];
    const { rating, basis, reasons } = computed(dimensions);
    expect([rating, basis, reasons.length]).toEqual(['unknown', 'none', 1]);
    // A PMO project of one open epic without child items: no work items to forecast.
    const epicOnly = buildItem({
      key: 'EMP-1',
      project: 'EMP',
      level: 1,
      created: noon('2026-01-05'),
      due: '2026-06-30',
      path: [[noon('2026-02-02'), 'In Progress']],
    });
    const project = buildProject({ id: 'empty', targetDate: '2026-06-30', scope: { epicKeys: ['EMP-1'] } });
    const health = engine([epicOnly], { projects: [project] }).projects[0]!.health;
    expect([health.rating, health.basis]).toEqual(['unknown', 'none']);
    expect(health.dimensions.map((d) => [d.key, d.rating])).toEqual([
      ['schedule', 'not-rated'],
      ['scopeGrowth', 'not-rated'],
      ['aging', 'not-rated'],
      ['blocked', 'not-rated'],
    ]);
  });

  it('worked example 7: nothing remaining but an open epic is a 100% chance', () => {
    const nothing = schedule({ nothingRemains: true, probability: null, p85: null, slipDays: null });
    expect([nothing.rating, nothing.value]).toEqual(['green', 100]);
    expect(computed([nothing])).toEqual({ rating: 'green', basis: 'schedule', reasons: [nothing.reason] });
  });

  it('worked example: re-baselining Checkout revamp to 1 March measures growth from there, 25% to 0%', () => {
    const { items, goals, checkout } = endToEnd1();
    const run = (baselineDate: string) =>
      engine(items, {
        goals,
        projects: [{ ...checkout, baselineDate, baselineReason: 'New plan agreed' }],
        portfolioProjects: ['OPS'],
        random: () => () => 0,
      }).projects[0]!;
    const before = run('2026-01-01');
    expect(before.scopeChange).toEqual({
      baselineDate: '2026-01-01',
      baseline: 4,
      added: 1,
      removed: 0,
      percent: 25,
    });
    expect(before.health.dimensions[1]).toMatchObject({ key: 'scopeGrowth', rating: 'amber', value: 25 });
    const after = run('2026-03-01');
    expect(after.scopeChange).toEqual({
      baselineDate: '2026-03-01',
      baseline: 5,
      added: 0,
      removed: 0,
      percent: 0,
    });
    expect(after.health.dimensions[1]).toMatchObject({ key: 'scopeGrowth', rating: 'green', value: 0 });
    expect([before.health.rating, after.health.rating]).toEqual(['green', 'green']);
  });

  it('worked example 8: an override applies up to its expiry date', () => {
    const dimensions = [schedule({}), growth(1, 10), noSle];
    const override: HealthOverride = {
      projectId: 'checkout',
      rating: 'red',
      comment: 'Payment provider contract not signed',
      by: 'pmo-lead-account',
      at: NOW,
      expires: '2026-04-30',
    };
    expect(overallHealth(dimensions, null, TODAY)).toMatchObject({ rating: 'amber', computed: 'amber' });
    expect(overallHealth(dimensions, override, TODAY)).toMatchObject({
      rating: 'red',
      computed: 'amber',
      override,
    });
    expect(overallHealth(dimensions, override, '2026-04-30').rating).toBe('red');
    expect(overallHealth(dimensions, override, '2026-05-01')).toMatchObject({
      rating: 'amber',
      override: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------------

const point = (date: string, health: HistoryPoint['health'], forecastP85: string | null = null) => ({
  date,
  health,
  progress: null,
  throughput28d: 0,
  cycleP50: null,
  forecastP85,
  valueToDate: 0,
});
/** One point a day from `from`, `count` days, all with the same health. */
const run = (
  from: string,
  count: number,
  health: HistoryPoint['health'],
  forecastP85: string | null = null,
) =>
  Array.from({ length: count }, (_, i) =>
    point(new Date(Date.parse(from) + i * DAY).toISOString().slice(0, 10), health, forecastP85),
  );

describe('Wins', () => {
  // The examples of the section are computed on Wednesday 15 July 2026, 12:00 UTC, time zone UTC: 2026-Q2
  // is the last complete quarter, 2026-W28 (Monday 6 to Sunday 12 July) the last complete week.
  const JULY = Date.parse('2026-07-15T12:00:00Z');
  const inJuly = (input: Partial<Omit<EngineInput, 'facts'>> & { items: readonly WorkItem[] }) =>
    runEngine({ now: JULY, ...input });
  const times = (n: number, make: (i: number) => WorkItem): WorkItem[] =>
    Array.from({ length: n }, (_, i) => make(i));
  /** An item done at noon UTC on `date` after `cycle` days in progress. */
  const doneAfter = (date: string, cycle: number, extra: Parameters<typeof doneItem>[2] = {}) =>
    doneItem(iso(Date.parse(noon(date)) - cycle * DAY), noon(date), extra);
  const ofKind = (result: MetricsResult, kind: string) => result.wins.filter((w) => w.kind === kind);

  it('worked example: delivered, at each edge; OPS-1 counts in the portfolio’s on-time rate only', () => {
    const epic = (key: string, due: string | null, doneOn: string, project = 'WEB') =>
      buildItem({
        key,
        project,
        level: 1,
        due,
        created: noon('2026-01-05'),
        path: [
          [noon('2026-02-02'), 'In Progress'],
          [noon(doneOn), 'Done'],
        ],
      });
    const items = [
      epic('WEB-1', '2026-05-20', '2026-05-20'),
      epic('WEB-2', '2026-05-20', '2026-05-18'),
      epic('WEB-3', '2026-05-20', '2026-06-12'),
      epic('WEB-4', null, '2026-05-25'),
      epic('OPS-1', '2026-05-20', '2026-05-01', 'OPS'),
    ];
    const web = buildProject({
      id: 'web',
      name: 'Web',
      scope: { epicKeys: ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4'] },
    });
    const result = inJuly({ items, projects: [web], portfolioProjects: ['OPS'] });
    const project = result.projects[0]!;
    expect([project.target, project.finishedOn, project.slipDays]).toEqual([
      { date: '2026-05-20', source: 'epics' },
      '2026-06-12',
      23,
    ]);
    expect(result.delivered.map((d) => [d.id, d.date, d.due, d.slipDays, d.timing, d.win])).toEqual([
      ['delivered:epic:WEB-3', '2026-06-12', '2026-05-20', 23, 'late', false],
      ['delivered:project:web', '2026-06-12', '2026-05-20', 23, 'late', false],
      ['delivered:epic:WEB-4', '2026-05-25', null, null, 'no-date', false],
      ['delivered:epic:WEB-1', '2026-05-20', '2026-05-20', 0, 'on-time', true],
      ['delivered:epic:WEB-2', '2026-05-18', '2026-05-20', -2, 'early', true],
    ]);
    expect(ofKind(result, 'delivered').map((w) => [w.id, w.date])).toEqual([
      ['delivered:epic:WEB-1', '2026-05-20'],
      ['delivered:epic:WEB-2', '2026-05-18'],
    ]);
    // The on-time rate and say/do of 2026-Q2: the portfolio adds OPS-1 (rule 22).
    const q2 = (quarters: MetricsResult['portfolio']['quarters']) =>
      quarters.find((q) => q.label === '2026-Q2')!;
    expect([q2(project.quarters).onTime, q2(project.quarters).sayDo]).toEqual([
      { onTime: 2, withDate: 4, rate: 50 },
      { committed: 3, done: 3, rate: 100 },
    ]);
    expect([q2(result.portfolio.quarters).onTime, q2(result.portfolio.quarters).sayDo]).toEqual([
      { onTime: 3, withDate: 5, rate: 60 },
      { committed: 4, done: 4, rate: 100 },
    ]);
    expect(ofKind(result, 'predictable-quarter').map((w) => [w.id, w.date])).toEqual([
      ['predictable-quarter:portfolio:portfolio:2026-Q2', '2026-06-30'],
      ['predictable-quarter:project:web:2026-Q2', '2026-06-30'],
    ]);
    // App: one epic without a due date, no target date: the PMO project's delivery is a win, the epic's is not.
    const app = buildProject({ id: 'app', name: 'App', scope: { epicKeys: ['APP-1'] } });
    const appResult = inJuly({ items: [epic('APP-1', null, '2026-06-03', 'APP')], projects: [app] });
    expect(appResult.delivered.map((d) => [d.id, d.date, d.timing, d.win])).toEqual([
      ['delivered:epic:APP-1', '2026-06-03', 'no-date', false],
      ['delivered:project:app', '2026-06-03', 'no-date', true],
    ]);
    expect(ofKind(appResult, 'delivered').map((w) => w.id)).toEqual(['delivered:project:app']);
  });

  it('worked example: faster flow, exactly 20% (10.0 to 8.0 days), judged at the end of 2026-Q2 and now', () => {
    const run = (cycle: number, recent = 10, before = 10) =>
      ofKind(
        inJuly({
          items: [
            ...times(before, () => doneAfter('2026-02-10', 10)),
            ...times(recent, () => doneAfter('2026-05-10', cycle)),
          ],
        }),
        'faster-flow',
      );
    const wins = run(8);
    expect(wins.map((w) => [w.id, w.date])).toEqual([
      ['faster-flow:portfolio:portfolio:2026-Q3', '2026-07-15'],
      ['faster-flow:portfolio:portfolio:2026-Q2', '2026-06-30'],
    ]);
    for (const win of wins) {
      expect(win.numbers).toMatchObject({ p50Recent: 8, p50Before: 10, nRecent: 10, nBefore: 10 });
      expect(win.numbers['improvement']).toBeCloseTo(20, 9);
    }
    expect(run(8.1)).toEqual([]);
    expect(run(8, 9)).toEqual([]);
    expect(run(8, 10, 9)).toEqual([]);
  });

  it('worked example: faster flow is found for the PMO project, its active goal and the portfolio (rule 26)', () => {
    const items = [
      ...times(10, () => doneAfter('2026-02-10', 10, { project: 'APP' })),
      ...times(10, () => doneAfter('2026-05-10', 8, { project: 'APP' })),
    ];
    const goals = [
      buildGoal({ id: 'g-active', name: 'Active goal' }),
      buildGoal({ id: 'g-draft', name: 'Draft goal', status: 'draft' }),
    ];
    const app = buildProject({
      id: 'app',
      name: 'App',
      scope: { projectKeys: ['APP'] },
      goals: [
        { goalId: 'g-active', level: 2 },
        { goalId: 'g-draft', level: 2 },
      ],
    });
    expect(ofKind(inJuly({ items, goals, projects: [app] }), 'faster-flow').map((w) => w.id)).toEqual([
      'faster-flow:goal:g-active:2026-Q3',
      'faster-flow:portfolio:portfolio:2026-Q3',
      'faster-flow:project:app:2026-Q3',
      'faster-flow:goal:g-active:2026-Q2',
      'faster-flow:portfolio:portfolio:2026-Q2',
      'faster-flow:project:app:2026-Q2',
    ]);
  });

  it('worked example: throughput records, 5 items over empty weeks, 6 over weeks of 4, ties and the median', () => {
    /** `n` items done on the Wednesday `weeksBack` weeks before 2026-W28's (8 July). */
    const week = (weeksBack: number, n: number) =>
      times(n, () => doneAfter(iso(Date.parse(noon('2026-07-08')) - 7 * weeksBack * DAY).slice(0, 10), 1));
    const records = (items: WorkItem[]) =>
      ofKind(inJuly({ items }), 'throughput-record').map((w) => [w.id, w.date, w.numbers]);
    const w28 = 'throughput-record:portfolio:portfolio:week:2026-W28';
    expect(records(week(0, 5))).toEqual([
      [w28, '2026-07-12', { count: 5, period: '2026-W28', bestBefore: 0, medianBefore: 0 }],
    ]);
    expect(records(week(0, 4))).toEqual([]);
    const fours = (n: number) => Array.from({ length: n }, (_, i) => week(i + 1, 4)).flat();
    expect(records([...fours(52), ...week(0, 6)])).toEqual([
      [w28, '2026-07-12', { count: 6, period: '2026-W28', bestBefore: 4, medianBefore: 4 }],
    ]);
    expect(records([...fours(52), ...week(0, 5)])).toEqual([]);
    // 26 weeks of 4 and 26 of 0: the 26th smallest is 0, so 5 is a record; 27 weeks of 4 make it 4.
    expect(records([...fours(26), ...week(0, 5)]).map(([, , numbers]) => numbers)).toEqual([
      { count: 5, period: '2026-W28', bestBefore: 4, medianBefore: 0 },
    ]);
    expect(records([...fours(27), ...week(0, 5)])).toEqual([]);
    // A week of 6 exactly 52 weeks before ties and blocks it; 53 weeks before does not.
    expect(records([...week(52, 6), ...week(0, 6)]).map(([id]) => id)).toEqual([
      'throughput-record:portfolio:portfolio:week:2025-W28',
    ]);
    expect(records([...week(53, 6), ...week(0, 6)]).map(([id]) => id)).toEqual([
      w28,
      'throughput-record:portfolio:portfolio:week:2025-W27',
    ]);
  });

  it('worked example: predictable quarter, 3 of 3 and 18 of 20 but not 2 of 2 nor 17 of 19', () => {
    const quarter = (committed: number, delivered: number) => {
      const epics = epicsDueInMay(committed, delivered);
      const project = buildProject({
        id: 'p',
        name: 'Platform',
        scope: { epicKeys: epics.map((e) => e.key) },
      });
      const result = inJuly({ items: epics, projects: [project] });
      const q2 = result.projects[0]!.quarters.find((q) => q.label === '2026-Q2')!;
      return {
        sayDo: [q2.sayDo.done, q2.sayDo.committed, q2.sayDo.rate],
        wins: ofKind(result, 'predictable-quarter').map((w) => [w.id, w.date]),
      };
    };
    const both = [
      ['predictable-quarter:portfolio:portfolio:2026-Q2', '2026-06-30'],
      ['predictable-quarter:project:p:2026-Q2', '2026-06-30'],
    ];
    expect(quarter(3, 3)).toEqual({ sayDo: [3, 3, 100], wins: both });
    expect(quarter(2, 2)).toEqual({ sayDo: [2, 2, 100], wins: [] });
    expect(quarter(20, 18)).toEqual({ sayDo: [18, 20, 90], wins: both });
    const below = quarter(19, 17);
    expect(below.sayDo[2]).toBeCloseTo(89.474, 3);
    expect(below.wins).toEqual([]);
  });

  it('worked example: value milestones, exactly 25% of the target, two at once, and the goal’s period', () => {
    const run = (amount: number, params: { status?: 'active' | 'draft'; end?: string } = {}) => {
      const goal = buildGoal({
        id: 'g',
        name: 'Revenue',
        weight: 1,
        status: params.status ?? 'active',
        period: { start: '2026-01-01', end: params.end ?? '2026-12-31' },
        target: { value: 1_000, unit: 'EUR' },
      });
      const project = buildProject({
        id: 'shop',
        name: 'Shop',
        scope: { projectKeys: ['SHOP'] },
        goals: [{ goalId: 'g', level: 3 }],
        benefits: [{ id: 'b1', date: '2026-03-02', amount, note: 'First sales' }],
      });
      const items = [doneAfter('2026-02-10', 3, { project: 'SHOP' })];
      return ofKind(inJuly({ items, goals: [goal], projects: [project] }), 'value-milestone').map((w) => [
        w.id,
        w.date,
        w.numbers,
      ]);
    };
    expect(run(250)).toEqual([
      ['value-milestone:goal:g:25', '2026-03-02', { delivered: 250, target: 1_000, milestone: 25 }],
    ]);
    expect(run(249)).toEqual([]);
    expect(run(1_000, { status: 'draft' })).toEqual([]);
    expect(run(500)).toEqual([
      ['value-milestone:goal:g:25', '2026-03-02', { delivered: 500, target: 1_000, milestone: 25 }],
      ['value-milestone:goal:g:50', '2026-03-02', { delivered: 500, target: 1_000, milestone: 50 }],
    ]);
    expect(run(250, { end: '2026-03-01' })).toEqual([]);
    expect(run(250, { end: '2026-03-02' }).map(([id]) => id)).toEqual(['value-milestone:goal:g:25']);
  });

  it('worked example: back on track after 14 days amber and 14 days green', () => {
    const points = [...run('2026-03-01', 14, 'amber'), ...run('2026-03-15', 17, 'green')];
    expect(backOnTrack(points)).toEqual([
      { offFrom: '2026-03-01', greenFrom: '2026-03-15', wonOn: '2026-03-28' },
    ]);
    // Days without a point are bridged: a status holds until the next point.
    const sparse = [
      point('2026-03-01', 'amber'),
      point('2026-03-10', 'red'),
      point('2026-03-15', 'green'),
      point('2026-03-28', 'green'),
    ];
    expect(backOnTrack(sparse)).toEqual([
      { offFrom: '2026-03-01', greenFrom: '2026-03-15', wonOn: '2026-03-28' },
    ]);
    // 13 days off track is not enough.
    expect(backOnTrack([...run('2026-03-02', 13, 'amber'), ...run('2026-03-15', 20, 'green')])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('Comparing periods', () => {
  // Monday 30 November 2026, 12:00 in London (GMT): day 61 of 2026-Q4. All moves at 12:00 UTC.
  const epic = (key: string, value: number | null, due: string, path: Array<[string, string]>) =>
    buildItem({ key, project: 'CHK', level: 1, value, due, created: noon('2026-01-05'), path });
  const delivered = (key: string, value: number, due: string, done: string) =>
    epic(key, value, due, [
      [noon('2026-01-10'), 'In Progress'],
      [noon(done), 'Done'],
    ]);
  const child = (parent: string, cycle: number, done: string) =>
    doneItem(iso(Date.parse(noon(done)) - cycle * DAY), noon(done), { project: 'CHK', parent });
  const items = [
    delivered('CHK-0', 25_000, '2026-03-31', '2026-03-20'),
    delivered('CHK-1', 20_000, '2026-07-15', '2026-07-10'),
    delivered('CHK-2', 30_000, '2026-08-31', '2026-08-20'),
    delivered('CHK-3', 50_000, '2026-09-10', '2026-09-15'),
    delivered('CHK-4', 40_000, '2026-10-31', '2026-10-20'),
    delivered('CHK-5', 20_000, '2026-11-20', '2026-11-25'),
    epic('CHK-6', null, '2027-01-31', [[noon('2026-11-02'), 'In Progress']]),
    child('CHK-1', 2, '2026-07-03'),
    child('CHK-1', 3, '2026-07-08'),
    child('CHK-2', 4, '2026-08-12'),
    child('CHK-2', 5, '2026-08-19'),
    child('CHK-3', 6, '2026-09-14'),
    child('CHK-4', 1, '2026-10-15'),
    child('CHK-4', 2, '2026-10-19'),
    child('CHK-5', 3, '2026-11-10'),
    child('CHK-5', 4, '2026-11-24'),
  ];
  const goal = buildGoal({
    id: 'g-revenue',
    name: 'Grow online revenue',
    period: { start: '2026-04-01', end: '2027-03-31' },
    target: { value: 200_000, unit: 'EUR' },
  });
  const checkout = buildProject({
    id: 'checkout',
    name: 'Checkout',
    goals: [{ goalId: 'g-revenue', level: 3 }],
    scope: { epicKeys: ['CHK-0', 'CHK-1', 'CHK-2', 'CHK-3', 'CHK-4', 'CHK-5', 'CHK-6'] },
  });
  const now = Date.parse('2026-11-30T12:00:00Z');
  const result = runEngine({ items, now, timeZone: TZ, goals: [goal], projects: [checkout] });
  const quarters = result.projects[0]!.quarters;
  const q4 = quarters.find((q) => q.label === '2026-Q4')!;
  const q3 = quarters.find((q) => q.label === '2026-Q3')!;
  const vs = compareQuarters(q4, q3)!;

  it('worked example: day 61 of 2026-Q4, the same point of Q3 is 13:00 BST on 30 August', () => {
    expect(iso(q4.from)).toBe('2026-09-30T23:00:00.000Z'); // 1 October 00:00 BST
    expect((now - q4.from) / HOUR).toBe(60 * 24 + 13);
    const point = q4.samePointBefore!;
    expect([point.label, iso(point.from), iso(point.to), point.capped]).toEqual([
      '2026-Q3',
      '2026-06-30T23:00:00.000Z',
      '2026-08-30T12:00:00.000Z',
      false,
    ]);
  });

  it('worked example: counts and sums against the same point of Q3', () => {
    expect([q4.valueDelivered, q4.epicsDelivered, q4.throughput, q4.projectsDelivered]).toEqual([
      60_000, 2, 4, 0,
    ]);
    const point = q4.samePointBefore!;
    expect([point.valueDelivered, point.epicsDelivered, point.throughput, point.projectsDelivered]).toEqual([
      50_000, 2, 4, 0,
    ]);
    expect([q3.valueDelivered, q3.epicsDelivered, q3.throughput]).toEqual([100_000, 3, 5]);
    expect([vs.value.basis, vs.value.before, vs.value.change]).toEqual(['same-point', 50_000, 20]);
    expect([vs.epics.before, vs.epics.change, vs.throughput.change, vs.projects.change]).toEqual([
      2, 0, 0, 0,
    ]);
    // Against the whole of Q3 it would read -40% (value) and -33.3% (epics).
    expect(((q4.valueDelivered - q3.valueDelivered) / q3.valueDelivered) * 100).toBe(-40);
  });

  it('worked example: rates in points against the whole of Q3; no P50 change with n = 4', () => {
    expect([q4.onTime.onTime, q4.onTime.withDate, q4.onTime.rate]).toEqual([1, 2, 50]);
    expect(q3.onTime.rate).toBeCloseTo(66.667, 3);
    expect([vs.onTime.basis, vs.onTime.unit]).toEqual(['whole', 'points']);
    expect(vs.onTime.change).toBeCloseTo(-16.667, 3);
    expect([q4.sayDo, q3.sayDo, vs.sayDo.change]).toEqual([
      { committed: 2, done: 2, rate: 100 },
      { committed: 3, done: 3, rate: 100 },
      0,
    ]);
    expect([q3.cycleTimeP50.n, q3.cycleTimeP50.value, q4.cycleTimeP50.n, q4.cycleTimeP50.value]).toEqual([
      5,
      4,
      4,
      null,
    ]);
    expect([vs.cycleP50.change, vs.cycleP50.samples]).toEqual([null, { now: 4, before: 5 }]);
  });

  it("worked example: the goal's progress counts only value delivered within its period", () => {
    const g = result.goals[0]!;
    expect([g.valueToDate, g.valueInPeriod, g.targetPercent]).toEqual([185_000, 160_000, 80]);
  });
});

// ---------------------------------------------------------------------------------------------------
// End-to-end example 1: one PMO project with two epics, linked to two goals.

/** The issues, goals and PMO project of end-to-end example 1 (also used by Health, re-baselining). */
function endToEnd1() {
  const pay = (key: string, parent: string, estimate: number, start: string, done: string) =>
    doneItem(noon(start), noon(done), { key, project: 'PAY', parent, estimate, created: noon('2025-12-01') });
  const ops = (key: string, start: string, done: string) =>
    doneItem(noon(start), noon(done), { key, project: 'OPS', created: noon('2025-12-01') });
  const items = [
    buildItem({
      key: 'PAY-1',
      project: 'PAY',
      level: 1,
      summary: 'Checkout API',
      created: noon('2025-11-03'),
      due: '2026-02-28',
      path: [
        [noon('2026-01-05'), 'In Progress'],
        [noon('2026-02-20'), 'Done'],
      ],
    }),
    buildItem({
      key: 'PAY-2',
      project: 'PAY',
      level: 1,
      summary: 'Checkout UI',
      created: noon('2025-11-03'),
      due: '2026-06-30',
      path: [[noon('2026-02-02'), 'In Progress']],
    }),
    pay('PAY-10', 'PAY-1', 3, '2026-02-09', '2026-02-16'),
    pay('PAY-11', 'PAY-1', 5, '2026-02-11', '2026-02-18'),
    pay('PAY-20', 'PAY-2', 4, '2026-04-06', '2026-04-10'),
    buildItem({
      key: 'PAY-21',
      project: 'PAY',
      parent: 'PAY-2',
      estimate: 6,
      created: noon('2025-12-01'),
      path: [[noon('2026-04-08'), 'In Progress']],
    }),
    buildItem({ key: 'PAY-22', project: 'PAY', parent: 'PAY-2', estimate: 2, created: noon('2026-02-01') }),
    ops('OPS-1', '2026-01-09', '2026-01-12'),
    ops('OPS-2', '2026-02-16', '2026-02-17'),
    ops('OPS-3', '2026-02-16', '2026-02-18'),
    ops('OPS-4', '2026-04-06', '2026-04-07'),
  ];
  const goals: StrategicGoal[] = [
    buildGoal({
      id: 'g-revenue',
      name: 'Grow online revenue',
      weight: 2,
      target: { value: 50_000, unit: 'EUR' },
    }),
    buildGoal({ id: 'g-risk', name: 'Reduce payment risk', weight: 4 }),
  ];
  const checkout = buildProject({
    id: 'checkout',
    name: 'Checkout revamp',
    scope: { epicKeys: ['PAY-1', 'PAY-2'] },
    goals: [
      { goalId: 'g-revenue', level: 3 },
      { goalId: 'g-risk', level: 1 },
    ],
    baselineDate: '2026-01-01',
    expectedBenefit: 100_000,
    actualCost: 8_000,
    benefits: [{ id: 'b-1', date: '2026-04-01', amount: 10_000, note: 'Fewer abandoned baskets' }],
  });
  return { items, goals, checkout };
}

describe('End-to-end example 1: one PMO project, two epics, two goals', () => {
  const { items, goals, checkout } = endToEnd1();
  // Every forecast draw returns 0: each trial takes the first non-zero sample day (1 item) every day.
  const result = engine(items, {
    goals,
    projects: [checkout],
    portfolioProjects: ['OPS'],
    random: () => () => 0,
  });
  const project = result.projects[0]!;
  const quarter = (quarters: MetricsResult['projects'][number]['quarters'], label: string) =>
    quarters.find((q) => q.label === label)!;

  it('scope, progress, target date and scope growth', () => {
    expect([project.items, project.epics, project.epicKeys]).toEqual([5, 2, ['PAY-1', 'PAY-2']]);
    expect(project.progress).toMatchObject({ basis: 'points', donePoints: 12, totalPoints: 20, percent: 60 });
    expect(project.target).toEqual({ date: '2026-06-30', source: 'epics' });
    expect(project.scopeChange).toEqual({
      baselineDate: '2026-01-01',
      baseline: 4,
      added: 1,
      removed: 0,
      percent: 25,
    });
  });

  it('forecast, slip and health', () => {
    expect(project.forecast).toEqual({
      state: 'forecast',
      remaining: 2,
      trials: 10_000,
      samplesFrom: 'portfolio',
      p50: '2026-04-16',
      p85: '2026-04-16',
      p95: '2026-04-16',
      target: '2026-06-30',
      probability: 100,
      quantiles: Array<string>(20).fill('2026-04-16'),
    });
    expect(project.slipDays).toBe(-75);
    // Scope growth of 25% is amber, which does not lower the schedule's green (only a red risk signal does).
    const { health } = project;
    expect(health.dimensions.map((d) => [d.key, d.rating, d.value])).toEqual([
      ['schedule', 'green', 100],
      ['scopeGrowth', 'amber', 25],
      ['aging', 'not-rated', null],
      ['blocked', 'green', 0],
    ]);
    expect(project.flow.sle).toMatchObject({ n: 3, value: null });
    expect(project.flow.wip).toBe(1);
    expect([health.rating, health.basis, health.reasons]).toEqual([
      'green',
      'schedule',
      [health.dimensions[0]!.reason],
    ]);
  });

  it('epic value, value delivered per quarter and ROI', () => {
    expect(result.epics.map((e) => [e.key, e.value, e.progress.percent, e.onTime, e.slipDays])).toEqual([
      ['PAY-1', 40_000, 100, true, -8],
      ['PAY-2', 60_000, (4 / 12) * 100, null, -75],
    ]);
    expect(project.value.basis).toBe('expected-benefit');
    expect(project.quarters.map((q) => [q.label, q.valueDelivered])).toEqual([
      ['2025-Q2', 0],
      ['2025-Q3', 0],
      ['2025-Q4', 0],
      ['2026-Q1', 40_000],
      ['2026-Q2', 10_000],
    ]);
    expect(project.valueToDate).toBe(50_000);
    expect(project.value.returns).toEqual({
      realized: 10_000,
      roi: 25,
      realization: 10,
      planned: 100_000,
      cost: 8_000,
    });
  });

  it('quarters: throughput, epics delivered, on time and say/do', () => {
    const q1 = quarter(project.quarters, '2026-Q1');
    expect([q1.throughput, q1.epicsDelivered, q1.onTime.rate, q1.sayDo]).toEqual([
      2,
      1,
      100,
      { committed: 1, done: 1, rate: 100 },
    ]);
    const q2 = quarter(project.quarters, '2026-Q2');
    expect([q2.current, q2.throughput, q2.onTime.rate, q2.sayDo]).toEqual([
      true,
      1,
      null,
      { committed: 1, done: 0, rate: 0 },
    ]);
  });

  it('value by goal: split 60/40 by level × weight', () => {
    const [revenue, risk] = result.goals;
    expect(revenue!.valueToDate).toBeCloseTo(30_000, 6);
    expect(quarter(revenue!.quarters, '2026-Q1').valueDelivered).toBeCloseTo(24_000, 6);
    expect(quarter(revenue!.quarters, '2026-Q2').valueDelivered).toBeCloseTo(6_000, 6);
    expect(revenue!.valueInPeriod).toBeCloseTo(30_000, 6);
    expect(revenue!.targetPercent).toBeCloseTo(60, 6);
    expect(risk!.valueToDate).toBeCloseTo(20_000, 6);
    expect(quarter(risk!.quarters, '2026-Q1').valueDelivered).toBeCloseTo(16_000, 6);
    expect(risk!.targetPercent).toBeNull();
    expect(revenue!.health).toEqual({ green: 1, amber: 0, red: 0, done: 0, unknown: 0 });
  });

  it('strategic alignment of the portfolio', () => {
    const { portfolio } = result;
    expect(portfolio.items).toBe(9);
    expect(portfolio.jiraProjects).toEqual(['OPS', 'PAY']);
    expect(quarter(portfolio.quarters, '2026-Q1').alignment).toEqual({ aligned: 2, done: 5, percent: 40 });
    expect(quarter(portfolio.quarters, '2026-Q2').alignment).toEqual({ aligned: 1, done: 2, percent: 50 });
    expect(quarter(portfolio.quarters, '2025-Q4').alignment).toEqual({ aligned: 0, done: 0, percent: null });
    expect(portfolio.valueToDate).toBe(50_000);
  });

  it('history points', () => {
    expect(result.historyPoints['checkout']).toEqual({
      date: '2026-04-15',
      health: 'green',
      progress: 60,
      throughput28d: 1,
      cycleP50: null,
      forecastP85: '2026-04-16',
      valueToDate: 50_000,
    });
    expect(result.historyPoints['g-revenue']).toMatchObject({
      health: 'unknown',
      progress: 60,
      forecastP85: null,
    });
    expect(result.historyPoints['g-revenue']!.valueToDate).toBeCloseTo(30_000, 6);
    expect(result.historyPoints['_portfolio']).toEqual({
      date: '2026-04-15',
      health: 'unknown',
      progress: (7 / 9) * 100,
      throughput28d: 2,
      cycleP50: 2,
      forecastP85: null,
      valueToDate: 50_000,
    });
  });

  it('wins', () => {
    // 2026-Q1's say/do is 100%, but over one committed epic (PAY-1): no predictable quarter.
    expect(result.wins.map((w) => [w.date, w.id, w.kind])).toEqual([
      ['2026-04-01', 'value-milestone:goal:g-revenue:50', 'value-milestone'],
      ['2026-02-20', 'delivered:epic:PAY-1', 'delivered'],
      ['2026-02-20', 'value-milestone:goal:g-revenue:25', 'value-milestone'],
    ]);
    expect(result.delivered.map((d) => [d.id, d.date, d.due, d.slipDays, d.timing, d.win])).toEqual([
      ['delivered:epic:PAY-1', '2026-02-20', '2026-02-28', -8, 'early', true],
    ]);
    const milestones = result.wins.filter((w) => w.kind === 'value-milestone').map((w) => w.numbers);
    expect(milestones.map((m) => [m['milestone'], m['target']])).toEqual([
      [50, 50_000],
      [25, 50_000],
    ]);
    expect(milestones[0]!['delivered']).toBeCloseTo(30_000, 6);
    expect(milestones[1]!['delivered']).toBeCloseTo(24_000, 6);
    // No throughput record: the best week (from 16 February) has 4 items in the portfolio.
    expect(result.wins.filter((w) => w.kind === 'throughput-record')).toEqual([]);
    const weeks = result.portfolio.trend.weekly.map((w) => w.count);
    expect(Math.max(...weeks)).toBe(4);
  });
});

// ---------------------------------------------------------------------------------------------------
// End-to-end example 2: the wins of a finished PMO project.

describe('End-to-end example 2: the wins of a finished PMO project', () => {
  const mob = (start: number, done: string) =>
    doneItem(iso(Date.parse(noon(done)) - start * DAY), noon(done), { project: 'MOB' });
  const items = () => [
    buildItem({
      key: 'MOB-1',
      project: 'MOB',
      level: 1,
      summary: 'Offline mode',
      created: noon('2025-01-06'),
      path: [
        [noon('2025-02-03'), 'In Progress'],
        ['2025-03-31T22:30:00Z', 'Done'],
      ],
    }),
    ...['03', '04', '05', '06', '07', '08', '09', '10', '13', '14'].map((d) => mob(10, `2025-10-${d}`)),
    ...['05', '06', '09', '09', '10', '10', '11', '11', '12', '13'].map((d) => mob(7, `2026-03-${d}`)),
    buildItem({ project: 'MOB', created: noon('2026-03-16'), path: [[noon('2026-03-20'), 'Done']] }),
  ];
  const mobile = buildProject({
    id: 'mobile',
    name: 'Mobile app',
    scope: { projectKeys: ['MOB'] },
    targetDate: '2026-03-31',
  });
  const history = new Map([
    [
      'mobile',
      [
        ...run('2026-02-01', 14, 'amber', '2026-03-25'),
        ...run('2026-02-15', 33, 'green', '2026-03-25'),
        ...run('2026-03-20', 26, 'done'),
      ],
    ],
  ]);
  const result = engine(items(), { projects: [mobile], history });
  const byId = Object.fromEntries(result.wins.map((w) => [w.id, w]));

  it('the PMO project finished on 20 March, 11 days before its target; MOB-1 has no epic row', () => {
    const project = result.projects[0]!;
    expect([project.items, project.epics, project.finishedOn, project.slipDays]).toEqual([
      21,
      1,
      '2026-03-20',
      -11,
    ]);
    expect([project.health.rating, project.health.basis]).toEqual(['done', 'delivered']);
    expect(project.health.dimensions[0]).toMatchObject({ key: 'schedule', rating: 'done' });
    expect(project.health.reasons).toEqual([project.health.dimensions[0]!.reason]);
    expect(result.epics).toEqual([]);
    expect(result.historyPoints['mobile']).toEqual({
      date: '2026-04-15',
      health: 'done',
      progress: 100,
      throughput28d: 1,
      cycleP50: 7,
      forecastP85: null,
      valueToDate: 0,
    });
  });

  it('finds eight wins, newest first', () => {
    expect(result.wins.map((w) => [w.date, w.id, w.kind])).toEqual([
      ['2026-03-31', 'faster-flow:portfolio:portfolio:2026-Q1', 'faster-flow'],
      ['2026-03-31', 'faster-flow:project:mobile:2026-Q1', 'faster-flow'],
      ['2026-03-20', 'delivered:project:mobile', 'delivered'],
      ['2026-03-15', 'throughput-record:portfolio:portfolio:week:2026-W11', 'throughput-record'],
      ['2026-03-15', 'throughput-record:project:mobile:week:2026-W11', 'throughput-record'],
      ['2026-02-28', 'back-on-track:project:mobile:2026-02-15', 'back-on-track'],
      ['2025-10-12', 'throughput-record:portfolio:portfolio:week:2025-W41', 'throughput-record'],
      ['2025-10-12', 'throughput-record:project:mobile:week:2025-W41', 'throughput-record'],
    ]);
    expect(result.wins.map((w) => w.scope.kind)).toEqual([
      'portfolio',
      'project',
      'project',
      'portfolio',
      'project',
      'project',
      'portfolio',
      'project',
    ]);
  });

  it('delivered', () => {
    expect(byId['delivered:project:mobile']).toMatchObject({
      date: '2026-03-20',
      numbers: { items: 21, epics: 1, target: '2026-03-31', slipDays: -11, forecastP85: '2026-03-25' },
    });
    expect(result.delivered.map((d) => [d.id, d.date, d.due, d.slipDays, d.timing, d.win])).toEqual([
      ['delivered:project:mobile', '2026-03-20', '2026-03-31', -11, 'early', true],
    ]);
  });

  it('faster flow', () => {
    const win = byId['faster-flow:project:mobile:2026-Q1']!;
    expect(win.date).toBe('2026-03-31');
    expect(win.numbers).toMatchObject({ p50Recent: 7, p50Before: 10, nRecent: 10, nBefore: 10 });
    expect(win.numbers['improvement']).toBeCloseTo(30, 9);
    expect(byId['faster-flow:portfolio:portfolio:2026-Q1']!.numbers).toEqual(win.numbers);
  });

  it('throughput records', () => {
    // The first week with 5 done items is a record: the 52 weeks before it, from before the first item, count as 0.
    expect(byId['throughput-record:project:mobile:week:2025-W41']).toMatchObject({
      date: '2025-10-12',
      numbers: { count: 5, period: '2025-W41', bestBefore: 3, medianBefore: 0 },
    });
    expect(byId['throughput-record:project:mobile:week:2026-W11']).toMatchObject({
      date: '2026-03-15',
      numbers: { count: 8, period: '2026-W11', bestBefore: 5, medianBefore: 0 },
    });
  });

  it('back on track', () => {
    expect(byId['back-on-track:project:mobile:2026-02-15']).toMatchObject({
      date: '2026-02-28',
      numbers: { offFrom: '2026-02-01', greenFrom: '2026-02-15' },
    });
  });

  it('curation survives a re-sync: the same ids come back the next day', () => {
    const curation: Record<string, WinCuration> = {
      'back-on-track:project:mobile:2026-02-15': {
        featured: true,
        hidden: false,
        note: 'Recovered after the API freeze',
        title: 'Mobile app recovered in two weeks',
        by: 'pmo-lead-account',
        at: NOW,
        version: 1,
      },
      'throughput-record:portfolio:portfolio:week:2026-W11': {
        featured: false,
        hidden: true,
        note: '',
        title: null,
        by: 'pmo-lead-account',
        at: NOW,
        version: 1,
      },
    };
    const nextDay = computeMetrics({
      facts: Facts.of(items(), { now: NOW + DAY, startPolicy: 'first', waitStatuses: ['Blocked'] }),
      goals: [],
      projects: [mobile],
      portfolioProjects: [],
      thresholds: THRESHOLDS,
      trailingDays: 90,
      jqlMatches: new Map(),
      now: NOW + DAY,
      timeZone: TZ,
      history,
    });
    expect(nextDay.wins.map((w) => w.id)).toEqual(result.wins.map((w) => w.id));
    const curated = curateWins(nextDay.wins, curation);
    expect(curated[0]).toMatchObject({
      id: 'back-on-track:project:mobile:2026-02-15',
      title: 'Mobile app recovered in two weeks',
      originalTitle: byId['back-on-track:project:mobile:2026-02-15']!.title,
      featured: true,
      note: 'Recovered after the API freeze',
    });
    expect(curated.map((w) => w.id).slice(1)).toEqual(
      result.wins.map((w) => w.id).filter((id) => id !== 'back-on-track:project:mobile:2026-02-15'),
    );
    expect(curated.find((w) => w.id === 'throughput-record:portfolio:portfolio:week:2026-W11')!.hidden).toBe(
      true,
    );
  });
});
