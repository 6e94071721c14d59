/**
 * Longer than 400 lines: the invocation path (sandboxes, limits, platform calls, meter) is one state
 * machine; the services it answers (KVS, queues, products) are files of their own.
 *
 * A local Forge runtime: runs the bundle `npm run build:forge` makes (Forge's bundler, this folder's
 * wrapper) the way Forge invokes it, and answers the platform calls Atlassian's SDKs make from inside it.
 *
 * - Each function runs in its own sandbox (a worker thread on the bundle's `__forge__.cjs`), one invocation at
 *   a time, kept warm for the next; memory is capped at the manifest's `memoryMB`, and an invocation past its
 *   time limit (25 s for UI resolvers and exports, `timeoutSeconds` for consumers and scheduled triggers) is
 *   stopped and reported as Forge logs it ("Function timed out. Limit of N seconds").
 * - Platform calls: product requests go to the configured site as the app or the user; storage calls to
 *   the local KVS; queue pushes to the local queues, whose events are delivered to the consumer; personal
 *   data reports to the registry of closed and updated accounts (privacy.ts).
 * - Product and lifecycle events go to the triggers subscribed to them, as Forge delivers them: each event
 *   its own invocation, what the app caused itself left out where the trigger's filter says `ignoreSelf`.
 * - Every invocation is metered (see meter.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { INVOCATION_LIMITS } from './limits';
import { LocalKvs, type KvsOptions } from './kvs';
import { readRuntimeManifest, type FunctionSpec, type RuntimeManifest } from './manifest';
import { Meter, noCosts, type InvocationKind, type InvocationOutcome, type InvocationRecord } from './meter';
import {
  ProductProxy,
  proxyError,
  type PlatformAnswer,
  type ProductSite,
  type ProductTarget,
} from './products';
import { AccountRegistry, REPORT_ACCOUNTS_PATHS } from './privacy';
import { LocalQueues, type AsyncEvent, type DeliveryOutcome } from './queue';

export interface RuntimeOptions {
  /** The folder with manifest.yml. */
  rootDir: string;
  /** The bundle; default `.forge-build` under rootDir. */
  buildDir?: string;
  site: ProductSite;
  /** The KVS journal file; none keeps storage in memory. */
  storageFile?: string;
  storage?: Omit<KvsOptions, 'file'>;
  /** Starts the sandboxes' clock at another instant (reproducible demos and tests); time still runs. */
  clockOffsetMs?: number;
  /** Fire scheduled triggers on their interval (off by default: tests fire them by hand). */
  scheduleTriggers?: boolean;
  /** Shorter limits than the manifest's for some functions, in seconds (tests of the job deadline). */
  timeoutOverrides?: Record<string, number>;
  /** The first redelivery delay of a failed or held-back event (tests shorten it). */
  queueFirstRetryMs?: number;
  cloudId?: string;
  log?: (line: string) => void;
}

