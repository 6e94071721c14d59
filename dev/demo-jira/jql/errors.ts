/** Errors the JQL module raises: syntax errors carry a position, validation errors do not (as in Jira). */

export class JqlSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`Error in the JQL Query: ${detail} (line ${line}, character ${column})`);
    this.name = 'JqlSyntaxError';
  }
}

/** One or more problems with fields, operators or values of a well-formed query. */
export class JqlValidationError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
    this.name = 'JqlValidationError';
  }
}
