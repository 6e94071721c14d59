import { completeWeeksBefore } from '../../src/domain/calendar';
import { itemTimes } from '../../src/domain/flow';
import { flowMetrics, trendOf } from '../../src/domain/flow-metrics';
import { jiraProjectFlows } from '../../src/domain/jira-project-flow';
import { clockAt, factsOf } from '../builders/metrics';
import { buildItem, doneItem } from '../builders/work-item';

const t = (iso: string) => Date.parse(iso);

describe('Start and Done of an item', () => {
  it('starts at the first move into progress and is done at the move into Done', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [
        ['2026-03-02T09:00:00Z', 'In Progress'],
        ['2026-03-04T09:00:00Z', 'In Review'],
        ['2026-03-05T09:00:00Z', 'In Progress'],
        ['2026-03-06T09:00:00Z', 'Done'],
      ],
    });
    expect(itemTimes(item)).toEqual({ start: t('2026-03-02T09:00:00Z'), done: t('2026-03-06T09:00:00Z') });
    // In Review -> In Progress is a move within the in-progress category: no new start (precise rule 20).
    expect(itemTimes(item, 'last').start).toBe(t('2026-03-02T09:00:00Z'));
  });

  it('restarts an item, under the "last" policy, only on an entry into progress from to do or done', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [
        ['2026-03-02T09:00:00Z', 'In Progress'],
        ['2026-03-03T09:00:00Z', 'To Do'],
        ['2026-03-04T09:00:00Z', 'In Progress'],
        ['2026-03-05T09:00:00Z', 'Blocked'],
        ['2026-03-06T09:00:00Z', 'Done'],
        ['2026-03-07T09:00:00Z', 'In Review'],
        ['2026-03-08T09:00:00Z', 'In Progress'],
        ['2026-03-09T09:00:00Z', 'Done'],
        ['2026-03-10T09:00:00Z', 'To Do'],
        ['2026-03-11T09:00:00Z', 'Done'],
      ],
    });
    // Done at 11 Mar; the last entry into progress from another category before it: Done -> In Review, 7 Mar.
    expect(itemTimes(item, 'last')).toEqual({
      start: t('2026-03-07T09:00:00Z'),
      done: t('2026-03-11T09:00:00Z'),
    });
    expect(itemTimes(item, 'first').start).toBe(t('2026-03-02T09:00:00Z'));
    // An item created in progress starts at its creation; moving within progress does not restart it.
    const createdInProgress = buildItem({
      created: '2026-03-01T09:00:00Z',
      initial: 'In Progress',
      path: [
        ['2026-03-02T09:00:00Z', 'In Review'],
        ['2026-03-03T09:00:00Z', 'Done'],
      ],
    });
    expect(itemTimes(createdInProgress, 'last').start).toBe(t('2026-03-01T09:00:00Z'));
  });

  it('treats a reopened item as not done, and counts it done again at its latest entry into Done', () => {
    const reopened = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [
        ['2026-03-02T09:00:00Z', 'In Progress'],
        ['2026-03-03T09:00:00Z', 'Done'],
        ['2026-03-04T09:00:00Z', 'In Progress'],
      ],
    });
    expect(itemTimes(reopened)).toEqual({ start: t('2026-03-02T09:00:00Z'), done: null });
    const doneAgain = buildItem({
      created: '2026-03-01T09:00:00Z',
      path: [
        ...reopened.transitions.map((x) => [x.at, x.status] as [number, string]),
        ['2026-03-08T09:00:00Z', 'Done'],
      ],
    });
    expect(itemTimes(doneAgain)).toEqual({
      start: t('2026-03-02T09:00:00Z'),
      done: t('2026-03-08T09:00:00Z'),
    });
  });

  it('gives no start to an item done straight from To Do', () => {
    const item = buildItem({ created: '2026-03-01T09:00:00Z', path: [['2026-03-03T09:00:00Z', 'Done']] });
    expect(itemTimes(item)).toEqual({ start: null, done: t('2026-03-03T09:00:00Z') });
  });

  it('starts an item created directly in progress at its creation', () => {
    const item = buildItem({
      created: '2026-03-01T09:00:00Z',
      initial: 'In Progress',
      path: [['2026-03-03T09:00:00Z', 'Done']],
    });
    expect(itemTimes(item).start).toBe(t('2026-03-01T09:00:00Z'));
  });

  it('counts a wait status as in progress for Start', () => {
    const item = buildItem({ created: '2026-03-01T09:00:00Z', path: [['2026-03-02T10:00:00Z', 'Blocked']] });
    expect(itemTimes(item)).toEqual({ start: t('2026-03-02T10:00:00Z'), done: null });
  });
});

