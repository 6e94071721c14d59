import { localDate } from '../../domain/calendar';
import { computeMetrics, PORTFOLIO_HISTORY_ID, type MetricsResult } from '../../domain/engine';
import { Facts } from '../../domain/facts';
import { metricsClock } from '../../domain/flow-metrics';
import type { HealthOverride } from '../../domain/health';
import { jiraProjectFlows } from '../../domain/jira-project-flow';
import { recentlyActiveEpics } from '../../domain/pmo';
import type { HistoryPoint } from '../../domain/wins';
import type { WorkItem } from '../../domain/work-item';
import type { PmoProject, StrategicGoal } from '../../contract';
import type { Store } from '../../store/port';
import type { PmoModel } from '../configuration/model';
import type { Settings } from '../configuration/settings';
import { readOverrides } from '../curation/store';
import { HISTORY_DAYS, readHistory } from './history';
import { drillParts } from './drill';
import type { ScopeDetail, SecuredIssue, SnapshotParts } from './model';

/** How recent an epic's activity must be for triage. */
export const TRIAGE_ACTIVE_DAYS = 30;

export interface BuildInput {
  items: Iterable<WorkItem>;
  projects: { key: string; name: string }[];
  now: number;
  timeZone: string;
  settings: Pick<
    Settings,
    'startPolicy' | 'waitStatuses' | 'trailingDays' | 'thresholds' | 'portfolioProjects'
  > &
    Partial<Pick<Settings, 'notDoneResolutions'>>;
  goals?: readonly StrategicGoal[];
  pmoProjects?: readonly PmoProject[];
  jqlMatches?: ReadonlyMap<string, ReadonlySet<string>>;
  overrides?: readonly HealthOverride[];
  history?: ReadonlyMap<string, readonly HistoryPoint[]>;
  warnings?: string[];
}

export function buildSnapshot(input: BuildInput): SnapshotParts & {
  historyPoints: MetricsResult['historyPoints'];
} {
  const { now, timeZone, settings } = input;
  const items = [...input.items];
  const facts = Facts.of(items, {
    now,
    startPolicy: settings.startPolicy,
    waitStatuses: settings.waitStatuses,
    notDoneResolutions: settings.notDoneResolutions,
  });
  const clock = metricsClock(now, timeZone, settings.trailingDays);
  const metrics = computeMetrics({
    facts,
    goals: input.goals ?? [],
    projects: input.pmoProjects ?? [],
    portfolioProjects: settings.portfolioProjects,
    thresholds: settings.thresholds,
    trailingDays: settings.trailingDays,
    jqlMatches: input.jqlMatches ?? new Map(),
    now,
    timeZone,
    overrides: input.overrides ?? [],
    history: input.history ?? new Map(),
    drill: { jiraProjects: input.projects.map((p) => p.key) },
  });
  const { epics, wins, delivered, historyPoints, projects, goals, drill, ...rest } = metrics;
  const scopes: Record<string, ScopeDetail> = {};
  const projectSummaries = projects.map(({ flow, trend, quarters, epicKeys, ...summary }) => {
    scopes[summary.id] = { flow, trend, quarters, epicKeys };
    return summary;
  });
  const goalSummaries = goals.map(({ flow, trend, ...summary }) => {
    scopes[summary.id] = { flow, trend };
    return summary;
  });
  return {
    core: {
      version: `v${now}`,
      generatedAt: now,
      timeZone,
      itemCount: items.length,
      jiraProjects: jiraProjectFlows(facts, input.projects, clock),
      recentEpics: recentlyActiveEpics(items, now, TRIAGE_ACTIVE_DAYS),
      metrics: { ...rest, projects: projectSummaries, goals: goalSummaries },
      warnings: input.warnings ?? [],
      securedIssues: securedIssues(items),
    },
    scopes,
    epics,
    wins,
    delivered,
    drill: drillParts(
      drill ?? {},
      facts,
      items,
      {
        goals: new Set(goals.map((g) => g.id)),
        projects: new Set(projects.map((p) => p.id)),
      },
      new Map((input.pmoProjects ?? []).flatMap((p) => p.benefits.map((b) => [b.id, p.name] as const))),
    ),
    historyPoints,
  };
}

/** Epics and above that carry a security level: the issues a surface may name (work items it never does). */
function securedIssues(items: readonly WorkItem[]): Record<string, SecuredIssue> {
  const secured: Record<string, SecuredIssue> = {};
  for (const item of items) {
    if (item.level >= 1 && item.security !== undefined) {
      secured[item.key] = { id: item.id, project: item.project, level: item.security };
    }
  }
  return secured;
}

/**
 * The one path from synced items to a snapshot, shared by the sync (which has just merged the items)
 * and the command line's `metrics` (which reads them from the store). The caller hands in the PMO model
 * it loaded; health overrides and history come from the store.
 */
export async function snapshotFrom(
  store: Store,
  model: PmoModel,
  input: {
    items: Iterable<WorkItem>;
    projects: BuildInput['projects'];
    timeZone: string;
    now: number;
    matches: ReadonlyMap<string, ReadonlySet<string>>;
    warnings: string[];
  },
) {
  const { settings, portfolio } = model;
  const ids = [
    PORTFOLIO_HISTORY_ID,
    ...portfolio.projects.map((p) => p.id),
    ...portfolio.goals.map((g) => g.id),
  ];
  const [history, overrides] = await Promise.all([readHistory(store, ids), readOverrides(store)]);
  const built = buildSnapshot({
    ...input,
    settings,
    goals: portfolio.goals,
    pmoProjects: portfolio.projects,
    jqlMatches: input.matches,
    overrides,
    history,
  });
  return {
    ...built,
    history,
    /** History older than this is dropped when today's points are recorded. */
    oldestKept: localDate(input.now - HISTORY_DAYS * 86_400_000, input.timeZone),
  };
}
