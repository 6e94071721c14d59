import type { JiraEndpoint } from './transport';
import { JIRA_ENDPOINTS } from './transport';

export type JiraErrorKind = 'http' | 'malformed' | 'timeout' | 'network' | 'budget' | 'rate-limited';

/** A Jira request that failed for good (after any retries); the message names the endpoint. */
export class JiraError extends Error {
  constructor(
    readonly kind: JiraErrorKind,
    readonly endpoint: JiraEndpoint,
    message: string,
    readonly status?: number,
    /** Jira's own messages (ErrorCollection), when it sent them. */
    readonly jiraMessages: string[] = [],
  ) {
    super(`${JIRA_ENDPOINTS[endpoint]}: ${message}`);
    this.name = 'JiraError';
  }
}

/**
 * Jira asked for a wait this invocation cannot (or should not) sit through: the Retry-After would outlast
 * what is left of it, or Jira's hourly quota is spent. Nothing was retried past the refusal; the caller
 * comes back after `waitMs` (a sync job re-queues itself with that delay).
 */
export class JiraRateLimited extends JiraError {
  constructor(
    endpoint: JiraEndpoint,
    /** How long Jira asked to wait, in milliseconds, from when the error was made. */
    readonly waitMs: number,
    /** Jira's `RateLimit-Reason`, if it gave one. */
    readonly reason: string | null,
    /** `quota`: the whole app is paused (an hourly quota); `endpoint`: this endpoint is slowed. */
    readonly scope: 'quota' | 'endpoint',
    status?: number,
  ) {
    super(
      'rate-limited',
      endpoint,
      `Jira is rate-limiting PMO Wins${reason ? ` (${reason})` : ''} and asks it to wait ${Math.ceil(waitMs / 1000)} s`,
      status,
    );
    this.name = 'JiraRateLimited';
  }
}

/** The wait Jira asked for, when the error is a rate limit the caller should come back from. */
export const rateLimitWaitOf = (error: unknown): number | null =>
  error instanceof JiraRateLimited ? error.waitMs : null;

/** Reads Jira's ErrorCollection body (`errorMessages` + `errors`) into plain sentences. */
export function jiraMessagesOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.map(String) : [];
    if (parsed.errors && typeof parsed.errors === 'object') {
      for (const [field, text] of Object.entries(parsed.errors)) messages.push(`${field}: ${String(text)}`);
    }
    return messages;
  } catch {
    return [];
  }
}
