/**
 * Forge's async events for one installation: the publish endpoint `@forge/events` calls
 * (`/webhook/queue/publish/...`, 201 on success), delivery of each event to the queue's consumer, the
 * per-push `concurrency: {key, limit}` (scoped to the installation, not the queue), `delayInSeconds`, and
 * retries: an event whose consumer throws, times out or runs out of memory is delivered again with a
 * growing delay (up to 15 minutes) until its 24-hour retention window closes; a consumer that returns an
 * InvocationError is retried after its `retryAfter` (at most 900 s).
 */
import { randomUUID } from 'node:crypto';
import { QUEUE_LIMITS } from './limits';
import type { PlatformAnswer } from './products';

export interface AsyncEvent {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
}

/** How a delivery ended, as the runtime saw it. */
export type DeliveryOutcome =
  | { kind: 'done' }
  | { kind: 'retry-requested'; retryAfterSeconds: number; reason: string; retryData?: unknown }
  | { kind: 'failed'; reason: string };

interface Pending {
  event: AsyncEvent;
  readyAt: number;
  firstAt: number;
  attempts: number;
  /** Times it was held back by its concurrency key. */
  held: number;
}

export interface QueueOptions {
  /** Consumers by queue name (manifest `consumer`). */
  consumers: Map<string, string>;
  deliver: (functionKey: string, event: AsyncEvent) => Promise<DeliveryOutcome>;
  now?: () => number;
  /** Told of every event that is dropped for good. */
  onDropped?: (event: AsyncEvent, reason: string) => void;
  /** The first retry delay (Forge: about a second, doubling up to 15 minutes); tests shorten it. */
  firstRetryMs?: number;
}