describe('calendar weeks', () => {
  it('gives the complete ISO weeks before the current one, Monday 00:00 in the time zone', () => {
    // Wednesday 18 Nov 2026, 10:00 UTC.
    const weeks = completeWeeksBefore(t('2026-11-18T10:00:00Z'), 2, 'UTC');
    expect(weeks.map((w) => [new Date(w.from).toISOString(), new Date(w.to).toISOString()])).toEqual([
      ['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z'],
      ['2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z'],
    ]);
  });

  it('follows daylight saving time: the week of the October change in Berlin lasts 169 hours', () => {
    // DST ended on Sunday 25 Oct 2026 in Europe/Berlin.
    const [week] = completeWeeksBefore(t('2026-10-28T12:00:00Z'), 1, 'Europe/Berlin');
    expect(new Date(week!.from).toISOString()).toBe('2026-10-18T22:00:00.000Z'); // Mon 19 Oct 00:00 CEST
    expect(new Date(week!.to).toISOString()).toBe('2026-10-25T23:00:00.000Z'); // Mon 26 Oct 00:00 CET
    expect((week!.to - week!.from) / 3_600_000).toBe(169);
  });

  it('uses the time zone to decide which week an instant is in', () => {
    // Sunday 15 Nov 23:30 UTC is already Monday 16 Nov in Berlin: a new week there, not in UTC.
    const now = t('2026-11-15T23:30:00Z');
    expect(new Date(completeWeeksBefore(now, 1, 'UTC')[0]!.to).toISOString()).toBe(
      '2026-11-09T00:00:00.000Z',
    );
    expect(new Date(completeWeeksBefore(now, 1, 'Europe/Berlin')[0]!.to).toISOString()).toBe(
      '2026-11-15T23:00:00.000Z',
    );
  });
});

/** The delivery-flow table's windows for items in one Jira project ('T'), as the engine computes them. */
function windowsOf(items: Parameters<typeof factsOf>[0], now: number) {
  const facts = factsOf(items, now);
  const clock = clockAt(now);
  const [flow] = jiraProjectFlows(facts, [{ key: 'T', name: 'Team' }], clock);
  const all = flowMetrics(facts, facts.allRows(), clock);
  const trend = trendOf(facts, all, clock, completeWeeksBefore(now, 52, 'UTC'));
  return { flow: flow!, trend, metrics: all.metrics };
}

describe('flow windows of complete weeks', () => {
  const now = t('2026-11-18T10:00:00Z'); // the last complete week is 9-16 Nov

  it('counts items done inside the half-open window and their cycle-time percentiles', () => {
    const items = [
      doneItem('2026-11-09T00:00:00Z', '2026-11-10T00:00:00Z'), // 1 day
      doneItem('2026-11-05T00:00:00Z', '2026-11-09T00:00:00Z'), // 4 days, exactly at a week start: in
      doneItem('2026-11-10T00:00:00Z', '2026-11-12T12:00:00Z'), // 2.5 days
      doneItem('2026-11-01T00:00:00Z', '2026-11-04T00:00:00Z'), // 3 days
      doneItem('2026-10-20T00:00:00Z', '2026-10-27T00:00:00Z'), // 7 days
      doneItem('2026-11-10T00:00:00Z', '2026-11-16T00:00:00Z'), // at the window end: out (current week)
      doneItem('2026-08-01T00:00:00Z', '2026-08-10T00:00:00Z'), // before the 12-week window
      buildItem({ created: '2026-11-01T00:00:00Z', path: [['2026-11-11T00:00:00Z', 'Done']] }), // no start
    ];
    const { flow, trend, metrics } = windowsOf(items, now);
    const [four, twelve] = flow.windows;
    expect(trend.windows[0]!.current).toMatchObject({
      from: t('2026-10-19T00:00:00Z'),
      to: t('2026-11-16T00:00:00Z'),
    });
    expect(four!.throughput).toBe(6);
    expect(four!.weekly).toEqual([0, 1, 1, 4]);
    // Cycle times in the 4 weeks: 1, 4, 2.5, 3, 7 -> sorted 1, 2.5, 3, 4, 7; P50 = 3rd = 3.
    expect(four!.cycleTime.p50).toEqual({ k: 50, n: 5, value: 3, minSamples: 5 });
    expect(four!.cycleTime.p85.value).toBeNull();
    expect(twelve!.throughput).toBe(6);
    expect(metrics.throughput.currentWeek).toBe(1);
  });

  it('counts only work items: epics and sub-tasks never enter flow metrics', () => {
    const epic = doneItem('2026-11-09T00:00:00Z', '2026-11-10T00:00:00Z', { level: 1 });
    const subTask = doneItem('2026-11-09T00:00:00Z', '2026-11-10T00:00:00Z', { level: -1 });
    expect(windowsOf([epic, subTask], now).flow.windows[0]!.throughput).toBe(0);
  });

  it('counts WIP as started and not yet done at the instant', () => {
    // The history Jira holds at each instant: one item started 2 Nov (done 10 Nov), one started 3 Nov.
    const first = (done: boolean) =>
      done
        ? doneItem('2026-11-02T00:00:00Z', '2026-11-10T00:00:00Z')
        : buildItem({ created: '2026-11-01T00:00:00Z', path: [['2026-11-02T00:00:00Z', 'In Progress']] });
    const second = (started: boolean) =>
      buildItem({
        created: '2026-11-01T00:00:00Z',
        path: started ? [['2026-11-03T00:00:00Z', 'In Progress']] : [],
      });
    const toDo = buildItem({ created: '2026-11-01T00:00:00Z' });
    const wipAt = (instant: string, items: Parameters<typeof factsOf>[0]) =>
      windowsOf(items, t(instant)).flow.wip;
    expect(wipAt('2026-11-05T00:00:00Z', [first(false), second(true), toDo])).toBe(2);
    expect(wipAt('2026-11-10T00:00:00Z', [first(true), second(true), toDo])).toBe(1);
    expect(wipAt('2026-11-02T00:00:00Z', [first(false), second(false), toDo])).toBe(1);
  });

  it('is empty but well-formed for an empty scope', () => {
    const { flow } = windowsOf([], now);
    expect(flow.windows[0]!.throughput).toBe(0);
    expect(flow.windows[0]!.cycleTime.p50).toEqual({ k: 50, n: 0, value: null, minSamples: 5 });
    expect(flow.wip).toBe(0);
  });
});
