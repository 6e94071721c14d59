import type { AppErrorKind } from '../contract';

/** Jira's own failures (refused, unreachable, malformed answers), which resolvers report as such. */
export { JiraError } from '../jira/errors';

/** A stored value that cannot be read back at all (cut short, a chunk missing). */
export { StoreDamageError } from '../store/port';

/** The kinds of failure a service reports to its caller; Jira's own failures stay JiraErrors. */
export type FailureKind = Extract<
  AppErrorKind,
  'validation' | 'forbidden' | 'not-found' | 'conflict' | 'damaged'
>;

/**
 * A request the app refuses, in words for the person who made it: what is wrong and, for a bad
 * payload, which field. src/resolvers/result.ts turns it into the one Result shape the UI reads.
 */
export class AppFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** The payload field at fault. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export const forbidden = (message: string) => new AppFailure('forbidden', message);
export const invalid = (field: string | undefined, message: string) =>
  new AppFailure('validation', message, field);
export const notFound = (field: string, message: string) => new AppFailure('not-found', message, field);

/**
 * A stored value that cannot be read back as what it should be: the message names the value, its key,
 * what is wrong, and what the person can do about it.
 */
export class DamagedValue extends AppFailure {
  constructor(
    readonly key: string,
    what: string,
    problem: string,
    remedy: string,
  ) {
    super('damaged', `${what} (stored as “${key}”) is damaged: ${problem}. ${remedy}`);
    this.name = 'DamagedValue';
  }
}

/** Checks a stored value against its schema: the value, or a DamagedValue naming the first problem. */
export function checkStored<T>(
  key: string,
  value: unknown,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  what: string,
  remedy: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  throw new DamagedValue(key, what, `${at}${issue?.message ?? 'not the expected shape'}`, remedy);
}
