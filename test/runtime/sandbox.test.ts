/**
 * The runtime itself, on a small app of its own (a manifest and a bundle written here, with the runtime's
 * real loader and wrapper): time and memory limits, sandboxes that die, the clock, queue delivery with
 * retries, delays and concurrency keys.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForgeRuntime, InvocationError } from '../../dev/forge-runtime/runtime';
import { ROOT } from './harness';

const MANIFEST = `
modules:
  jira:globalPage:
    - { key: echo-page, title: Echo, resource: main, resolver: { function: echo } }
    - { key: hang-page, title: Hang, resource: main, resolver: { function: hang } }
    - { key: fail-page, title: Fail, resource: main, resolver: { function: fail } }
    - { key: exit-page, title: Exit, resource: main, resolver: { function: exit-after } }
    - { key: big-page, title: Big, resource: main, resolver: { function: big } }
    - { key: oom-page, title: Oom, resource: main, resolver: { function: oom } }
  consumer:
    - { key: flaky-consumer, queue: flaky, function: flaky }
    - { key: slow-consumer, queue: slow, function: slow }
  function:
    - { key: echo, handler: index.echo }
    - { key: hang, handler: index.hang }
    - { key: fail, handler: index.fail }
    - { key: exit-after, handler: index.exitAfter }
    - { key: big, handler: index.big }
    - { key: oom, handler: index.oom, runtime: { memoryMB: 64 } }
    - { key: flaky, handler: index.flaky, timeoutSeconds: 10 }
    - { key: slow, handler: index.slow, timeoutSeconds: 10 }
resources:
  - { key: main, path: static }
app:
  id: ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000001
  runtime: { name: nodejs22.x }
`;

const BUNDLE = `
let calls = 0;
let flakyCalls = 0;
class LocalTime extends Date {}
exports.echo = async (event, context) => ({
  call: event.call,
  principal: context.principal ? context.principal.accountId : null,
  remaining: global.__forge_runtime__.lambdaContext.getRemainingTimeInMillis(),
  now: Date.now(),
  subclassKept: new LocalTime(0) instanceof LocalTime,
  calls: ++calls,
});
exports.hang = () => new Promise(() => {});
exports.fail = async () => { throw new Error('the handler failed'); };
exports.exitAfter = async () => { setTimeout(() => process.exit(3), 20); return 'bye'; };
exports.big = async () => 'x'.repeat(6 * 1024 * 1024);
exports.oom = async () => { const hold = []; for (;;) hold.push(new Array(1e6).fill(hold.length)); };
exports.flaky = async (event) => {
  flakyCalls += 1;
  if (flakyCalls === 1) throw new Error('first delivery fails');
  if (flakyCalls === 2) return { _retry: true, retryOptions: { retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } };
  return { retryCount: event.retryContext ? event.retryContext.retryCount : 0 };
};
exports.slow = async () => { await new Promise((r) => setTimeout(r, 150)); };
`;

describe('the local runtime on a small app', () => {
  let dir: string;
  let runtime: ForgeRuntime;
  const START = Date.parse('2026-01-05T10:00:00Z');
  const call = (module: string, payload: unknown = {}, accountId?: string) =>
    runtime.invokeResolver(module, { functionKey: 'x', payload }, {}, accountId);
  const publish = (queueName: string, payload: unknown[]) =>
    runtime
      .sdkBoundary()
      .fetch(
        { type: 'fpp', provider: 'app', remote: 'stargate' },
        '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}',
        { method: 'POST', body: JSON.stringify({ queueName, jobId: `job-${queueName}`, payload }) },
      );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'forge-runtime-'));
    const build = join(dir, '.forge-build');
    mkdirSync(build);
    writeFileSync(join(dir, 'manifest.yml'), MANIFEST);
    writeFileSync(join(build, 'index.cjs'), BUNDLE);
    copyFileSync(join(ROOT, 'dev/forge-runtime/wrapper/dist/loader.js'), join(build, '__forge__.cjs'));
    copyFileSync(
      join(ROOT, 'dev/forge-runtime/wrapper/dist/wrapper.js'),
      join(build, '__forge_wrapper__.cjs'),
    );
    runtime = new ForgeRuntime({
      rootDir: dir,
      site: { jiraUrl: 'http://127.0.0.1:9', app: { email: 'a@example.test', apiToken: 't' }, users: {} },
      clockOffsetMs: START - Date.now(),
      timeoutOverrides: { hang: 1 },
      queueFirstRetryMs: 50,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('invokes a resolver with the call, the principal and the time left, on the runtime clock', async () => {
    const answer = (await call('echo-page', { a: 1 }, 'acc-1')) as Record<string, unknown>;
    expect(answer).toMatchObject({ call: { functionKey: 'x', payload: { a: 1 } }, principal: 'acc-1' });
    expect(answer.remaining).toBeGreaterThan(20_000);
    expect(answer.remaining).toBeLessThanOrEqual(25_000);
    expect(Math.abs((answer.now as number) - START)).toBeLessThan(60_000);
    expect(answer.subclassKept).toBe(true);
    // The sandbox stays warm: module state survives into the next invocation.
    expect(((await call('echo-page')) as { calls: number }).calls).toBe(2);
  });

  it('stops an invocation at its limit and reports it as Forge does', async () => {
    await expect(call('hang-page')).rejects.toThrow('Function timed out. Limit of 1 seconds');
    expect(runtime.meter.records.at(-1)).toMatchObject({ functionKey: 'hang', outcome: 'timeout' });
  });

  it("passes a handler's error on, and refuses an answer over 5 MB", async () => {
    await expect(call('fail-page')).rejects.toThrow('the handler failed');
    await expect(call('big-page')).rejects.toThrow(/over Forge's 5242880-byte limit/);
  });

  it('reports running out of memory, and never reuses a sandbox that died', async () => {
    await expect(call('oom-page')).rejects.toMatchObject({
      outcome: 'out-of-memory',
      message: expect.stringContaining('running out of memory'),
    });
    expect(await call('exit-page')).toBe('bye');
    await new Promise((done) => setTimeout(done, 200));
    // The sandbox exited after answering: the next call starts a new one instead of waiting on the dead one.
    const started = Date.now();
    expect(await call('exit-page')).toBe('bye');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(runtime.meter.records.at(-1)?.outcome).toBe('ok');
  });

  it('delivers a failed event again, with its retry count, until it succeeds', async () => {
    const mark = runtime.meter.mark();
    expect((await publish('flaky', [{ body: { n: 1 } }])).status).toBe(201);
    await runtime.queuesIdle();
    const runs = runtime.meter.since(mark).filter((r) => r.functionKey === 'flaky');
    expect(runs.map((r) => r.outcome)).toEqual(['error', 'ok', 'ok']);
    // The second run asked for a retry after 1 s.
    expect((runs[2]?.startedAt ?? 0) - (runs[1]?.startedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('holds back events that share a concurrency key until the one running ends', async () => {
    const mark = runtime.meter.mark();
    const events = [1, 2, 3].map((n) => ({ body: { n }, concurrency: { key: 'one-at-a-time', limit: 1 } }));
    expect((await publish('slow', events)).status).toBe(201);
    await runtime.queuesIdle();
    const spans = runtime.meter
      .since(mark)
      .filter((r) => r.functionKey === 'slow')
      .map((r) => ({ from: r.startedAt, to: r.startedAt + r.durationMs }))
      .sort((a, b) => a.from - b.from);
    expect(spans).toHaveLength(3);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
  });

  it('delivers an event no sooner than its delay', async () => {
    const mark = runtime.meter.mark();
    const pushed = Date.now();
    expect((await publish('slow', [{ body: { n: 4 }, delayInSeconds: 1 }])).status).toBe(201);
    await runtime.queuesIdle();
    const [run] = runtime.meter.since(mark).filter((r) => r.functionKey === 'slow');
    expect((run?.startedAt ?? 0) - pushed).toBeGreaterThanOrEqual(1_000);
  });

  it('refuses pushes the platform refuses', async () => {
    const many = Array.from({ length: 51 }, () => ({ body: {} }));
    expect((await publish('slow', many)).status).toBe(400);
    expect((await publish('no-such-queue', [{ body: {} }])).status).toBe(400);
  });

  it('refuses a call to a module with no resolver', async () => {
    await expect(call('no-such-page')).rejects.toBeInstanceOf(InvocationError);
  });
});
