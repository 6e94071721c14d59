import type { z } from 'zod';
import { JiraError, JiraRateLimited, jiraMessagesOf } from './errors';
import type { JiraEndpoint, JiraRequest, JiraTransport } from './transport';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff for 5xx and network errors; doubles each retry, capped. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
};

/** Counts what a client spent, per endpoint, for progress and benchmarks. */
export class RequestStats {
  readonly requests: Partial<Record<JiraEndpoint, number>> = {};
  retries = 0;

  get total(): number {
    return Object.values(this.requests).reduce((sum, n) => sum + (n ?? 0), 0);
  }

  count(endpoint: JiraEndpoint): void {
    this.requests[endpoint] = (this.requests[endpoint] ?? 0) + 1;
  }
}

export interface JiraClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Requests this client may send in all (retries included); past it, calls fail with kind 'budget'. */
  budget?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform random in [0, 1), for jitter. */
  random?: () => number;
  stats?: RequestStats;
  /**
   * What is left of the invocation this client works in (Forge: `invocationRemainingTimeInMillis`). Every
   * wait and every request's timeout then fits in it: a wait that would not ends the call with a
   * `JiraRateLimited` error (or, for a backoff after a failure, that failure) instead of sleeping past the
   * invocation, and an hourly quota Jira reports pauses the caller at once rather than being slept through.
   */
  remainingMs?: () => number;
  /** Kept back of the invocation after a request or wait, for the caller to answer or save (default 2 s). */
  reserveMs?: number;
  /** The longest single wait this client sits through (default 15 minutes); a longer one is thrown. */
  maxWaitMs?: number;
  /** Epoch milliseconds, for pacing (tests inject one). */
  clock?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest wait Jira may ask of a client without remainingMs. */
const MAX_WAIT_MS = 15 * 60_000;
const DEFAULT_RESERVE_MS = 2_000;
/** A request needs at least this long to be worth sending. */
const MIN_ATTEMPT_MS = 1_000;
/** Spacing of an endpoint's requests after Jira's burst limit refused one: first, and at most. */
const FIRST_GAP_MS = 250;
const MAX_GAP_MS = 5_000;
/** Each answered request shortens the spacing by this share; below GAP_FLOOR_MS it is dropped. */
const GAP_EASE = 0.1;
const GAP_FLOOR_MS = 50;

/**
 * What a `RateLimit-Reason` asks of the app (Atlassian, "Rate limiting"): the points-based hourly quota
 * (`jira-quota-global-based`, `jira-quota-tenant-based`, formerly `jira-quota-based`) holds for every
 * request of the app until it resets; the burst limit (`jira-burst-based`) is per endpoint and method, and
 * the per-issue write limit (`jira-per-issue-on-write`) per issue: those slow only the endpoint refused.
 */
export function rateLimitScope(reason: string | null): 'quota' | 'endpoint' {
  return reason !== null && reason.startsWith('jira-quota') ? 'quota' : 'endpoint';
}

/** Seconds (or an HTTP date) from Retry-After or Beta-Retry-After, in milliseconds. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type Outcome =
  | { kind: 'done'; status: number; json: unknown }
  | {
      kind: 'retry';
      error: JiraError;
      waitMs?: number;
      /** Set when Jira refused for a rate limit (429, or 503 with a retry header). */
      limit?: { reason: string | null; scope: 'quota' | 'endpoint'; askedMs: number | undefined };
    };

/** An endpoint's pacing: when its next request may go, and how far apart its requests are kept. */
interface Pace {
  nextAt: number;
  gapMs: number;
  lastStart: number;
}

/**
 * Sends requests through a transport with Jira's etiquette: 429 and 503 wait as long as Jira asks
 * (Retry-After, Beta-Retry-After), other 5xx and network errors back off exponentially with full jitter,
 * each attempt has a timeout, and every body is checked against the shape the caller expects.
 * `RateLimit-Reason` decides what a refusal holds back: Jira's burst limit slows the endpoint refused
 * (its next requests are spaced out, easing as they are answered), an hourly quota pauses every request
 * of this client. With `remainingMs`, no wait outlasts the invocation (see JiraClientOptions).
 */
