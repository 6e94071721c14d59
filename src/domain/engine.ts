import { computation } from './context';
import { drillSince, scopeDrill, type ScopeDrill } from './drill';
import type { Facts } from './facts';
import { flowMetrics } from './flow-metrics';
import { forecaster } from './forecaster';
import type { HealthOverride } from './health';
import { todaysPoints, type HistoryPoint } from './history';
import { byEpicKey, epicMetrics, hasEpicRow } from './levels/epic';
import { goalMetrics, goalRows } from './levels/goal';
import { alignedRows, portfolioEvents, portfolioMetrics } from './levels/portfolio';
import { projectMetrics, type ProjectRun } from './levels/project';
import type { PmoProject, StrategicGoal, Thresholds } from './model';
import { portfolioScope, projectsByEpic, resolveScopes, rowUnion } from './pmo';
import { seededRandom, type Random } from './random';
import type { EpicMetrics, MetricsResult } from './results';
import { baselineTest } from './schedule';
import { portfolioValue } from './value';
import { findWins } from './wins';

export type {
  EpicMetrics,
  GoalMetrics,
  MetricsResult,
  PortfolioMetrics,
  ProjectMetrics,
  QuarterMetrics,
  ScopeMetrics,
} from './results';
export { PORTFOLIO_HISTORY_ID } from './history';
export { isValueTarget } from './value';

/**
 * The metrics engine: from the facts of every synced item and the PMO model, every number of
 * METRICS-SPEC at every level it names (epic, PMO project, goal, portfolio), the wins and today's
 * history points. Pure: the clock, time zone and random source come in as parameters.
 */
export interface EngineInput {
  facts: Facts;
  goals: readonly StrategicGoal[];
  projects: readonly PmoProject[];
  /** Jira project keys that make up the portfolio besides the PMO projects' scopes (empty = everything synced). */
  portfolioProjects: readonly string[];
  thresholds: Thresholds;
  trailingDays: number;
  /** PMO project id -> ids of the issues its JQL matches, as Jira answered. */
  jqlMatches: ReadonlyMap<string, ReadonlySet<string>>;
  now: number;
  timeZone: string;
  overrides?: readonly HealthOverride[];
  /** Earlier daily points per PMO project / goal id (for "back on track" and deltas). */
  history?: ReadonlyMap<string, readonly HistoryPoint[]>;
  /** Random source per seed; seeded Mulberry32 unless a test says otherwise. */
  random?: (seed: number) => Random;
  /**
   * Also work out what lies behind each number (drill-through): by PMO project id, goal id, 'portfolio',
   * and 'jira:<key>' for each of these Jira projects (the delivery-flow gadget's table).
   */
  drill?: { jiraProjects: readonly string[] };
}

