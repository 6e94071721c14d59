/** The local host's door: only JSON calls from its own pages, by a signed-in user, reach the app. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoJira, type DemoJira } from '../../dev/demo-jira';
import { startHost, type Host } from '../../dev/host/server';
import { demoUser, ROOT } from './harness';

describe('the local host', () => {
  let demo: DemoJira;
  let host: Host;
  let storeDir: string;
  const lead = () => demoUser('pmo@demo.test');

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 3, issues: 200, now: new Date('2026-11-16T09:00:00Z') });
    storeDir = await mkdtemp(join(tmpdir(), 'pmo-host-door-'));
    const app = demoUser('app@demo.test');
    host = await startHost({
      rootDir: ROOT,
      jira: {
        baseUrl: demo.url,
        label: 'demo',
        app: { email: app.email, apiToken: app.apiToken },
        users: [lead()].map((u) => ({
          accountId: u.accountId,
          displayName: u.displayName,
          credentials: { email: u.email, apiToken: u.apiToken },
        })),
      },
      storeDir,
      syncOnStart: false,
      hourly: false,
    });
  });
  afterAll(async () => {
    await host.close();
    await demo.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  const invoke = (
    headers: Record<string, string>,
    body = '{"module":"pmo-settings","functionKey":"sync/status"}',
  ) => fetch(`${host.url}/__forge/invoke`, { method: 'POST', headers, body });
  const own = () => new URL(host.url).origin;

  it('answers a JSON call from its own page by a signed-in user', async () => {
    const answer = await invoke({
      'Content-Type': 'application/json',
      Origin: own(),
      Cookie: `pmo_user=${lead().accountId}`,
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { body: { ok: boolean } }).body.ok).toBe(true);
  });

  it('refuses a plain-text call, a call from another site, and a call by nobody or an unknown user', async () => {
    const signedIn = `pmo_user=${lead().accountId}`;
    expect((await invoke({ 'Content-Type': 'text/plain', Cookie: signedIn })).status).toBe(415);
    expect(
      (
        await invoke({
          'Content-Type': 'application/json',
          Origin: 'http://attacker.example',
          Cookie: signedIn,
        })
      ).status,
    ).toBe(403);
    expect((await invoke({ 'Content-Type': 'application/json', Origin: own() })).status).toBe(401);
    expect(
      (await invoke({ 'Content-Type': 'application/json', Origin: own(), Cookie: 'pmo_user=someone-else' }))
        .status,
    ).toBe(401);
    // None of them reached the app.
    expect(host.runtime.meter.records.filter((r) => r.kind === 'resolver')).toHaveLength(1);
  });

  it('signs a first visit in as the first user, with a same-site cookie', async () => {
    const page = await fetch(`${host.url}/jira/dashboard`);
    expect(page.headers.get('set-cookie')).toBe(
      `pmo_user=${encodeURIComponent(lead().accountId)}; Path=/; SameSite=Strict`,
    );
  });
});
