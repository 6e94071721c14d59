import {
  DEFAULT_GADGET_CONFIGS,
  type FlowData,
  type FlowGadgetConfig,
  type ForecastData,
  type ForecastGadgetConfig,
  type HealthData,
  type HealthGadgetConfig,
  type HealthRow,
  type SurfaceView,
  type SyncProgress,
  type Thresholds,
  type ValueData,
  type ValueGadgetConfig,
  type WinsData,
  type WinsGadgetConfig,
  type WinsPageData,
} from '../contract';
import { localDate } from '../domain/calendar';
import { isValueTarget } from '../domain/engine';
import type { HealthOverride } from '../domain/health';
import { curateWins, type CuratedWin, type Win, type WinCuration } from '../domain/wins';
import { portfolioHealthView } from './reports';
import type { ProjectSummary, ScopeDetail, Snapshot } from './snapshot';

/**
 * View models of the surfaces, shaped from the published snapshot only (a surface never walks Jira).
 * Aggregates are shown to anyone who can see the surface; issue-level detail (an epic's key and
 * summary) only to viewers who may browse the epic's Jira project.
 */
export interface ViewInput {
  snapshot: Snapshot | undefined;
  sync: SyncProgress;
  now: number;
  staleAfterHours: number;
  fallbackTimeZone: string;
  canConfigure: boolean;
  /** Jira projects the viewer may browse. */
  viewerProjects: ReadonlySet<string>;
  thresholds: Thresholds;
  /** The group whose members may configure, besides Jira administrators. */
  pmoLeadGroup: string;
}

const HOUR_MS = 3_600_000;

function surface<T>(input: ViewInput, data: (snapshot: Snapshot) => T | null): SurfaceView<T> {
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
    probability: p.forecast.state === 'forecast' ? p.forecast.probability : null,
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
const byAttention = (a: HealthRow, b: HealthRow) =>
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
        ? portfolioHealthView({
            snapshot,
            config: { windowWeeks: config.weeks, projects: [], sortBy: 'throughput' },
            viewerProjects: input.viewerProjects,
            sync: input.sync,
            now: input.now,
            staleAfterHours: input.staleAfterHours,
            fallbackTimeZone: input.fallbackTimeZone,
          }).rows
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
          targetPercent: g.targetPercent,
        };
      })
      .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
    return {
      period: config.period,
      quarters: portfolioQuarters.map((q) => q.label),
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

/**
 * A win as a viewer may see it: an epic's key and summary are replaced by what it was delivered for
 * unless the viewer may browse the epic's Jira project.
 */
export function visibleWin(
  win: Win,
  viewerProjects: ReadonlySet<string>,
  projectNames: Map<string, string>,
): Win {
  if (win.jiraProjects.every((p) => viewerProjects.has(p))) return win;
  const owners = win.projectIds
    .map((id) => projectNames.get(id))
    .filter(Boolean)
    .join(', ');
  const of = owners ? ` of ${owners}` : '';
  const slip = typeof win.numbers.slipDays === 'number' ? win.numbers.slipDays : null;
  const timing =
    slip === null
      ? ''
      : slip < 0
        ? `, early by ${-slip} days`
        : slip === 0
          ? ', on time'
          : `, ${slip} days late`;
  return {
    ...win,
    title: `An epic${of} delivered${timing}`,
    evidence: `Delivered with ${win.numbers.items ?? 'its'} items${timing}. Its key and summary are hidden: you cannot browse its Jira project.`,
    scope: { kind: 'epic', id: '', name: 'An epic you cannot browse' },
  };
}

function curated(
  snapshot: Snapshot,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
  input: ViewInput,
): { visible: CuratedWin[]; hidden: number } {
  const names = new Map(snapshot.metrics.projects.map((p) => [p.id, p.name]));
  const all = curateWins(
    wins.map((w) => visibleWin(w, input.viewerProjects, names)),
    curation,
  );
  const hidden = all.filter((w) => w.hidden).length;
  // Hidden wins stay listed (marked) for those who curate; everyone else does not see them.
  return { visible: input.canConfigure ? all : all.filter((w) => !w.hidden), hidden };
}

export function winsView(
  input: ViewInput,
  config: WinsGadgetConfig,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
): SurfaceView<WinsData> {
  return surface(input, (snapshot) => {
    const { visible, hidden } = curated(snapshot, wins, curation, input);
    return {
      wins: visible
        .filter((w) => !w.hidden && (config.goalId === null || w.goalIds.includes(config.goalId)))
        .slice(0, config.count),
      hidden,
    };
  });
}

export function winsPageView(
  input: ViewInput,
  query: { quarter: string | null; goalId: string | null },
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
): SurfaceView<WinsPageData> {
  return surface(input, (snapshot) => {
    const m = snapshot.metrics;
    const goal = query.goalId === null ? undefined : m.goals.find((g) => g.id === query.goalId);
    const scope = goal ?? m.portfolio;
    const series = scope.quarters;
    let at = series.length - 1;
    if (query.quarter !== null) {
      at = series.findIndex((q) => q.label === query.quarter);
      if (at < 0) {
        throw new ViewError(
          `quarter must be one of ${series.map((q) => q.label).join(', ')}; got "${query.quarter}"`,
        );
      }
    }
    const current = series[at]!;
    const first = current.from;
    const { visible, hidden } = curated(snapshot, wins, curation, input);
    const projects = m.projects
      .filter((p) => !goal || p.goalIds.includes(goal.id))
      .map(healthRow)
      .sort(byAttention);
    return {
      quarter: current.label,
      quarters: series.map((q) => q.label),
      scope: goal
        ? { kind: 'goal', id: goal.id, name: goal.name }
        : { kind: 'portfolio', id: 'portfolio', name: 'Portfolio' },
      current,
      previous: at > 0 ? series[at - 1]! : null,
      series,
      projects,
      wins: visible.filter(
        (w) =>
          (!goal || w.goalIds.includes(goal.id)) &&
          w.date >= localDay(first, snapshot.timeZone) &&
          w.date < localDay(current.to, snapshot.timeZone),
      ),
      hidden,
    };
  });
}

const localDay = (t: number, timeZone: string) => localDate(t, timeZone);

/** A query naming something the snapshot does not have. */
export class ViewError extends Error {}

export /** Overrides apply from the moment they are set, not from the next sync. */
function withOverrides(snapshot: Snapshot | undefined, overrides: HealthOverride[], now: number) {
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

export { DEFAULT_GADGET_CONFIGS };
