/**
 * Comparing periods (docs/metrics.md, "Comparing periods"; METRICS-SPEC precise rules 29 and 33): the
 * worked example of the page, run through the real engine, and the edge cases: the first day of a
 * quarter, a quarter before that is shorter than the time elapsed, the exact millisecond the same point
 * falls on, the n = 5 rule of a P50 change, and a goal's progress within its period.
 */
import { compareQuarters, quarterName, versus, whence } from '../../src/contract/periods';
import type { QuarterMetrics } from '../../src/domain/results';
import type { WorkItem } from '../../src/domain/work-item';
import { goalPeriod } from '../../src/domain/levels/goal';
import { samePointWindow } from '../../src/domain/quarters';
import { buildGoal, DAY, iso, runEngine, t } from '../builders/metrics';
import { buildProject } from '../builders/pmo';
import { buildItem, doneItem } from '../builders/work-item';

const TZ = 'Europe/London';
const noon = (date: string) => `${date}T12:00:00Z`;

/** An epic of CHK with a value, due date and Done instant (created long before, so it was committed). */
const epic = (key: string, value: number, due: string, done: string) =>
  buildItem({
    key,
    project: 'CHK',
    level: 1,
    value,
    due,
    created: noon('2026-01-05'),
    path: [
      [noon('2026-01-10'), 'In Progress'],
      [done, 'Done'],
    ],
  });

/** A work item of an epic: in progress for `days` days, done at `done`. */
const child = (parent: string, days: number, done: string) =>
  doneItem(iso(Date.parse(done) - days * DAY), done, { project: 'CHK', parent });

/** The worked example: "Checkout" delivers through 2026-Q3 and the first 61 days of 2026-Q4. */
function worked(now: string, extra: readonly WorkItem[] = []) {
  const items = [
    epic('CHK-1', 20_000, '2026-07-15', noon('2026-07-10')),
    epic('CHK-2', 30_000, '2026-08-31', noon('2026-08-20')),
    epic('CHK-3', 50_000, '2026-09-10', noon('2026-09-15')),
    epic('CHK-4', 40_000, '2026-10-31', noon('2026-10-20')),
    epic('CHK-5', 20_000, '2026-11-20', noon('2026-11-25')),
    epic('CHK-0', 25_000, '2026-03-31', noon('2026-03-20')),
    child('CHK-1', 2, noon('2026-07-03')),
    child('CHK-1', 3, noon('2026-07-08')),
    child('CHK-2', 4, noon('2026-08-12')),
    child('CHK-2', 5, noon('2026-08-19')),
    child('CHK-3', 6, noon('2026-09-14')),
    child('CHK-4', 1, noon('2026-10-15')),
    child('CHK-4', 2, noon('2026-10-19')),
    child('CHK-5', 3, noon('2026-11-10')),
    child('CHK-5', 4, noon('2026-11-24')),
    // Still open, due next year: keeps the PMO project open.
    buildItem({
      key: 'CHK-6',
      project: 'CHK',
      level: 1,
      due: '2027-01-31',
      created: noon('2026-01-05'),
      path: [[noon('2026-11-02'), 'In Progress']],
    }),
    ...extra,
  ];
  const goal = buildGoal({
    id: 'g-revenue',
    name: 'Grow online revenue',
    period: { start: '2026-04-01', end: '2027-03-31' },
    target: { value: 200_000, unit: 'EUR' },
  });
  const project = buildProject({
    id: 'checkout',
    name: 'Checkout',
    goals: [{ goalId: 'g-revenue', level: 3 }],
    scope: { epicKeys: ['CHK-0', 'CHK-1', 'CHK-2', 'CHK-3', 'CHK-4', 'CHK-5', 'CHK-6'] },
  });
  return runEngine({ items, now: t(now), timeZone: TZ, goals: [goal], projects: [project] });
}

const byLabel = (quarters: readonly QuarterMetrics[], label: string) =>
  quarters.find((q) => q.label === label)!;

