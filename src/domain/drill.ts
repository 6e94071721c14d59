import type { Computation } from './context';
import { epicsOf } from './facts';
import { dateOf } from './flow-metrics';
import type { Delivery } from './quarters';
import { committedTo, doneByEnd } from './schedule';
import type { ValueEvent } from './value';

/**
 * What lies behind a scope's numbers (drill-through): its work items with the instants that made each
 * count, its epics with the quarters they were committed to and done by, its PMO projects' deliveries
 * and its value events. Every list a surface opens is a filter of these, so a list and its number are
 * computed from the same facts with the same rules (docs/metrics.md, "Drill-through").
 *
 * Rows are fact rows; the snapshot turns them into issue keys.
 */

/** Flags of a work item in a scope (bits). */
export const DRILL_FLAG = {
  /** In progress now: started, not done, not discarded. */
  wip: 1,
  /** In progress and flagged or in a wait status now. */
  blocked: 2,
  /** In progress for longer than the scope's SLE. */
  aging: 4,
  /** Joined the PMO project's scope after its baseline (scope growth). */
  added: 8,
  /** Done in a PMO project serving an active goal (strategic alignment, the portfolio only). */
  aligned: 16,
} as const;

export interface DrillRow {
  row: number;
  /** Start and Done instants; null when there is none (Done is null while open). */
  start: number | null;
  done: number | null;
  flags: number;
}

export interface DrillEpic {
  key: string;
  project: string;
  /** Done instant and its local date; null while open and for a discarded epic. */
  done: number | null;
  doneOn: string | null;
  due: string | null;
  /** Labels of the reported quarters the epic was committed to (say/do), and of those it was done by. */
  committed: string[];
  doneBy: string[];
}

export interface DrillDelivery {
  id: string;
  name: string;
  finished: number | null;
  finishedOn: string | null;
  target: string | null;
}

export interface ScopeDrill {
  /** Done rows from this instant on are kept (older ones count toward nothing a surface shows). */
  since: number | null;
  rows: DrillRow[];
  epics: DrillEpic[];
  deliveries: DrillDelivery[];
  value: ValueEvent[];
}

export interface ScopeDrillInput {
  rows: ArrayLike<number>;
  /** Keep done rows from this instant on; null keeps them all (a PMO project's progress reads every one). */
  since: number | null;
  /** Keep open rows that have not started too (a PMO project's progress and remaining work). */
  keepOpen: boolean;
  /** The scope's SLE in days (null: none, so nothing is aging). */
  sle: number | null;
  /** Rows added since the baseline (a PMO project with a baseline). */
  added?: (row: number) => boolean;
  /** 1 for rows of a PMO project serving an active goal (the portfolio). */
  aligned?: Uint8Array;
  /** Epic keys the scope's say/do and deliveries read (discarded ones included). */
  epicKeys: Iterable<string>;
  deliveries: readonly (Delivery & { id: string; name: string })[];
  value: readonly ValueEvent[];
}

const DAY_MS = 86_400_000;

export function scopeDrill(ctx: Computation, input: ScopeDrillInput): ScopeDrill {
  const { facts, now, clock } = ctx;
  const rows: DrillRow[] = [];
  const { start: starts, done: dones, discarded, blocked } = facts;
  for (let i = 0; i < input.rows.length; i++) {
    const row = input.rows[i]!;
    const start = starts[row]!;
    const done = dones[row]!;
    let flags = 0;
    if (done === done && done <= now) {
      if (input.since !== null && done < input.since) continue;
      if (input.aligned?.[row] === 1) flags |= DRILL_FLAG.aligned;
    } else if (start === start && start <= now && !(discarded[row]! <= now)) {
      flags |= DRILL_FLAG.wip;
      if (blocked[row] === 1) flags |= DRILL_FLAG.blocked;
      if (input.sle !== null && (now - start) / DAY_MS > input.sle) flags |= DRILL_FLAG.aging;
    } else if (!input.keepOpen) {
      continue;
    }
    if (input.added?.(row)) flags |= DRILL_FLAG.added;
    rows.push({
      row,
      start: start === start ? start : null,
      done: done === done && done <= now ? done : null,
      flags,
    });
  }
  const epics = epicsOf(facts, input.epicKeys).map((epic): DrillEpic => {
    const committed: string[] = [];
    const doneBy: string[] = [];
    ctx.quarters.forEach((q, i) => {
      if (!committedTo(epic, q, ctx.quarterDates[i]!)) return;
      committed.push(q.label);
      if (doneByEnd(epic, q)) doneBy.push(q.label);
    });
    const done = epic.done !== null && epic.done <= now ? epic.done : null;
    return {
      key: epic.key,
      project: epic.project,
      done,
      doneOn: done === null ? null : dateOf(clock, done),
      due: epic.due,
      committed,
      doneBy,
    };
  });
  return {
    since: input.since,
    rows,
    epics,
    deliveries: input.deliveries.map((d) => {
      const finished = d.finished !== null && d.finished <= now ? d.finished : null;
      return {
        id: d.id,
        name: d.name,
        finished,
        finishedOn: finished === null ? null : dateOf(clock, finished),
        target: d.target,
      };
    }),
    value: [...input.value],
  };
}

/** The earliest instant any number a surface shows counts a done item from: the oldest reported period. */
export function drillSince(ctx: Computation): number {
  const trailing = ctx.now - ctx.clock.trailingDays * DAY_MS;
  return Math.min(ctx.quarters[0]?.from ?? trailing, ctx.weeks52[0]?.from ?? trailing, trailing);
}
