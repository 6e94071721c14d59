/** Basic authentication with `email:apiToken`, as Jira Cloud takes API tokens. */
import type { DemoUser } from '../types';
import { DEMO_ACCOUNTS } from '../users';
import { errorCollection, HttpError } from './errors';

/** Who an anonymous caller is, on the few resources that allow one: nobody who may browse anything. */
export const ANONYMOUS: DemoUser = {
  accountId: '',
  displayName: 'Anonymous',
  email: '',
  apiToken: '',
  accountType: 'atlassian',
  groups: [],
  siteAdmin: false,
  browse: [],
  securityLevels: [],
};

export function authenticate(
  header: string | undefined,
  allowAnonymous = false,
  users: readonly DemoUser[] = DEMO_ACCOUNTS,
): DemoUser {
  if (allowAnonymous && (header === undefined || header.trim() === '')) return ANONYMOUS;
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (match) {
    const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      const email = decoded.slice(0, colon).toLowerCase();
      const token = decoded.slice(colon + 1);
      const user = users.find((u) => u.email === email && u.apiToken === token);
      if (user) return user;
    }
  }
  throw new HttpError(
    401,
    errorCollection(['You are not authenticated. Authentication required to perform this operation.']),
    { 'WWW-Authenticate': 'Basic realm="demo-jira"' },
  );
}
