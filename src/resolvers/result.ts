import type { Request } from '@forge/resolver';
import { z } from 'zod';
import type { AppError, Result } from '../contract';
import { JiraError } from '../jira';

export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export const forbidden = (message: string) => new AppFailure({ kind: 'forbidden', message });

/** Parses a payload with zod; a bad one fails with a message naming the field. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'payload';
  throw new AppFailure({ kind: 'validation', field, message: `${field}: ${issue?.message ?? 'invalid'}` });
}

/** The caller's accountId, from the Forge runtime (never from the payload). */
export function callerOf(request: Request): string | undefined {
  const accountId: unknown = request.context.accountId;
  return typeof accountId === 'string' && accountId.length > 0 ? accountId : undefined;
}

/** Wraps a handler so every outcome is one Result shape; unexpected errors are logged, not leaked. */
export function handle<T>(fn: (request: Request) => Promise<T>) {
  return async (request: Request): Promise<Result<T>> => {
    try {
      return { ok: true, data: await fn(request) };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.error };
      if (error instanceof JiraError) return { ok: false, error: { kind: 'jira', message: error.message } };
      console.error('Resolver failed', error);
      return {
        ok: false,
        error: { kind: 'internal', message: 'Something went wrong; the error was logged.' },
      };
    }
  };
}
