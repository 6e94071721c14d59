/** The one answer shape every resolver gives, so the UI handles errors one way. */

/** Every resolver answers with this one shape, so the UI handles errors one way. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export type AppErrorKind =
  | 'validation'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  /** A stored value cannot be read back; the message names it and what to do. */
  | 'damaged'
  | 'jira'
  | 'internal';

export interface AppError {
  kind: AppErrorKind;
  message: string;
  /** The payload field at fault, for validation errors. */
  field?: string;
}
