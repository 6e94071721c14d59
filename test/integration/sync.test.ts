import { DEMO_USERS, startDemoJira, type DemoJira } from '../../dev/demo-jira';
import { JiraClient } from '../../src/jira/client';
import { HttpJiraTransport } from '../../src/jira/http-transport';
import type { JiraRequest, JiraResponse, JiraTransport } from '../../src/jira/transport';
import { readSnapshot, SNAPSHOT_POINTER } from '../../src/services/snapshot';
import { readProgress, runSync } from '../../src/services/sync';
import { queryAll } from '../../src/store/port';
import { MemoryStore } from '../../src/store/memory';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const app = DEMO_USERS.find((u) => u.accountType === 'app')!;

/** Passes requests to the demo Jira until told to fail an endpoint with a 400 (not retried). */
class BreakableTransport implements JiraTransport {
  broken: string | null = null;
  constructor(private readonly inner: JiraTransport) {}
  async send(request: JiraRequest): Promise<JiraResponse> {
    if (request.endpoint === this.broken) {
      return {
        status: 400,
        header: () => null,
        text: async () => JSON.stringify({ errorMessages: ['Refused for the test'], errors: {} }),
      };
    }
    return this.inner.send(request);
  }
}

describe('sync', () => {
  let demo: DemoJira;
  beforeAll(async () => {
    demo = await startDemoJira({ seed: 5, issues: 400, now: new Date(NOW) });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('reads every issue once, with only the needed fields, and publishes one snapshot', async () => {
    const store = new MemoryStore();
    const client = new JiraClient(
      new HttpJiraTransport(demo.url, { email: app.email, apiToken: app.apiToken }),
    );
    demo.stats.reset();
    const snapshot = await runSync({ store, jira: client, clock: () => NOW });
    const workAndEpics = demo.dataset.issues.filter((i) => i.issueTypeId !== '10004').length;
    expect(snapshot.itemCount).toBe(workAndEpics);
    // One search page per 100 issues (the page Jira grants for these fields) and one bulk changelog call.
    expect(client.stats.requests.searchJql).toBe(Math.ceil(workAndEpics / 100));
    expect(client.stats.requests.changelogBulkfetch).toBe(1);
    expect(client.stats.retries).toBe(0);
    const progress = await readProgress(store);
    expect(progress).toMatchObject({
      phase: 'idle',
      error: null,
      lastSuccessAt: NOW,
      issuesDone: workAndEpics,
      issuesTotal: workAndEpics,
    });
    expect(progress.requests).toBe(client.stats.total);
    expect((await readSnapshot(store))?.version).toBe(snapshot.version);
  });

  it('leaves the last good snapshot in place when a sync fails, and records why', async () => {
    const store = new MemoryStore();
    const transport = new BreakableTransport(
      new HttpJiraTransport(demo.url, { email: app.email, apiToken: app.apiToken }),
    );
    const first = await runSync({ store, jira: new JiraClient(transport), clock: () => NOW });
    const keysBefore = (await queryAll(store, 'snap:')).map((e) => e.key).sort();

    transport.broken = 'changelogBulkfetch';
    await expect(
      runSync({ store, jira: new JiraClient(transport), clock: () => NOW + 3_600_000 }),
    ).rejects.toThrow('/rest/api/3/changelog/bulkfetch: Jira answered 400: Refused for the test');
    expect((await readSnapshot(store))?.version).toBe(first.version);
    expect((await queryAll(store, 'snap:')).map((e) => e.key).sort()).toEqual(keysBefore);
    expect(await store.get(SNAPSHOT_POINTER)).toEqual({ version: first.version, generatedAt: NOW });
    const progress = await readProgress(store);
    expect(progress.phase).toBe('idle');
    expect(progress.error).toContain('Refused for the test');
    expect(progress.lastSuccessAt).toBe(NOW);
  });
});
