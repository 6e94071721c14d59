import type { SyncProgress } from '../../contract';
import type { WorkItem } from '../../domain/work-item';
import {
  changelogFields,
  discoverFields,
  fetchChangelogs,
  listFields,
  listProjects,
  normalizeIssue,
  searchFields,
  searchIssues,
  serverInfo,
  statusCategories,
  type JiraClient,
  type JiraIssue,
} from '../../jira';
import { chunkOps, writeOps } from '../../store/chunked';
import type { Store } from '../../store/port';
import { loadSettings } from '../settings';
import { buildSnapshot, publishSnapshot, type Snapshot } from '../snapshot';
import { readProgress, writeProgress } from './progress';

export * from './progress';

export interface SyncDeps {
  store: Store;
  /** A client acting as the app. */
  jira: JiraClient;
  clock: () => number;
}

export const ITEMS_KEY = 'items:all';

/** JQL for the portfolio: the listed projects' issues, sub-tasks left out (they never count). */
export function portfolioJql(projectKeys: readonly string[]): string {
  const quoted = projectKeys.map((k) => `"${k}"`).join(', ');
  return `project in (${quoted}) AND issuetype in standardIssueTypes() ORDER BY key ASC`;
}

/**
 * A full sync: discover fields and statuses, search the portfolio's issues with only the needed fields,
 * fetch their histories in bulk, normalize, compute the snapshot and publish it atomically. Progress is
 * written as it goes; on failure the last good snapshot stays and the error is recorded.
 */
export async function runSync(deps: SyncDeps): Promise<Snapshot> {
  const { store, jira, clock } = deps;
  const before = await readProgress(store);
  let progress: SyncProgress = {
    ...before,
    phase: 'discovering',
    startedAt: clock(),
    finishedAt: null,
    issuesDone: 0,
    issuesTotal: null,
    requests: 0,
    retries: 0,
    error: null,
  };
  const report = async (change: Partial<SyncProgress>) => {
    progress = { ...progress, ...change, requests: jira.stats.total, retries: jira.stats.retries };
    await writeProgress(store, progress);
  };
  await report({});
  try {
    const settings = await loadSettings(store);
    const [fields, categories, projects, info] = await Promise.all([
      listFields(jira),
      statusCategories(jira),
      listProjects(jira),
      settings.timeZone ? Promise.resolve(undefined) : serverInfo(jira),
    ]);
    const timeZone = settings.timeZone ?? info?.serverTimeZone ?? 'UTC';
    const wanted = settings.portfolioProjects;
    const scope = wanted.length ? projects.filter((p) => wanted.includes(p.key)) : projects;
    const fieldMap = discoverFields(fields);

    await report({ phase: 'searching' });
    const issues: JiraIssue[] = [];
    if (scope.length) {
      for await (const page of searchIssues(
        jira,
        portfolioJql(scope.map((p) => p.key)),
        searchFields(fieldMap),
      )) {
        issues.push(...page);
        await report({ issuesDone: issues.length });
      }
    }

    await report({ phase: 'history', issuesTotal: issues.length });
    const histories = await fetchChangelogs(
      jira,
      issues.map((i) => i.id),
      changelogFields(fieldMap),
    );
    const items: WorkItem[] = issues.map((issue) =>
      normalizeIssue(issue, histories.get(issue.id) ?? [], fieldMap, categories),
    );

    await report({ phase: 'computing' });
    const now = clock();
    const snapshot = buildSnapshot({
      items,
      projects: scope,
      now,
      timeZone,
      startPolicy: settings.startPolicy,
    });

    await report({ phase: 'publishing' });
    await writeOps(store, chunkOps(ITEMS_KEY, items));
    await publishSnapshot(store, snapshot);
    await report({ phase: 'idle', finishedAt: clock(), lastSuccessAt: now });
    return snapshot;
  } catch (error) {
    await report({ phase: 'idle', finishedAt: clock(), error: (error as Error).message });
    throw error;
  }
}
