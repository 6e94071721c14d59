import {
  computeMetrics,
  type EpicMetrics,
  type GoalMetrics,
  type MetricsResult,
  type ProjectMetrics,
} from '../domain/engine';
import { Facts } from '../domain/facts';
import type { FlowSummary } from '../domain/flow';
import { flowSummaryOf, metricsClock } from '../domain/flow-metrics';
import type { HealthOverride } from '../domain/health';
import { recentlyActiveEpics, type EpicActivity } from '../domain/pmo';
import type { HistoryPoint, Win, WinCuration } from '../domain/wins';
import type { WorkItem } from '../domain/work-item';
import { FLOW_WINDOWS, type PmoProject, type StrategicGoal } from '../contract';
import { chunkOps, deleteChunkedOps, readChunked, writeOps } from '../store/chunked';
import type { Store } from '../store/port';
import type { Settings } from './settings';

/**
 * What a sync publishes: every number the surfaces show, computed once. It is stored in parts so that a
 * gadget reads only what it shows: the core (flow per Jira project, the portfolio, goals and PMO
 * projects), the epic rows, and the wins.
 */
export interface Snapshot {
  version: string;
  generatedAt: number;
  timeZone: string;
  itemCount: number;
  projects: { key: string; name: string }[];
  flowByProject: Record<string, FlowSummary>;
  portfolio: FlowSummary;
  /** Epics active in the last 30 days, for the triage of unmapped epics. */
  recentEpics: EpicActivity[];
  /**
   * Portfolio metrics whole; goal and PMO-project metrics without their flow detail (weekly series,
   * windows, quarters of PMO projects, epic keys), which each scope keeps in a part of its own, so a
   * gadget's read stays small with hundreds of PMO projects. Epic rows and wins are parts too.
   */
  metrics: Omit<MetricsResult, 'epics' | 'wins' | 'historyPoints' | 'projects' | 'goals'> & {
    projects: ProjectSummary[];
    goals: GoalSummary[];
  };
  /** PMO projects whose JQL Jira refused during the sync, with Jira's message. */
  warnings: string[];
}

export type ProjectSummary = Omit<ProjectMetrics, ScopeDetailKey>;
export type GoalSummary = Omit<GoalMetrics, 'flow' | 'trend'>;
type ScopeDetailKey = 'flow' | 'trend' | 'quarters' | 'epicKeys';

/** What a PMO project or goal keeps apart from the core: its flow in detail. */
export type ScopeDetail = Pick<ProjectMetrics, 'flow' | 'trend'> &
  Partial<Pick<ProjectMetrics, 'quarters' | 'epicKeys'>>;

export interface SnapshotParts {
  core: Snapshot;
  epics: EpicMetrics[];
  wins: Win[];
  /** Flow detail per PMO project and goal id. */
  scopes: Record<string, ScopeDetail>;
}

/** A PMO project or goal whole again, from its summary and its detail. */
export const withDetail = <S extends ProjectSummary | GoalSummary>(summary: S, detail: ScopeDetail) => ({
  ...summary,
  ...detail,
});

/** How recent an epic's activity must be for triage. */
export const TRIAGE_ACTIVE_DAYS = 30;

export interface SnapshotPointer {
  version: string;
  generatedAt: number;
  /** The PMO project and goal ids with a detail part (to delete them with their version). */
  scopeIds?: string[];
  /** The quarters with a wins part. */
  winQuarters?: string[];
}

export const SNAPSHOT_POINTER = 'snap:ptr';
type WholePart = Exclude<keyof SnapshotParts, 'scopes' | 'wins'>;
const partKey = (version: string, part: WholePart) =>
  part === 'core' ? `snap:${version}:data` : `snap:${version}:${part}`;
const scopeKey = (version: string, id: string) => `snap:${version}:scope:${id}`;
const winsKey = (version: string, quarter: string) => `snap:${version}:wins:${quarter}`;
const PARTS: WholePart[] = ['core', 'epics'];

/** The calendar quarter of a local date: '2026-08-14' -> '2026-Q3'. */
export const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/** PMO-lead state the metrics read: health overrides and win curation live with the configuration. */
export const OVERRIDES_KEY = 'cfg:health-overrides';
export const CURATION_KEY = 'cfg:win-curation';
/** Daily history points per PMO project or goal id. */
const historyKey = (id: string) => `hist:${id}`;
/** Days of history kept (the specification asks for at least 400). */
export const HISTORY_DAYS = 450;

export interface BuildInput {
  items: Iterable<WorkItem>;
  projects: { key: string; name: string }[];
  now: number;
  timeZone: string;
  settings: Pick<
    Settings,
    'startPolicy' | 'waitStatuses' | 'trailingDays' | 'thresholds' | 'portfolioProjects'
  >;
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
  });
  const clock = metricsClock(now, timeZone, settings.trailingDays);
  const flowByProject: Record<string, FlowSummary> = {};
  for (const project of input.projects) {
    flowByProject[project.key] = flowSummaryOf(facts, facts.rowsOfProject(project.key), clock, FLOW_WINDOWS);
  }
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
  });
  const { epics, wins, historyPoints, projects, goals, ...rest } = metrics;
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
      projects: input.projects,
      flowByProject,
      portfolio: flowSummaryOf(facts, facts.allRows(), clock, FLOW_WINDOWS),
      recentEpics: recentlyActiveEpics(items, now, TRIAGE_ACTIVE_DAYS),
      metrics: { ...rest, projects: projectSummaries, goals: goalSummaries },
      warnings: input.warnings ?? [],
    },
    scopes,
    epics,
    wins,
    historyPoints,
  };
}

