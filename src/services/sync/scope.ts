import { createHash } from 'node:crypto';

/**
 * What the sync reads from Jira: the portfolio's Jira projects, or a JQL filter. Sub-tasks are always left
 * out (they never count in any metric), and the search is ordered by key so paging is stable.
 */
export type SyncScope = { kind: 'projects'; keys: string[] } | { kind: 'jql'; jql: string };

export class ScopeError extends Error {}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The bounded JQL that selects the scope's issues, without ORDER BY. */
export function scopeJql(scope: SyncScope): string {
  if (scope.kind === 'projects') {
    if (scope.keys.length === 0) throw new ScopeError('The portfolio has no Jira projects to read');
    return `project in (${scope.keys.map(quote).join(', ')}) AND issuetype in standardIssueTypes()`;
  }
  const jql = scope.jql.trim();
  if (!jql) throw new ScopeError('The JQL filter is empty');
  if (/\border\s+by\b/i.test(jql.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""'))) {
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
