import type { JiraRequest, JiraResponse, JiraTransport } from '../../src/jira/transport';

export interface ScriptedAnswer {
  status?: number;
  body?: unknown;
  /** Raw text instead of JSON (for malformed answers). */
  text?: string;
  headers?: Record<string, string>;
  /** Throw like a dropped connection. */
  fail?: Error;
  /** Never answer until aborted. */
  hang?: boolean;
}

/** A transport that answers from a script, in order, and records every request. */
export class ScriptedTransport implements JiraTransport {
  readonly requests: JiraRequest[] = [];

  constructor(private readonly answers: ScriptedAnswer[]) {}

  async send(request: JiraRequest): Promise<JiraResponse> {
    this.requests.push(request);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`No scripted answer left for ${request.endpoint}`);
    if (answer.fail) throw answer.fail;
    if (answer.hang) {
      await new Promise<void>((_, reject) =>
        request.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    const headers = Object.fromEntries(
      Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return {
      status: answer.status ?? 200,
      header: (name) => headers[name.toLowerCase()] ?? null,
      text: async () => answer.text ?? JSON.stringify(answer.body ?? {}),
    };
  }
}