/**
 * Publishes atomically: the new version's parts are written first, then the pointer flips in one write,
 * then the previous versions are removed. A reader sees the old snapshot or the new one, never a mix.
 */
export async function publishSnapshot(store: Store, parts: SnapshotParts): Promise<void> {
  const previous = await store.get<SnapshotPointer & Record<string, unknown>>(SNAPSHOT_POINTER);
  const { version, generatedAt } = parts.core;
  for (const part of PARTS) await writeOps(store, chunkOps(partKey(version, part), parts[part]));
  const scopeIds = Object.keys(parts.scopes);
  for (const id of scopeIds) await writeOps(store, chunkOps(scopeKey(version, id), parts.scopes[id]));
  // Wins by quarter: the wins page reads one quarter, a gadget the latest two.
  const byQuarter = new Map<string, Win[]>();
  for (const win of parts.wins) {
    const label = quarterOf(win.date);
    byQuarter.set(label, [...(byQuarter.get(label) ?? []), win]);
  }
  const winQuarters = [...byQuarter.keys()].sort();
  for (const label of winQuarters)
    await writeOps(store, chunkOps(winsKey(version, label), byQuarter.get(label)));
  const pointer: SnapshotPointer = { version, generatedAt, scopeIds, winQuarters };
  await store.set(SNAPSHOT_POINTER, { ...pointer });
  if (previous && previous.version !== version) {
    for (const part of PARTS) {
      await writeOps(store, await deleteChunkedOps(store, partKey(previous.version, part)));
    }
    for (const id of previous.scopeIds ?? []) {
      await writeOps(store, await deleteChunkedOps(store, scopeKey(previous.version, id)));
    }
    for (const label of previous.winQuarters ?? []) {
      await writeOps(store, await deleteChunkedOps(store, winsKey(previous.version, label)));
    }
  }
}

export async function readSnapshot(store: Store): Promise<Snapshot | undefined> {
  return readPart(store, 'core');
}

/** One part of the current snapshot (the epic rows or the wins), undefined before the first sync. */
export async function readPart<P extends WholePart>(
  store: Store,
  part: P,
): Promise<SnapshotParts[P] | undefined> {
  const pointer = await store.get<SnapshotPointer & Record<string, unknown>>(SNAPSHOT_POINTER);
  return pointer ? readChunked<SnapshotParts[P]>(store, partKey(pointer.version, part)) : undefined;
}

/**
 * Wins of the given quarters (every quarter when none are named), newest first, from the current
 * snapshot.
 */
export async function readWins(store: Store, quarters?: readonly string[]): Promise<Win[]> {
  const pointer = await store.get<SnapshotPointer & Record<string, unknown>>(SNAPSHOT_POINTER);
  if (!pointer) return [];
  const labels = (quarters ?? pointer.winQuarters ?? []).filter((q) => pointer.winQuarters?.includes(q));
  const parts = await Promise.all(labels.map((q) => readChunked<Win[]>(store, winsKey(pointer.version, q))));
  return parts
    .flatMap((p) => p ?? [])
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

/** The flow detail of one PMO project or goal in the current snapshot. */
export async function readScope(store: Store, id: string): Promise<ScopeDetail | undefined> {
  const pointer = await store.get<SnapshotPointer & Record<string, unknown>>(SNAPSHOT_POINTER);
  return pointer ? readChunked<ScopeDetail>(store, scopeKey(pointer.version, id)) : undefined;
}

export async function readHistory(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, HistoryPoint[]>> {
  const entries = await Promise.all(
    ids.map(async (id) => [id, (await readChunked<HistoryPoint[]>(store, historyKey(id))) ?? []] as const),
  );
  return new Map(entries);
}

/** Adds (or replaces) today's point of each id, dropping points older than HISTORY_DAYS. */
export async function recordHistory(
  store: Store,
  history: ReadonlyMap<string, readonly HistoryPoint[]>,
  points: Record<string, HistoryPoint>,
  oldestDate: string,
): Promise<void> {
  for (const [id, point] of Object.entries(points)) {
    const earlier = history.get(id) ?? [];
    const last = earlier[earlier.length - 1];
    if (last && JSON.stringify(last) === JSON.stringify(point)) continue;
    const next = [...earlier.filter((p) => p.date !== point.date && p.date >= oldestDate), point].sort(
      (a, b) => a.date.localeCompare(b.date),
    );
    await writeOps(store, chunkOps(historyKey(id), next));
  }
}

/** PMO leads' curation of wins, by win id. */
export async function readCuration(store: Store): Promise<Record<string, WinCuration>> {
  return (await store.get<{ wins: Record<string, WinCuration> }>(CURATION_KEY))?.wins ?? {};
}

export async function readOverrides(store: Store): Promise<HealthOverride[]> {
  return (await store.get<{ list: HealthOverride[] }>(OVERRIDES_KEY))?.list ?? [];
}