describe('Comparing periods (worked example: day 61 of 2026-Q4)', () => {
  // Monday 30 November 2026, 12:00 in London (GMT): day 61 of the 92 days of Q4.
  const result = worked('2026-11-30T12:00:00Z');
  const project = result.projects[0]!;
  const q4 = byLabel(project.quarters, '2026-Q4');
  const q3 = byLabel(project.quarters, '2026-Q3');

  it('worked example: the same point of Q3 is 60 days 13 hours after its start, 13:00 BST on 30 August', () => {
    // Q4 began at 00:00 BST on 1 October (23:00 UTC on 30 September); 60 d 13 h have elapsed since.
    expect(iso(q4.from)).toBe('2026-09-30T23:00:00.000Z');
    expect((t('2026-11-30T12:00:00Z') - q4.from) / DAY).toBeCloseTo(60.5417, 4);
    const point = q4.samePointBefore!;
    expect(point.label).toBe('2026-Q3');
    expect(iso(point.from)).toBe('2026-06-30T23:00:00.000Z');
    // Elapsed time, not local clock time: the clocks went back on 25 October, so it is 13:00 in August.
    expect(iso(point.to)).toBe('2026-08-30T12:00:00.000Z');
    expect(point.elapsedDays).toBeCloseTo(60.5417, 4);
    expect(point.capped).toBe(false);
    expect(q3.samePointBefore).toBeNull();
  });

  it('worked example: counts and sums, the quarter so far against the same point of Q3', () => {
    expect([q4.valueDelivered, q4.epicsDelivered, q4.throughput, q4.projectsDelivered]).toEqual([
      60_000, 2, 4, 0,
    ]);
    const point = q4.samePointBefore!;
    expect([point.valueDelivered, point.epicsDelivered, point.throughput, point.projectsDelivered]).toEqual([
      50_000, 2, 4, 0,
    ]);
    expect([q3.valueDelivered, q3.epicsDelivered, q3.throughput]).toEqual([100_000, 3, 5]);
    const vs = compareQuarters(q4, q3)!;
    expect(vs.value).toMatchObject({ basis: 'same-point', before: 50_000, change: 20 });
    expect(versus(vs.value)).toBe('vs the same point of Q3 2026');
    expect(vs.epics).toMatchObject({ before: 2, change: 0 });
    expect(vs.throughput).toMatchObject({ before: 4, change: 0 });
    expect(whence(vs.projects)).toBe('by the same point of Q3 2026');
    // Against the whole of Q3, as before this rule: value -40%, epics -33%, throughput -20%.
    expect(((q4.valueDelivered - q3.valueDelivered) / q3.valueDelivered) * 100).toBeCloseTo(-40, 6);
  });

  it('worked example: rates against the whole of Q3, in percentage points; the P50 needs n >= 5 on both sides', () => {
    expect(q4.onTime).toEqual({ onTime: 1, withDate: 2, rate: 50 });
    expect(q3.onTime.rate).toBeCloseTo(66.667, 3);
    const vs = compareQuarters(q4, q3)!;
    expect(vs.onTime.basis).toBe('whole');
    expect(vs.onTime.unit).toBe('points');
    expect(vs.onTime.change).toBeCloseTo(-16.667, 3);
    expect(versus(vs.onTime)).toBe('vs Q3 2026');
    expect(q4.sayDo).toEqual({ committed: 2, done: 2, rate: 100 });
    expect(q3.sayDo).toEqual({ committed: 3, done: 3, rate: 100 });
    expect(vs.sayDo.change).toBe(0);
    // Q3: cycle times 2, 3, 4, 5, 6 days (n = 5), P50 4.0; Q4 so far: 1, 2, 3, 4 (n = 4), no P50.
    expect(q3.cycleTimeP50).toMatchObject({ n: 5, value: 4 });
    expect(q4.cycleTimeP50).toMatchObject({ n: 4, value: null });
    expect(vs.cycleP50).toMatchObject({
      basis: 'whole',
      before: 4,
      change: null,
      samples: { now: 4, before: 5 },
    });
  });

  it("worked example: the goal's progress counts only value delivered within its period", () => {
    const goal = result.goals[0]!;
    // CHK-0 (25,000, done 20 March 2026) is before the period that starts on 1 April 2026.
    expect(goal.valueToDate).toBe(185_000);
    expect(goal.period).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(goal.valueInPeriod).toBe(160_000);
    expect(goal.targetPercent).toBe(80);
  });

  it('worked example: quarters read "Q4 2026"; the stored label stays "2026-Q4"', () => {
    expect(q4.label).toBe('2026-Q4');
    expect(quarterName(q4.label)).toBe('Q4 2026');
    expect(quarterName('not a quarter')).toBe('not a quarter');
  });
});

