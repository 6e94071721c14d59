import {
  JIRA_ENDPOINTS,
  type JiraAccess,
  type JiraRequest,
  type JiraResponse,
  type JiraTransport,
} from './transport';

export interface BasicCredentials {
  email: string;
  apiToken: string;
}

/** Talks to a Jira site over HTTPS (or the demo Jira over loopback) with basic-auth API tokens. */
export class HttpJiraTransport implements JiraTransport {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    credentials: BasicCredentials,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.authorization = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
  }

  async send(request: JiraRequest): Promise<JiraResponse> {
    const path = JIRA_ENDPOINTS[request.endpoint].replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.params?.[name];
      if (value === undefined) throw new Error(`${request.endpoint} needs the path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.authorization };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.fetchImpl(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => response.text(),
    };
  }
}

/**
 * Identities for the HTTP transport. The app acts with `app` credentials; a user acts with their own
 * credentials when known (the demo Jira's users), otherwise with the app's — a real site reached with one
 * API token has one identity, and the host says so.
 */
export class HttpJiraAccess implements JiraAccess {
  constructor(
    private readonly baseUrl: string,
    private readonly app: BasicCredentials,
    private readonly users: Record<string, BasicCredentials> = {},
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  asApp(): JiraTransport {
    return new HttpJiraTransport(this.baseUrl, this.app, this.fetchImpl);
  }

  asUser(accountId: string): JiraTransport {
    return new HttpJiraTransport(this.baseUrl, this.users[accountId] ?? this.app, this.fetchImpl);
  }
}
