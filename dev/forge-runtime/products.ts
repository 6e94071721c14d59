/**
 * Product requests (`requestJira`, `requestConfluence`, asApp or asUser) as Forge's proxy answers them: sent
 * to the configured site with that identity's credentials, the site's answer passed back as it came
 * (status, Retry-After, RateLimit-Reason, body). Forge adds the identity itself, so the app's own
 * Authorization header is dropped.
 */
export interface BasicCredentials {
  email: string;
  apiToken: string;
}

export interface ProductSite {
  /** The Jira site; Confluence is the same site under /wiki unless confluenceUrl says otherwise. */
  jiraUrl: string;
  confluenceUrl?: string;
  app: BasicCredentials;
  /**
   * The app's own Atlassian account, which product events name as `atlassianId` when the app caused them
   * (`ignoreSelf` leaves those out). Asked of the site (`/rest/api/3/myself` as the app) when not given.
   */
  appAccountId?: string;
  /** The people who may use the app, by accountId: asUser requests act as them. */
  users: Record<string, BasicCredentials>;
}

export interface ProductTarget {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

export interface PlatformAnswer {
  status: number;
  statusText?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The request could not be made at all (the site is unreachable): the SDK's fetch rejects. */
  error?: { message: string };
}

const PASSED_HEADERS = ['accept', 'content-type', 'x-atlassian-token', 'x-experimentalapi'];

export class ProductProxy {
  constructor(private readonly site: ProductSite) {}

  /** Which product a request goes to, for the meter. */
  static productOf(target: ProductTarget): 'jira' | 'confluence' | null {
    if (target.remote === 'jira') return 'jira';
    if (target.remote === 'confluence') return 'confluence';
    return null;
  }

  async send(
    target: ProductTarget,
    path: string,
    init: { method: string; headers: Record<string, string>; body?: string },
    principal: string | undefined,
    signal: AbortSignal,
  ): Promise<PlatformAnswer> {
    const product = ProductProxy.productOf(target);
    if (!product) {
      return proxyError(
        404,
        'UNSUPPORTED_PRODUCT',
        `The local runtime serves Jira and Confluence, not "${target.remote}"`,
      );
    }
    if (!path.startsWith('/')) return proxyError(400, 'INVALID_PATH', 'Product paths start with "/"');
    let credentials: BasicCredentials | undefined;
    if (target.provider === 'user') {
      const accountId = target.accountId ?? principal;
      if (!accountId) {
        return proxyError(
          401,
          'NEEDS_AUTHENTICATION_ERR',
          'asUser() was called in an invocation without a user',
        );
      }
      credentials = this.site.users[accountId];
      if (!credentials) {
        return proxyError(401, 'NEEDS_AUTHENTICATION_ERR', `No Jira credentials for account ${accountId}`);
      }
    } else {
      credentials = this.site.app;
    }
    const base =
      product === 'confluence' ? (this.site.confluenceUrl ?? this.site.jiraUrl) : this.site.jiraUrl;
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) if (init.headers[name]) headers[name] = init.headers[name] as string;
    headers.authorization = `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;
    const response = await fetch(new URL(path, base), {
      method: init.method,
      headers,
      body: init.body,
      signal,
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding')
        out[name] = value;
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: out,
      body: await response.text(),
    };
  }
}

/** An answer from the proxy itself, which @forge/api turns into a ProxyRequestError. */
export function proxyError(status: number, reason: string, message: string): PlatformAnswer {
  return {
    status,
    headers: { 'forge-proxy-error': reason, 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  };
}