export class JiraClient {
  readonly stats: RequestStats;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly clock: () => number;
  /** Until when Jira's quota holds every request of this client. */
  private pausedUntil = 0;
  private readonly paces = new Map<JiraEndpoint, Pace>();

  constructor(
    private readonly transport: JiraTransport,
    private readonly options: JiraClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? Date.now;
    this.stats = options.stats ?? new RequestStats();
  }

  async call<S extends z.ZodType>(request: Omit<JiraRequest, 'signal'>, schema: S): Promise<z.infer<S>> {
    const { endpoint } = request;
    /** The wait Jira (or the backoff) asked for before the next attempt, slept exactly. */
    let retryWaitMs = 0;
    for (let attempt = 0; ; attempt++) {
      if (this.options.budget !== undefined && this.stats.total >= this.options.budget) {
        throw new JiraError('budget', endpoint, `request budget of ${this.options.budget} spent`);
      }
      await this.waitTurn(endpoint, retryWaitMs);
      const timeoutMs = this.attemptTimeout(endpoint);
      this.stats.count(endpoint);
      const outcome = await this.attempt(request, timeoutMs);
      if (outcome.kind === 'done') {
        this.eased(endpoint);
        return this.validate(endpoint, outcome.status, outcome.json, schema);
      }
      if (attempt >= this.retry.maxRetries) throw outcome.error;
      const waitMs = outcome.waitMs ?? this.backoff(attempt);
      retryWaitMs = waitMs;
      const now = this.clock();
      const until = now + waitMs;
      if (outcome.limit) {
        const { reason, scope, askedMs } = outcome.limit;
        this.lastLimit = { reason, scope, status: outcome.error.status, until: now + (askedMs ?? waitMs) };
        if (outcome.limit.scope === 'quota') {
          this.pausedUntil = Math.max(this.pausedUntil, until);
        } else {
          const pace = this.paceOf(endpoint);
          pace.nextAt = Math.max(pace.nextAt, until);
          // Jira's burst limit: keep this endpoint's requests apart from now on, wider each refusal.
          if (outcome.limit.reason) pace.gapMs = Math.min(MAX_GAP_MS, Math.max(FIRST_GAP_MS, pace.gapMs * 2));
        }
      } else {
        // A backoff that cannot be waited out here ends the call with the failure that asked for it.
        if (!this.fits(waitMs)) throw outcome.error;
        const pace = this.paceOf(endpoint);
        pace.nextAt = Math.max(pace.nextAt, until);
      }
      this.stats.retries++;
    }
  }

  /** The rate limit that asked for the last wait (and until when, uncapped), to name it if it is thrown. */
  private lastLimit: {
    reason: string | null;
    scope: 'quota' | 'endpoint';
    status?: number;
    until: number;
  } | null = null;

  /** The error for a wait that is not sat through: how long Jira asked, and why. */
  private limitedError(endpoint: JiraEndpoint, waitMs: number, now: number, quota: boolean): JiraRateLimited {
    const limit = this.lastLimit;
    const asked = Math.max(waitMs, (limit?.until ?? 0) - now);
    return new JiraRateLimited(
      endpoint,
      asked,
      limit?.reason ?? null,
      quota ? 'quota' : (limit?.scope ?? 'endpoint'),
      limit?.status,
    );
  }

  private paceOf(endpoint: JiraEndpoint): Pace {
    let pace = this.paces.get(endpoint);
    if (!pace) {
      pace = { nextAt: 0, gapMs: 0, lastStart: 0 };
      this.paces.set(endpoint, pace);
    }
    return pace;
  }

  /** Whether a wait of `ms` leaves time for a request and the caller's reserve. */
  private fits(ms: number): boolean {
    if (ms > (this.options.maxWaitMs ?? MAX_WAIT_MS)) return false;
    const remaining = this.options.remainingMs?.();
    if (remaining === undefined) return true;
    return remaining - ms - (this.options.reserveMs ?? DEFAULT_RESERVE_MS) >= MIN_ATTEMPT_MS;
  }

