import type { EpicMetrics, GoalMetrics, MetricsResult, ProjectMetrics } from '../../domain/engine';
import type { JiraProjectFlow } from '../../domain/jira-project-flow';
import type { EpicActivity } from '../../domain/pmo';
import type { Delivery, Win } from '../../domain/wins';
import type { DrillPart } from './drill';

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
  /** Flow of each Jira project in scope, for the delivery-flow gadget's table. */
  jiraProjects: JiraProjectFlow[];
  /** Epics active in the last 30 days, for the triage of unmapped epics. */
  recentEpics: EpicActivity[];
  /**
   * Portfolio metrics whole; goal and PMO-project metrics without their flow detail (weekly series,
   * windows, quarters of PMO projects, epic keys), which each scope keeps in a part of its own, so a
   * gadget's read stays small with hundreds of PMO projects. Epic rows and wins are parts too.
   */
  metrics: Omit<MetricsResult, 'epics' | 'wins' | 'delivered' | 'historyPoints' | 'projects' | 'goals'> & {
    projects: ProjectSummary[];
    goals: GoalSummary[];
  };
  /** PMO projects whose JQL Jira refused during the sync, with Jira's message. */
  warnings: string[];
  /**
   * Epics (and items above them) with an issue security level, by key: surfaces name them only to
   * viewers Jira shows them to. Work items are left out, since no surface names one. Absent in
   * snapshots published before levels were read: nothing is known to be secured until the next sync.
   */
  securedIssues?: Record<string, SecuredIssue>;
}

/** An issue with a security level, as the sync (acting as the app, who sees it) found it. */
export interface SecuredIssue {
  /** Jira's numeric issue id, for asking Jira whether a viewer may browse it. */
  id: string;
  project: string;
  /** The security level's id. */
  level: string;
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
  /** Every delivery, on time or late (the "Delivered" list), stored by quarter like the wins. */
  delivered: Delivery[];
  /** Flow detail per PMO project and goal id. */
  scopes: Record<string, ScopeDetail>;
  /** What lies behind each scope's numbers, by part name (drillName): the lists drill-through opens. */
  drill?: Record<string, DrillPart>;
}

/** A PMO project or goal whole again, from its summary and its detail. */
export const withDetail = <S extends ProjectSummary | GoalSummary>(summary: S, detail: ScopeDetail) => ({
  ...summary,
  ...detail,
});

/** The parts one version wrote, so they can be deleted with it. */
export interface PublishedVersion {
  version: string;
  /** The PMO project and goal ids with a detail part. */
  scopeIds?: string[];
  /** The quarters with a wins part. */
  winQuarters?: string[];
  /** The quarters with a part of the Delivered list (absent in versions published before it was kept). */
  deliveredQuarters?: string[];
  /** The scopes with a drill-through part (absent in versions published before lists were kept). */
  drillScopes?: string[];
  /** Whether each drill part's settled items are a part of their own (`settled:<name>`). */
  drillSettled?: boolean;
  /**
   * Parts not written again because their content had not changed, by part name (`epics`, `scope:<id>`,
   * `wins:<quarter>`, `delivered:<quarter>`, `drill:<name>`): the version whose keys hold them.
   */
  carried?: Record<string, string>;
}

/** The one value readers follow: the current version, and the one before, kept until the next publish. */
export interface SnapshotPointer extends PublishedVersion {
  generatedAt: number;
  previous?: PublishedVersion;
}

/** The calendar quarter of a local date: '2026-08-14' -> '2026-Q3'. */
export const quarterOf = (date: string): string =>
  `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