describe('Comparing periods: edge cases', () => {
  it('day 1 of a quarter: ten hours in, the same point is the first ten hours of the quarter before', () => {
    // 1 October 2026 10:00 BST: Q4 began 10 hours ago. An item done at 05:00 BST on 1 July counts at the
    // same point of Q3; one done at 11:00 BST on 1 July does not.
    const early = child('CHK-1', 1, '2026-07-01T04:00:00Z');
    const late = child('CHK-1', 1, '2026-07-01T10:00:00Z');
    const result = worked('2026-10-01T09:00:00Z', [early, late]);
    const q4 = byLabel(result.projects[0]!.quarters, '2026-Q4');
    const point = q4.samePointBefore!;
    expect([iso(point.from), iso(point.to)]).toEqual([
      '2026-06-30T23:00:00.000Z',
      '2026-07-01T09:00:00.000Z',
    ]);
    expect(point.elapsedDays).toBeCloseTo(10 / 24, 9);
    expect([point.throughput, point.epicsDelivered, point.valueDelivered]).toEqual([1, 0, 0]);
    expect([q4.throughput, q4.epicsDelivered, q4.valueDelivered]).toEqual([0, 0, 0]);
    const vs = compareQuarters(q4, byLabel(result.projects[0]!.quarters, '2026-Q3'))!;
    // 0 against 0 is no change; 0 against 1 is -100%.
    expect(vs.value.change).toBe(0);
    expect(vs.throughput.change).toBe(-100);
  });

  it('the same point is half-open: an item done exactly at its end is not in it', () => {
    const now = t('2026-11-30T12:00:00Z');
    const atEnd = child('CHK-2', 1, '2026-08-30T12:00:00Z');
    const justBefore = child('CHK-2', 1, '2026-08-30T11:59:59.999Z');
    const point = byLabel(
      worked(iso(now), [atEnd, justBefore]).projects[0]!.quarters,
      '2026-Q4',
    ).samePointBefore!;
    expect(iso(point.to)).toBe('2026-08-30T12:00:00.000Z');
    expect(point.throughput).toBe(5);
  });

  it('a quarter before that is shorter than the time elapsed: the whole of it, capped at its end', () => {
    // 30 June 2026, 12:00 BST: 2026-Q2 (91 days) has run 90 days 11 hours; 2026-Q1 lasted 90 days less
    // the hour the clocks went forward (89 d 23 h), so the same point is the whole of Q1.
    const q1 = { from: t('2026-01-01T00:00:00Z'), to: t('2026-03-31T23:00:00Z') };
    const q2 = { from: t('2026-03-31T23:00:00Z'), to: t('2026-06-30T23:00:00Z') };
    expect((q1.to - q1.from) / DAY).toBeCloseTo(89 + 23 / 24, 9);
    expect(samePointWindow(q1, q2, t('2026-06-30T11:00:00Z'))).toEqual({ ...q1, capped: true });
    // On 29 June it is not capped yet: 89 d 12 h of Q1.
    const before = samePointWindow(q1, q2, t('2026-06-29T11:00:00Z'));
    expect(before.capped).toBe(false);
    expect((before.to - before.from) / DAY).toBeCloseTo(89.5, 9);

    // Through the engine: Q3 (92 days) on its last day against Q2 (91 days).
    const items = [
      doneItem(noon('2026-06-28'), noon('2026-06-30'), { project: 'CHK' }),
      doneItem(noon('2026-09-20'), noon('2026-09-29'), { project: 'CHK' }),
    ];
    const project = buildProject({ id: 'p', scope: { projectKeys: ['CHK'] } });
    const result = runEngine({ items, now: t('2026-09-30T20:00:00Z'), timeZone: TZ, projects: [project] });
    const q3 = byLabel(result.projects[0]!.quarters, '2026-Q3');
    const point = q3.samePointBefore!;
    expect(point.capped).toBe(true);
    expect([iso(point.from), iso(point.to)]).toEqual([
      '2026-03-31T23:00:00.000Z',
      '2026-06-30T23:00:00.000Z',
    ]);
    expect(point.elapsedDays).toBe(91);
    expect(point.throughput).toBe(1);
    expect(q3.throughput).toBe(1);
  });

  it('a complete quarter compares with the whole quarter before, and the oldest with nothing', () => {
    const result = worked('2026-11-30T12:00:00Z');
    const quarters = result.projects[0]!.quarters;
    const q3 = byLabel(quarters, '2026-Q3');
    const q2 = byLabel(quarters, '2026-Q2');
    const vs = compareQuarters(q3, q2)!;
    expect(vs.value).toMatchObject({ basis: 'whole', before: 0, change: null });
    expect(versus(vs.value)).toBe('vs Q2 2026');
    expect(whence(vs.epics)).toBe('in Q2 2026');
    expect(compareQuarters(quarters[0]!, null)).toBeNull();
  });

  it('a P50 change needs n >= 5 on both sides: 5 and 5 compare, 4 and 5 do not', () => {
    const q = (n: number, value: number | null): QuarterMetrics => ({
      ...worked('2026-11-30T12:00:00Z').projects[0]!.quarters[4]!,
      current: false,
      cycleTimeP50: { k: 50, n, value, minSamples: 5 },
    });
    expect(compareQuarters(q(5, 3), q(5, 4))!.cycleP50).toMatchObject({ change: -25, samples: null });
    expect(compareQuarters(q(4, null), q(5, 4))!.cycleP50).toMatchObject({
      change: null,
      samples: { now: 4, before: 5 },
    });
    expect(compareQuarters(q(5, 4), q(4, null))!.cycleP50).toMatchObject({
      change: null,
      samples: { now: 5, before: 4 },
    });
  });

  it('a goal period runs from 00:00 of its first day to 00:00 after its last day, in the time zone', () => {
    // Period 1 April - 30 September 2026 in London: from 23:00 UTC on 31 March to 23:00 UTC on 30 September.
    const goal = buildGoal({
      id: 'g',
      period: { start: '2026-04-01', end: '2026-09-30' },
      target: { value: 100_000, unit: 'EUR' },
    });
    const at = (key: string, value: number, done: string) =>
      buildItem({ key, project: 'G', level: 1, value, created: noon('2026-01-01'), path: [[done, 'Done']] });
    const items = [
      at('G-1', 10_000, '2026-03-31T22:59:59Z'), // 23:59:59 GMT on 31 March: before
      at('G-2', 20_000, '2026-03-31T23:00:00Z'), // 00:00 BST on 1 April: inside
      at('G-3', 30_000, '2026-09-30T22:59:59Z'), // 23:59:59 BST on 30 September: inside
      at('G-4', 40_000, '2026-09-30T23:00:00Z'), // 00:00 BST on 1 October: after
    ];
    const project = buildProject({
      id: 'p',
      goals: [{ goalId: 'g', level: 1 }],
      scope: { epicKeys: ['G-1', 'G-2', 'G-3', 'G-4'] },
    });
    const result = runEngine({
      items,
      now: t('2026-11-30T12:00:00Z'),
      timeZone: TZ,
      goals: [goal],
      projects: [project],
    });
    const metrics = result.goals[0]!;
    expect(metrics.valueToDate).toBe(100_000);
    expect(metrics.valueInPeriod).toBe(50_000);
    expect(metrics.targetPercent).toBe(50);

    // A goal without a period counts all time (a target that is not an amount: no value milestones).
    const timeless = { ...goal, period: undefined as unknown as typeof goal.period, target: null };
    const all = runEngine({
      items,
      now: t('2026-11-30T12:00:00Z'),
      timeZone: TZ,
      goals: [timeless],
      projects: [project],
    });
    expect(all.goals[0]!.period).toBeNull();
    expect(all.goals[0]!.valueInPeriod).toBe(100_000);
    expect(goalPeriod({ startOf: () => 0 }, timeless)).toBeNull();
  });
});
