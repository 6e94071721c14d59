import { addLocalDays } from '../calendar';
import type { Computation, Measured } from '../context';
import { flowMetrics, trendOf } from '../flow-metrics';
import type { Health } from '../health';
import type { StrategicGoal } from '../model';
import type { ProjectScope, RowUnion } from '../pmo';
import { quarterMetrics, type Delivery } from '../quarters';
import type { GoalMetrics, ProjectMetrics } from '../results';
import { goalValueEvents, isValueTarget, sumIn, type ProjectValue, type ValueEvent } from '../value';

/**
 * A goal's period as instants (rule 29): from 00:00 of its first day to 00:00 after its last day, in the
 * configured time zone. A goal without a period (none saved, or a blank date) counts all time.
 */
export function goalPeriod(
  ctx: Pick<Computation, 'startOf'>,
  goal: Pick<StrategicGoal, 'period'>,
): { start: string; end: string; from: number; to: number } | null {
  const period = goal.period as StrategicGoal['period'] | null | undefined;
  if (!period?.start || !period.end) return null;
  return {
    start: period.start,
    end: period.end,
    from: ctx.startOf(period.start),
    to: ctx.startOf(addLocalDays(period.end, 1)),
  };
}

/** A goal's metrics, with its value events (for value milestones). */
export interface GoalRun extends Measured<GoalMetrics> {
  events: ValueEvent[];
  /** Its committed epic keys (what its say/do counts); its rows are goalRows (not kept: a million-item site's goals hold millions). */
  committedEpicKeys: Set<string>;
}

/**
 * A goal: the rollup of the PMO projects linked to it (each item once), its share of their value, the
 * value delivered within its period against its target, and its PMO projects by health.
 */
export function goalMetrics(
  ctx: Computation,
  goal: StrategicGoal,
  portfolio: {
    scopes: readonly ProjectScope[];
    union: RowUnion;
    values: ReadonlyMap<string, ProjectValue>;
    projects: readonly ProjectMetrics[];
    deliveries: ReadonlyMap<string, Delivery>;
  },
): GoalRun {
  const { facts, clock, now } = ctx;
  const members = goalMembers(portfolio.scopes, goal.id);
  const projectIds = members.map((m) => m.project.id);
  const rows = portfolio.union(members.map((s) => s.rows));
  const flow = flowMetrics(facts, rows, clock);
  const epicKeys = new Set(members.flatMap((s) => s.epicKeys));
  // Say/do counts an epic committed to a quarter even when it was later discarded (rule 35).
  const committedEpicKeys = new Set(members.flatMap((s) => s.committedEpicKeys));
  const events = goalValueEvents(
    goal.id,
    portfolio.scopes.map((s) => portfolio.values.get(s.project.id)!),
  );
  const period = goalPeriod(ctx, goal);
  // Value delivered up to now (a benefit record dated later does not count yet), within the period.
  const valueInPeriod = sumIn(events, period?.from ?? -Infinity, Math.min(period?.to ?? Infinity, now + 1));
  const ratings = projectIds.map((id) => portfolio.projects.find((p) => p.id === id)!.health.rating);
  const count = (rating: Health['rating']) => ratings.filter((r) => r === rating).length;
  const metrics: GoalMetrics = {
    id: goal.id,
    name: goal.name,
    status: goal.status,
    items: rows.length,
    epics: epicKeys.size,
    flow: flow.metrics,
    progress: flow.progress,
    trend: trendOf(facts, flow, clock, ctx.weeks52),
    quarters: quarterMetrics(ctx, {
      flow,
      epicKeys: committedEpicKeys,
      deliveries: projectIds.map((id) => portfolio.deliveries.get(id)!),
      value: (from, to) => sumIn(events, from, to),
    }),
    valueToDate: events.reduce((sum, e) => sum + e.amount, 0),
    projectIds,
    target: goal.target,
    period: period && { start: period.start, end: period.end },
    valueInPeriod,
    targetPercent: isValueTarget(goal.target) ? (valueInPeriod / goal.target!.value) * 100 : null,
    health: {
      green: count('green'),
      amber: count('amber'),
      red: count('red'),
      done: count('done'),
      unknown: count('unknown'),
    },
  };
  return { metrics, flow, events, committedEpicKeys };
}

/** The PMO projects linked to a goal, in their order. */
const goalMembers = (scopes: readonly ProjectScope[], goalId: string): ProjectScope[] =>
  scopes.filter((s) => s.project.goals.some((l) => l.goalId === goalId));

/** A goal's work-item rows: those of its PMO projects, each once, in the order its numbers read them. */
export const goalRows = (scopes: readonly ProjectScope[], union: RowUnion, goalId: string): number[] =>
  union(goalMembers(scopes, goalId).map((s) => s.rows));
