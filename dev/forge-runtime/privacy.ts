import type { PlatformAnswer } from './products';

/**
 * Atlassian's personal data reporting API, which `privacy.reportPersonalData` (@forge/api) calls as the app:
 * `POST /app/report-accounts` with `{accounts: [{accountId, updatedAt}]}`, at most 90 accounts a request.
 * The answer names the accounts whose stored data must go (`closed`) or may be fetched again
 * (`updated`: the profile changed after `updatedAt`), 200 with `{accounts: [{accountId, status}]}`, or 204
 * when there is nothing to do. A malformed request is refused with 400 and `{errorType, errorMessage}`, as
 * Atlassian's reference documents it.
 *
 * Which accounts are closed or updated is up to the tests and the local host: `close` and `update` set it.
 * Every request the app made is kept in `requests`, so a test can read what was reported.
 */
export const REPORT_ACCOUNTS_PATHS: readonly string[] = ['/app/report-accounts', '/app/report-accounts/'];

/** The most accounts one request may carry. */
export const REPORT_BATCH_LIMIT = 90;

/** An Atlassian account id: 1-128 letters, digits, `-` and `:`. */
const ACCOUNT_ID = /^[A-Za-z0-9:-]{1,128}$/;
/** RFC 3339's date-time (section 5.6). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface ReportedAccount {
  accountId: string;
  updatedAt: string;
}

export class AccountRegistry {
  private readonly closed = new Set<string>();
  /** When each updated account's profile last changed (epoch ms). */
  private readonly updated = new Map<string, number>();
  /** Every well-formed request the app made, in order. */
  readonly requests: ReportedAccount[][] = [];

  /** The account was closed: any data the app keeps of it must be erased. */
  close(accountId: string): void {
    this.closed.add(accountId);
  }

  /** The account's profile changed at `at`: data fetched before then may be fetched again. */
  update(accountId: string, at: number): void {
    this.updated.set(accountId, at);
  }

  /** Every account reported so far, once each. */
  reportedIds(): string[] {
    return [...new Set(this.requests.flat().map((a) => a.accountId))];
  }

  handle(init: { method: string; body?: string }): PlatformAnswer {
    if (init.method.toUpperCase() !== 'POST') {
      return refusal(405, 'METHOD_NOT_ALLOWED', 'Accounts are reported with POST');
    }
    let body: unknown;
    try {
      body = JSON.parse(init.body ?? '');
    } catch {
      return refusal(400, 'INVALID_REQUEST', 'The body is not JSON');
    }
    const accounts = (body as { accounts?: unknown } | null)?.accounts;
    if (!Array.isArray(accounts)) {
      return refusal(400, 'INVALID_REQUEST', 'The body must be {"accounts": [...]}');
    }
    if (accounts.length === 0 || accounts.length > REPORT_BATCH_LIMIT) {
      return refusal(
        400,
        'INVALID_REQUEST',
        `A request reports 1 to ${REPORT_BATCH_LIMIT} accounts, not ${accounts.length}`,
      );
    }
    const reported: ReportedAccount[] = [];
    for (const [i, item] of accounts.entries()) {
      const { accountId, updatedAt } = (item ?? {}) as Record<string, unknown>;
      if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
        return refusal(400, 'INVALID_REQUEST', `accounts[${i}].accountId is not an account id`);
      }
      if (
        typeof updatedAt !== 'string' ||
        !DATE_TIME.test(updatedAt) ||
        Number.isNaN(Date.parse(updatedAt))
      ) {
        return refusal(400, 'INVALID_REQUEST', `accounts[${i}].updatedAt is not an RFC 3339 date-time`);
      }
      reported.push({ accountId, updatedAt });
    }
    this.requests.push(reported);
    const answers: Array<{ accountId: string; status: 'closed' | 'updated' }> = [];
    for (const { accountId, updatedAt } of reported) {
      const changedAt = this.updated.get(accountId);
      if (this.closed.has(accountId)) answers.push({ accountId, status: 'closed' });
      else if (changedAt !== undefined && changedAt > Date.parse(updatedAt))
        answers.push({ accountId, status: 'updated' });
    }
    if (answers.length === 0) return { status: 204, headers: {} };
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accounts: answers }),
    };
  }
}

function refusal(status: number, errorType: string, errorMessage: string): PlatformAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errorType, errorMessage }),
  };
}
