import type { Request } from '@forge/resolver';
import type { Result } from '../contract';
import { AppFailure, JiraError, StoreDamageError } from '../services/errors';

/**
 * The one place a failure becomes the Result shape the UI reads: a refusal keeps its kind, message and
 * field; Jira's failures say so; anything else is logged here and never leaked.
 */
export function handle<T>(fn: (request: Request) => Promise<T>) {
  return async (request: Request): Promise<Result<T>> => {
    try {
      return { ok: true, data: await fn(request) };
    } catch (error) {
      if (error instanceof AppFailure) {
        const { kind, message, field } = error;
        return { ok: false, error: field === undefined ? { kind, message } : { kind, field, message } };
      }
      if (error instanceof JiraError) return { ok: false, error: { kind: 'jira', message: error.message } };
      if (error instanceof StoreDamageError) {
        console.error('Damaged stored value', error.key);
        return {
          ok: false,
          error: {
            kind: 'damaged',
            message: `${error.message}. “Refresh now” rebuilds the numbers from Jira; an import replaces the configuration.`,
          },
        };
      }
      console.error('Resolver failed', error);
      return {
        ok: false,
        error: { kind: 'internal', message: 'Something went wrong; the error was logged.' },
      };
    }
  };
}

type Handler = (request: Request) => Promise<unknown>;

/** Gives every handler of a group the one Result shape. */
export function handleAll<T extends Record<string, Handler>>(handlers: T) {
  return Object.fromEntries(Object.entries(handlers).map(([key, fn]) => [key, handle(fn)])) as {
    [K in keyof T]: (request: Request) => Promise<Result<Awaited<ReturnType<T[K]>>>>;
  };
}
