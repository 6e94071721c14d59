import type { JiraScope, PmoProject } from '../contract';
import type { WorkItem } from './work-item';

/**
 * Which PMO projects an item belongs to (METRICS-SPEC "Scope", precise rule 11).
 *
 * A PMO project's epics are its mapped epic keys, plus the epics of its mapped Jira projects, plus the
 * epics its JQL matches. Its scope is the work items under those epics plus the items its Jira projects
 * or JQL match directly. Each item is counted once per PMO project.
 *
 * The rule for an item matched by several PMO projects: it belongs to **every** PMO project that matches
 * it, so each PMO project's own numbers are complete; rollups (a goal, the portfolio) count it **once**,
 * however many of their PMO projects hold it. JQL membership is resolved by Jira (an id search per JQL)
 * and passed in, since JQL cannot be evaluated here.
 */
export interface ScopeResolution {
  /** PMO project id -> ids of items its JQL matches (as Jira answered). */
  jqlMatches: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface ProjectScope {
  epicKeys: Set<string>;
  itemIds: Set<string>;
}

function epicsOf(
  scope: JiraScope,
  jqlIds: ReadonlySet<string> | undefined,
  items: readonly WorkItem[],
): Set<string> {
  const epics = new Set(scope.epicKeys);
  const projects = new Set(scope.projectKeys);
  for (const item of items) {
    if (item.level !== 1) continue;
    if (projects.has(item.project) || jqlIds?.has(item.id)) epics.add(item.key);
  }
  return epics;
}

/** The epics and the work items (level 0) of each PMO project. */
export function resolveScopes(
  projects: readonly PmoProject[],
  items: readonly WorkItem[],
  resolution: ScopeResolution,
): Map<string, ProjectScope> {
  const result = new Map<string, ProjectScope>();
  for (const project of projects) {
    const jqlIds = resolution.jqlMatches.get(project.id);
    const epicKeys = epicsOf(project.scope, jqlIds, items);
    const jiraProjects = new Set(project.scope.projectKeys);
    const itemIds = new Set<string>();
    for (const item of items) {
      if (item.level !== 0) continue;
      const underEpic = item.parent !== null && epicKeys.has(item.parent);
      if (underEpic || jiraProjects.has(item.project) || jqlIds?.has(item.id)) itemIds.add(item.id);
    }
    result.set(project.id, { epicKeys, itemIds });
  }
  return result;
}

/** PMO project ids per item id: an item in several PMO projects lists them all. */
export function membership(scopes: ReadonlyMap<string, ProjectScope>): Map<string, string[]> {
  const byItem = new Map<string, string[]>();
  for (const [projectId, scope] of scopes) {
    for (const id of scope.itemIds) {
      const list = byItem.get(id) ?? [];
      list.push(projectId);
      byItem.set(id, list);
    }
  }
  return byItem;
}

/** The items of several PMO projects, each counted once (a goal's or the portfolio's rollup). */
export function rollupItems(
  scopes: ReadonlyMap<string, ProjectScope>,
  projectIds: Iterable<string>,
): Set<string> {
  const ids = new Set<string>();
  for (const projectId of projectIds) for (const id of scopes.get(projectId)?.itemIds ?? []) ids.add(id);
  return ids;
}

/** An epic with recent activity, as the sync records it for triage. */
export interface EpicActivity {
  key: string;
  summary: string;
  project: string;
  status: string;
  /** The latest change to the epic or any item under it. */
  lastActivity: number;
  /** Work items under it. */
  items: number;
}

/**
 * Epics whose own or whose items' last change falls within `activeDays` of now, newest activity first.
 * Computed in the sync, where every item is in hand, so a page never reads the item cache.
 */
export function recentlyActiveEpics(
  items: readonly WorkItem[],
  now: number,
  activeDays: number,
): EpicActivity[] {
  const children = new Map<string, { last: number; count: number }>();
  for (const item of items) {
    if (item.level !== 0 || item.parent === null) continue;
    const entry = children.get(item.parent) ?? { last: 0, count: 0 };
    entry.last = Math.max(entry.last, item.updated);
    entry.count += 1;
    children.set(item.parent, entry);
  }
  const since = now - activeDays * 86_400_000;
  return items
    .filter((i) => i.level === 1)
    .map((epic) => ({
      key: epic.key,
      summary: epic.summary ?? '',
      project: epic.project,
      status: epic.status,
      lastActivity: Math.max(epic.updated, children.get(epic.key)?.last ?? 0),
      items: children.get(epic.key)?.count ?? 0,
    }))
    .filter((e) => e.lastActivity >= since)
    .sort((a, b) => b.lastActivity - a.lastActivity || a.key.localeCompare(b.key));
}

/**
 * Recently active epics that no PMO project maps by key or by Jira project, and that a PMO lead has not
 * dismissed: candidates for triage. Epics a PMO project's JQL may match are not known here and are listed.
 */
export function unmappedEpics(input: {
  epics: readonly EpicActivity[];
  projects: readonly PmoProject[];
  dismissed: ReadonlySet<string>;
}): EpicActivity[] {
  const mappedKeys = new Set(input.projects.flatMap((p) => p.scope.epicKeys));
  const mappedProjects = new Set(input.projects.flatMap((p) => p.scope.projectKeys));
  return input.epics.filter(
    (e) => !mappedKeys.has(e.key) && !mappedProjects.has(e.project) && !input.dismissed.has(e.key),
  );
}
