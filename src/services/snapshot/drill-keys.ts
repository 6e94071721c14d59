import type { DrillEntry, DrillNumber } from '../../contract/drill';
import type { QuarterMetrics } from '../../domain/results';
import type { Trend } from '../../domain/flow-metrics';
import { drillEntries, type DrillPart } from './drill';

/**
 * The keys behind each number of a scope, as `pmo-wins metrics --json` prints them: the same lists the
 * surfaces open (drillEntries), named after the numbers they explain. PMO projects are listed by name,
 * benefit records as "benefit record of <PMO project>".
 */
export interface ScopeKeys {
  quarters: Record<string, QuarterKeys>;
  /** Items done in each complete week of the trend, by the week's first instant (ISO). */
  weekly: Record<string, string[]>;
  /** Items done in each trend window and the window before it, by its length in weeks. */
  windows: Record<string, { current: string[]; previous: string[] }>;
  wip: string[];
  blocked: string[];
  aging: string[];
  /** Items done in the trailing window with a Start: the samples of the cycle-time statistics and the SLE. */
  trailingCycle: string[];
  /** PMO projects only: their items (done and open), those not done, and those added since the baseline. */
  progress?: { done: string[]; open: string[] };
  remaining?: string[];
  scopeAdded?: string[];
}

export interface QuarterKeys {
  /** Items done in the quarter (throughput); those with a Start are the cycle-time samples. */
  throughput: string[];
  cycleTime: string[];
  epicsDelivered: string[];
  projectsDelivered: string[];
  onTime: { onTime: string[]; late: string[] };
  sayDo: { done: string[]; notDone: string[] };
  valueDelivered: string[];
  /** The portfolio only: items done in the quarter serving an active goal. */
  aligned?: string[];
  samePointBefore?: { throughput: string[]; epicsDelivered: string[]; projectsDelivered: string[] };
}

const nameOf = (e: DrillEntry) =>
  e.key ?? (e.kind === 'benefit' ? `benefit record of ${e.name ?? 'a PMO project'}` : (e.name ?? ''));

export function scopeKeys(
  part: DrillPart,
  scope: { quarters?: readonly QuarterMetrics[]; trend?: Trend; trailingFrom: number; portfolio: boolean },
  now: number,
): ScopeKeys {
  const list = (number: DrillNumber) => drillEntries(part, number, now).map(nameOf);
  /** One list split by verdict: each named verdict's keys. */
  const split = <V extends string>(number: DrillNumber, verdicts: readonly V[]) => {
    const entries = drillEntries(part, number, now);
    return Object.fromEntries(
      verdicts.map((v) => [v, entries.filter((e) => e.verdict === v).map(nameOf)]),
    ) as Record<V, string[]>;
  };
  const quarters: Record<string, QuarterKeys> = {};
  for (const q of scope.quarters ?? []) {
    const period = { from: q.from, to: Math.min(q.to, now + 1) };
    const same = q.samePointBefore;
    const onTime = split({ kind: 'on-time', ...period }, ['on time', 'late']);
    const sayDo = split({ kind: 'say-do', quarter: q.label }, ['done', 'not done']);
    quarters[q.label] = {
      throughput: list({ kind: 'done', ...period }),
      cycleTime: list({ kind: 'cycle', from: q.from, to: Math.min(q.to, now) }),
      epicsDelivered: list({ kind: 'epics', ...period }),
      projectsDelivered: list({ kind: 'projects', ...period }),
      onTime: { onTime: onTime['on time'], late: onTime.late },
      sayDo: { done: sayDo.done, notDone: sayDo['not done'] },
      valueDelivered: list({ kind: 'value', ...period }),
      ...(scope.portfolio ? { aligned: split({ kind: 'aligned', ...period }, ['aligned']).aligned } : {}),
      ...(same
        ? {
            samePointBefore: {
              throughput: list({ kind: 'done', from: same.from, to: same.to }),
              epicsDelivered: list({ kind: 'epics', from: same.from, to: same.to }),
              projectsDelivered: list({ kind: 'projects', from: same.from, to: same.to }),
            },
          }
        : {}),
    };
  }
  const weekly: Record<string, string[]> = {};
  const windows: ScopeKeys['windows'] = {};
  if (scope.trend) {
    const weeks = scope.trend.weekly;
    weeks.forEach((w, i) => {
      const to = weeks[i + 1]?.from ?? scope.trend!.windows[0]?.current.to ?? w.from + 7 * 86_400_000;
      weekly[new Date(w.from).toISOString()] = list({ kind: 'done', from: w.from, to });
    });
    for (const w of scope.trend.windows) {
      windows[String(w.weeks)] = {
        current: list({ kind: 'done', from: w.current.from, to: w.current.to }),
        previous: list({ kind: 'done', from: w.previous.from, to: w.previous.to }),
      };
    }
  }
  const project = part.since === null;
  return {
    quarters,
    weekly,
    windows,
    wip: list({ kind: 'wip' }),
    blocked: list({ kind: 'blocked' }),
    aging: list({ kind: 'aging' }),
    trailingCycle: list({ kind: 'cycle', from: scope.trailingFrom, to: now }),
    ...(project
      ? {
          progress: split({ kind: 'progress' }, ['done', 'open']),
          remaining: list({ kind: 'remaining' }),
          scopeAdded: list({ kind: 'added' }),
        }
      : {}),
  };
}
