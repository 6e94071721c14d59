/** Errors that become Jira ErrorCollection responses. */

export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorCollection,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.errorMessages[0] ?? Object.values(body.errors)[0] ?? `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

export function errorCollection(messages: string[], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages: messages, errors };
}

export function badRequest(message: string, errors: Record<string, string> = {}): HttpError {
  return new HttpError(400, errorCollection(message ? [message] : [], errors));
}
