import type { Computation, Measured } from '../context';
import { epicsOf, type EpicFact, type Facts } from '../facts';
import { dateOf, flowMetrics, trendOf, type FlowResult } from '../flow-metrics';
import type { ForecastResult } from '../forecast';
import type { ScopeForecast } from '../forecaster';
import {
  agingDimension,
  blockedDimension,
  overallHealth,
  scheduleDimension,
  scopeGrowthDimension,
  type Health,
  type HealthOverride,
} from '../health';
import type { PmoProject } from '../model';
import type { ProjectScope } from '../pmo';
import { quarterMetrics, type Delivery } from '../quarters';
import type { ProjectMetrics } from '../results';
import { scopeChange, slipDays, type Progress, type ScopeChange } from '../schedule';
import { returnsOf, sumIn, type ProjectValue } from '../value';

/** A PMO project's metrics, with what the goals, the portfolio and the epic rows read of it. */
export interface ProjectRun extends Measured<ProjectMetrics> {
  delivery: Delivery;
  /** Its synced epics. */
  epics: EpicFact[];
}

/** A PMO project's flow, progress, schedule, forecast, scope change, health, value and quarters. */
export function projectMetrics(
  ctx: Computation,
  scope: ProjectScope,
  forecast: ScopeForecast,
  value: ProjectValue,
  override: HealthOverride | null,
): ProjectRun {
  const { facts, clock } = ctx;
  const { project, rows } = scope;
  const flow = flowMetrics(facts, rows, clock);
  const epics = epicsOf(facts, scope.epicKeys);
  const progress = flow.progress;
  const finished = finishedAt(facts, rows, epics, progress);
  const target = targetOf(project, epics);
  const finish: ForecastResult =
    finished !== null
      ? { state: 'done' }
      : forecast(
          { daily: flow.daily, done: flow.metrics.throughput.allTime },
          rows.length - progress.done,
          target.date,
          true,
        );
  const finishedOn = finished === null ? null : dateOf(clock, finished);
  const finishDate = finishedOn ?? (finish.state === 'forecast' ? finish.p85 : null);
  const slip = target.date !== null && finishDate !== null ? slipDays(finishDate, target.date) : null;
  const change = scopeChange({
    facts,
    rows,
    directRows: scope.directRows,
    discardedRows: scope.discardedRows,
    epicKeys: new Set(scope.committedEpicKeys),
    baselineDate: project.baselineDate,
    baselineAt: project.baselineDate === null ? null : ctx.startOf(project.baselineDate),
  });
  const dimensions = healthOf(ctx, {
    flow,
    rows,
    finished,
    finishedOn,
    target: target.date,
    finish,
    slip,
    change,
  });
  const delivery = { finished, target: target.date };
  const metrics: ProjectMetrics = {
    id: project.id,
    name: project.name,
    items: rows.length,
    epics: scope.epicKeys.length,
    flow: flow.metrics,
    progress,
    quarters: quarterMetrics(ctx, {
      flow,
      // Discarded epics too: never delivered, but say/do counts them committed and not done (rule 35).
      epicKeys: scope.committedEpicKeys,
      deliveries: [delivery],
      value: (from, to) => sumIn(value.events, from, to),
    }),
    trend: trendOf(facts, flow, clock, ctx.weeks52),
    valueToDate: value.events.reduce((sum, e) => sum + e.amount, 0),
    goalIds: project.goals.map((g) => g.goalId).filter((id) => ctx.goalById.has(id)),
    epicKeys: scope.epicKeys,
    scopeChange: change,
    target,
    finishedOn,
    forecast: finish,
    slipDays: slip,
    health: overallHealth(dimensions, override, ctx.today),
    value: {
      basis: value.basis,
      expected: project.expectedBenefit,
      returns: returnsOf(project, { now: ctx.now, benefitInstant: ctx.startOf }),
      benefitRecords: project.benefits.length,
    },
  };
  return { metrics, flow, delivery, epics };
}

/**
 * Done when the scope is non-empty and every item and epic is done; finished at the latest Done.
 * A loop, not Math.max(...rows): a scope may hold more items than a call takes arguments.
 */
function finishedAt(
  facts: Facts,
  rows: readonly number[],
  epics: readonly EpicFact[],
  progress: Progress,
): number | null {
  if (rows.length + epics.length === 0 || progress.done !== rows.length || epics.some((e) => e.done === null))
    return null;
  let finished = -Infinity;
  for (const r of rows) finished = Math.max(finished, facts.done[r]!);
  for (const e of epics) finished = Math.max(finished, e.done!);
  return finished;
}

/** The PMO project's own target date, else the latest due date of its epics. */
function targetOf(project: PmoProject, epics: readonly EpicFact[]): ProjectMetrics['target'] {
  if (project.targetDate !== null) return { date: project.targetDate, source: 'project' };
  const dues = epics
    .map((e) => e.due)
    .filter((d): d is string => d !== null)
    .sort();
  return dues.length > 0 ? { date: dues[dues.length - 1]!, source: 'epics' } : { date: null, source: null };
}

/** The four health dimensions, rated against the PMO's thresholds. */
function healthOf(
  ctx: Computation,
  s: {
    flow: FlowResult;
    rows: readonly number[];
    finished: number | null;
    finishedOn: string | null;
    target: string | null;
    finish: ForecastResult;
    slip: number | null;
    change: ScopeChange;
  },
): Health['dimensions'] {
  const { thresholds } = ctx;
  const { metrics } = s.flow;
  return [
    scheduleDimension(
      {
        done: s.finished !== null,
        finishedOn: s.finishedOn,
        target: s.target,
        today: ctx.today,
        probability: s.finish.state === 'forecast' ? s.finish.probability : null,
        p85: s.finish.state === 'forecast' ? s.finish.p85 : null,
        slipDays: s.slip,
        noThroughput: s.finish.state === 'no-throughput',
        nothingRemains: s.finish.state === 'done',
        emptyScope: s.rows.length === 0,
      },
      thresholds,
    ),
    scopeGrowthDimension(
      {
        percent: s.change.percent,
        added: s.change.added,
        baseline: s.change.baseline,
        baselineDate: s.change.baselineDate,
      },
      thresholds,
    ),
    agingDimension(metrics.aging, metrics.wip, metrics.sle, thresholds),
    blockedDimension(metrics.blocked, metrics.wip, thresholds),
  ];
}
