import { localDate } from '../calendar';
import { pct } from '../phrasing';
import { about, type WinContext } from './input';
import type { Win } from './types';

/** Say/do a complete quarter must reach to count as predictable, percent. */
export const PREDICTABLE_SAY_DO = 90;

/** 4. Predictable quarter: say/do >= 90% in a complete quarter. */
export function predictableQuarterWins(w: WinContext): Win[] {
  const tz = w.clock.timeZone;
  return w.scopes.flatMap((s) =>
    s.quarters
      .filter((q) => !q.current && q.sayDo.rate !== null && q.sayDo.rate >= PREDICTABLE_SAY_DO)
      .map((q): Win => ({
        id: `predictable-quarter:${s.kind}:${s.id}:${q.label}`,
        kind: 'predictable-quarter',
        title: `${s.name}: ${pct(q.sayDo.rate!)} say/do in ${q.label}`,
        date: localDate(q.to - 1, tz),
        evidence: `${q.sayDo.done} of ${q.sayDo.committed} epics due in ${q.label} (as of its first day) were done by its end`,
        numbers: { committed: q.sayDo.committed, done: q.sayDo.done, rate: q.sayDo.rate },
        ...about(s),
      })),
  );
}
