import type { PmoProject } from '../../contract';
import { JiraError, searchIdPage, type JiraClient } from '../../jira';
import { z } from 'zod';
import { chunkOps, writeOps } from '../../store/chunked';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { readChecked } from '../snapshot/damage';
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
