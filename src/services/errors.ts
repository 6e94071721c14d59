import type { AppErrorKind } from '../contract';

/** Jira's own failures (refused, unreachable, malformed answers), which resolvers report as such. */
export { JiraError } from '../jira/errors';

/** The kinds of failure a service reports to its caller; Jira's own failures stay JiraErrors. */
export type FailureKind = Extract<AppErrorKind, 'validation' | 'forbidden' | 'not-found' | 'conflict'>;

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
