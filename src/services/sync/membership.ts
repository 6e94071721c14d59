import type { PmoProject } from '../../contract';
import type { WorkItem } from '../../domain/work-item';
import {
  changelogFields,
  fetchChangelogs,
  JiraError,
  normalizeIssue,
  searchFields,
  searchIdPage,
  searchIssues,
  type JiraClient,
} from '../../jira';
import { z } from 'zod';
import { chunkOps, writeOps } from '../../store/chunked';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { readChecked } from '../snapshot/damage';
import type { Discovery } from './discovery';
import { outsideProbes } from './quiet';
import { quote, scopeJql, type SyncScope } from './scope';

/**
 * Which synced issues each PMO project's JQL matches. JQL cannot be evaluated outside Jira, so each
 * filter is asked of Jira as an id-only search within the synced scope (5,000 ids a page at most). A
 * filter Jira refuses (a field since removed, say) matches nothing and is reported, rather than failing
 * the whole sync.
 */
export async function resolveJqlMatches(
  jira: JiraClient,
  projects: readonly PmoProject[],
  scope: SyncScope,
): Promise<{ matches: Map<string, Set<string>>; warnings: string[] }> {
  const matches = new Map<string, Set<string>>();
  const warnings: string[] = [];
  const within = scopeJql(scope);
  for (const project of projects) {
    if (!project.scope.jql) continue;
    const ids = new Set<string>();
    let token: string | null = null;
    try {
      do {
        const page = await searchIdPage(jira, `(${project.scope.jql}) AND (${within})`, token);
        for (const id of page.ids) ids.add(id);
        token = page.nextPageToken;
      } while (token);
    } catch (error) {
      if (error instanceof JiraError && error.status === 400) {
        warnings.push(
          `PMO project "${project.name}": Jira refused its JQL filter, so it matched nothing (${
            error.jiraMessages.join('; ') || error.message
          })`,
        );
        continue;
      }
      throw error;
    }
    matches.set(project.id, ids);
  }
  return { matches, warnings };
}

/** Epic keys per child search: keeps each JQL well inside Jira's length limits. */
const EPICS_PER_SEARCH = 100;

/**
 * Work items outside the synced scope whose epic belongs to a PMO project (precise rule 21: a PMO
 * project's scope holds the children of every epic it has, by key, through a Jira project or through its
 * JQL, wherever those children live). The sync scope already holds the children of epics mapped by key
 * (`parent in (…)`); the epics a PMO project finds through a Jira project or its JQL are known only once
 * the issues are read, so their children in other Jira projects are asked for here, on every run, with
 * their history (and the searches the quiet check repeats with `updated`, ./quiet.ts). Children already read are left out: by Jira project where the scope is made of whole
 * Jira projects (`inScopeProjects`), else by the scope's own JQL; any that still come back are dropped.
 */
export async function outsideChildren(
  jira: JiraClient,
  input: {
    items: ReadonlyMap<string, WorkItem>;
    projects: readonly PmoProject[];
    matches: ReadonlyMap<string, ReadonlySet<string>>;
    scope: SyncScope;
    /** Jira projects the scope reads whole; null when the scope is a JQL filter of its own. */
    inScopeProjects: readonly string[] | null;
    discovery: Discovery;
  },
): Promise<{ items: WorkItem[]; probes: string[] }> {
  const { items, projects, matches, discovery } = input;
  const keys = new Set<string>();
  for (const project of projects) {
    const byProject = new Set(project.scope.projectKeys);
    const byJql = matches.get(project.id);
    for (const key of project.scope.epicKeys) keys.add(key);
    if (byProject.size === 0 && !byJql) continue;
    for (const item of items.values()) {
      if (item.level === 1 && (byProject.has(item.project) || byJql?.has(item.id))) keys.add(item.key);
    }
  }
  if (keys.size === 0) return { items: [], probes: [] };
  const outside =
    input.inScopeProjects === null
      ? `NOT (${scopeJql(input.scope)})`
      : input.inScopeProjects.length > 0
        ? `project not in (${[...input.inScopeProjects].sort().map(quote).join(', ')})`
        : null;
  const sorted = [...keys].sort();
  const found: WorkItem[] = [];
  const seen = new Set<string>();
  const categories = new Map(Object.entries(discovery.categories));
  for (let i = 0; i < sorted.length; i += EPICS_PER_SEARCH) {
    const batch = sorted
      .slice(i, i + EPICS_PER_SEARCH)
      .map(quote)
      .join(', ');
    const jql =
      `parent in (${batch}) AND issuetype in standardIssueTypes()` +
      (outside ? ` AND ${outside}` : '') +
      ' ORDER BY key ASC';
    for await (const page of searchIssues(jira, jql, searchFields(discovery.fieldMap))) {
      const fresh = page.filter((issue) => !items.has(issue.id) && !seen.has(issue.id));
      if (fresh.length === 0) continue;
      const histories = await fetchChangelogs(
        jira,
        fresh.map((issue) => issue.id),
        changelogFields(discovery.fieldMap, discovery.parentFields),
      );
      for (const issue of fresh) {
        seen.add(issue.id);
        found.push(
          normalizeIssue(
            issue,
            histories.get(issue.id) ?? [],
            discovery.fieldMap,
            categories,
            discovery.parentFields,
          ),
        );
      }
    }
  }
  // The quiet check asks after the epics that have children outside, not after every epic (thousands
  // on a large site): a child newly added outside is read by the next run that computes.
  const parents = new Set(
    found.flatMap((item) => (item.parent && keys.has(item.parent) ? [item.parent] : [])),
  );
  return { items: found, probes: outsideProbes([...parents], outside) };
}

/** What the last sync's JQL filters matched, kept for the command line's `metrics` (`sync:jql-matches`). */
export interface JqlMembership {
  /** PMO project id -> issue ids its JQL matched at the last sync. */
  matches: Record<string, string[]>;
  warnings: string[];
}

export async function saveJqlMatches(
  store: Store,
  matches: ReadonlyMap<string, ReadonlySet<string>>,
  warnings: string[],
): Promise<void> {
  const value: JqlMembership = {
    matches: Object.fromEntries([...matches].map(([id, ids]) => [id, [...ids]])),
    warnings,
  };
  await writeOps(store, chunkOps(KEYS.sync.jqlMatches, value));
}

const MEMBERSHIP_SHAPE = z.object({
  matches: z.record(z.string(), z.array(z.string())),
  warnings: z.array(z.string()),
});

/**
 * What the last sync's filters matched. The sync itself never reads it back (it asks Jira every run and
 * writes it anew, damaged or not); a damaged one fails this read with a DamagedValue naming it.
 */
export async function readJqlMatches(
  store: Store,
): Promise<{ matches: Map<string, Set<string>>; warnings: string[] }> {
  const saved = await readChecked(store, KEYS.sync.jqlMatches, MEMBERSHIP_SHAPE, {
    what: 'What the PMO projects’ JQL filters matched',
    remedy: 'The next sync asks Jira again.',
  });
  return {
    matches: new Map(Object.entries(saved?.matches ?? {}).map(([id, ids]) => [id, new Set(ids)])),
    warnings: saved?.warnings ?? [],
  };
}
