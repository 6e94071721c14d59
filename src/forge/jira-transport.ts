import api, { route, type Route } from '@forge/api';
import {
  isConfluenceEndpoint,
  type JiraAccess,
  type JiraEndpoint,
  type JiraRequest,
  type JiraResponse,
  type JiraTransport,
} from '../jira/transport';

/** Each endpoint as a `route` template: paths are never concatenated by hand. */
const ROUTES: Record<JiraEndpoint, (query: URLSearchParams, params: Record<string, string>) => Route> = {
  searchJql: (q) => route`/rest/api/3/search/jql?${q}`,
  searchCount: (q) => route`/rest/api/3/search/approximate-count?${q}`,
  changelogBulkfetch: (q) => route`/rest/api/3/changelog/bulkfetch?${q}`,
  issueBulkfetch: (q) => route`/rest/api/3/issue/bulkfetch?${q}`,
  fields: (q) => route`/rest/api/3/field?${q}`,
  myself: (q) => route`/rest/api/3/myself?${q}`,
  projectSearch: (q) => route`/rest/api/3/project/search?${q}`,
  jqlParse: (q) => route`/rest/api/3/jql/parse?${q}`,
  myPermissions: (q) => route`/rest/api/3/mypermissions?${q}`,
  permissionsCheck: (q) => route`/rest/api/3/permissions/check?${q}`,
  statuses: (q) => route`/rest/api/3/status?${q}`,
  serverInfo: (q) => route`/rest/api/3/serverInfo?${q}`,
  confluenceSpaces: (q) => route`/wiki/api/v2/spaces?${q}`,
  confluencePages: (q) => route`/wiki/api/v2/pages?${q}`,
  confluencePage: (q, p) => route`/wiki/api/v2/pages/${p.id ?? ''}?${q}`,
};

type RequestJira = (
  path: Route,
  init?: Parameters<ReturnType<typeof api.asApp>['requestJira']>[1],
) => ReturnType<ReturnType<typeof api.asApp>['requestJira']>;

class ForgeJiraTransport implements JiraTransport {
  constructor(
    private readonly requestJira: RequestJira,
    private readonly requestConfluence: RequestJira,
  ) {}

  async send(request: JiraRequest): Promise<JiraResponse> {
    const path = ROUTES[request.endpoint](new URLSearchParams(request.query ?? {}), request.params ?? {});
    const send = isConfluenceEndpoint(request.endpoint) ? this.requestConfluence : this.requestJira;
    const response = await send(path, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    } as Parameters<RequestJira>[1]);
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => response.text(),
    };
  }
}

/**
 * Forge's identities: asApp for the background sync; asUser for the invoking user, so Jira itself decides
 * what that user may see. (Inside a resolver the invoking user is the caller whose accountId is passed.)
 */
export class ForgeJiraAccess implements JiraAccess {
  asApp(): JiraTransport {
    const app = api.asApp();
    return new ForgeJiraTransport(
      (path, init) => app.requestJira(path, init),
      (path, init) => app.requestConfluence(path, init),
    );
  }

  asUser(_accountId: string): JiraTransport {
    const user = api.asUser();
    return new ForgeJiraTransport(
      (path, init) => user.requestJira(path, init),
      (path, init) => user.requestConfluence(path, init),
    );
  }
}