export function computeMetrics(input: EngineInput): MetricsResult {
  const ctx = computation(input);
  const { facts, clock, today } = ctx;
  const union = rowUnion(facts);
  const scopes = resolveScopes(facts, input.projects, input.jqlMatches);
  const epicProjects = projectsByEpic(scopes);
  const portfolio = portfolioScope(facts, scopes, input.portfolioProjects, union);

  // The portfolio's flow comes first: its samples are the fallback for every forecast.
  const portfolioFlow = flowMetrics(facts, portfolio.rows, clock);
  const forecast = forecaster(clock, today, portfolioFlow.daily, input.random ?? seededRandom);
  const values = portfolioValue({
    facts,
    scopes,
    epicProjects,
    goals: ctx.goalById,
    benefitInstant: ctx.startOf,
    now: ctx.now,
  });
  const overrides = new Map((input.overrides ?? []).map((o) => [o.projectId, o]));

  // Each PMO project, then the rows of its epics not listed yet: forecasts always run in this order, so a
  // random source shared between forecasts gives the same numbers every time.
  const projects: ProjectRun[] = [];
  const epics = new Map<string, EpicMetrics>();
  for (const scope of scopes) {
    const { id } = scope.project;
    const run = projectMetrics(ctx, scope, forecast, values.byProject.get(id)!, overrides.get(id) ?? null);
    projects.push(run);
    for (const epic of run.epics) {
      if (epics.has(epic.key) || !hasEpicRow(ctx, epic)) continue;
      const holders = {
        projectIds: epicProjects.get(epic.key) ?? [],
        value: values.byEpic.get(epic.key) ?? null,
      };
      epics.set(epic.key, epicMetrics(ctx, epic, forecast, holders));
    }
  }

  const projectLevel = projects.map((p) => p.metrics);
  const rollup = {
    scopes,
    union,
    values: values.byProject,
    projects: projectLevel,
    deliveries: new Map(projects.map((p) => [p.metrics.id, p.delivery])),
  };
  const goals = input.goals.map((goal) => goalMetrics(ctx, goal, rollup));
  const allEvents = portfolioEvents(scopes, values.byProject);
  const portfolioRun = {
    metrics: portfolioMetrics(ctx, { ...rollup, scope: portfolio, flow: portfolioFlow, events: allEvents }),
    flow: portfolioFlow,
  };
  const historyPoints = todaysPoints(clock, today, { projects, portfolio: portfolioRun, goals });
  const { wins, delivered } = findWins({
    facts,
    clock,
    today,
    quarters: ctx.quarters,
    projects,
    goals,
    portfolio: portfolioRun,
    epics: [...epics.values()],
    epicProjects,
    goalById: ctx.goalById,
    history: input.history ?? new Map(),
    todayPoints: historyPoints,
  });

  let drill: Record<string, ScopeDrill> | undefined;
  if (input.drill) {
    drill = {};
    const since = drillSince(ctx);
    const deliveryOf = (run: ProjectRun) => ({
      ...run.delivery,
      id: run.metrics.id,
      name: run.metrics.name,
    });
    for (const [i, run] of projects.entries()) {
      const scope = scopes[i]!;
      const inBaseline = baselineTest({
        facts,
        directRows: scope.directRows,
        epicKeys: new Set(scope.committedEpicKeys),
        baselineAt: scope.project.baselineDate === null ? null : ctx.startOf(scope.project.baselineDate),
      });
      drill[run.metrics.id] = scopeDrill(ctx, {
        rows: scope.rows,
        since: null,
        keepOpen: true,
        sle: run.metrics.flow.sle.value,
        ...(inBaseline ? { added: (row: number) => !inBaseline(row) } : {}),
        epicKeys: scope.committedEpicKeys,
        deliveries: [deliveryOf(run)],
        value: values.byProject.get(run.metrics.id)!.events,
      });
    }
    for (const goal of goals) {
      const ids = new Set(goal.metrics.projectIds);
      drill[goal.metrics.id] = scopeDrill(ctx, {
        rows: goalRows(scopes, union, goal.metrics.id),
        since,
        keepOpen: false,
        sle: goal.metrics.flow.sle.value,
        epicKeys: goal.committedEpicKeys,
        deliveries: projects.filter((p) => ids.has(p.metrics.id)).map(deliveryOf),
        value: goal.events,
      });
    }
    drill.portfolio = scopeDrill(ctx, {
      rows: portfolio.rows,
      since,
      keepOpen: false,
      sle: portfolioFlow.metrics.sle.value,
      aligned: alignedRows(ctx, scopes),
      epicKeys: portfolio.committedEpicKeys,
      deliveries: projects.map(deliveryOf),
      value: allEvents,
    });
    for (const key of input.drill.jiraProjects) {
      // Every row of the Jira project, as its table row counts them (scopeDrill keeps what a number reads).
      drill[`jira:${key}`] = scopeDrill(ctx, {
        rows: facts.rowsOfProject(key),
        since,
        keepOpen: false,
        sle: null,
        epicKeys: [],
        deliveries: [],
        value: [],
      });
    }
  }

  return {
    ...(drill ? { drill } : {}),
    generatedAt: ctx.now,
    timeZone: ctx.timeZone,
    today,
    trailingDays: input.trailingDays,
    portfolio: portfolioRun.metrics,
    goals: goals.map((g) => g.metrics),
    projects: projectLevel,
    epics: [...epics.values()].sort(byEpicKey),
    wins,
    delivered,
    historyPoints,
  };
}