/** An invocation that did not return: what Forge would show in the app's logs, and to the caller. */
export class InvocationError extends Error {
  constructor(
    readonly outcome: InvocationOutcome,
    message: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}

interface Sandbox {
  worker: Worker;
  busy: boolean;
  dead: boolean;
  ready: Promise<void>;
}

/** Warm sandboxes kept per function between invocations (more run when calls come together). */
const MAX_IDLE_SANDBOXES = 2;

interface Running {
  record: InvocationRecord;
  principal: string | undefined;
  controllers: Map<number, AbortController>;
}

const INTERVAL_MS: Record<string, number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

/** Product events a trigger's function runs at once; more wait their turn (a burst of 1,000 stays cheap). */
const EVENTS_AT_ONCE = 4;

/** Forge's per-minute invocation limits for UI calls. */
const PER_USER_PER_MINUTE = 1_200;
const PER_INSTALLATION_PER_MINUTE = 5_000;

function newRecord(
  functionKey: string,
  kind: InvocationKind,
  detail: string,
  accountId: string | undefined,
): InvocationRecord {
  return {
    id: randomUUID(),
    functionKey,
    kind,
    detail,
    accountId: accountId ?? null,
    startedAt: Date.now(),
    outcome: 'ok',
    error: null,
    ...noCosts(),
  };
}

export class ForgeRuntime {
  readonly manifest: RuntimeManifest;
  readonly meter = new Meter();
  readonly kvs: LocalKvs;
  readonly queues: LocalQueues;
  /** Which accounts Atlassian's personal data reporting API calls closed or updated, and what was reported. */
  readonly accounts = new AccountRegistry();
  readonly cloudId: string;
  readonly installationId: string;
  private readonly buildDir: string;
  private readonly products: ProductProxy;
  private readonly sandboxes = new Map<string, Sandbox[]>();
  private readonly running = new Map<string, Running>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly uiCalls: Array<{ at: number; accountId: string | null }> = [];
  /** Product events being delivered (their triggers running or waiting their turn). */
  private readonly eventsInFlight = new Set<Promise<number>>();
  private readonly eventSlots = new Map<string, { running: number; waiting: Array<() => void> }>();
  private appAccount: Promise<string | null> | null = null;
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {
    this.buildDir = options.buildDir ?? join(options.rootDir, '.forge-build');
    if (!existsSync(join(this.buildDir, '__forge__.cjs'))) {
      throw new Error(`No Forge bundle in ${this.buildDir}: run \`npm run build:forge\` first.`);
    }
    this.manifest = readRuntimeManifest(resolve(options.rootDir, 'manifest.yml'));
    const major = Number(process.versions.node.split('.')[0]);
    if (this.manifest.nodeMajor !== null && major !== this.manifest.nodeMajor) {
      this.log(
        `Forge runs this app on Node ${this.manifest.nodeMajor} (manifest.yml); these sandboxes run on Node ${major}. ` +
          'Run through npm scripts, which use the Node the project installs.',
      );
    }
    this.cloudId = options.cloudId ?? 'local-cloud';
    this.installationId = `local-installation-${this.cloudId}`;
    this.kvs = new LocalKvs({
      ...options.storage,
      ...(options.storageFile ? { file: options.storageFile } : {}),
    });
    this.products = new ProductProxy(options.site);
    this.queues = new LocalQueues({
      consumers: new Map(this.manifest.consumers.map((c) => [c.queue, c.function])),
      deliver: (fn, event) => this.deliverEvent(fn, event),
      onDropped: (event, reason) =>
        this.log(`Event ${event.eventId} on ${event.queueName} dropped: ${reason}`),
    });
    if (options.scheduleTriggers) {
      for (const trigger of this.manifest.scheduledTriggers) {
        const every = INTERVAL_MS[trigger.interval];
        if (!every) continue;
        const timer = setInterval(() => {
          this.fireScheduledTrigger(trigger.key).catch((e: unknown) => this.log((e as Error).message));
        }, every);
        timer.unref();
        this.timers.push(timer);
      }
    }
  }

  get installContext(): string {
    return `ari:cloud:jira::site/${this.cloudId}`;
  }

  // --- invoking ---------------------------------------------------------------------------------

  /**
   * A UI module's resolver, as the product's bridge invokes it: `{call: {functionKey, payload}, context}`
   * and the caller as the principal. Returns the resolver's answer, or throws InvocationError.
   */
  async invokeResolver(
    moduleKey: string,
    call: { functionKey: string; payload: unknown },
    context: Record<string, unknown>,
    accountId: string | undefined,
  ): Promise<unknown> {
    const module = this.manifest.ui.find((m) => m.key === moduleKey);
    if (!module?.resolverFunction)
      throw new InvocationError('refused', `Module "${moduleKey}" has no resolver`);
    const requestBytes = Buffer.byteLength(JSON.stringify(call.payload ?? {}));
    if (requestBytes > INVOCATION_LIMITS.requestBytes) {
      throw new InvocationError(
        'refused',
        `The request payload is ${requestBytes} bytes, over Forge's ${INVOCATION_LIMITS.requestBytes}-byte limit`,
      );
    }
    this.countUiCall(accountId ?? null);
    return this.invoke(
      module.resolverFunction,
      'resolver',
      call.functionKey,
      { call, context },
      {
        principal: accountId ? { accountId } : undefined,
        installContext: this.installContext,
      },
      accountId,
    );
  }

  /** The macro's export (PDF, Word): the payload Confluence sends, the ADF document back. */
  invokeAdfExport(moduleKey: string, payload: Record<string, unknown>): Promise<unknown> {
    const module = this.manifest.ui.find((m) => m.key === moduleKey);
    if (!module?.adfExportFunction)
      throw new InvocationError('refused', `Module "${moduleKey}" has no adfExport`);
    return this.invoke(module.adfExportFunction, 'adfExport', moduleKey, payload, {
      installContext: this.installContext,
    });
  }

