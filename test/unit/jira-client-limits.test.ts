/**
 * The Jira client under rate limits and time bounds: no wait outlasts the invocation, Jira's burst limit
 * slows only the endpoint it refused, and an hourly quota pauses the caller.
 */
import { z } from 'zod';
import { JiraClient, rateLimitScope, type JiraClientOptions } from '../../src/jira/client';
import { JiraError, JiraRateLimited, rateLimitWaitOf } from '../../src/jira/errors';
import type { JiraEndpoint } from '../../src/jira/transport';
import { ScriptedTransport, type ScriptedAnswer } from '../builders/transport';

const schema = z.object({ value: z.number() });

/** A client on a clock that moves only when it sleeps, inside an invocation that ends `budgetMs` from now. */
function clientFor(answers: ScriptedAnswer[], options: JiraClientOptions & { budgetMs?: number } = {}) {
  const transport = new ScriptedTransport(answers);
  const sleeps: number[] = [];
  let now = Date.parse('2026-11-18T10:00:00Z');
  const end = options.budgetMs === undefined ? undefined : now + options.budgetMs;
  const client = new JiraClient(transport, {
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...(end === undefined ? {} : { remainingMs: () => end - now }),
    ...options,
  });
  return { client, transport, sleeps, advance: (ms: number) => (now += ms) };
}

const call = (client: JiraClient, endpoint: JiraEndpoint = 'fields') =>
  client.call({ endpoint, method: 'GET' }, schema);

const limited = (seconds: number, reason?: string): ScriptedAnswer => ({
  status: 429,
  headers: { 'Retry-After': String(seconds), ...(reason ? { 'RateLimit-Reason': reason } : {}) },
});

const answered: ScriptedAnswer = { body: { value: 1 } };

describe('Jira client: waits bounded by the invocation', () => {
  it('waits out a Retry-After that fits in what is left of the invocation', async () => {
    const { client, sleeps } = clientFor([limited(5, 'jira-burst-based'), answered], { budgetMs: 25_000 });
    await expect(call(client)).resolves.toEqual({ value: 1 });
    expect(sleeps).toEqual([5_000]);
  });

  it('throws a rate-limited error carrying the asked wait when it would outlast the invocation', async () => {
    const { client, transport, sleeps } = clientFor([limited(60, 'jira-burst-based')], { budgetMs: 25_000 });
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraRateLimited);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      waitMs: 60_000,
      reason: 'jira-burst-based',
      status: 429,
    });
    expect(rateLimitWaitOf(error)).toBe(60_000);
    expect((error as Error).message).toBe(
      '/rest/api/3/field: Jira is rate-limiting PMO Wins (jira-burst-based) and asks it to wait 60 s',
    );
    // Nothing slept, nothing sent again.
    expect(sleeps).toEqual([]);
    expect(transport.requests).toHaveLength(1);
  });

  it('keeps the reserve back: a wait that leaves no time for the request and the caller is thrown', async () => {
    // 25 s left, 2 s reserve, 1 s for the request: a 22.5 s wait does not fit, a 21.5 s wait does.
    const tooLong = clientFor([limited(22.5)], { budgetMs: 25_000 });
    await expect(call(tooLong.client)).rejects.toBeInstanceOf(JiraRateLimited);
    const fits = clientFor([limited(21.5), answered], { budgetMs: 25_000 });
    await expect(call(fits.client)).resolves.toEqual({ value: 1 });
  });

  it('never sits through a wait longer than maxWaitMs, even with time to spare', async () => {
    const { client, sleeps } = clientFor([limited(120)], { budgetMs: 900_000, maxWaitMs: 60_000 });
    await expect(call(client)).rejects.toMatchObject({ kind: 'rate-limited', waitMs: 120_000 });
    expect(sleeps).toEqual([]);
  });

  it('ends a call with the failure itself when its backoff would not fit', async () => {
    const { client, transport } = clientFor([{ status: 500 }], {
      budgetMs: 3_200,
      retry: { baseDelayMs: 1_000 },
    });
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect(error).not.toBeInstanceOf(JiraRateLimited);
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(transport.requests).toHaveLength(1);
  });

  it('cuts each attempt’s timeout to what is left, and sends nothing once no time is left', async () => {
    const end = Date.now() + 1_300;
    const transport = new ScriptedTransport([{ hang: true }]);
    const client = new JiraClient(transport, { remainingMs: () => end - Date.now(), reserveMs: 0 });
    const started = Date.now();
    await expect(call(client)).rejects.toMatchObject({ kind: 'timeout' });
    // Aborted near the invocation's end, not after the policy's 30 s.
    expect(Date.now() - started).toBeLessThan(5_000);

    const spent = new JiraClient(new ScriptedTransport([]), { remainingMs: () => 500 });
    await expect(call(spent)).rejects.toThrow('no time left in this invocation for another request');
  });

  it('without remainingMs waits as before (the command line), up to 15 minutes a wait', async () => {
    const { client, sleeps } = clientFor([limited(3_600, 'jira-quota-tenant-based'), answered]);
    await expect(call(client)).resolves.toEqual({ value: 1 });
    expect(sleeps).toEqual([15 * 60_000]);
  });
});

