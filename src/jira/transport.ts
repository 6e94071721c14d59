/**
 * The Jira transport port. The client names an endpoint and never builds a path by hand: the Forge adapter
 * maps each endpoint to a `route` template, the HTTP adapter to a path under the site's base URL.
 */
export const JIRA_ENDPOINTS = {
  searchJql: '/rest/api/3/search/jql',
  searchCount: '/rest/api/3/search/approximate-count',
  changelogBulkfetch: '/rest/api/3/changelog/bulkfetch',
  issueBulkfetch: '/rest/api/3/issue/bulkfetch',
  fields: '/rest/api/3/field',
  myself: '/rest/api/3/myself',
  projectSearch: '/rest/api/3/project/search',
  jqlParse: '/rest/api/3/jql/parse',
  myPermissions: '/rest/api/3/mypermissions',
  permissionsCheck: '/rest/api/3/permissions/check',
  statuses: '/rest/api/3/status',
  serverInfo: '/rest/api/3/serverInfo',
  // Confluence, on the same Atlassian site (for "Publish to Confluence").
  confluenceSpaces: '/wiki/api/v2/spaces',
  confluencePages: '/wiki/api/v2/pages',
  confluencePage: '/wiki/api/v2/pages/{id}',
} as const;

/** Endpoints Forge reaches with requestConfluence rather than requestJira. */
export const isConfluenceEndpoint = (endpoint: JiraEndpoint): boolean => endpoint.startsWith('confluence');

export type JiraEndpoint = keyof typeof JIRA_ENDPOINTS;

export interface JiraRequest {
  endpoint: JiraEndpoint;
  method: 'GET' | 'POST' | 'PUT';
  /** Values for the endpoint's `{placeholders}`; each is escaped into the path. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface JiraResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
}

/** Sends one request as one identity; retries and parsing live in the client. */
export interface JiraTransport {
  send(request: JiraRequest): Promise<JiraResponse>;
}

/** Who a request acts as: the app (background sync) or the user viewing a page. */
export interface JiraAccess {
  asApp(): JiraTransport;
  asUser(accountId: string): JiraTransport;
}
