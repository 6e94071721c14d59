import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  DAY_MS,
  completeMonthsBefore,
  completeWeeksBefore,
  localDate,
  type Period,
  type Quarter,
} from '../calendar';
import { countIn } from '../flow-metrics';
import { about, type FlowScope, type WinContext } from './input';
import type { Win } from './types';

/** Weeks of done history a scope needs before its best week can be called a record. */
export const RECORD_MIN_HISTORY_WEEKS = 12;

type Unit = 'week' | 'month';

/**
 * 3. Throughput record: the best complete ISO week (and month) of the last 12 months, if it beat every
 * earlier week (month) in the 12 months before it and the scope had 12 weeks of history by then.
 */
export function throughputRecordWins(w: WinContext): Win[] {
  const tz = w.clock.timeZone;
  // Calendar periods are the same for every scope: computed once per instant and count.
  const before: Record<Unit, (t: number, count: number) => Period[]> = {
    week: memo((t, n) => completeWeeksBefore(t, n, tz)),
    month: memo((t, n) => completeMonthsBefore(t, n, tz)),
  };
  const lookback: Record<Unit, number> = { week: 52, month: 12 };
  const periods: Record<Unit, Period[]> = {
    week: before.week(w.clock.now, lookback.week),
    month: before.month(w.clock.now, lookback.month),
  };
  return w.scopes.flatMap((s) => {
    if (s.flow.doneRows.length === 0) return [];
    return (['week', 'month'] as const).flatMap((unit) => {
      const record = recordOf(w, s, periods[unit], (from) => before[unit](from, lookback[unit]));
      return record ? [recordWin(w, s, unit, record)] : [];
    });
  });
}

/** The best period with anything done (the earlier one on a tie), if it is a record. */
function recordOf(
  w: WinContext,
  s: FlowScope,
  periods: readonly Period[],
  earlierThan: (from: number) => readonly Period[],
): { period: Period; count: number } | null {
  const { clock } = w;
  const counts = periods.map((p) => countIn(s.flow.daily, clock.grid, p));
  let best = -1;
  counts.forEach((c, i) => {
    if (c > 0 && (best < 0 || c > counts[best]!)) best = i;
  });
  if (best < 0) return null;
  const period = periods[best]!;
  const count = counts[best]!;
  const firstDone = w.facts.done[s.flow.doneRows[0]!]!;
  if (firstDone > period.from - RECORD_MIN_HISTORY_WEEKS * 7 * DAY_MS) return null;
  // The 12 months before the record period must hold nothing as good.
  const beaten = earlierThan(period.from).every((p) => countIn(s.flow.daily, clock.grid, p) < count);
  return beaten ? { period, count } : null;
}

function recordWin(w: WinContext, s: FlowScope, unit: Unit, record: { period: Period; count: number }): Win {
  const tz = w.clock.timeZone;
  const { period, count } = record;
  // Months are labelled periods already; an ISO week is named by its Monday.
  const label =
    unit === 'week' ? format(new TZDate(period.from, tz), "RRRR-'W'II") : (period as Quarter).label;
  return {
    id: `throughput-record:${s.kind}:${s.id}:${unit}:${label}`,
    kind: 'throughput-record',
    title: `${s.name}: best ${unit} in 12 months`,
    date: localDate(period.to - 1, tz),
    evidence: `${count} items done in the ${unit} ${label}, the most of any ${unit} in the 12 months before it`,
    numbers: { count, period: label },
    ...about(s),
  };
}

function memo<T>(compute: (t: number, count: number) => T) {
  const cache = new Map<string, T>();
  return (t: number, count: number): T => {
    const key = `${t}:${count}`;
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(t, count);
      cache.set(key, value);
    }
    return value;
  };
}
