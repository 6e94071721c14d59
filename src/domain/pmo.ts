import type { Facts } from './facts';
import type { PmoProject } from './model';
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
 *
 * Scopes are lists of rows of the facts (work items only, so epics and sub-tasks never count as items).
 */

/** A PMO project's scope in the facts: its epics and its work-item rows. */
export interface ProjectScope {
  project: PmoProject;
  /** Work-item rows, each once. */
  rows: number[];
  /** Rows matched by a Jira project or the JQL, not only through an epic (the baseline reads them as of now). */
  directRows: Set<number>;
  /**
   * Rows that would be in scope but were discarded (closed as Won't Do, Duplicate…; precise rule 35):
   * they left the scope at that instant, so scope change counts them removed when the baseline held them.
   */
  discardedRows: number[];
  /** The PMO project's epic keys, sorted; a discarded epic has left the project and is not among them. */
  epicKeys: string[];
  /**
   * Its epics for say/do: the epic keys and its discarded epics, sorted. A discarded epic still counts as
   * committed (and not done) for a quarter it was committed to.
   */
  committedEpicKeys: string[];
}

/** Resolves each PMO project's epics and work-item rows, each row once per PMO project. */
export function resolveScopes(
  facts: Facts,
  projects: readonly PmoProject[],
  jqlMatches: ReadonlyMap<string, ReadonlySet<string>>,
): ProjectScope[] {
  // One marker array for every PMO project: a row is taken when its stamp is not yet the project's.
  const stamp = new Int32Array(facts.size);
  return projects.map((project, index) => {
    const mark = index + 1;
    const jql = jqlMatches.get(project.id);
    const epicKeys = new Set(project.scope.epicKeys);
    for (const key of project.scope.projectKeys)
      for (const epic of facts.epicsOfProject(key)) epicKeys.add(epic.key);
    for (const id of jql ?? []) {
      const epic = facts.epicById.get(id);
      if (epic) epicKeys.add(epic.key);
    }
    const rows: number[] = [];
    const discardedRows: number[] = [];
    const directRows = new Set<number>();
    const take = (row: number, direct: boolean) => {
      if (direct) directRows.add(row);
      if (stamp[row] === mark) return;
      stamp[row] = mark;
      if (facts.isDiscarded(row)) discardedRows.push(row);
      else rows.push(row);
    };
    for (const key of project.scope.projectKeys) for (const row of facts.rowsOfProject(key)) take(row, true);
    if (jql) {
      for (const id of jql) {
        const row = facts.rowOf(id);
        if (row !== undefined) take(row, true);
      }
    }
    // Children of every epic, a discarded one too: its items are judged on their own (rule 35).
    for (const key of epicKeys) {
      for (const row of facts.childrenOf(key)) take(row, false);
      for (const row of facts.discardedChildrenOf(key)) take(row, false);
    }
    const committedEpicKeys = [...epicKeys].sort();
    return {
      project,
      rows,
      directRows,
      discardedRows,
      epicKeys: committedEpicKeys.filter((key) => (facts.epicByKey.get(key)?.discarded ?? null) === null),
      committedEpicKeys,
    };
  });
}

/** The union of row lists, each row once: how a goal or the portfolio adds PMO projects up. */
export type RowUnion = (lists: Iterable<ArrayLike<number>>) => number[];

/** Unions over the facts; one marker array serves every union of a computation. */
export function rowUnion(facts: Facts): RowUnion {
  const seen = new Int32Array(facts.size);
  let mark = 0;
  return (lists) => {
    mark += 1;
    const rows: number[] = [];
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        const row = list[i]!;
        if (seen[row] === mark) continue;
        seen[row] = mark;
        rows.push(row);
      }
    }
    return rows;
  };
}

export interface PortfolioScope {
  /** Its work-item rows (a million on a large site: a typed array). */
  rows: Int32Array;
  epicKeys: Set<string>;
  /** The epic keys and the discarded epics, for say/do (precise rule 35). */
  committedEpicKeys: Set<string>;
}

/**
 * The portfolio: every synced item when no portfolio Jira projects are set; else the items and epics of
 * those Jira projects together with every PMO project's scope.
 */
export function portfolioScope(
  facts: Facts,
  scopes: readonly ProjectScope[],
  portfolioProjects: readonly string[],
  union: RowUnion,
): PortfolioScope {
  const everything = portfolioProjects.length === 0;
  const jira = new Set(portfolioProjects);
  // Discarded items have left every scope (rule 35).
  let rows: Int32Array;
  if (everything) {
    let kept = 0;
    for (let row = 0; row < facts.size; row++) if (!facts.isDiscarded(row)) kept += 1;
    rows = new Int32Array(kept);
    for (let row = 0, i = 0; row < facts.size; row++) if (!facts.isDiscarded(row)) rows[i++] = row;
  } else {
    const all = union([
      ...portfolioProjects.map((k) => facts.rowsOfProject(k)),
      ...scopes.map((s) => s.rows),
    ]);
    rows = Int32Array.from(all.filter((row) => !facts.isDiscarded(row)));
  }
  const committedEpicKeys = new Set([
    ...scopes.flatMap((s) => s.committedEpicKeys),
    ...facts.epics.filter((e) => everything || jira.has(e.project)).map((e) => e.key),
  ]);
  return {
    rows,
    epicKeys: new Set(
      [...committedEpicKeys].filter((key) => (facts.epicByKey.get(key)?.discarded ?? null) === null),
    ),
    committedEpicKeys,
  };
}

/** PMO project ids per epic key: an epic in several PMO projects lists them all. */
export function projectsByEpic(scopes: readonly ProjectScope[]): Map<string, string[]> {
  const byEpic = new Map<string, string[]>();
  for (const s of scopes) {
    for (const key of s.epicKeys) byEpic.set(key, [...(byEpic.get(key) ?? []), s.project.id]);
  }
  return byEpic;
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
