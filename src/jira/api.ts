import type { JiraClient } from './client';
import { jiraInstant } from './normalize';
import {
  bulkChangelogSchema,
  bulkIssuesSchema,
  bulkPermissionsSchema,
  countSchema,
  idPageSchema,
  updatedPageSchema,
  fieldsSchema,
  myPermissionsSchema,
  myselfSchema,
  projectPageSchema,
  searchResultsSchema,
  serverInfoSchema,
  statusesSchema,
  type JiraChangeHistory,
  type JiraField,
  type JiraIssue,
} from './schemas';

/** Jira allows at most 1,000 issues and 10 fields per bulk changelog request. */
export const BULK_CHANGELOG_ISSUES = 1000;
export const BULK_CHANGELOG_FIELDS = 10;
/** Asked for on every search page; Jira grants fewer when many fields are requested, and paging follows. */
export const SEARCH_PAGE_REQUEST = 5000;

export interface SearchPage {
  issues: JiraIssue[];
  /** Where the next page starts; null after the last page. */
  nextPageToken: string | null;
}

/** One page of issues matching `jql`, with only `fields`; Jira decides how many it grants. */
export async function searchPage(
  client: JiraClient,
  jql: string,
  fields: string[],
  nextPageToken: string | null,
): Promise<SearchPage> {
  const page = await client.call(
    {
      endpoint: 'searchJql',
      method: 'POST',
      body: { jql, fields, maxResults: SEARCH_PAGE_REQUEST, ...(nextPageToken ? { nextPageToken } : {}) },
    },
    searchResultsSchema,
  );
  return { issues: page.issues, nextPageToken: page.isLast === true ? null : (page.nextPageToken ?? null) };
}

/** Every issue matching `jql`, with only `fields`, page by page. */
export async function* searchIssues(
  client: JiraClient,
  jql: string,
  fields: string[],
): AsyncGenerator<JiraIssue[]> {
  let token: string | null = null;
  do {
    const page: SearchPage = await searchPage(client, jql, fields, token);
    yield page.issues;
    token = page.nextPageToken;
  } while (token);
}

/** One page of issue ids only: the cheapest listing Jira offers (up to 5,000 a page). */
export async function searchIdPage(
  client: JiraClient,
  jql: string,
  nextPageToken: string | null,
): Promise<{ ids: string[]; nextPageToken: string | null }> {
  const page = await client.call(
    {
      endpoint: 'searchJql',
      method: 'POST',
      body: {
        jql,
        fields: ['id'],
        maxResults: SEARCH_PAGE_REQUEST,
        ...(nextPageToken ? { nextPageToken } : {}),
      },
    },
    idPageSchema,
  );
  return {
    ids: page.issues.map((i) => i.id),
    nextPageToken: page.isLast === true ? null : (page.nextPageToken ?? null),
  };
}

/**
 * The first page of issues a JQL matches, with only when each was last updated: enough to tell changes
 * already read from new ones.
 */
export async function searchUpdated(
  client: JiraClient,
  jql: string,
): Promise<{ issues: Array<{ id: string; updated: number }>; more: boolean }> {
  const page = await client.call(
    {
      endpoint: 'searchJql',
      method: 'POST',
      body: { jql, fields: ['updated'], maxResults: SEARCH_PAGE_REQUEST },
    },
    updatedPageSchema,
  );
  return {
    issues: page.issues.map((i) => ({ id: i.id, updated: jiraInstant(i.fields.updated) })),
    more: page.isLast !== true && Boolean(page.nextPageToken),
  };
}

/** Jira's estimate of how many issues match (for progress; it may lag recent changes). */
export async function approximateCount(client: JiraClient, jql: string): Promise<number> {
  return (await client.call({ endpoint: 'searchCount', method: 'POST', body: { jql } }, countSchema)).count;
}

