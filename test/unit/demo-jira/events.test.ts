import { DEMO_USERS, startDemoJira, type DemoIssueEvent, type DemoJira } from '../../../dev/demo-jira';

const NOW = Date.parse('2026-11-16T09:00:00Z');

describe('demo Jira issue events', () => {
  let demo: DemoJira;
  let twin: DemoJira;
  beforeAll(async () => {
    demo = await startDemoJira({ seed: 11, issues: 400, now: new Date(NOW) });
    twin = await startDemoJira({ seed: 11, issues: 400, now: new Date(NOW) });
  });
  afterAll(async () => {
    await demo.close();
    await twin.close();
  });

  it('sends one event per issue changed, moved or deleted, as Jira sends them to a Forge app', () => {
    const events: DemoIssueEvent[] = [];
    demo.setEventSink((event) => events.push(event));
    const result = demo.mutate({ count: 12, moves: 2, deletes: 3, at: NOW + 60_000 });
    // Sending events changes nothing of the data: a twin without a sink mutates the same way.
    expect(twin.mutate({ count: 12, moves: 2, deletes: 3, at: NOW + 60_000 })).toEqual(result);

    const ids = (type: string) => events.filter((e) => e.eventType === type).map((e) => e.payload.issue.id);
    expect(ids('avi:jira:deleted:issue').sort()).toEqual([...result.deleted].sort());
    expect(ids('avi:jira:updated:issue').sort()).toEqual([...result.moved, ...result.changed].sort());
    expect(events).toHaveLength(result.deleted.length + result.moved.length + result.changed.length);

    const team = new Set(DEMO_USERS.map((u) => u.accountId));
    for (const event of events) {
      const { issue, atlassianId } = event.payload;
      expect(issue.key).toMatch(/^[A-Z]+-\d+$/);
      expect((issue.fields.project as { key: string }).key).toBe(issue.key.split('-')[0]);
      expect(atlassianId.length).toBeGreaterThan(0);
      expect(event.payload.associatedUsers).toEqual([{ accountId: atlassianId }]);
      // Nothing is caused by the app's own account.
      expect(atlassianId).not.toBe(DEMO_USERS.find((u) => u.accountType === 'app')?.accountId);
      if (event.eventType === 'avi:jira:deleted:issue') expect(team.has(atlassianId)).toBe(true);
    }
    // An update carries its change: a move names the project it left.
    const move = events.find((e) => e.payload.issue.id === result.moved[0]);
    expect(move?.payload.changelog?.items.map((i) => i.fieldId)).toEqual(['project', 'issuekey']);
    const change = events.find((e) => e.payload.issue.id === result.changed[0]);
    expect(change?.payload.changelog?.items.length).toBeGreaterThan(0);
  });

  it('stops sending once the sink is taken away', () => {
    const events: DemoIssueEvent[] = [];
    demo.setEventSink((event) => events.push(event));
    demo.setEventSink(null);
    demo.mutate({ count: 5, at: NOW + 120_000 });
    expect(events).toEqual([]);
  });
});
