import { calendarDaysBetween, localDate, type Period } from './calendar';
import { dueAt, epicDoneAt, type EpicFact, type Facts } from './facts';

/**
 * Scope and schedule (METRICS-SPEC "Scope and schedule", precise rules 9-13): progress, baseline and
 * scope growth, on-time and slip, say/do.
 */
export interface Progress {
  done: number;
  total: number;
  /** 'points' when at least 80% of the items carry an estimate (unestimated ones then weigh 0). */
  basis: 'points' | 'count';
  donePoints: number;
  totalPoints: number;
  /** Share of items with an estimate, 0-100. */
  estimatedShare: number;
  /** Done / scope, 0-100; null for an empty scope. */
  percent: number | null;
}

export const ESTIMATE_COVERAGE = 80;

export function progressOf(facts: Facts, rows: ArrayLike<number>): Progress {
  let done = 0;
  let estimated = 0;
  let donePoints = 0;
  let totalPoints = 0;
  const { done: dones, estimate: estimates } = facts;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const isDone = dones[row]! === dones[row]!;
    const estimate = estimates[row]!;
    if (isDone) done += 1;
    if (estimate === estimate) {
      estimated += 1;
      totalPoints += estimate;
      if (isDone) donePoints += estimate;
    }
  }
  return progressFrom({ total: rows.length, done, estimated, donePoints, totalPoints });
}

/**
 * Progress from its counts (progressOf, or flowMetrics, which counts them in its own pass over the same
 * rows, in the same order).
 */
export function progressFrom(counts: {
  total: number;
  done: number;
  estimated: number;
  donePoints: number;
  totalPoints: number;
}): Progress {
  const { total, done, estimated, donePoints, totalPoints } = counts;
  const estimatedShare = total === 0 ? 0 : (estimated / total) * 100;
  const basis = total > 0 && estimatedShare >= ESTIMATE_COVERAGE ? 'points' : 'count';
  const percent =
    total === 0
      ? null
      : basis === 'points'
        ? totalPoints > 0
          ? (donePoints / totalPoints) * 100
          : 0
        : (done / total) * 100;
  return { done, total, basis, donePoints, totalPoints, estimatedShare, percent };
}

export interface ScopeChange {
  baselineDate: string | null;
  /** Items in scope at 00:00 of the baseline date. */
  baseline: number;
  added: number;
  removed: number;
  /** added / baseline * 100; null without a baseline date or with an empty baseline. */
  percent: number | null;
}

/**
 * Baseline (precise rule 10): an item was in scope at the baseline instant when it existed then and
 * either its parent at that instant was one of the scope's epics, or it is matched by the scope's Jira
 * projects or JQL (taken as of now).
 */
export function scopeChange(input: {
  facts: Facts;
  rows: readonly number[];
  /** Rows matched by Jira project or JQL (not through an epic). */
  directRows: ReadonlySet<number>;
  /** Rows that were in scope but were discarded (Won't Do, Duplicate…) by now (precise rule 35). */
  discardedRows?: readonly number[];
  epicKeys: ReadonlySet<string>;
  baselineDate: string | null;
  baselineAt: number | null;
}): ScopeChange {
  const { facts, rows, epicKeys, baselineDate } = input;
  const inBaseline = baselineTest(input);
  if (baselineDate === null || inBaseline === null) {
    return { baselineDate, baseline: 0, added: 0, removed: 0, percent: null };
  }
  // Of the rows that once had one of the epics as parent (few), those still in scope (`now`).
  const former = new Set<number>();
  for (const key of epicKeys) for (const row of facts.formerChildrenOf(key)) former.add(row);
  const now = new Set<number>();
  let baseline = 0;
  let added = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (inBaseline(row)) baseline += 1;
    else added += 1;
    if (former.size > 0 && former.has(row)) now.add(row);
  }
  let removed = 0;
  const counted = new Set<number>();
  // Discarded since the baseline: removed when the baseline held it; added later and discarded since,
  // neither added nor removed (rule 35).
  for (const row of input.discardedRows ?? []) {
    if (counted.has(row)) continue;
    counted.add(row);
    if (inBaseline(row)) removed += 1;
  }
  for (const key of epicKeys) {
    for (const row of facts.formerChildrenOf(key)) {
      if (now.has(row) || counted.has(row)) continue;
      counted.add(row);
      if (inBaseline(row)) removed += 1;
    }
  }
  return {
    baselineDate,
    baseline: baseline + removed,
    added,
    removed,
    percent: baseline + removed === 0 ? null : (added / (baseline + removed)) * 100,
  };
}

