import type { Quarter } from '../calendar';
import type { Measured } from '../context';
import type { Facts } from '../facts';
import type { FlowResult, MetricsClock } from '../flow-metrics';
import type { HistoryPoint } from '../history';
import type { StrategicGoal } from '../model';
import type { EpicMetrics, GoalMetrics, PortfolioMetrics, ProjectMetrics, QuarterMetrics } from '../results';
import type { ValueEvent } from '../value';
import type { Delivery, Win } from './types';

/** What wins are found in: every level's metrics and flow, the epic rows, and the PMO projects' history. */
export interface WinInput {
  facts: Facts;
  clock: MetricsClock;
  today: string;
  quarters: readonly Quarter[];
  projects: readonly Measured<ProjectMetrics>[];
  goals: readonly (Measured<GoalMetrics> & { events: readonly ValueEvent[] })[];
  portfolio: Measured<PortfolioMetrics>;
  epics: readonly EpicMetrics[];
  /** PMO project ids per epic key. */
  epicProjects: ReadonlyMap<string, readonly string[]>;
  goalById: ReadonlyMap<string, StrategicGoal>;
  /** Earlier daily points per PMO project id. */
  history: ReadonlyMap<string, readonly HistoryPoint[]>;
  todayPoints: Readonly<Record<string, HistoryPoint>>;
}

/** A PMO project, goal or the portfolio, as the wins about flow and quarters read it. */
export interface FlowScope {
  kind: 'project' | 'goal' | 'portfolio';
  id: string;
  name: string;
  flow: FlowResult;
  quarters: readonly QuarterMetrics[];
  projectIds: string[];
  goalIds: string[];
}

/**
 * The input with what several kinds read alike: the oldest date a win may have, every flow scope, and
 * every delivery of the lookback (the "delivered" wins are those on time, so both share one list).
 */
export interface WinContext extends WinInput {
  oldest: string;
  scopes: readonly FlowScope[];
  delivered: readonly Delivery[];
}

/** Every PMO project, every active goal and the portfolio (precise rule 26). */
export function flowScopes(w: WinInput): FlowScope[] {
  return [
    ...w.projects.map(({ metrics: p, flow }) => ({
      kind: 'project' as const,
      id: p.id,
      name: p.name,
      flow,
      quarters: p.quarters,
      projectIds: [p.id],
      goalIds: p.goalIds,
    })),
    ...w.goals
      .filter(({ metrics: g }) => g.status === 'active')
      .map(({ metrics: g, flow }) => ({
        kind: 'goal' as const,
        id: g.id,
        name: g.name,
        flow,
        quarters: g.quarters,
        projectIds: g.projectIds,
        goalIds: [g.id],
      })),
    {
      kind: 'portfolio' as const,
      id: 'portfolio',
      name: 'Portfolio',
      flow: w.portfolio.flow,
      quarters: w.portfolio.metrics.quarters,
      projectIds: [],
      goalIds: [],
    },
  ];
}

/** What a win about a flow scope says of its scope (the fields after its numbers). */
export const about = (s: FlowScope): Pick<Win, 'scope' | 'projectIds' | 'goalIds' | 'jiraProjects'> => ({
  scope: { kind: s.kind, id: s.id, name: s.name },
  projectIds: s.projectIds,
  goalIds: s.goalIds,
  jiraProjects: [],
});
