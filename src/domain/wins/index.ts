import { addLocalDays } from '../calendar';
import { backOnTrackWins } from './back-on-track';
import { deliveredWins, deliveries } from './delivered';
import { fasterFlowWins } from './faster-flow';
import { flowScopes, type WinContext, type WinInput } from './input';
import { predictableQuarterWins } from './predictable-quarter';
import { throughputRecordWins } from './throughput-record';
import { valueMilestoneWins } from './value-milestone';
import type { Delivery, Win } from './types';

export type { Delivery, DeliveryTiming, Win, WinKind, WinScope } from './types';
export { FASTER_FLOW } from './faster-flow';
export { THROUGHPUT_RECORD, isThroughputRecord } from './throughput-record';
export { PREDICTABLE_MIN_COMMITTED, PREDICTABLE_SAY_DO, isPredictable } from './predictable-quarter';
export { curateWins, type CuratedWin, type WinCuration } from './curation';
export { BACK_ON_TRACK_DAYS, backOnTrack } from './back-on-track';
// "Back on track" is judged on history points, so the type is offered with the wins.
export type { HistoryPoint } from '../history';

/** Wins are looked for over this many days. */
export const WIN_LOOKBACK_DAYS = 400;

/** Every kind of win, in the order of METRICS-SPEC "Wins". */
const KINDS: readonly ((w: WinContext) => Win[])[] = [
  deliveredWins,
  fasterFlowWins,
  throughputRecordWins,
  predictableQuarterWins,
  backOnTrackWins,
  valueMilestoneWins,
];

/** The wins of every kind, newest first, and every delivery of the lookback (the Delivered list), newest first. */
export function findWins(input: WinInput): { wins: Win[]; delivered: Delivery[] } {
  const context = {
    ...input,
    oldest: addLocalDays(input.today, -WIN_LOOKBACK_DAYS),
    scopes: flowScopes(input),
  };
  // Worked out once: the Delivered list, and the wins among its deliveries.
  const delivered = deliveries(context);
  const w: WinContext = { ...context, delivered };
  return {
    wins: KINDS.flatMap((find) => find(w)).sort(
      (a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id),
    ),
    delivered,
  };
}
