import type {
  FlowData,
  FlowGadgetConfig,
  ForecastData,
  ForecastGadgetConfig,
  HealthData,
  HealthGadgetConfig,
  HealthRow,
  SurfaceView,
  SyncProgress,
  Thresholds,
  ValueData,
  ValueGadgetConfig,
  PercentileView,
  ProjectFlowRow,
} from '../../contract';
import { localDate } from '../../domain/calendar';
import { isValueTarget } from '../../domain/engine';
import type { HealthOverride } from '../../domain/health';
import type { PercentileResult } from '../../domain/percentile';
import type { IssueSight } from '../access';
import type { ProjectSummary, ScopeDetail, Snapshot } from '../snapshot';

/**
 * View models of the surfaces, shaped from the published snapshot only (a surface never walks Jira).
 * Aggregates are shown to anyone who can see the surface; issue-level detail (an epic's key and
 * summary) only to viewers Jira shows the issue to: they browse its project and, when it has an issue
 * security level, Jira says they may see it.
 */
export interface ViewInput {
  snapshot: Snapshot | undefined;
  sync: SyncProgress;
  now: number;
  staleAfterHours: number;
  fallbackTimeZone: string;
  canConfigure: boolean;
  /** What the viewer may see of the issues the view names (Jira projects, secured issues), asked as them. */
  sight: IssueSight;
  thresholds: Thresholds;
  /** The group whose members may configure, besides Jira administrators. */
  pmoLeadGroup: string;
}

const HOUR_MS = 3_600_000;

export function surface<T>(input: ViewInput, data: (snapshot: Snapshot) => T | null): SurfaceView<T> {
  const { snapshot } = input;
  const base = {
    generatedAt: snapshot?.generatedAt ?? null,
    timeZone: snapshot?.timeZone ?? input.fallbackTimeZone,
    stale: snapshot ? input.now - snapshot.generatedAt > input.staleAfterHours * HOUR_MS : false,
    sync: input.sync,
    canConfigure: input.canConfigure,
    currency:
      snapshot?.metrics.goals.find((g) => isValueTarget(g.target))?.target?.unit.toUpperCase() ?? null,
    goals: snapshot?.metrics.goals.map((g) => ({ id: g.id, name: g.name })) ?? [],
    projects: snapshot?.metrics.projects.map((p) => ({ id: p.id, name: p.name })) ?? [],
  };
  if (!snapshot) return { ...base, state: 'no-snapshot', data: null };
  if (snapshot.metrics.projects.length === 0) return { ...base, state: 'no-model', data: null };
  return { ...base, state: 'ready', data: data(snapshot) };
}

export function healthRow(p: ProjectSummary): HealthRow {
  return {
    id: p.id,
    name: p.name,
    health: p.health,
    progress: p.progress.percent,
    target: p.target.date,
    finishedOn: p.finishedOn,
    p85: p.forecast.state === 'forecast' ? p.forecast.p85 : null,
    // With nothing remaining but an open epic the chance is 100% (rule 31), as the schedule says.
    probability:
      p.forecast.state === 'forecast'
        ? p.forecast.probability
        : p.finishedOn === null
          ? (p.health.dimensions.find((d) => d.key === 'schedule')?.value ?? null)
          : null,
    goalIds: p.goalIds,
  };
}

const SEVERITY: Record<HealthRow['health']['rating'], number> = {
  red: 0,
  amber: 1,
  green: 2,
  unknown: 3,
  done: 4,
};

/** Worst first, then by name: what needs attention leads. */
export const byAttention = (a: HealthRow, b: HealthRow) =>
  SEVERITY[a.health.rating] - SEVERITY[b.health.rating] || a.name.localeCompare(b.name);

export function healthView(input: ViewInput, config: HealthGadgetConfig): SurfaceView<HealthData> {
  return surface(input, (snapshot) => {
    const all = snapshot.metrics.projects
      .filter((p) => config.goalId === null || p.goalIds.includes(config.goalId))
      .map(healthRow);
    const counts: HealthData['counts'] = { green: 0, amber: 0, red: 0, done: 0, unknown: 0 };
    for (const row of all) counts[row.health.rating] += 1;
    const rows = all
      .filter((r) => config.show === 'all' || r.health.rating === 'red' || r.health.rating === 'amber')
      .sort(byAttention);
    return { rows, counts, thresholds: input.thresholds };
  });
}

/**
 * The scope a flow view is about: a PMO project or goal with its detail part (read by the resolver), or
 * the portfolio, whose metrics the core holds whole. An unknown or missing scope falls back to the
 * portfolio.
 */
function scopeMetrics(snapshot: Snapshot, scope: FlowGadgetConfig['scope'], detail: ScopeDetail | undefined) {
  const m = snapshot.metrics;
  if (detail && scope.kind !== 'portfolio') {
    const summary =
      scope.kind === 'project'
        ? m.projects.find((x) => x.id === scope.id)
        : m.goals.find((x) => x.id === scope.id);
    if (summary) return { kind: scope.kind, metrics: { id: summary.id, name: summary.name, ...detail } };
  }
  return { kind: 'portfolio' as const, metrics: m.portfolio };
}