/** Change histories of the given issues (ids), filtered to `fieldIds`, oldest first, keyed by issue id. */
export async function fetchChangelogs(
  client: JiraClient,
  issueIds: readonly string[],
  fieldIds: readonly string[],
): Promise<Map<string, JiraChangeHistory[]>> {
  if (fieldIds.length > BULK_CHANGELOG_FIELDS) {
    throw new Error(
      `At most ${BULK_CHANGELOG_FIELDS} changelog fields can be fetched at once, got ${fieldIds.length}`,
    );
  }
  const histories = new Map<string, JiraChangeHistory[]>();
  for (let i = 0; i < issueIds.length; i += BULK_CHANGELOG_ISSUES) {
    const batch = issueIds.slice(i, i + BULK_CHANGELOG_ISSUES);
    let nextPageToken: string | undefined;
    do {
      const page = await client.call(
        {
          endpoint: 'changelogBulkfetch',
          method: 'POST',
          body: {
            issueIdsOrKeys: batch,
            fieldIds,
            maxResults: 10_000,
            ...(nextPageToken ? { nextPageToken } : {}),
          },
        },
        bulkChangelogSchema,
      );
      for (const log of page.issueChangeLogs) {
        const list = histories.get(log.issueId) ?? [];
        list.push(...log.changeHistories);
        histories.set(log.issueId, list);
      }
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
  }
  return histories;
}

export const listFields = (client: JiraClient): Promise<JiraField[]> =>
  client.call({ endpoint: 'fields', method: 'GET' }, fieldsSchema);

/** Status id -> category key, for reading historical statuses in changelogs. */
export async function statusCategories(client: JiraClient): Promise<Map<string, string>> {
  const statuses = await client.call({ endpoint: 'statuses', method: 'GET' }, statusesSchema);
  return new Map(statuses.map((s) => [s.id, s.statusCategory.key]));
}

export async function listProjects(client: JiraClient): Promise<{ id: string; key: string; name: string }[]> {
  const projects: { id: string; key: string; name: string }[] = [];
  for (let startAt = 0; ;) {
    const page = await client.call(
      { endpoint: 'projectSearch', method: 'GET', query: { startAt: String(startAt), maxResults: '100' } },
      projectPageSchema,
    );
    projects.push(...page.values.map(({ id, key, name }) => ({ id, key, name })));
    if (page.isLast !== false || page.values.length === 0) return projects;
    startAt += page.values.length;
  }
}

export const myself = (client: JiraClient, withGroups = false) =>
  client.call(
    { endpoint: 'myself', method: 'GET', query: withGroups ? { expand: 'groups' } : {} },
    myselfSchema,
  );

/** Jira checks at most this many issues per permission in one bulk request. */
export const BULK_PERMISSION_ISSUES = 1000;

/**
 * Which of these issues (numeric ids) the caller may browse, asked of Jira in bulk: Jira answers for the
 * issue itself, so project permissions and issue security levels both count. One request per 1,000 ids.
 */
export async function browsableIssues(client: JiraClient, issueIds: readonly string[]): Promise<Set<string>> {
  const permitted = new Set<string>();
  const ids = [...new Set(issueIds)].filter((id) => /^\d+$/.test(id));
  for (let i = 0; i < ids.length; i += BULK_PERMISSION_ISSUES) {
    const batch = ids.slice(i, i + BULK_PERMISSION_ISSUES);
    const answer = await client.call(
      {
        endpoint: 'permissionsCheck',
        method: 'POST',
        body: { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: batch.map(Number) }] },
      },
      bulkPermissionsSchema,
    );
    const asked = new Set(batch);
    for (const grant of answer.projectPermissions) {
      if (grant.permission !== 'BROWSE_PROJECTS') continue;
      // Only ids that were asked about count, whatever else the answer holds.
      for (const id of grant.issues ?? []) if (asked.has(String(id))) permitted.add(String(id));
    }
  }
  return permitted;
}

export async function havePermission(client: JiraClient, permission: string): Promise<boolean> {
  const result = await client.call(
    { endpoint: 'myPermissions', method: 'GET', query: { permissions: permission } },
    myPermissionsSchema,
  );
  return result.permissions[permission]?.havePermission === true;
}

export const serverInfo = (client: JiraClient) =>
  client.call({ endpoint: 'serverInfo', method: 'GET' }, serverInfoSchema);

/** Jira returns at most 100 issues per bulk fetch. */
export const BULK_FETCH_ISSUES = 100;

/**
 * Summary and status of issues by key, as the caller sees them, 100 per request. An issue that no
 * longer exists, or that the caller may not see, is simply not in the answer.
 */
export async function issueSummaries(
  client: JiraClient,
  keys: readonly string[],
): Promise<Map<string, { summary: string | null; status: string | null }>> {
  const found = new Map<string, { summary: string | null; status: string | null }>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += BULK_FETCH_ISSUES) {
    const batch = unique.slice(i, i + BULK_FETCH_ISSUES);
    const answer = await client.call(
      {
        endpoint: 'issueBulkfetch',
        method: 'POST',
        body: { issueIdsOrKeys: batch, fields: ['summary', 'status'] },
      },
      bulkIssuesSchema,
    );
    const asked = new Set(batch);
    for (const issue of answer.issues) {
      if (!asked.has(issue.key)) continue;
      found.set(issue.key, {
        summary: issue.fields.summary ?? null,
        status: issue.fields.status?.name ?? null,
      });
    }
  }
  return found;
}