  /** A scheduled trigger fires: `{context: {cloudId, moduleKey}}`, no user. */
  async fireScheduledTrigger(key: string): Promise<void> {
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === key);
    if (!trigger) throw new Error(`No scheduled trigger "${key}" in manifest.yml`);
    await this.invoke(
      trigger.function,
      'scheduledTrigger',
      key,
      { context: { cloudId: this.cloudId, moduleKey: key }, contextToken: randomUUID() },
      { installContext: this.installContext },
    );
  }

  /**
   * A product or lifecycle event reaches every trigger subscribed to it, except where the trigger's
   * filter says `ignoreSelf` and the event's `atlassianId` is the app's own account. Resolves with the
   * number of triggers invoked, once all have run (a failing one is logged, as Forge logs it).
   */
  emitEvent(eventType: string, payload: Record<string, unknown>): Promise<number> {
    const delivery = this.deliverProductEvent(eventType, payload);
    this.eventsInFlight.add(delivery);
    void delivery.finally(() => this.eventsInFlight.delete(delivery)).catch(() => undefined);
    return delivery;
  }

  /**
   * A sink for the demo Jira's issue events (`startDemoJira({events})`, `demo.setEventSink`): each is
   * delivered as Jira delivers it to Forge, without making the site wait.
   */
  jiraEventSink(): (event: { eventType: string; payload: Record<string, unknown> }) => void {
    return (event) => {
      if (this.closed) return;
      this.emitEvent(event.eventType, event.payload).catch((e: unknown) =>
        this.log(`Event ${event.eventType} was not delivered: ${(e as Error).message}`),
      );
    };
  }

  private async deliverProductEvent(eventType: string, payload: Record<string, unknown>): Promise<number> {
    const subscribed = this.manifest.triggers.filter((t) => t.events.includes(eventType));
    const filtered = subscribed.some((t) => t.ignoreSelf[eventType]);
    const bySelf =
      filtered &&
      typeof payload.atlassianId === 'string' &&
      payload.atlassianId === (await this.appAccountId());
    const triggers = subscribed.filter((t) => !(bySelf && t.ignoreSelf[eventType]));
    await Promise.all(
      triggers.map((t) =>
        this.inTurn(t.function, () =>
          this.invoke(
            t.function,
            'trigger',
            eventType,
            { eventType, ...payload },
            { installContext: this.installContext },
          ),
        ).catch((e: unknown) => this.log(`Trigger ${t.key} failed: ${(e as Error).message}`)),
      ),
    );
    return triggers.length;
  }

  /** Runs `task` when fewer than EVENTS_AT_ONCE events of this function are running. */
  private async inTurn<T>(functionKey: string, task: () => Promise<T>): Promise<T> {
    const slots = this.eventSlots.get(functionKey) ?? { running: 0, waiting: [] };
    this.eventSlots.set(functionKey, slots);
    if (slots.running >= EVENTS_AT_ONCE) await new Promise<void>((go) => slots.waiting.push(go));
    slots.running += 1;
    try {
      return await task();
    } finally {
      slots.running -= 1;
      slots.waiting.shift()?.();
    }
  }

  /** The app's account on the site: configured, or asked of the site once (null when it cannot say). */
  private appAccountId(): Promise<string | null> {
    if (this.options.site.appAccountId) return Promise.resolve(this.options.site.appAccountId);
    this.appAccount ??= this.products
      .send(
        { type: 'fpp', provider: 'app', remote: 'jira' },
        '/rest/api/3/myself',
        { method: 'GET', headers: { accept: 'application/json' } },
        undefined,
        AbortSignal.timeout(10_000),
      )
      .then((answer) => {
        const accountId = (JSON.parse(answer.body ?? '{}') as { accountId?: unknown }).accountId;
        if (answer.status !== 200 || typeof accountId !== 'string')
          throw new Error(`status ${answer.status}`);
        return accountId;
      })
      .catch((error: unknown) => {
        this.log(
          `The app's account could not be read, so no event counts as its own: ${(error as Error).message}`,
        );
        this.appAccount = null;
        return null;
      });
    return this.appAccount;
  }

