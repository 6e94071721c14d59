import type { Computation } from '../context';
import type { EpicFact } from '../facts';
import { dailyDone, dateOf } from '../flow-metrics';
import type { ForecastResult } from '../forecast';
import type { ScopeForecast } from '../forecaster';
import type { EpicMetrics } from '../results';
import { progressOf, slipDays } from '../schedule';

/**
 * Epic rows are kept for open epics and those done within the reported quarters; older ones are history.
 * A discarded epic (closed as Won't Do, Duplicate…) has left its PMO projects and has no row (rule 35).
 */
export const hasEpicRow = (ctx: Computation, epic: EpicFact): boolean =>
  epic.discarded === null && (epic.done === null || epic.done >= ctx.quarters[0]!.from);

/** An epic's row: progress and forecast over its child items against its due date, on time, slip, value. */
export function epicMetrics(
  ctx: Computation,
  epic: EpicFact,
  forecast: ScopeForecast,
  holders: { projectIds: string[]; value: number | null },
): EpicMetrics {
  const { facts, clock } = ctx;
  const rows = facts.childrenOf(epic.key);
  const progress = progressOf(facts, rows);
  const finishedOn = epic.done === null ? null : dateOf(clock, epic.done);
  const finish: ForecastResult =
    epic.done === null
      ? forecast(dailyDone(facts, rows, clock, epicDaily(clock)), rows.length - progress.done, epic.due)
      : { state: 'done' };
  const finishDate = finishedOn ?? (finish.state === 'forecast' ? finish.p85 : null);
  return {
    key: epic.key,
    summary: epic.summary,
    jiraProject: epic.project,
    status: epic.status,
    projectIds: holders.projectIds,
    progress,
    due: epic.due,
    finishedOn,
    onTime: finishedOn !== null && epic.due !== null ? finishedOn <= epic.due : null,
    forecast: finish,
    slipDays: epic.due !== null && finishDate !== null ? slipDays(finishDate, epic.due) : null,
    value: holders.value,
  };
}

/**
 * One daily-throughput array for every open epic's forecast, which reads it before the next epic refills
 * it: tens of thousands of epics would otherwise each leave one behind.
 */
let dailyBuffer: Int32Array | null = null;
const epicDaily = (clock: Computation['clock']): Int32Array =>
  dailyBuffer?.length === clock.grid.starts.length
    ? dailyBuffer
    : (dailyBuffer = new Int32Array(clock.grid.starts.length));

/** Issue keys in their natural order (PAY-9 before PAY-10). */
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

export const byEpicKey = (a: EpicMetrics, b: EpicMetrics): number => KEY_ORDER.compare(a.key, b.key);