  /**
   * Waits, once, until this endpoint may be asked again: past a quota pause, a retry's wait and the
   * endpoint's spacing. A wait that does not fit (or a quota pause inside an invocation) is thrown.
   */
  private async waitTurn(endpoint: JiraEndpoint, retryWaitMs: number): Promise<void> {
    const pace = this.paceOf(endpoint);
    const now = this.clock();
    const paused = this.pausedUntil - now;
    if (paused > 0 && this.options.remainingMs) {
      // Jira's hourly quota: no request of this app goes through before it resets, so the caller stops
      // here (a sync job comes back then) rather than spending its invocation asleep.
      throw this.limitedError(endpoint, paused, now, true);
    }
    const waitMs = Math.max(retryWaitMs, paused, pace.nextAt - now, pace.lastStart + pace.gapMs - now, 0);
    if (waitMs > 0) {
      if (!this.fits(waitMs)) throw this.limitedError(endpoint, waitMs, now, false);
      await this.sleep(waitMs);
    }
    pace.lastStart = this.clock();
  }

  /** The attempt's timeout: the policy's, cut to what is left of the invocation. */
  private attemptTimeout(endpoint: JiraEndpoint): number {
    const remaining = this.options.remainingMs?.();
    if (remaining === undefined) return this.retry.timeoutMs;
    const left = remaining - (this.options.reserveMs ?? DEFAULT_RESERVE_MS);
    if (left <= 0) {
      throw new JiraError('timeout', endpoint, 'no time left in this invocation for another request');
    }
    return Math.min(this.retry.timeoutMs, left);
  }

  /** An answered request eases its endpoint's spacing. */
  private eased(endpoint: JiraEndpoint): void {
    const pace = this.paces.get(endpoint);
    if (!pace || pace.gapMs === 0) return;
    pace.gapMs = pace.gapMs * (1 - GAP_EASE);
    if (pace.gapMs < GAP_FLOOR_MS) pace.gapMs = 0;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attempt(request: Omit<JiraRequest, 'signal'>, timeoutMs: number): Promise<Outcome> {
    const { endpoint } = request;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await this.transport.send({ ...request, signal: controller.signal });
      const body = await response.text();
      if (response.status < 400) {
        try {
          return { kind: 'done', status: response.status, json: JSON.parse(body) };
        } catch {
          // A cut-off body is usually a dropped connection: worth another try.
          const error = new JiraError(
            'malformed',
            endpoint,
            `the ${response.status} answer is not valid JSON (${body.length} bytes)`,
            response.status,
          );
          return { kind: 'retry', error };
        }
      }
      const messages = jiraMessagesOf(body);
      const error = new JiraError(
        'http',
        endpoint,
        `Jira answered ${response.status}${messages.length ? `: ${messages.join('; ')}` : ''}`,
        response.status,
        messages,
      );
      if (response.status === 429 || response.status === 503) {
        const reason = response.header('RateLimit-Reason');
        if (reason) error.message += ` (rate limit: ${reason})`;
        const now = this.clock();
        const asked =
          retryAfterMs(response.header('Retry-After'), now) ??
          retryAfterMs(response.header('Beta-Retry-After'), now);
        // A 503 without a retry header is a server failure, backed off like any other.
        const limited = response.status === 429 || asked !== undefined;
        return {
          kind: 'retry',
          error,
          waitMs: asked === undefined ? undefined : Math.min(asked, MAX_WAIT_MS),
          ...(limited ? { limit: { reason, scope: rateLimitScope(reason), askedMs: asked } } : {}),
        };
      }
      if (response.status >= 500) return { kind: 'retry', error };
      throw error;
    } catch (error) {
      if (error instanceof JiraError) throw error;
      if (controller.signal.aborted) {
        return {
          kind: 'retry',
          error: new JiraError('timeout', endpoint, `no answer within ${timeoutMs} ms`),
        };
      }
      return {
        kind: 'retry',
        error: new JiraError('network', endpoint, `could not reach Jira (${(error as Error).message})`),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private validate<S extends z.ZodType>(
    endpoint: JiraEndpoint,
    status: number,
    json: unknown,
    schema: S,
  ): z.infer<S> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw new JiraError(
        'malformed',
        endpoint,
        `unexpected answer at ${where}: ${issue?.message ?? 'invalid'}`,
        status,
      );
    }
    return parsed.data;
  }
}
