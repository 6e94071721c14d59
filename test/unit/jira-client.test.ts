import { z } from 'zod';
import { JiraClient, retryAfterMs } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
import { ScriptedTransport, type ScriptedAnswer } from '../builders/transport';

const schema = z.object({ value: z.number() });

function clientFor(answers: ScriptedAnswer[], options: { budget?: number; timeoutMs?: number } = {}) {
  const transport = new ScriptedTransport(answers);
  const sleeps: number[] = [];
  // A clock that moves only when the client sleeps, so every wait is exactly what the client asked for.
  let now = Date.parse('2026-11-18T10:00:00Z');
  const client = new JiraClient(transport, {
    clock: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    budget: options.budget,
    retry: { timeoutMs: options.timeoutMs ?? 30_000 },
  });
  return { client, transport, sleeps };
}

const call = (client: JiraClient) => client.call({ endpoint: 'fields', method: 'GET' }, schema);

describe('Jira client', () => {
  it('returns the validated body of a successful answer', async () => {
    const { client, transport } = clientFor([{ body: { value: 7 } }]);
    await expect(call(client)).resolves.toEqual({ value: 7 });
    expect(transport.requests).toHaveLength(1);
    expect(client.stats.requests).toEqual({ fields: 1 });
  });

  it('waits as long as Retry-After asks on 429, then retries', async () => {
    const { client, sleeps } = clientFor([
      { status: 429, headers: { 'Retry-After': '3' } },
      { body: { value: 1 } },
    ]);
    await expect(call(client)).resolves.toEqual({ value: 1 });
    expect(sleeps).toEqual([3000]);
    expect(client.stats.retries).toBe(1);
  });

  it('honours Beta-Retry-After on 503', async () => {
    const { client, sleeps } = clientFor([
      { status: 503, headers: { 'Beta-Retry-After': '7' } },
      { body: { value: 1 } },
    ]);
    await call(client);
    expect(sleeps).toEqual([7000]);
  });

  it('backs off exponentially on 5xx and network errors', async () => {
    const { client, sleeps } = clientFor([
      { status: 500 },
      { fail: new Error('socket hang up') },
      { status: 502 },
      { body: { value: 2 } },
    ]);
    await expect(call(client)).resolves.toEqual({ value: 2 });
    // Ceilings 500, 1000, 2000 ms; with random 0.5 the wait is 3/4 of each.
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it('retries a truncated body, and names the endpoint when it stays malformed', async () => {
    const broken = { text: '{"value": 1' };
    const { client } = clientFor(Array.from({ length: 6 }, () => broken));
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraError);
    expect((error as JiraError).kind).toBe('malformed');
    expect((error as JiraError).message).toBe(
      '/rest/api/3/field: the 200 answer is not valid JSON (11 bytes)',
    );
    expect(client.stats.requests.fields).toBe(6);
  });

  it('rejects an answer of the wrong shape, naming where', async () => {
    const { client } = clientFor([{ body: { value: 'seven' } }]);
    await expect(call(client)).rejects.toThrow('/rest/api/3/field: unexpected answer at value:');
  });

  it("does not retry a 400 and passes on Jira's messages", async () => {
    const { client, transport } = clientFor([
      {
        status: 400,
        body: { errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} },
      },
    ]);
    await expect(call(client)).rejects.toThrow(
      "/rest/api/3/field: Jira answered 400: The value 'NOPE' does not exist for the field 'project'.",
    );
    expect(transport.requests).toHaveLength(1);
  });

  it('names the rate limit Jira hit when it keeps refusing', async () => {
    const limited = {
      status: 429,
      headers: { 'Retry-After': '1', 'RateLimit-Reason': 'jira-quota-global-based' },
    };
    const { client } = clientFor(Array.from({ length: 6 }, () => limited));
    await expect(call(client)).rejects.toThrow(
      '/rest/api/3/field: Jira answered 429 (rate limit: jira-quota-global-based)',
    );
  });

  it('gives up after the configured retries', async () => {
    const { client, transport } = clientFor(Array.from({ length: 6 }, () => ({ status: 500 })));
    await expect(call(client)).rejects.toThrow('Jira answered 500');
    expect(transport.requests).toHaveLength(6);
  });

  it('times out a request that never answers, and retries it', async () => {
    const { client } = clientFor([{ hang: true }, { body: { value: 3 } }], { timeoutMs: 20 });
    await expect(call(client)).resolves.toEqual({ value: 3 });
    expect(client.stats.retries).toBe(1);
  });

  it('stops at the request budget', async () => {
    const { client } = clientFor([{ status: 500 }, { status: 500 }, { body: { value: 1 } }], { budget: 2 });
    await expect(call(client)).rejects.toThrow('request budget of 2 spent');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('10')).toBe(10_000);
    expect(retryAfterMs('Wed, 18 Nov 2026 10:00:30 GMT', Date.parse('2026-11-18T10:00:00Z'))).toBe(30_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
