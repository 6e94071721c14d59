import {
  DEMO_FIELDS,
  DEMO_USERS,
  startDemoJira,
  type DemoDataset,
  type DemoIssue,
  type DemoJira,
} from '../../../dev/demo-jira';

const NOW = Date.parse('2025-06-16T10:00:00Z');
const MINUTE = 60_000;
const DONE = '10003';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function auth(email: string): string {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString('base64')}`;
}

async function post(demo: DemoJira, email: string, path: string, body: unknown) {
  const response = await fetch(`${demo.url}${path}`, {
    method: 'POST',
    headers: { Authorization: auth(email), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function searchKeys(demo: DemoJira, email: string, jql: string): Promise<string[]> {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < 200; page++) {
    const answer = await post(demo, email, '/rest/api/3/search/jql', {
      jql,
      fields: ['key'],
      maxResults: 40,
      nextPageToken,
    });
    expect(answer.status).toBe(200);
    keys.push(...answer.body.issues.map((i: Json) => i.key as string));
    if (answer.body.isLast) return keys;
    nextPageToken = answer.body.nextPageToken;
  }
  throw new Error('paging did not end');
}

/** The generator's invariants, which mutate must keep. */
function checkInvariants(dataset: DemoDataset): void {
  const byKey = new Map(dataset.issues.map((i) => [i.key, i]));
  expect(new Set(dataset.issues.map((i) => i.key)).size).toBe(dataset.issues.length);
  for (const issue of dataset.issues) {
    const moves = issue.history.flatMap((c) =>
      c.items.filter((x) => x.fieldId === 'status').map((item) => ({ at: c.at, item })),
    );
    let status = moves[0]?.item.from ?? issue.statusId;
    for (const { item } of moves) {
      expect(item.from).toBe(status);
      status = item.to as string;
    }
    expect(status).toBe(issue.statusId);
    let previous = issue.created;
    for (const change of issue.history) {
      expect(change.at).toBeGreaterThanOrEqual(previous);
      previous = change.at;
    }
    expect(issue.updated).toBe(previous);
    expect(previous).toBeLessThanOrEqual(dataset.now);
    const lastDone = moves.filter((m) => m.item.to === DONE).pop();
    expect(issue.resolutiondate).toBe(issue.statusId === DONE ? lastDone?.at : null);
    let flagged = false;
    for (const change of issue.history) {
      for (const item of change.items.filter((x) => x.fieldId === DEMO_FIELDS.flagged)) {
        expect(item.to === null).toBe(flagged);
        flagged = item.to !== null;
      }
    }
    expect(flagged).toBe(issue.flagged);
    const points = issue.history.flatMap((c) => c.items.filter((x) => x.fieldId === DEMO_FIELDS.storyPoints));
    if (points.length > 0) expect(points[points.length - 1]?.toString).toBe(String(issue.storyPoints));
    const dues = issue.history.flatMap((c) => c.items.filter((x) => x.fieldId === 'duedate'));
    if (dues.length > 0) expect(dues[dues.length - 1]?.to).toBe(issue.duedate);
    if (issue.issueTypeId === '10000' && issue.statusId === DONE) {
      const children = dataset.issues.filter((i) => i.parentKey === issue.key);
      expect(children.every((c) => c.statusId === DONE)).toBe(true);
    }
    if (issue.parentKey !== null) expect(byKey.has(issue.parentKey)).toBe(true);
  }
}

describe('demo Jira mutate', () => {
  let demo: DemoJira;

  beforeEach(async () => {
    demo = await startDemoJira({ seed: 7, issues: 600, now: new Date(NOW) });
  });

  afterEach(async () => {
    await demo.close();
  });

  it('is deterministic for the seed and the number of earlier calls', async () => {
    const twin = await startDemoJira({ seed: 7, issues: 600, now: new Date(NOW) });
    try {
      const first = demo.mutate({ count: 20, deletes: 3, moves: 2 });
      expect(twin.mutate({ count: 20, deletes: 3, moves: 2 })).toEqual(first);
      expect(JSON.stringify(twin.dataset)).toBe(JSON.stringify(demo.dataset));
      const second = demo.mutate({ count: 20, deletes: 3, moves: 2 });
      expect(second.changed).not.toEqual(first.changed);
      expect(first.changed).toHaveLength(20);
      expect(first.deleted).toHaveLength(3);
      expect(first.moved).toHaveLength(2);
      const all = [...first.changed, ...first.deleted, ...first.moved];
      expect(new Set(all).size).toBe(all.length);
    } finally {
      await twin.close();
    }
  });

  it('keeps the data set consistent through many rounds of changes', () => {
    const before = demo.dataset.issues.length;
    let deleted = 0;
    for (let round = 0; round < 12; round++) {
      deleted += demo.mutate({ share: 0.05, deletes: 2, moves: 2 }).deleted.length;
    }
    expect(demo.dataset.issues.length).toBe(before - deleted);
    expect(demo.dataset.now).toBe(NOW + 12 * 60 * MINUTE);
    checkInvariants(demo.dataset);
  });

  it('gives changed issues one realistic step of history between the old now and the new one', () => {
    const at = NOW + 3 * 60 * MINUTE;
    const snapshot = new Map(
      demo.dataset.issues.map((i) => [i.id, { status: i.statusId, length: i.history.length }]),
    );
    const { changed } = demo.mutate({ count: 15, at });
    expect(changed).toHaveLength(15);
    expect(demo.dataset.now).toBe(at);
    const byId = new Map(demo.dataset.issues.map((i) => [i.id, i]));
    const kinds = new Set<string>();
    for (const id of changed) {
      const issue = byId.get(id) as DemoIssue;
      expect(issue.updated).toBeGreaterThan(NOW);
      expect(issue.updated).toBeLessThanOrEqual(at);
      expect(issue.history).toHaveLength((snapshot.get(id)?.length ?? 0) + 1);
      const last = issue.history[issue.history.length - 1];
      expect(last?.at).toBe(issue.updated);
      for (const item of last?.items ?? []) kinds.add(item.fieldId ?? item.field);
    }
    expect(kinds.has('status')).toBe(true);
    // Asking for more than the open work touches closed work too, and still keeps the data consistent.
    expect(demo.mutate({ count: 100 }).changed).toHaveLength(100);
    // Teams mostly work on open items.
    const wasOpen = changed.filter((id) => snapshot.get(id)?.status !== DONE).length;
    expect(wasOpen / changed.length).toBeGreaterThan(0.8);
    checkInvariants(demo.dataset);
  });

  it('lets `updated >= -Nm` find exactly the changed and moved issues', async () => {
    // Build the updated index first, so the search after the change has to notice touched issues.
    await searchKeys(demo, 'app@demo.test', 'updated >= "-30d"');
    const result = demo.mutate({ count: 25, moves: 4, deletes: 2, at: NOW + 60 * MINUTE });
    const byId = new Map(demo.dataset.issues.map((i) => [i.id, i]));
    const expected = [...result.changed, ...result.moved].map((id) => (byId.get(id) as DemoIssue).key);
    const found = await searchKeys(demo, 'app@demo.test', 'updated >= "-59m" OR updated >= "-60m"');
    expect(found.sort()).toEqual(expected.sort());
    const dana = await searchKeys(demo, 'dev@demo.test', 'updated >= "-60m"');
    const danaSees = (key: string) =>
      !key.startsWith('SEC-') && !demo.dataset.issues.find((i) => i.key === key)?.securityLevelId;
    expect(dana.sort()).toEqual(expected.filter(danaSees).sort());
    const exact = await searchKeys(demo, 'pmo@demo.test', 'project = PAY AND updated >= "-60m"');
    expect(exact.sort()).toEqual(expected.filter((k) => k.startsWith('PAY-')).sort());
    const info = (await (await fetch(`${demo.url}/rest/api/3/serverInfo`)).json()) as Json;
    expect(info.serverTime).toBe(new Date(NOW + 60 * MINUTE).toISOString().replace('Z', '+0000'));
  });

  it('answers the same `updated` searches as a full scan, before and after changes', async () => {
    const jql = `updated >= "${new Date(NOW - 20 * 86_400_000).toISOString().slice(0, 16).replace('T', ' ')}"`;
    const scan = () =>
      demo.dataset.issues
        .filter((i) => i.updated >= NOW - 20 * 86_400_000 - (NOW % MINUTE))
        .map((i) => i.key);
    expect((await searchKeys(demo, 'pmo@demo.test', jql)).sort()).toEqual(scan().sort());
    demo.mutate({ count: 40, deletes: 5, moves: 5 });
    const after = await searchKeys(demo, 'pmo@demo.test', `${jql} ORDER BY updated DESC`);
    expect([...after].sort()).toEqual(scan().sort());
    const updated = after.map((k) => demo.dataset.issues.find((i) => i.key === k)?.updated ?? 0);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
  });

  it('removes deleted issues from search, counts and changelogs', async () => {
    const victims = demo.mutate({ count: 0, deletes: 6 }).deleted;
    expect(victims).toHaveLength(6);
    const gone = new Set(victims);
    expect(demo.dataset.issues.some((i) => gone.has(i.id))).toBe(false);
    const all = await searchKeys(demo, 'app@demo.test', 'created <= now()');
    expect(all).toHaveLength(demo.dataset.issues.length);
    const count = await post(demo, 'app@demo.test', '/rest/api/3/search/approximate-count', {
      jql: 'created <= now()',
    });
    expect(count.body).toEqual({ count: demo.dataset.issues.length });
    const logs = await post(demo, 'app@demo.test', '/rest/api/3/changelog/bulkfetch', {
      issueIdsOrKeys: [...victims, demo.dataset.issues[0]?.id],
    });
    expect(logs.body.issueChangeLogs.map((l: Json) => l.issueId)).toEqual(
      demo.dataset.issues[0]?.history.length ? [demo.dataset.issues[0]?.id] : [],
    );
    const byId = await post(demo, 'app@demo.test', '/rest/api/3/search/jql', { jql: `id = ${victims[0]}` });
    expect(byId.status).toBe(400);
  });

  it('moves issues to another project under a new key, keeping the id and recording the move', async () => {
    const before = new Map(demo.dataset.issues.map((i) => [i.id, i.key]));
    const highest = (project: string) =>
      Math.max(
        ...[...before.values()]
          .filter((k) => k.startsWith(`${project}-`))
          .map((k) => Number(k.split('-')[1])),
      );
    const { moved } = demo.mutate({ count: 0, moves: 1, at: NOW + 30 * MINUTE });
    const id = moved[0] as string;
    const issue = demo.dataset.issues.find((i) => i.id === id) as DemoIssue;
    const oldKey = before.get(id) as string;
    expect(issue.projectKey).not.toBe(oldKey.split('-')[0]);
    expect(issue.key).toBe(`${issue.projectKey}-${highest(issue.projectKey) + 1}`);
    expect(issue.updated).toBeGreaterThan(NOW);
    const last = issue.history[issue.history.length - 1];
    expect(last?.at).toBe(issue.updated);
    expect(last?.items).toContainEqual({
      field: 'Key',
      fieldtype: 'jira',
      fieldId: 'issuekey',
      from: null,
      fromString: oldKey,
      to: null,
      toString: issue.key,
    });
    expect(last?.items.find((i) => i.fieldId === 'project')?.to).toBe(
      demo.dataset.projects.find((p) => p.key === issue.projectKey)?.id,
    );
    const found = await post(demo, 'pmo@demo.test', '/rest/api/3/search/jql', {
      jql: `key = ${issue.key}`,
      fields: ['key', 'project'],
    });
    expect(found.body.issues.map((i: Json) => [i.id, i.key, i.fields.project.key])).toEqual([
      [id, issue.key, issue.projectKey],
    ]);
    // As in Jira, the old key still leads to the issue.
    const logs = await post(demo, 'pmo@demo.test', '/rest/api/3/changelog/bulkfetch', {
      issueIdsOrKeys: [oldKey],
      fieldIds: ['issuekey'],
    });
    expect(logs.body.issueChangeLogs.map((l: Json) => l.issueId)).toEqual([id]);
  });

  it('lets a page token started before a change finish the result it started', async () => {
    const first = await post(demo, 'pmo@demo.test', '/rest/api/3/search/jql', {
      jql: 'project = MOB ORDER BY key',
      fields: ['key'],
      maxResults: 30,
    });
    demo.mutate({ count: 30, moves: 5 });
    const keys: string[] = first.body.issues.map((i: Json) => i.key);
    let nextPageToken = first.body.nextPageToken as string | undefined;
    while (nextPageToken) {
      const page = await post(demo, 'pmo@demo.test', '/rest/api/3/search/jql', {
        jql: 'project = MOB ORDER BY key',
        fields: ['key'],
        maxResults: 30,
        nextPageToken,
      });
      expect(page.status).toBe(200);
      keys.push(...page.body.issues.map((i: Json) => i.key));
      nextPageToken = page.body.nextPageToken;
    }
    expect(new Set(keys).size).toBe(keys.length);
    const fresh = await searchKeys(demo, 'pmo@demo.test', 'project = MOB ORDER BY key');
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((k) => k.startsWith('MOB-'))).toBe(true);
  });

  it('refuses options it cannot carry out', () => {
    expect(() => demo.mutate({ at: NOW - 1 })).toThrow(/later than the current now/);
    expect(() => demo.mutate({ count: 1, share: 0.1 })).toThrow(/count or share/);
    expect(() => demo.mutate({ share: 2 })).toThrow(/between 0 and 1/);
    expect(demo.dataset.now).toBe(NOW);
  });

  it('serves POST /__demo/mutate to the site admin only, validating the body', async () => {
    const denied = await post(demo, 'pmo@demo.test', '/__demo/mutate', { count: 3 });
    expect(denied.status).toBe(403);
    expect(demo.dataset.now).toBe(NOW);
    const bad = await post(demo, 'admin@demo.test', '/__demo/mutate', { count: -1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors)).toEqual(['count']);
    const past = await post(demo, 'admin@demo.test', '/__demo/mutate', { at: NOW - MINUTE });
    expect(past.status).toBe(400);
    expect(Object.keys(past.body.errors)).toEqual(['at']);
    const unknown = await post(demo, 'admin@demo.test', '/__demo/mutate', { colour: 'red' });
    expect(unknown.body.errors).toHaveProperty('colour');
    const ok = await post(demo, 'admin@demo.test', '/__demo/mutate', { count: 3, deletes: 1, moves: 1 });
    expect(ok.status).toBe(200);
    expect([ok.body.changed.length, ok.body.deleted.length, ok.body.moved.length]).toEqual([3, 1, 1]);
    expect(demo.dataset.now).toBe(NOW + 60 * MINUTE);
  });
});