  /** The account is closed: the next personal data report naming it answers `closed`. */
  closeAccount(accountId: string): void {
    this.accounts.close(accountId);
  }

  /**
   * The account's profile changed at `at` (the sandboxes' clock, now by default): a report of data
   * fetched before then answers `updated`.
   */
  updateAccount(accountId: string, at = Date.now() + (this.options.clockOffsetMs ?? 0)): void {
    this.accounts.update(accountId, at);
  }

  /**
   * Resolves when every queued event has been delivered (retries and delays included), and every product
   * event emitted so far has reached its triggers (with what they queued).
   */
  async queuesIdle(): Promise<void> {
    for (;;) {
      while (this.eventsInFlight.size > 0) await Promise.allSettled([...this.eventsInFlight]);
      await this.queues.idle();
      if (this.eventsInFlight.size === 0) return;
    }
  }

  private async deliverEvent(functionKey: string, event: AsyncEvent): Promise<DeliveryOutcome> {
    try {
      const value = (await this.invoke(functionKey, 'consumer', event.queueName, event, {
        installContext: this.installContext,
      })) as {
        _retry?: boolean;
        retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown };
      };
      if (value && value._retry) {
        return {
          kind: 'retry-requested',
          retryAfterSeconds: Math.max(1, value.retryOptions?.retryAfter ?? 1),
          reason: value.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST',
          retryData: value.retryOptions?.retryData,
        };
      }
      return { kind: 'done' };
    } catch (error) {
      return { kind: 'failed', reason: (error as Error).message };
    }
  }

  /**
   * The platform boundary as a `__forge_fetch__` function outside any sandbox, its calls metered as one
   * record: for contract tests that run Atlassian's SDKs in the test's own process against this runtime.
   */
  sdkBoundary(accountId?: string): {
    fetch: (target: ProductTarget, path: string, init?: RequestInit) => Promise<Response>;
    record: InvocationRecord;
  } {
    const record = newRecord('direct', 'direct', 'sdk', accountId);
    this.meter.records.push(record);
    const running: Running = { record, principal: accountId, controllers: new Map() };
    let requestId = 0;
    const fetch = async (target: ProductTarget, path: string, init: RequestInit = {}) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const answer = await this.platformCall(running, {
        target,
        path,
        requestId: ++requestId,
        init: {
          method: init.method ?? 'GET',
          headers,
          body: init.body === undefined ? undefined : String(init.body),
        },
      });
      if (answer.error) throw new Error(answer.error.message);
      const empty = answer.status === 204 || answer.body === undefined;
      return new Response(empty ? null : answer.body, {
        status: answer.status,
        headers: answer.headers ?? {},
      });
    };
    return { fetch, record };
  }

  private countUiCall(accountId: string | null): void {
    const now = Date.now();
    while (this.uiCalls.length > 0 && (this.uiCalls[0] as { at: number }).at <= now - 60_000)
      this.uiCalls.shift();
    const byUser = accountId ? this.uiCalls.filter((c) => c.accountId === accountId).length : 0;
    if (this.uiCalls.length >= PER_INSTALLATION_PER_MINUTE || byUser >= PER_USER_PER_MINUTE) {
      throw new InvocationError(
        'refused',
        'Too many invocations this minute (429): wait for the window to reset',
      );
    }
    this.uiCalls.push({ at: now, accountId });
  }

  private timeoutOf(spec: FunctionSpec): number {
    return this.options.timeoutOverrides?.[spec.key] ?? spec.timeoutSeconds;
  }

  /** Runs one invocation in a warm sandbox of the function (or a new one) and meters it. */
  private async invoke(
    functionKey: string,
    kind: InvocationKind,
    detail: string,
    payload: unknown,
    context: Record<string, unknown>,
    accountId?: string,
  ): Promise<unknown> {
    if (this.closed) throw new InvocationError('refused', 'The runtime is shutting down');
    const spec = this.manifest.functions.get(functionKey);
    if (!spec) throw new InvocationError('refused', `No function "${functionKey}" in manifest.yml`);
    const sandbox = await this.sandboxFor(spec);
    const timeoutSeconds = this.timeoutOf(spec);
    const record = newRecord(functionKey, kind, detail, accountId);
    const running: Running = { record, principal: accountId, controllers: new Map() };
    this.running.set(record.id, running);
    const started = performance.now();
    const deadline = Date.now() + timeoutSeconds * 1000;
    try {
      const value = await new Promise<unknown>((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          finish();
          this.retire(spec.key, sandbox);
          reject(new InvocationError('timeout', `Function timed out. Limit of ${timeoutSeconds} seconds`));
        }, timeoutSeconds * 1000);
        const onMessage = (message: Record<string, unknown>) => {
          if (message.invocationId !== record.id) return;
          if (message.type === 'fetch') {
            void this.platformCall(running, message).then((answer) =>
              sandbox.worker.postMessage({ type: 'answer', requestId: message.requestId, ...answer }),
            );
          } else if (message.type === 'abort') {
            running.controllers.get(message.requestId as number)?.abort();
          } else if (message.type === 'result') {
            finish();
            record.peakHeapMB = Math.round(((message.peakHeap as number) / 1048576) * 10) / 10;
            if (message.ok) {
              const json = message.json as string | undefined;
              if (
                kind === 'resolver' &&
                json !== undefined &&
                Buffer.byteLength(json) > INVOCATION_LIMITS.responseBytes
              ) {
                reject(
                  new InvocationError(
                    'error',
                    `The response is ${Buffer.byteLength(json)} bytes, over Forge's ${INVOCATION_LIMITS.responseBytes}-byte limit`,
                  ),
                );
              } else {
                resolvePromise(json === undefined ? null : JSON.parse(json));
              }
            } else {
              const error = message.error as { message: string; stack?: string };
              reject(new InvocationError('error', error.message));
            }
          }
        };
        const onError = (error: Error & { code?: string }) => {
          finish();
          this.retire(spec.key, sandbox);
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new InvocationError(
                  'out-of-memory',
                  'Function was terminated with SIGKILL. This may indicate running out of memory.',
                )
              : new InvocationError('crashed', `The function's sandbox crashed: ${error.message}`),
          );
        };
        const onExit = (code: number) => onError(new Error(`exit code ${code}`));
        const finish = () => {
          clearTimeout(timer);
          sandbox.worker.off('message', onMessage);
          sandbox.worker.off('error', onError);
          sandbox.worker.off('exit', onExit);
        };
        if (sandbox.dead) {
          finish();
          reject(new InvocationError('crashed', "The function's sandbox died before the invocation started"));
          return;
        }
        sandbox.worker.on('message', onMessage);
        sandbox.worker.once('error', onError);
        sandbox.worker.once('exit', onExit);
        sandbox.worker.postMessage({
          type: 'invoke',
          invocationId: record.id,
          module: spec.module,
          exportName: spec.exportName,
          payload,
          context,
          deadline,
          appContext: {
            appId: this.manifest.appId,
            appVersion: 'local',
            environmentId: 'local',
            environmentType: 'DEVELOPMENT',
            installationId: this.installationId,
            moduleKey: detail,
            license: undefined,
            permissions: { scopes: this.manifest.scopes, external: {} },
          },
        });
      });
      return value;
    } catch (error) {
      record.outcome = error instanceof InvocationError ? error.outcome : 'error';
      record.error = (error as Error).message;
      // A platform failure is logged as Forge logs it; sandboxes stopped by shutting down are not news.
      if (record.outcome !== 'error' && !this.closed) this.log(`${functionKey} (${detail}): ${record.error}`);
      throw error;
    } finally {
      for (const controller of running.controllers.values()) controller.abort();
      record.durationMs = Math.round(performance.now() - started);
      this.running.delete(record.id);
      this.meter.records.push(record);
      if (!sandbox.dead) this.release(spec.key, sandbox);
    }
  }

  private async sandboxFor(spec: FunctionSpec): Promise<Sandbox> {
    const pool = this.sandboxes.get(spec.key) ?? [];
    this.sandboxes.set(spec.key, pool);
    let sandbox = pool.find((s) => !s.busy && !s.dead);
    if (!sandbox) {
      const worker = new Worker(join(this.buildDir, '__forge__.cjs'), {
        workerData: { clockOffsetMs: this.options.clockOffsetMs ?? 0 },
        resourceLimits: { maxOldGenerationSizeMb: spec.memoryMB },
      });
      worker.unref();
      const created: Sandbox = { worker, busy: true, dead: false, ready: Promise.resolve() };
      created.ready = new Promise<void>((done, fail) => {
        const onReady = (m: { type?: string }) => {
          if (m.type !== 'ready') return;
          worker.off('message', onReady);
          done();
        };
        worker.on('message', onReady);
        worker.once('exit', (code) =>
          fail(
            new InvocationError('crashed', `The function's sandbox exited (code ${code}) before it started`),
          ),
        );
      });
      // Whenever a sandbox dies (between invocations too), it leaves the pool for good. Errors are
      // reported by the invocation that is running, if any; none may bring the runtime down.
      worker.on('error', () => undefined);
      worker.once('exit', () => {
        created.dead = true;
        this.retire(spec.key, created);
      });
      pool.push(created);
      sandbox = created;
    }
    sandbox.busy = true;
    try {
      await sandbox.ready;
    } catch (error) {
      this.retire(spec.key, sandbox);
      throw error;
    }
    return sandbox;
  }

  /** Back in the pool after an invocation; past a few idle ones per function, it is stopped instead. */
  private release(functionKey: string, sandbox: Sandbox): void {
    sandbox.busy = false;
    const idle = (this.sandboxes.get(functionKey) ?? []).filter((s) => !s.busy && !s.dead);
    if (idle.length > MAX_IDLE_SANDBOXES) this.retire(functionKey, sandbox);
  }

  /** A sandbox that was stopped (timeout) or died is never reused. */
  private retire(functionKey: string, sandbox: Sandbox): void {
    sandbox.dead = true;
    const pool = this.sandboxes.get(functionKey) ?? [];
    const at = pool.indexOf(sandbox);
    if (at >= 0) pool.splice(at, 1);
    void sandbox.worker.terminate();
  }

  // --- platform calls ---------------------------------------------------------------------------

  private async platformCall(running: Running, message: Record<string, unknown>): Promise<PlatformAnswer> {
    const target = (message.target ?? {}) as ProductTarget;
    const path = String(message.path);
    const init = message.init as { method: string; headers: Record<string, string>; body?: string };
    const record = running.record;
    try {
      if (target.type === 'kvs') {
        record.kvsRequests += 1;
        let body: unknown;
        try {
          body = init.body === undefined ? {} : JSON.parse(init.body);
        } catch {
          return {
            status: 400,
            body: JSON.stringify({ code: 'INVALID_REQUEST', message: 'The body is not JSON' }),
          };
        }
        const { answer, cost } = this.kvs.handle(path, body);
        record.kvsReadUnits += cost.readUnits;
        record.kvsWriteUnits += cost.writeUnits;
        record.kvsBytesRead += cost.bytesRead;
        record.kvsBytesWritten += cost.bytesWritten;
        if (answer.status === 429) record.kvsThrottled += 1;
        return {
          status: answer.status,
          headers: { 'content-type': 'application/json', ...answer.headers },
          ...(answer.body === undefined ? {} : { body: JSON.stringify(answer.body) }),
        };
      }
      if (target.remote === 'stargate' && REPORT_ACCOUNTS_PATHS.includes(path)) {
        if (target.provider !== 'app') {
          return proxyError(403, 'FORBIDDEN', 'Personal data is reported as the app (asApp)');
        }
        return this.accounts.handle(init);
      }
      if (target.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
        if (path.startsWith('/webhook/queue/publish/')) record.queuePushes += 1;
        return this.queues.handle(path, init.body);
      }
      const product = ProductProxy.productOf(target);
      if (target.type !== 'fpp' || !product) {
        return proxyError(
          404,
          'UNSUPPORTED',
          `The local runtime does not serve ${JSON.stringify(target)} ${path}`,
        );
      }
      if (product === 'jira') record.jiraRequests += 1;
      else record.confluenceRequests += 1;
      const controller = new AbortController();
      const requestId = message.requestId as number;
      running.controllers.set(requestId, controller);
      try {
        return await this.products.send(target, path, init, running.principal, controller.signal);
      } finally {
        running.controllers.delete(requestId);
      }
    } catch (error) {
      return { status: 0, error: { message: (error as Error).message } };
    }
  }

  private log(line: string): void {
    (this.options.log ?? ((l: string) => console.error(`[forge-runtime] ${l}`)))(line);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timers.forEach((t) => clearInterval(t));
    this.queues.close();
    const all = [...this.sandboxes.values()].flat();
    this.sandboxes.clear();
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}