describe('Jira client: RateLimit-Reason decides what is held back', () => {
  it('reads the quota reasons as app-wide and the others as per endpoint', () => {
    expect(rateLimitScope('jira-quota-global-based')).toBe('quota');
    expect(rateLimitScope('jira-quota-tenant-based')).toBe('quota');
    expect(rateLimitScope('jira-burst-based')).toBe('endpoint');
    expect(rateLimitScope('jira-per-issue-on-write')).toBe('endpoint');
    expect(rateLimitScope(null)).toBe('endpoint');
  });

  it('pauses the caller at once on an hourly quota, and refuses its next calls without asking Jira', async () => {
    const { client, transport, sleeps, advance } = clientFor([limited(1_800, 'jira-quota-tenant-based')], {
      budgetMs: 900_000,
    });
    await expect(call(client)).rejects.toMatchObject({
      kind: 'rate-limited',
      scope: 'quota',
      waitMs: 1_800_000,
      reason: 'jira-quota-tenant-based',
    });
    expect(sleeps).toEqual([]);
    advance(60_000);
    // Another endpoint: the quota holds every request of the app.
    await expect(call(client, 'statuses')).rejects.toMatchObject({ scope: 'quota', waitMs: 1_740_000 });
    expect(transport.requests).toHaveLength(1);
  });

  it('on the burst limit slows only the endpoint refused, spacing its next requests and easing off', async () => {
    const { client, sleeps } = clientFor(
      [limited(2, 'jira-burst-based'), answered, answered, answered, ...Array(41).fill(answered)],
      { budgetMs: 900_000 },
    );
    await call(client, 'searchJql');
    expect(sleeps).toEqual([2_000]);
    // Another endpoint goes at once.
    await call(client, 'fields');
    expect(sleeps).toEqual([2_000]);
    // The refused endpoint's next request waits for its spacing (250 ms, eased by the answer to the retry).
    await call(client, 'searchJql');
    expect(sleeps).toEqual([2_000, 225]);
    // Each answer shortens the spacing; after a run of answers it is gone.
    for (let i = 0; i < 40; i++) await call(client, 'searchJql');
    const last = sleeps.slice(-5);
    expect(last.every((ms) => ms < 250)).toBe(true);
    const before = sleeps.length;
    await call(client, 'searchJql');
    expect(sleeps.length).toBe(before);
  });

  it('widens the spacing each time the burst limit refuses again, up to 5 s', async () => {
    const { client, sleeps } = clientFor(
      [limited(1, 'jira-burst-based'), limited(1, 'jira-burst-based'), answered, answered],
      { budgetMs: 900_000 },
    );
    await call(client, 'changelogBulkfetch');
    await call(client, 'changelogBulkfetch');
    // 1 s, 1 s (Retry-After), then the spacing of 500 ms eased by one answer.
    expect(sleeps).toEqual([1_000, 1_000, 450]);
  });
});
