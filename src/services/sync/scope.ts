import { createHash } from 'node:crypto';
import type { WorkItem } from '../../domain/work-item';

/**
 * What the sync reads from Jira: the portfolio's Jira projects, or a JQL filter. Sub-tasks are always left
 * out (they never count in any metric), and the search is ordered by key so paging is stable.
 */
export type SyncScope = { kind: 'projects'; keys: string[] } | { kind: 'jql'; jql: string };

export class ScopeError extends Error {}

export const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Whether a JQL filter carries its own ORDER BY (quoted values aside). */
export const hasOrderBy = (jql: string): boolean =>
  /\border\s+by\b/i.test(jql.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""'));

/** The bounded JQL that selects the scope's issues, without ORDER BY. */
export function scopeJql(scope: SyncScope): string {
  if (scope.kind === 'projects') {
    if (scope.keys.length === 0) throw new ScopeError('The portfolio has no Jira projects to read');
    return `project in (${scope.keys.map(quote).join(', ')}) AND issuetype in standardIssueTypes()`;
  }
  const jql = scope.jql.trim();
  if (!jql) throw new ScopeError('The JQL filter is empty');
  if (hasOrderBy(jql)) {
    throw new ScopeError('Leave ORDER BY out of the JQL filter: the sync orders issues itself');
  }
  return `(${jql}) AND issuetype in standardIssueTypes()`;
}

/** Issues of the scope changed in the last `minutes` minutes (relative, so Jira's clock decides). */
export const changedSinceJql = (scope: SyncScope, minutes: number): string =>
  `${scopeJql(scope)} AND updated >= "-${Math.max(1, Math.ceil(minutes))}m" ORDER BY key ASC`;

export const fullJql = (scope: SyncScope): string => `${scopeJql(scope)} ORDER BY key ASC`;

/** Identifies a scope and the fields read, so a change of either forces a full sync. */
export function scopeKey(scope: SyncScope, fields: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify({ jql: scopeJql(scope), fields }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The sync scope a PMO model describes: the portfolio's Jira projects, every PMO project's Jira projects,
 * mapped epics and their children, and every PMO project's JQL. Null when nothing is configured (then
 * the sync reads every project the app can see).
 */
export function portfolioScope(
  portfolioProjects: readonly string[],
  projects: ReadonlyArray<{ scope: { epicKeys: string[]; projectKeys: string[]; jql: string | null } }>,
): SyncScope | null {
  const projectKeys = new Set(portfolioProjects);
  const epicKeys = new Set<string>();
  const filters: string[] = [];
  for (const p of projects) {
    p.scope.projectKeys.forEach((k) => projectKeys.add(k));
    p.scope.epicKeys.forEach((k) => epicKeys.add(k));
    if (p.scope.jql) filters.push(`(${p.scope.jql})`);
  }
  const parts: string[] = [];
  if (projectKeys.size) parts.push(`project in (${[...projectKeys].sort().map(quote).join(', ')})`);
  if (epicKeys.size) {
    const keys = [...epicKeys].sort().map(quote).join(', ');
    parts.push(`issuekey in (${keys})`, `parent in (${keys})`);
  }
  parts.push(...filters);
  if (parts.length === 0) return null;
  if (parts.length === 1 && projectKeys.size && !epicKeys.size)
    return { kind: 'projects', keys: [...projectKeys].sort() };
  return { kind: 'jql', jql: parts.join(' OR ') };
}

/** Jira projects shown per project: the scope's, else those the items come from. */
export function projectsOf(
  scope: SyncScope,
  known: readonly { key: string; name: string }[],
  items: Iterable<WorkItem>,
): { key: string; name: string }[] {
  const keys = scope.kind === 'projects' ? new Set(scope.keys) : null;
  const inScope = new Set<string>();
  if (!keys) for (const item of items) inScope.add(item.project);
  return known.filter((p) => (keys ? keys.has(p.key) : inScope.has(p.key)));
}
