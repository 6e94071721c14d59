import { DAY_MS, days, inPeriod, type Period } from './calendar';
import type { PercentileResult } from './percentile';
import type { WorkItem } from './work-item';

export type StartPolicy = 'first' | 'last';

export interface ItemTimes {
  /** First (or last) entry into an in-progress status; null if the item never was in progress. */
  start: number | null;
  /** Latest entry into a done status while the current status is done; null otherwise. */
  done: number | null;
}

/** Flow metrics count work items only: hierarchy level 0 (no epics, no sub-tasks). */
export const isWorkItem = (item: WorkItem): boolean => item.level === 0;

/** Start and Done of an item, per METRICS-SPEC "Items, states, times" and precise rules 1-4. */
export function itemTimes(item: WorkItem, startPolicy: StartPolicy = 'first'): ItemTimes {
  // Entry -1 is the creation (in the initial status), then every transition; no array is built.
  const { transitions } = item;
  const at = (i: number) => (i < 0 ? item.created : transitions[i]!.at);
  const category = (i: number) => (i < 0 ? item.initialCategory : transitions[i]!.category);
  let done: number | null = null;
  if (item.statusCategory === 'done') {
    for (let i = -1; i < transitions.length; i++) if (category(i) === 'done') done = at(i);
  }
  let start: number | null = null;
  for (let i = -1; i < transitions.length; i++) {
    if (category(i) !== 'indeterminate') continue;
    if (done !== null && at(i) > done) break;
    if (start === null || startPolicy === 'last') start = at(i);
  }
  return { start, done };
}

export interface TimedItem {
  item: WorkItem;
  start: number | null;
  done: number | null;
}

export const withTimes = (items: readonly WorkItem[], startPolicy: StartPolicy = 'first'): TimedItem[] =>
  items.filter(isWorkItem).map((item) => ({ item, ...itemTimes(item, startPolicy) }));

/** Work items whose Done falls in the half-open period. */
export const throughput = (items: readonly TimedItem[], period: Period): number =>
  items.filter((t) => t.done !== null && inPeriod(t.done, period)).length;

/** Cycle times (days) of items done in the period that have a Start. */
export const cycleTimes = (items: readonly TimedItem[], period: Period): number[] =>
  items.flatMap((t) =>
    t.done !== null && t.start !== null && inPeriod(t.done, period) ? [days(t.done - t.start)] : [],
  );

/** WIP(t): items started at or before t and not done at t. */
export const wipAt = (items: readonly TimedItem[], t: number): number =>
  items.filter((x) => x.start !== null && x.start <= t && (x.done === null || x.done > t)).length;

export interface FlowWindow {
  /** Complete ISO weeks in the window. */
  weeks: number;
  period: Period;
  throughput: number;
  /** Throughput of each complete week, oldest first. */
  weekly: { from: number; count: number }[];
  cycleTime: { p50: PercentileResult; p85: PercentileResult };
}

export interface FlowSummary {
  windows: FlowWindow[];
  /** Done so far in the current, partial week. */
  currentWeek: { period: Period; throughput: number };
  wip: number;
}

export { DAY_MS };
