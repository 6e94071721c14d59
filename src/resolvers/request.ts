import type { Request } from '@forge/resolver';
import { z } from 'zod';
import type { Viewer } from '../services/access';
import { invalid } from '../services/errors';
import { userClient, type AppDeps } from '../services/deps';

/** Parses a payload with zod; a bad one fails with a message naming the field. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'payload';
  throw invalid(field, `${field}: ${issue?.message ?? 'invalid'}`);
}

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