export function flowView(
  input: ViewInput,
  config: FlowGadgetConfig,
  detail?: ScopeDetail,
): SurfaceView<FlowData> {
  return surface(input, (snapshot) => {
    const { kind, metrics } = scopeMetrics(snapshot, config.scope, detail);
    const comparison = metrics.trend.windows.find((w) => w.weeks === config.weeks)!;
    const table =
      kind === 'portfolio' && config.byJiraProject
        ? jiraProjectRows(snapshot, config.weeks, input.sight.projects)
        : null;
    return {
      scope: { kind, id: metrics.id, name: metrics.name },
      weeks: config.weeks,
      weekly: metrics.trend.weekly.slice(-config.weeks),
      comparison,
      wip: metrics.flow.wip,
      sle: metrics.flow.sle.value,
      byJiraProject: table,
    };
  });
}

const percentileView = ({ n, value, minSamples }: PercentileResult): PercentileView => ({
  n,
  value,
  minSamples,
});

/** The flow of each Jira project the viewer may browse, most items done first. */
function jiraProjectRows(
  snapshot: Snapshot,
  weeks: number,
  viewerProjects: ReadonlySet<string>,
): ProjectFlowRow[] {
  // A snapshot published before the table was part of it has none until the next sync.
  return (snapshot.jiraProjects ?? [])
    .filter((project) => viewerProjects.has(project.key))
    .flatMap((project): ProjectFlowRow[] => {
      const window = project.windows.find((w) => w.weeks === weeks);
      if (!window) return [];
      return [
        {
          projectKey: project.key,
          projectName: project.name,
          throughput: window.throughput,
          weekly: window.weekly,
          cycleTimeP50: percentileView(window.cycleTime.p50),
          cycleTimeP85: percentileView(window.cycleTime.p85),
          wip: project.wip,
        },
      ];
    })
    .sort((a, b) => b.throughput - a.throughput || a.projectName.localeCompare(b.projectName));
}

/**
 * The stored label of the quarter a query names: 'current' (or null) the newest reported, 'previous' the
 * last complete one (the one before the newest), else the label itself; null before the first sync.
 */
export function quarterLabel(quarter: string | null, labels: readonly string[]): string | null {
  if (quarter === null || quarter === 'current') return labels.at(-1) ?? null;
  if (quarter === 'previous') return labels.at(-2) ?? labels.at(-1) ?? null;
  return quarter;
}

export function valueView(input: ViewInput, config: ValueGadgetConfig): SurfaceView<ValueData> {
  return surface(input, (snapshot) => {
    const m = snapshot.metrics;
    const n = m.portfolio.quarters.length;
    const pick = <Q>(quarters: Q[]): Q[] =>
      config.period === 'current'
        ? quarters.slice(n - 1)
        : config.period === 'previous'
          ? quarters.slice(n - 2, n - 1)
          : quarters.slice(n - 4);
    const portfolioQuarters = pick(m.portfolio.quarters);
    let aligned = 0;
    let done = 0;
    for (const q of portfolioQuarters) {
      aligned += q.alignment?.aligned ?? 0;
      done += q.alignment?.done ?? 0;
    }
    const goals = m.goals
      .map((g) => {
        const value = pick(g.quarters).reduce((sum, q) => sum + q.valueDelivered, 0);
        return {
          id: g.id,
          name: g.name,
          status: g.status,
          value,
          target: g.target,
          // Progress to the target counts the goal's own period (rule 29), not the period shown above.
          period: g.period,
          valueInPeriod: g.valueInPeriod,
          targetPercent: g.targetPercent,
        };
      })
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
    return {
      period: config.period,
      quarters: portfolioQuarters.map((q) => q.label),
      range:
        portfolioQuarters.length === 0
          ? null
          : {
              from: portfolioQuarters[0]!.from,
              to: Math.min(portfolioQuarters.at(-1)!.to, snapshot.generatedAt + 1),
            },
      total: portfolioQuarters.reduce((sum, q) => sum + q.valueDelivered, 0),
      alignment: { aligned, done, percent: done === 0 ? null : (aligned / done) * 100 },
      goals,
    };
  });
}

export function forecastView(input: ViewInput, config: ForecastGadgetConfig): SurfaceView<ForecastData> {
  return surface(input, (snapshot) => {
    const projects = snapshot.metrics.projects;
    const chosen =
      projects.find((p) => p.id === config.projectId) ??
      projects.find((p) => p.forecast.state === 'forecast') ??
      projects[0]!;
    return {
      project: { id: chosen.id, name: chosen.name },
      forecast: chosen.forecast,
      target: chosen.target.date,
      targetSource: chosen.target.source,
      remaining: chosen.progress.total - chosen.progress.done,
      progress: chosen.progress.percent,
      finishedOn: chosen.finishedOn,
      slipDays: chosen.slipDays,
    };
  });
}

/** Overrides apply from the moment they are set, not from the next sync. */
export function withOverrides(snapshot: Snapshot | undefined, overrides: HealthOverride[], now: number) {
  if (!snapshot) return snapshot;
  const today = localDate(now, snapshot.timeZone);
  const byProject = new Map(overrides.map((o) => [o.projectId, o]));
  return {
    ...snapshot,
    metrics: {
      ...snapshot.metrics,
      projects: snapshot.metrics.projects.map((p) => {
        const o = byProject.get(p.id);
        const active = o && today <= o.expires ? o : null;
        return {
          ...p,
          health: { ...p.health, rating: active ? active.rating : p.health.computed, override: active },
        };
      }),
    },
  };
}
