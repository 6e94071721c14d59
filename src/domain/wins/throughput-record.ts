import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { completeWeeksBefore, localDate, type Period } from '../calendar';
import { countIn } from '../flow-metrics';
import { nearestRank } from '../percentile';
import { dayRange, flat, plural } from '../phrasing';
import { about, type FlowScope, type WinContext } from './input';
import type { Win } from './types';

/**
 * Throughput record (METRICS-SPEC "Wins" 3, precise rule 28): a complete ISO week with more done items
 * than every one of the 52 weeks before it, at least 5 items and at least 1.5 x the median week of those
 * 52 (nearest-rank P50). Weeks before the scope's first work item count as weeks with nothing done.
 */
export const THROUGHPUT_RECORD = { weeksBefore: 52, minItems: 5, overMedian: 1.5 } as const;

/** Whether a week's count is a record against the counts of the 52 weeks before it. */
export function isThroughputRecord(count: number, before: readonly number[]): boolean {
  if (count < THROUGHPUT_RECORD.minItems) return false;
  if (before.some((c) => c >= count)) return false;
  const median =
    nearestRank(
      [...before].sort((a, b) => a - b),
      50,
    ) ?? 0;
  // Compared in halves so that exactly 1.5 x the median counts: 2 * count >= 3 * median.
  return count * 2 >= median * THROUGHPUT_RECORD.overMedian * 2;
}

/** The nearest-rank median of the weeks before a record (for its evidence). */
const medianOf = (counts: readonly number[]) =>
  nearestRank(
    [...counts].sort((a, b) => a - b),
    50,
  ) ?? 0;

/** 3. Throughput records: every complete ISO week of the lookback that is one, for each scope. */
export function throughputRecordWins(w: WinContext): Win[] {
  const tz = w.clock.timeZone;
  const n = THROUGHPUT_RECORD.weeksBefore;
  // Every complete week back to the 52 before the oldest that may be a record, oldest first; the same
  // calendar for every scope.
  const all = completeWeeksBefore(w.clock.now, 60 + n, tz);
  const firstCandidate = all.findIndex((week, i) => i >= n && sundayOf(week, tz) >= w.oldest);
  if (firstCandidate < 0) return [];
  // Each week's names, worked out once for every scope that has a record in it.
  const names = new Map<number, WeekNames>();
  const namesOf = (i: number) => {
    let found = names.get(i);
    if (!found) names.set(i, (found = weekNames(all[i]!, tz)));
    return found;
  };
  return w.scopes.flatMap((s) => {
    if (s.flow.doneRows.length === 0) return [];
    const counts = all.map((week) => countIn(s.flow.daily, w.clock.grid, week));
    const wins: Win[] = [];
    for (let i = firstCandidate; i < all.length; i++) {
      // Not above every week before it: no record, whatever the median (the cheap test first).
      let above = true;
      for (let j = i - n; j < i && above; j++) above = counts[j]! < counts[i]!;
      if (!above) continue;
      const before = counts.slice(i - n, i);
      if (isThroughputRecord(counts[i]!, before)) wins.push(recordWin(s, namesOf(i), counts[i]!, before));
    }
    return wins;
  });
}

/** The Sunday of an ISO week: its last local day. */
const sundayOf = (week: Period, tz: string) => localDate(week.to - 1, tz);

/** How a win names its week: the ISO week, its Sunday, and its dates in words. */
interface WeekNames {
  label: string;
  sunday: string;
  dates: string;
}

function weekNames(week: Period, tz: string): WeekNames {
  // The ISO week ('2026-W11') names the win in its id and numbers; its evidence names it by its dates.
  const label = format(new TZDate(week.from, tz), "RRRR-'W'II");
  const sunday = sundayOf(week, tz);
  return { label, sunday, dates: dayRange(localDate(week.from, tz), sunday) };
}

function recordWin(s: FlowScope, week: WeekNames, count: number, before: readonly number[]): Win {
  const { label, dates } = week;
  const best = Math.max(...before);
  const median = medianOf(before);
  return {
    id: `throughput-record:${s.kind}:${s.id}:week:${label}`,
    kind: 'throughput-record',
    title: flat`${s.name}: record week, ${count} items done`,
    date: week.sunday,
    evidence: flat`${count} items done in the week of ${dates}, more than in any of the 52 weeks before it (the best of them had ${plural(best, 'item')}, the median week ${median})`,
    numbers: { count, period: label, bestBefore: best, medianBefore: median },
    ...about(s),
  };
}
