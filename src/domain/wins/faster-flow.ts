import { DAY_MS, localDate } from '../calendar';
import { cycleP50Between } from '../flow-metrics';
import { dayMonth, days, decimalDays, flat, pct, plural } from '../phrasing';
import { about, type FlowScope, type WinContext } from './input';
import type { Win } from './types';

/** Faster flow: P50 over the last 90 days at least 20% below the 90 days before, n >= 10 in both. */
export const FASTER_FLOW = { days: 90, improvement: 20, minSamples: 10 } as const;

/**
 * 2. Faster flow, judged at the end of each complete reported quarter (dated its last day) and now (dated
 * today), each over the 90 days before that instant against the 90 days before those (precise rule 27).
 */
export function fasterFlowWins(w: WinContext): Win[] {
  const { clock, quarters } = w;
  const ends = [
    ...quarters.slice(0, -1).map((q) => ({ label: q.label, at: q.to })),
    { label: quarters[quarters.length - 1]!.label, at: clock.now },
  ];
  return w.scopes.flatMap((s) => ends.flatMap((end) => fasterAt(w, s, end)));
}

function fasterAt(w: WinContext, s: FlowScope, end: { label: string; at: number }): Win[] {
  const { clock, facts } = w;
  const span = FASTER_FLOW.days * DAY_MS;
  const recent = cycleP50Between(facts, s.flow.doneRows, end.at - span, end.at);
  const before = cycleP50Between(facts, s.flow.doneRows, end.at - 2 * span, end.at - span);
  if (recent.n < FASTER_FLOW.minSamples || before.n < FASTER_FLOW.minSamples) return [];
  if (recent.value === null || before.value === null || before.value === 0) return [];
  // At least 20% below: recent <= before * 80%, compared without dividing and in whole milliseconds
  // (cycle times are differences of instants), so exactly 20% counts whatever the days' fractions.
  const ms = (d: number) => Math.round(d * DAY_MS);
  if (ms(recent.value) * 100 > ms(before.value) * (100 - FASTER_FLOW.improvement)) return [];
  const drop = ((before.value - recent.value) / before.value) * 100;
  const date = end.at === clock.now ? w.today : localDate(end.at - 1, clock.timeZone);
  if (date < w.oldest) return [];
  const window = days(FASTER_FLOW.days);
  return [
    {
      id: `faster-flow:${s.kind}:${s.id}:${end.label}`,
      kind: 'faster-flow',
      title: flat`${s.name}: ${pct(drop)} faster cycle time`,
      date,
      evidence: flat`P50 cycle time ${decimalDays(recent.value)} over the ${window} to ${dayMonth(date)} (${plural(recent.n, 'item')}), down from ${decimalDays(before.value)} the ${window} before (${plural(before.n, 'item')})`,
      numbers: {
        p50Recent: recent.value,
        p50Before: before.value,
        nRecent: recent.n,
        nBefore: before.n,
        improvement: drop,
      },
      ...about(s),
    },
  ];
}
