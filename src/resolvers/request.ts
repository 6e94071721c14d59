import type { Request } from '@forge/resolver';
import { z } from 'zod';
import type { Viewer } from '../services/access';
import { invalid } from '../services/errors';
import { userClient, type AppDeps } from '../services/deps';

/** At most this many problems are spelled out in one message; the rest are counted. */
const MAX_PROBLEMS = 10;

/**
 * Parses a payload with zod. A bad one fails with every problem, each naming its field ("goal.name: is
 * required; goal.weight: must be 1 to 10"); the failure's field is the first problem's.
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const problems = [
    ...new Set(parsed.error.issues.map((issue) => `${fieldOf(issue)}: ${issue.message || 'invalid'}`)),
  ];
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length - shown.length;
  const message =
    more > 0 ? `${shown.join('; ')}; and ${more} more problem${more === 1 ? '' : 's'}` : shown.join('; ');
  const first = parsed.error.issues[0];
  throw invalid(first ? fieldOf(first) : 'payload', message || 'payload: invalid');
}

const fieldOf = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.') || 'payload';

/** The caller's accountId, from the Forge runtime (never from the payload). */
export function callerOf(request: Request): string | undefined {
  const accountId: unknown = request.context.accountId;
  return typeof accountId === 'string' && accountId.length > 0 ? accountId : undefined;
}

/** The caller, with a client that asks Jira as them; undefined for an anonymous request. */
export function viewerOf(deps: AppDeps, request: Request): Viewer | undefined {
  const accountId = callerOf(request);
  return accountId ? { accountId, asUser: userClient(deps, accountId) } : undefined;
}