/**
 * Whether a row was in scope at the baseline instant (rule 10), or null without a baseline. Shared by
 * scope change and the list of items behind it (the rows it counts as added are those it says no to).
 */
export function baselineTest(input: {
  facts: Facts;
  directRows: ReadonlySet<number>;
  epicKeys: ReadonlySet<string>;
  baselineAt: number | null;
}): ((row: number) => boolean) | null {
  const { facts, directRows, epicKeys, baselineAt } = input;
  if (baselineAt === null) return null;
  const { created, discarded, parent } = facts;
  // A row whose parent never changed has its current parent then: its epic is tested by index.
  const epicParents = new Set<number>();
  for (const key of epicKeys) {
    const index = facts.parentIndexOf(key);
    if (index >= 0) epicParents.add(index);
  }
  return (row: number) => {
    if (created[row]! > baselineAt) return false;
    // Discarded at or before the baseline instant: it had left the scope by then (rule 35).
    if (discarded[row]! <= baselineAt) return false;
    if (directRows.size > 0 && directRows.has(row)) return true;
    if (!facts.parentMoved(row)) return epicParents.has(parent[row]!);
    const at = facts.parentAt(row, baselineAt);
    return at !== null && epicKeys.has(at);
  };
}

/** Local-date difference done - target in days (positive = late); rule 12. */
export function slipDays(finishedOn: string, target: string): number {
  return calendarDaysBetween(target, finishedOn);
}

export interface OnTime {
  /** Epics and PMO projects done in the period on or before their date. */
  onTime: number;
  /** Those done in the period that had a date. */
  withDate: number;
  rate: number | null;
}

export const onTimeRate = (onTime: number, withDate: number): OnTime => ({
  onTime,
  withDate,
  rate: withDate === 0 ? null : (onTime / withDate) * 100,
});

/** Whether a delivery counts as on time: its local Done date is on or before the date (rule 12). */
export const deliveredOnTime = (done: number, date: string, timeZone: string): boolean =>
  localDate(done, timeZone) <= date;

export interface SayDo {
  committed: number;
  done: number;
  rate: number | null;
}

/**
 * Say/do for a quarter (rule 13): epics whose due date, as it stood at the quarter's start, fell inside
 * the quarter (and that existed then), and how many of them were in a done state at its end.
 */
export function sayDo(
  epics: Iterable<EpicFact>,
  quarter: Period,
  quarterDates: { first: string; last: string },
): SayDo {
  let committed = 0;
  let done = 0;
  for (const epic of epics) {
    if (!committedTo(epic, quarter, quarterDates)) continue;
    committed += 1;
    if (doneByEnd(epic, quarter)) done += 1;
  }
  return { committed, done, rate: committed === 0 ? null : (done / committed) * 100 };
}

/** Rule 13: the epic existed at the quarter's start, and its due date as it stood then fell inside it. */
export function committedTo(
  epic: EpicFact,
  quarter: Period,
  quarterDates: { first: string; last: string },
): boolean {
  if (epic.created > quarter.from) return false;
  const due = dueAt(epic, quarter.from);
  return due !== null && due >= quarterDates.first && due <= quarterDates.last;
}

/** Rule 13: the epic was in a done state at the quarter's end. */
export const doneByEnd = (epic: EpicFact, quarter: Period): boolean => epicDoneAt(epic, quarter.to - 1);
