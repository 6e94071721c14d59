import http from 'node:http';
import { ArgumentError, readOptions } from '../../../dev/demo-jira/cli';
import { DEMO_USERS, FaultPlan, startDemoJira, type DemoJira, type FaultKind } from '../../../dev/demo-jira';

const NOW = new Date('2025-06-15T14:30:00Z');

function auth(email: string): string {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString('base64')}`;
}

function decisions(plan: FaultPlan, n: number, path = '/rest/api/3/search/jql'): (FaultKind | null)[] {
  return Array.from({ length: n }, () => plan.next(path));
}

describe('fault choice', () => {
  const kinds: FaultKind[] = ['429', '500', '503', 'slow', 'truncated', 'drop'];

  it('depends only on the seed and the order of matching requests', () => {
    const a = decisions(new FaultPlan({ rate: 0.3, kinds, seed: 9 }), 400);
    const b = decisions(new FaultPlan({ rate: 0.3, kinds, seed: 9 }), 400);
    const c = decisions(new FaultPlan({ rate: 0.3, kinds, seed: 10 }), 400);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    // Requests to other paths neither fail nor shift the sequence.
    const mixed = new FaultPlan({ rate: 0.3, kinds, seed: 9 });
    const interleaved = a.map((_, i) => {
      expect(mixed.next('/__demo/faults')).toBeNull();
      if (i % 3 === 0) expect(mixed.next('/static/app.js')).toBeNull();
      return mixed.next('/rest/api/3/field');
    });
    expect(interleaved).toEqual(a);
    expect(mixed.seen).toBe(400);
  });

  it('fails about the asked share, spread over the asked kinds', () => {
    const plan = new FaultPlan({ rate: 0.25, kinds, seed: 3 });
    const seen = decisions(plan, 6000);
    const failed = seen.filter((k) => k !== null);
    expect(failed.length).toBeGreaterThan(1350);
    expect(failed.length).toBeLessThan(1650);
    for (const kind of kinds) {
      const share = failed.filter((k) => k === kind).length / failed.length;
      expect([kind, share > 0.12 && share < 0.21]).toEqual([kind, true]);
    }
    expect(decisions(new FaultPlan({ rate: 0, kinds }), 500).every((k) => k === null)).toBe(true);
    expect(decisions(new FaultPlan({ rate: 1, kinds: ['503'] }), 500).every((k) => k === '503')).toBe(true);
  });

  it('only fails the configured path prefixes', () => {
    const plan = new FaultPlan({ rate: 1, kinds: ['500'], paths: ['/rest/api/3/search/'] });
    expect(plan.next('/rest/api/3/search/jql')).toBe('500');
    expect(plan.next('/rest/api/3/field')).toBeNull();
  });

  it('refuses settings it cannot use, naming the field', () => {
    expect(() => new FaultPlan({ rate: 1.5, kinds: ['429'] })).toThrow(/rate/);
    expect(() => new FaultPlan({ rate: 0.5, kinds: [] })).toThrow(/kinds/);
    expect(() => new FaultPlan({ rate: 0.5, kinds: ['boom' as FaultKind] })).toThrow(/kinds/);
  });
});

describe('fault command line options', () => {
  it('reads --faults and --fault-kinds', () => {
    expect(readOptions(['--faults', '0.1', '--fault-kinds', '429,500,truncated']).faults).toEqual({
      rate: 0.1,
      kinds: ['429', '500', 'truncated'],
      seed: 1,
    });
    expect(readOptions(['--faults', '0.5']).faults?.kinds).toEqual(['429', '500', '503']);
    expect(readOptions([]).faults).toBeUndefined();
  });

  it('names the argument when a value is bad', () => {
    expect(() => readOptions(['--faults', '1.5'])).toThrow(ArgumentError);
    expect(() => readOptions(['--faults', '1.5'])).toThrow(/--faults/);
    expect(() => readOptions(['--faults', 'lots'])).toThrow(/--faults/);
    expect(() => readOptions(['--faults', '0.1', '--fault-kinds', '429,boom'])).toThrow(
      /--fault-kinds.*boom/,
    );
    expect(() => readOptions(['--fault-kinds', '429'])).toThrow(/--fault-kinds/);
  });
});

describe('faults over HTTP', () => {
  let demo: DemoJira;

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 1, issues: 60, now: NOW });
  });

  afterAll(async () => {
    await demo.close();
  });

  beforeEach(() => {
    demo.setFaults(null);
    demo.stats.reset();
  });

  const myself = () =>
    fetch(`${demo.url}/rest/api/3/myself`, { headers: { Authorization: auth('pmo@demo.test') } });

  it('answers 429 with Retry-After and the rate limit reason', async () => {
    demo.setFaults({ rate: 1, kinds: ['429'], retryAfterSeconds: 7 });
    const response = await myself();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    const body = (await response.json()) as { errorMessages: string[]; errors: object };
    expect(body.errorMessages).toHaveLength(1);
    expect(body.errors).toEqual({});
    expect(demo.stats.faults['429']).toBe(1);
  });

  it('names the rate limit it was told to (an hourly quota, say)', async () => {
    demo.setFaults({
      rate: 1,
      kinds: ['429'],
      retryAfterSeconds: 1800,
      rateLimitReason: 'jira-quota-tenant-based',
    });
    const response = await myself();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1800');
    expect(response.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    await response.text();
  });

  it('answers the first requests normally when told to fail only after them', async () => {
    demo.setFaults({ rate: 1, kinds: ['429'], after: 2 });
    for (const expected of [200, 200, 429, 429]) {
      const response = await myself();
      expect(response.status).toBe(expected);
      await response.text();
    }
  });

  it('answers 503 with Beta-Retry-After, and 500 with an error collection', async () => {
    demo.setFaults({ rate: 1, kinds: ['503'], retryAfterSeconds: 3 });
    const unavailable = await myself();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('beta-retry-after')).toBe('3');
    await unavailable.text();
    demo.setFaults({ rate: 1, kinds: ['500'] });
    const broken = await fetch(`${demo.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Authorization: auth('pmo@demo.test'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ jql: 'project = PAY' }),
    });
    expect(broken.status).toBe(500);
    expect(Object.keys((await broken.json()) as object).sort()).toEqual(['errorMessages', 'errors']);
    expect(demo.stats.faults).toEqual({ '429': 0, '500': 1, '503': 1, slow: 0, truncated: 0, drop: 0 });
    demo.stats.reset();
    expect(demo.stats.faults['500']).toBe(0);
  });

  it('cuts a truncated answer to about half, with honest headers and invalid JSON', async () => {
    const whole = await (await myself()).text();
    demo.setFaults({ rate: 1, kinds: ['truncated'] });
    const response = await myself();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(whole.startsWith(text)).toBe(true);
    expect(text.length).toBe(Math.floor(Buffer.byteLength(whole) / 2));
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(demo.stats.faults.truncated).toBe(1);
  });

  it('drops the connection without an answer', async () => {
    demo.setFaults({ rate: 1, kinds: ['drop'] });
    const outcome = await new Promise<string>((resolve) => {
      const request = http.get(`${demo.url}/rest/api/3/myself`, {
        headers: { Authorization: auth('pmo@demo.test') },
      });
      request.on('response', (response) => resolve(`status ${response.statusCode}`));
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(outcome).toBe('ECONNRESET');
    expect(demo.stats.faults.drop).toBe(1);
  });

  it('answers a slow request after quicker ones sent later', async () => {
    demo.setFaults({ rate: 1, kinds: ['slow'], slowMs: 300, paths: ['/rest/api/3/myself'] });
    const order: string[] = [];
    const slow = myself().then(async (r) => {
      order.push(`myself ${r.status}`);
      return r.json();
    });
    const quick = Promise.all(
      [0, 1, 2].map(() =>
        fetch(`${demo.url}/rest/api/3/serverInfo`).then(async (r) => {
          order.push(`serverInfo ${r.status}`);
          return r.json();
        }),
      ),
    );
    const [mine] = (await Promise.all([slow, quick])) as [{ emailAddress: string }, unknown];
    expect(order).toEqual(['serverInfo 200', 'serverInfo 200', 'serverInfo 200', 'myself 200']);
    expect(mine.emailAddress).toBe('pmo@demo.test');
    expect(demo.stats.faults.slow).toBe(1);
  });

  it('starts with the faults given to startDemoJira', async () => {
    const faulty = await startDemoJira({
      seed: 1,
      issues: 30,
      now: NOW,
      faults: { rate: 1, kinds: ['503'] },
    });
    try {
      const response = await fetch(`${faulty.url}/rest/api/3/serverInfo`);
      expect(response.status).toBe(503);
      await response.text();
      expect(faulty.stats.faults['503']).toBe(1);
    } finally {
      await faulty.close();
    }
  });
});

