import { z } from 'zod';
import type { JiraScope, PortfolioDocument } from '../../contract';
import { JiraError, type JiraClient } from '../../jira';

/**
 * Checks against Jira, made as the user who saves, so a PMO lead can map only what they can see:
 * JQL through Jira's own parser, epic keys and project keys by asking for them.
 */
const parsedSchema = z.looseObject({
  queries: z.array(z.looseObject({ query: z.string(), errors: z.array(z.string()).optional() })),
});

export async function jqlErrors(client: JiraClient, jql: string): Promise<string[]> {
  const result = await client.call(
    { endpoint: 'jqlParse', method: 'POST', query: { validation: 'strict' }, body: { queries: [jql] } },
    parsedSchema,
  );
  return result.queries[0]?.errors ?? [];
}

const keyedIssues = z.looseObject({
  issues: z.array(
    z.looseObject({
      key: z.string(),
      fields: z.looseObject({
        summary: z.string().optional(),
        issuetype: z.looseObject({ hierarchyLevel: z.number().optional(), name: z.string() }),
        project: z.looseObject({ key: z.string() }),
        status: z.looseObject({ name: z.string() }),
      }),
    }),
  ),
});

/** Problems with a list of epic keys: ones Jira does not show the user, and ones that are not epics. */
export async function epicProblems(client: JiraClient, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  let found: z.infer<typeof keyedIssues>['issues'];
  try {
    found = (
      await client.call(
        {
          endpoint: 'searchJql',
          method: 'POST',
          body: {
            jql: `issuekey in (${keys.map((k) => `"${k}"`).join(', ')})`,
            fields: ['issuetype', 'project', 'status'],
            maxResults: 1000,
          },
        },
        keyedIssues,
      )
    ).issues;
  } catch (error) {
    // Jira refuses the whole query when a key does not exist, and says which.
    if (error instanceof JiraError && error.status === 400 && error.jiraMessages.length)
      return error.jiraMessages;
    throw error;
  }
  const byKey = new Map(found.map((i) => [i.key, i]));
  const problems: string[] = [];
  const missing = keys.filter((k) => !byKey.has(k));
  if (missing.length)
    problems.push(
      `${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist or you cannot see ${missing.length === 1 ? 'it' : 'them'}`,
    );
  const notEpics = found.filter((i) => (i.fields.issuetype.hierarchyLevel ?? 0) !== 1);
  if (notEpics.length) {
    problems.push(
      `${notEpics.map((i) => `${i.key} is a ${i.fields.issuetype.name}`).join(', ')}, not an epic`,
    );
  }
  return problems;
}

const projectPage = z.looseObject({ values: z.array(z.looseObject({ key: z.string() })) });

export async function missingProjects(client: JiraClient, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const page = await client.call(
    { endpoint: 'projectSearch', method: 'GET', query: { keys: keys.join(','), maxResults: '100' } },
    projectPage,
  );
  const found = new Set(page.values.map((p) => p.key));
  return keys.filter((k) => !found.has(k));
}

/** Epics whose key or summary matches what the user typed, newest activity first. */
export async function searchEpics(client: JiraClient, query: string) {
  const q = query.trim();
  const byKey = /^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(q);
  // Letters and digits only: Jira's text search takes words, and a word may not start with a wildcard.
  const words = q
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
  const jql = byKey
    ? `issuekey = "${q.toUpperCase()}" AND issuetype = Epic`
    : words
      ? `issuetype = Epic AND summary ~ "${words}*" ORDER BY updated DESC`
      : 'issuetype = Epic AND updated >= -180d ORDER BY updated DESC';
  try {
    const page = await client.call(
      {
        endpoint: 'searchJql',
        method: 'POST',
        body: { jql, fields: ['summary', 'issuetype', 'project', 'status'], maxResults: 20 },
      },
      keyedIssues,
    );
    return page.issues.map((i) => ({
      key: i.key,
      summary: i.fields.summary ?? '',
      projectKey: i.fields.project.key,
      status: i.fields.status.name,
    }));
  } catch (error) {
    // A key that does not exist is simply no match.
    if (byKey && error instanceof JiraError && error.status === 400) return [];
    throw error;
  }
}

export interface ScopeProblem {
  field: string;
  message: string;
}

/** The first problem Jira finds with a PMO project's scope: JQL, epics, then Jira projects. */
export async function scopeProblem(
  client: JiraClient,
  scope: JiraScope,
  prefix: string,
): Promise<ScopeProblem | null> {
  const [jql, epics, projects] = await Promise.all([
    scope.jql ? jqlErrors(client, scope.jql) : Promise.resolve([]),
    epicProblems(client, scope.epicKeys),
    missingProjects(client, scope.projectKeys),
  ]);
  if (jql.length) return { field: `${prefix}.scope.jql`, message: jql.join(' ') };
  if (epics.length) return { field: `${prefix}.scope.epicKeys`, message: epics.join('; ') };
  if (projects.length) {
    return {
      field: `${prefix}.scope.projectKeys`,
      message: `${projects.join(', ')}: no such Jira project, or you cannot browse it`,
    };
  }
  return null;
}

/** Checks a whole portfolio document against Jira before an import. */
export async function documentProblem(
  client: JiraClient,
  document: PortfolioDocument,
  prefix: string,
): Promise<ScopeProblem | null> {
  for (const [i, project] of document.projects.entries()) {
    const problem = await scopeProblem(client, project.scope, `${prefix}.projects.${i}`);
    if (problem) return problem;
  }
  const missing = await missingProjects(client, document.settings.portfolioProjects);
  if (missing.length) {
    return {
      field: `${prefix}.settings.portfolioProjects`,
      message: `${missing.join(', ')}: no such Jira project, or you cannot browse it`,
    };
  }
  return null;
}