const json = (status: number, body: unknown): PlatformAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export class LocalQueues {
  private readonly pending: Pending[] = [];
  private readonly running = new Map<string, number>();
  private readonly jobs = new Map<string, { success: number; inProgress: number; failed: number }>();
  private readonly cancelled = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: QueueOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The platform endpoints @forge/events calls (publish, stats, cancel). */
  handle(path: string, body: string | undefined): PlatformAnswer {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body ?? '') as Record<string, unknown>;
    } catch {
      return json(400, { message: 'The queue request is not JSON' });
    }
    if (path.startsWith('/webhook/queue/publish/')) return this.publish(request, body ?? '');
    const job = this.jobs.get(String(request.jobId));
    if (path.startsWith('/webhook/queue/stats/')) return job ? json(200, job) : json(404, {});
    if (path.startsWith('/webhook/queue/cancel/')) {
      if (!job) return json(404, {});
      this.cancelled.add(String(request.jobId));
      this.schedule();
      return { status: 204 };
    }
    return json(404, { message: `No queue operation at ${path}` });
  }

  private publish(request: Record<string, unknown>, raw: string): PlatformAnswer {
    const queueName = String(request.queueName ?? '');
    const consumer = this.options.consumers.get(queueName);
    if (!consumer) return json(400, { message: `No consumer in manifest.yml for queue "${queueName}"` });
    const events = request.payload as Array<Record<string, unknown>>;
    if (!Array.isArray(events) || events.length === 0 || events.length > QUEUE_LIMITS.eventsPerPush) {
      return json(400, { message: `A push carries 1 to ${QUEUE_LIMITS.eventsPerPush} events` });
    }
    if (Buffer.byteLength(raw) > QUEUE_LIMITS.pushBytes + 1024) {
      return json(413, { errorMessage: `The maximum payload size is ${QUEUE_LIMITS.pushBytes / 1024}KB.` });
    }
    const jobId = String(request.jobId ?? randomUUID());
    const stats = this.jobs.get(jobId) ?? { success: 0, inProgress: 0, failed: 0 };
    this.jobs.set(jobId, stats);
    const now = this.now();
    for (const raw of events) {
      const delay = Number(raw.delayInSeconds ?? 0);
      const concurrency = raw.concurrency as AsyncEvent['concurrency'] | undefined;
      const event: AsyncEvent = {
        body: raw.body as Record<string, unknown>,
        queueName,
        jobId,
        eventId: randomUUID(),
        ...(raw.delayInSeconds !== undefined ? { delayInSeconds: delay } : {}),
        ...(concurrency ? { concurrency } : {}),
      };
      stats.inProgress += 1;
      this.pending.push({ event, readyAt: now + delay * 1000, firstAt: now, attempts: 0, held: 0 });
    }
    this.schedule();
    return { status: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobId }) };
  }

  /** Resolves when no event is waiting or being delivered (delayed and retried events included). */
  idle(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Events waiting for delivery (delayed, retried or held back by their concurrency key). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Stops delivering; events still waiting are dropped, and `idle()` resolves. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.pending.length = 0;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /**
   * Delivers every event that is due. An event held back by its concurrency key is tried again later, with
   * a growing delay, as Forge redelivers throttled events (not the moment a slot frees).
   */
  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    for (let i = 0; i < this.pending.length;) {
      const p = this.pending[i] as Pending;
      if (this.cancelled.has(p.event.jobId)) {
        this.pending.splice(i, 1);
        this.finish(p.event, 'failed');
        continue;
      }
      if (p.readyAt <= now) {
        const key = p.event.concurrency?.key;
        const full = key !== undefined && (this.running.get(key) ?? 0) >= (p.event.concurrency?.limit ?? 1);
        if (!full) {
          this.pending.splice(i, 1);
          void this.deliver(p);
          continue;
        }
        p.readyAt = now + this.backoff(p.held);
        p.held += 1;
      }
      i += 1;
    }
    const next = this.pending.reduce((soonest, p) => Math.min(soonest, p.readyAt), Infinity);
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.schedule(), Math.max(0, next - this.now()));
    this.notifyIdle();
  }

  private backoff(attempt: number): number {
    return Math.min(
      (this.options.firstRetryMs ?? QUEUE_LIMITS.firstRetryMs) * 2 ** attempt,
      QUEUE_LIMITS.maxRetryMs,
    );
  }

  private async deliver(p: Pending): Promise<void> {
    const key = p.event.concurrency?.key;
    if (key !== undefined) this.running.set(key, (this.running.get(key) ?? 0) + 1);
    this.inFlight += 1;
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.options.deliver(this.options.consumers.get(p.event.queueName) as string, p.event);
    } catch (error) {
      outcome = { kind: 'failed', reason: (error as Error).message };
    }
    if (key !== undefined) this.running.set(key, (this.running.get(key) ?? 1) - 1);
    this.inFlight -= 1;
    if (outcome.kind === 'done') {
      this.finish(p.event, 'success');
    } else if (this.cancelled.has(p.event.jobId) || this.closed) {
      this.finish(p.event, 'failed');
    } else {
      const now = this.now();
      const attempts = p.attempts + 1;
      const delay =
        outcome.kind === 'retry-requested'
          ? Math.min(outcome.retryAfterSeconds, QUEUE_LIMITS.maxRetryAfterSeconds) * 1000
          : this.backoff(attempts - 1);
      if (now + delay - p.firstAt > QUEUE_LIMITS.retentionMs) {
        this.finish(p.event, 'failed');
        this.options.onDropped?.(p.event, outcome.reason);
      } else {
        this.pending.push({
          ...p,
          attempts,
          readyAt: now + delay,
          event: {
            ...p.event,
            retryContext: {
              retryCount: attempts,
              retryReason: outcome.kind === 'retry-requested' ? outcome.reason : 'FUNCTION_ERROR',
              ...(outcome.kind === 'retry-requested' && outcome.retryData !== undefined
                ? { retryData: outcome.retryData }
                : {}),
            },
          },
        });
      }
    }
    this.schedule();
  }

  private finish(event: AsyncEvent, how: 'success' | 'failed'): void {
    const stats = this.jobs.get(event.jobId);
    if (!stats) return;
    stats.inProgress -= 1;
    stats[how] += 1;
  }

  private notifyIdle(): void {
    if (this.pending.length > 0 || this.inFlight > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}
