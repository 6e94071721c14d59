import { localDate } from '../calendar';
import { pct, plural, quarterName } from '../phrasing';
import { about, type WinContext } from './input';
import type { Win } from './types';

/** Say/do a complete quarter must reach to count as predictable, percent. */
export const PREDICTABLE_SAY_DO = 90;

/** Committed epics a quarter needs before its say/do can make it predictable. */
export const PREDICTABLE_MIN_COMMITTED = 3;

/** Whether a complete quarter's say/do makes it predictable: done / committed >= 90%, over 3 or more epics. */
export const isPredictable = (sayDo: { committed: number; done: number }): boolean =>
  sayDo.committed >= PREDICTABLE_MIN_COMMITTED && sayDo.done * 100 >= PREDICTABLE_SAY_DO * sayDo.committed;

/** 4. Predictable quarter: a complete quarter with say/do >= 90% over at least 3 committed epics. */
export function predictableQuarterWins(w: WinContext): Win[] {
  const tz = w.clock.timeZone;
  return w.scopes.flatMap((s) =>
    s.quarters
      .filter((q) => !q.current && q.sayDo.rate !== null && isPredictable(q.sayDo))
      .map((q): Win => ({
        id: `predictable-quarter:${s.kind}:${s.id}:${q.label}`,
        kind: 'predictable-quarter',
        title: `${s.name}: ${pct(q.sayDo.rate!)} say/do in ${quarterName(q.label)}`,
        date: localDate(q.to - 1, tz),
        evidence: `${q.sayDo.done} of the ${plural(q.sayDo.committed, 'epic')} due in ${quarterName(q.label)} when it began were done by its end`,
        numbers: { committed: q.sayDo.committed, done: q.sayDo.done, rate: q.sayDo.rate },
        ...about(s),
      })),
  );
}
