import type { PmoProject } from '../../contract';
import { JiraError, searchIdPage, type JiraClient } from '../../jira';
import { scopeJql, type SyncScope } from './scope';

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
