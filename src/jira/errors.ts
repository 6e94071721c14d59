import type { JiraEndpoint } from './transport';
import { JIRA_ENDPOINTS } from './transport';

export type JiraErrorKind = 'http' | 'malformed' | 'timeout' | 'network' | 'budget';

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