describe('POST /__demo/faults', () => {
  let demo: DemoJira;

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 1, issues: 30, now: NOW });
  });

  afterAll(async () => {
    await demo.close();
  });

  const control = (email: string | null, body: unknown) =>
    fetch(`${demo.url}/__demo/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(email ? { Authorization: auth(email) } : {}) },
      body: JSON.stringify(body),
    });

  it('is for the site admin only', async () => {
    expect((await control(null, null)).status).toBe(401);
    expect((await control('pmo@demo.test', null)).status).toBe(403);
    expect((await control('app@demo.test', { rate: 1, kinds: ['500'] })).status).toBe(403);
    expect((await fetch(`${demo.url}/rest/api/3/serverInfo`)).status).toBe(200);
  });

  it('validates the settings and names the field', async () => {
    const rate = await control('admin@demo.test', { rate: 2, kinds: ['429'] });
    expect(rate.status).toBe(400);
    expect(Object.keys(((await rate.json()) as { errors: object }).errors)).toEqual(['rate']);
    const kinds = await control('admin@demo.test', { rate: 0.5, kinds: ['boom'] });
    expect(Object.keys(((await kinds.json()) as { errors: object }).errors)).toEqual(['kinds.0']);
    const extra = await control('admin@demo.test', { rate: 0.5, kinds: ['429'], colour: 'red' });
    expect(((await extra.json()) as { errors: object }).errors).toHaveProperty('colour');
  });

  it('sets faults with their defaults, and clears them with null, never failing itself', async () => {
    const set = await control('admin@demo.test', { rate: 1, kinds: ['500'], paths: ['/'] });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      faults: {
        rate: 1,
        kinds: ['500'],
        retryAfterSeconds: 1,
        rateLimitReason: 'jira-burst-based',
        slowMs: 1500,
        seed: 1,
        after: 0,
        paths: ['/'],
      },
    });
    const failing = await fetch(`${demo.url}/rest/api/3/serverInfo`);
    expect(failing.status).toBe(500);
    await failing.text();
    const cleared = await control('admin@demo.test', null);
    expect(await cleared.json()).toEqual({ faults: null });
    expect((await fetch(`${demo.url}/rest/api/3/serverInfo`)).status).toBe(200);
  });
});
