import type { z } from 'zod';
import { JiraError, jiraMessagesOf } from './errors';
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
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds (or an HTTP date) from Retry-After or Beta-Retry-After, in milliseconds. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends requests through a transport with Jira's etiquette: 429 and 503 wait as long as Jira asks
 * (Retry-After, Beta-Retry-After), other 5xx and network errors back off exponentially with full jitter,
 * each attempt has a timeout, and every body is checked against the shape the caller expects.
 */
export class JiraClient {
  readonly stats: RequestStats;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly transport: JiraTransport,
    private readonly options: JiraClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.stats = options.stats ?? new RequestStats();
  }

  async call<S extends z.ZodType>(request: Omit<JiraRequest, 'signal'>, schema: S): Promise<z.infer<S>> {
    const { endpoint } = request;
    for (let attempt = 0; ; attempt++) {
      if (this.options.budget !== undefined && this.stats.total >= this.options.budget) {
        throw new JiraError('budget', endpoint, `request budget of ${this.options.budget} spent`);
      }
      this.stats.count(endpoint);
      const outcome = await this.attempt(request);
      if (outcome.kind === 'done') return this.validate(endpoint, outcome.status, outcome.json, schema);
      if (attempt >= this.retry.maxRetries) throw outcome.error;
      this.stats.retries++;
      await this.sleep(outcome.waitMs ?? this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attempt(
    request: Omit<JiraRequest, 'signal'>,
  ): Promise<
    { kind: 'done'; status: number; json: unknown } | { kind: 'retry'; error: JiraError; waitMs?: number }
  > {
    const { endpoint } = request;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.retry.timeoutMs);
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
        const asked =
          retryAfterMs(response.header('Retry-After')) ?? retryAfterMs(response.header('Beta-Retry-After'));
        return {
          kind: 'retry',
          error,
          waitMs: asked === undefined ? undefined : Math.min(asked, 15 * 60_000),
        };
      }
      if (response.status >= 500) return { kind: 'retry', error };
      throw error;
    } catch (error) {
      if (error instanceof JiraError) throw error;
      if (controller.signal.aborted) {
        return {
          kind: 'retry',
          error: new JiraError('timeout', endpoint, `no answer within ${this.retry.timeoutMs} ms`),
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
