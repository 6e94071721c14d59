/**
 * Atlassian's own clients (@forge/kvs, @forge/events) against the local runtime's platform boundary:
 * each limit broken on purpose gives the SDK's own error, as it would on Forge.
 */
import { ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { InternalServerError, Queue, TooManyEventsError } from '@forge/events';
import { ForgeRuntime } from '../../dev/forge-runtime/runtime';
import { ROOT } from './harness';

const kvsError = async (call: () => Promise<unknown>) => {
  try {
    await call();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) return { code: error.code, status: error.responseDetails.status };
    throw error;
  }
  throw new Error('The call succeeded');
};

describe('the platform boundary under Atlassian SDKs', () => {
  let runtime: ForgeRuntime;
  const globals = globalThis as { __forge_fetch__?: unknown };

  beforeAll(() => {
    runtime = new ForgeRuntime({
      rootDir: ROOT,
      site: { jiraUrl: 'http://127.0.0.1:9', app: { email: 'app@example.test', apiToken: 'x' }, users: {} },
      storage: { limits: { readUnitsPerMinute: 200 } },
      log: () => undefined,
    });
    globals.__forge_fetch__ = runtime.sdkBoundary().fetch;
  });
  afterAll(async () => {
    delete globals.__forge_fetch__;
    await runtime.close();
  });

  it('stores, reads, queries and deletes as KVS does', async () => {
    await kvs.set('cfg:a', { n: 1 });
    await kvs.set('cfg:b', 'two');
    await kvs.set('other', 3);
    expect(await kvs.get('cfg:a')).toEqual({ n: 1 });
    expect(await kvs.get('missing')).toBeUndefined();
    const first = await kvs.query().where('key', WhereConditions.beginsWith('cfg:')).limit(1).getMany();
    expect(first.results.map((r) => r.key)).toEqual(['cfg:a']);
    const rest = await kvs
      .query()
      .where('key', WhereConditions.beginsWith('cfg:'))
      .limit(1)
      .cursor(first.nextCursor as string)
      .getMany();
    expect(rest).toEqual({ results: [{ key: 'cfg:b', value: 'two' }], nextCursor: undefined });
    await kvs.transact().set('tx:1', 1).delete('cfg:a').execute();
    expect(await kvs.get('cfg:a')).toBeUndefined();
    await kvs.delete('never-there');
  });

  it('refuses what Forge refuses, with the error codes the SDK reports', async () => {
    expect(await kvsError(() => kvs.set('no spaces? no!', 1))).toEqual({ code: 'INVALID_KEY', status: 400 });
    expect(await kvsError(() => kvs.set('k'.repeat(501), 1))).toEqual({ code: 'KEY_TOO_LONG', status: 400 });
    expect(await kvsError(() => kvs.set('big', 'x'.repeat(241 * 1024)))).toEqual({
      code: 'MAX_SIZE',
      status: 400,
    });
    expect(await kvsError(() => kvs.query().limit(101).getMany())).toEqual({
      code: 'LIST_QUERY_LIMIT_EXCEEDED',
      status: 400,
    });
    let tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx = tx.set(`t:${i}`, i);
    expect(await kvsError(() => tx.execute())).toEqual({ code: 'INVALID_TRANSACTION_REQUEST', status: 400 });
    const batch = Array.from({ length: 26 }, (_, i) => ({ key: `b:${i}`, value: i }));
    expect(await kvsError(() => kvs.batchSet(batch))).toEqual({ code: 'BATCH_SIZE_EXCEEDED', status: 400 });
    await kvs.set('lease', 'mine', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvsError(() => kvs.set('lease', 'yours', { keyPolicy: 'FAIL_IF_EXISTS' }))).toEqual({
      code: 'KEY_CONFLICT',
      status: 409,
    });
    expect(await kvs.get('lease')).toBe('mine');
  });

  it("answers 429 RATE_LIMIT_EXCEEDED once the minute's read units are spent", async () => {
    await kvs.set('heavy', 'x'.repeat(200 * 1024));
    // 200 KB is 20 read units: the budget of 200 lasts ten reads.
    let served = 0;
    let refusal: { code: string; status: number } | null = null;
    for (let i = 0; i < 15 && !refusal; i++) {
      const result = await kvsError(() => kvs.get('heavy')).catch(() => null);
      if (result) refusal = result;
      else served += 1;
    }
    expect(refusal).toEqual({ code: 'RATE_LIMIT_EXCEEDED', status: 429 });
    expect(served).toBeLessThanOrEqual(10);
  });

  it('refuses queue pushes the SDK refuses, and pushes to a queue manifest.yml has no consumer for', async () => {
    const queue = new Queue({ key: 'sync-jobs' });
    const events = Array.from({ length: 51 }, () => ({ body: {} }));
    await expect(queue.push(events)).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(new Queue({ key: 'no-such-queue' }).push({ body: {} })).rejects.toBeInstanceOf(
      InternalServerError,
    );
  });
});
