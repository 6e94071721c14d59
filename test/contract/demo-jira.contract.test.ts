/**
 * The demo Jira over real HTTP, checked against Atlassian's OpenAPI document: every 200 body validates
 * against the operation's response schema, every error body against ErrorCollection, and the answers
 * agree with the generated data set and the caller's permissions.
 */
import { DEMO_USERS, startDemoJira, type DemoIssue, type DemoJira } from '../../dev/demo-jira';
import { loadJiraSchemas } from './jira-openapi';

const NOW = new Date('2025-06-15T14:30:00Z');
const schemas = loadJiraSchemas();

type Who = 'admin' | 'pmo' | 'dev' | 'app';

/** Response JSON under test: each body is checked against its OpenAPI schema before its fields are read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

let demo: DemoJira;

function credentials(who: Who): string {
  const user = DEMO_USERS.find((u) => u.email === `${who}@demo.test`);
  if (!user) throw new Error(`no demo user ${who}`);
  return `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString('base64')}`;
}

async function call(
  who: Who | null,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (who) headers.Authorization = credentials(who);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${demo.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

function expectOk(answer: Answer, pathTemplate: string, method: 'get' | 'post'): void {
  expect({ status: answer.status, body: answer.status === 200 ? 'ok' : answer.body }).toEqual({
    status: 200,
    body: 'ok',
  });
  expect(schemas.checkResponse(pathTemplate, method, 200, answer.body)).toEqual([]);
}

function expectError(answer: Answer, status: number, message?: string | RegExp): void {
  expect(answer.status).toBe(status);
  expect(schemas.check('ErrorCollection', answer.body)).toEqual([]);
  const text = [...answer.body.errorMessages, ...Object.values(answer.body.errors)].join(' | ');
  if (typeof message === 'string') expect(text).toContain(message);
  else if (message) expect(text).toMatch(message);
}

/** Dana browses every project but SEC and is not in the "Executives only" level of PAY's secured issues. */
const visibleTo = (who: Who) =>
  demo.dataset.issues.filter((i) => who !== 'dev' || (i.projectKey !== 'SEC' && !i.securityLevelId));

async function searchAll(who: Who, jql: string, fields: string[], maxResults: number): Promise<Json[]> {
  const issues: Json[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const answer = await call(who, 'POST', '/rest/api/3/search/jql', {
      jql,
      fields,
      maxResults,
      nextPageToken,
    });
    expectOk(answer, '/rest/api/3/search/jql', 'post');
    issues.push(...answer.body.issues);
    expect(answer.body.isLast).toBe(answer.body.nextPageToken === undefined);
    if (answer.body.isLast) return issues;
    nextPageToken = answer.body.nextPageToken;
  }
  throw new Error('paging did not end');
}

beforeAll(async () => {
  // Seed 1 at this size includes issues flagged right now, so the Flagged field's value shape is exercised.
  demo = await startDemoJira({ seed: 1, issues: 300, now: NOW });
});

afterAll(async () => {
  await demo.close();
});

describe('authentication and routing', () => {
  it('refuses missing or wrong credentials with 401', async () => {
    expectError(await call(null, 'GET', '/rest/api/3/myself'), 401, 'not authenticated');
    const wrong = await fetch(`${demo.url}/rest/api/3/myself`, {
      headers: { Authorization: `Basic ${Buffer.from('pmo@demo.test:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(schemas.check('ErrorCollection', await wrong.json())).toEqual([]);
  });

  it('answers unknown paths with 404, wrong methods with 405 and bad bodies with 400 or 415', async () => {
    expectError(await call('pmo', 'GET', '/rest/api/3/issue/PAY-1'), 404, '/rest/api/3/issue/PAY-1');
    const wrongMethod = await call('pmo', 'PUT', '/rest/api/3/search/jql');
    expectError(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
    expectError(
      await call('pmo', 'POST', '/rest/api/3/search/jql', '{"jql": "project = PAY",'),
      400,
      'Malformed JSON',
    );
    const plain = await fetch(`${demo.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Authorization: credentials('pmo'), 'Content-Type': 'text/plain' },
      body: 'project = PAY',
    });
    expect(plain.status).toBe(415);
  });

  it('answers serverInfo without credentials and lists statuses', async () => {
    const info = await call(null, 'GET', '/rest/api/3/serverInfo');
    expectOk(info, '/rest/api/3/serverInfo', 'get');
    expect(info.body.serverTime).toBe('2025-06-15T14:30:00.000+0000');
    const statuses = await call('dev', 'GET', '/rest/api/3/status');
    expectOk(statuses, '/rest/api/3/status', 'get');
    expect(statuses.body.map((s: Json) => [s.name, s.statusCategory.key])).toEqual([
      ['To Do', 'new'],
      ['In Progress', 'indeterminate'],
      ['In Review', 'indeterminate'],
      ['Blocked', 'indeterminate'],
      ['Done', 'done'],
    ]);
  });
});

describe('POST and GET /rest/api/3/search/jql', () => {
  it('pages through every issue the caller may browse', async () => {
    const all = await searchAll('pmo', 'created <= now() ORDER BY key', ['key'], 70);
    expect(all.length).toBe(demo.dataset.issues.length);
    expect(new Set(all.map((i) => i.key)).size).toBe(all.length);

    const dev = await searchAll('dev', 'created <= now()', ['key', 'project'], 45);
    expect(dev.length).toBe(visibleTo('dev').length);
    expect(dev.some((i) => i.fields.project.key === 'SEC')).toBe(false);
  });

  it('returns ids only by default, and Jira-shaped issues when fields are asked for', async () => {
    const ids = await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'project = PAY', maxResults: 3 });
    expectOk(ids, '/rest/api/3/search/jql', 'post');
    expect(ids.body.issues.every((i: object) => Object.keys(i).join() === 'id')).toBe(true);

    const child = demo.dataset.issues.find(
      (i) => i.parentKey !== null && i.issueTypeId === '10001',
    ) as DemoIssue;
    const answer = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: `key = ${child.key}`,
      fields: ['*all'],
    });
    expectOk(answer, '/rest/api/3/search/jql', 'post');
    const [issue] = answer.body.issues;
    expect(issue.key).toBe(child.key);
    expect(issue.self).toBe(`${demo.url}/rest/api/3/issue/${child.id}`);
    expect(issue.fields.parent.key).toBe(child.parentKey);
    expect(issue.fields.parent.fields.issuetype.hierarchyLevel).toBe(1);
    expect(issue.fields.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(Date.parse(issue.fields.created.replace('+0000', 'Z'))).toBe(child.created);
    expect(issue.fields.project).toMatchObject({ key: child.projectKey, projectTypeKey: 'software' });
    expect(Object.keys(issue.fields).sort()).toEqual(
      [
        'summary',
        'issuetype',
        'project',
        'status',
        'created',
        'updated',
        'resolutiondate',
        'resolution',
        'duedate',
        'parent',
        'labels',
        'statuscategorychangedate',
        'security',
        'customfield_10016',
        'customfield_10021',
        'customfield_10030',
        'customfield_10015',
      ].sort(),
    );
  });

  it('closes a few done work items without delivery: Won’t Do or Duplicate, never an epic', () => {
    const done = demo.dataset.issues.filter((i) => i.resolutiondate !== null);
    const closed = done.filter((i) => i.resolutionName !== undefined);
    expect(new Set(closed.map((i) => i.resolutionName))).toEqual(new Set(["Won't Do", 'Duplicate']));
    expect(closed.every((i) => i.issueTypeId !== '10000' && i.issueTypeId !== '10004')).toBe(true);
    expect(closed.length / done.length).toBeGreaterThan(0.005);
    expect(closed.length / done.length).toBeLessThan(0.04);
    // The changelog names the resolution the issue was closed with.
    for (const issue of closed) {
      const set = issue.history
        .flatMap((c) => c.items)
        .filter((x) => x.field === 'resolution' && x.to !== null);
      expect(set[set.length - 1]?.toString).toBe(issue.resolutionName);
    }
  });

  it('renders every issue’s fields from the data set', async () => {
    const pages = await searchAll('app', 'created <= now()', ['*all'], 100);
    expect(pages).toHaveLength(demo.dataset.issues.length);
    expect(pages.filter((i) => i.fields.customfield_10021 !== null).length).toBeGreaterThan(0);
    const byId = new Map(demo.dataset.issues.map((i) => [i.id, i]));
    const date = (ms: number | null) =>
      ms === null ? null : new Date(ms).toISOString().replace('Z', '+0000');
    for (const issue of pages) {
      const source = byId.get(issue.id) as DemoIssue;
      expect({
        key: issue.key,
        type: issue.fields.issuetype.id,
        status: issue.fields.status.id,
        parent: issue.fields.parent?.key ?? null,
        resolved: issue.fields.resolutiondate,
        resolution: issue.fields.resolution?.name ?? null,
        updated: issue.fields.updated,
        due: issue.fields.duedate,
        points: issue.fields.customfield_10016,
        value: issue.fields.customfield_10030,
        start: issue.fields.customfield_10015,
        flagged: issue.fields.customfield_10021,
        labels: issue.fields.labels,
      }).toEqual({
        key: source.key,
        type: source.issueTypeId,
        status: source.statusId,
        parent: source.parentKey,
        resolved: date(source.resolutiondate),
        resolution: source.resolutiondate === null ? null : (source.resolutionName ?? 'Done'),
        updated: date(source.updated),
        due: source.duedate,
        points: source.storyPoints,
        value: source.businessValue,
        start: source.startDate,
        flagged: source.flagged
          ? [{ self: `${demo.url}/rest/api/3/customFieldOption/10019`, value: 'Impediment', id: '10019' }]
          : null,
        labels: source.labels,
      });
    }
  });

  it('selects explicit fields, excludes -fields, and reads comma-separated GET fields', async () => {
    const post = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'issuetype = Epic',
      fields: ['*navigable', '-summary', '-labels'],
      maxResults: 2,
    });
    expectOk(post, '/rest/api/3/search/jql', 'post');
    expect(post.body.issues[0].fields).not.toHaveProperty('summary');
    expect(post.body.issues[0].fields).not.toHaveProperty('labels');
    expect(post.body.issues[0].fields).toHaveProperty('duedate');

    const onlyExclusion = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'issuetype = Epic',
      fields: ['-summary'],
      maxResults: 1,
    });
    expect(onlyExclusion.body.issues[0].fields).toHaveProperty('status');
    expect(onlyExclusion.body.issues[0].fields).not.toHaveProperty('summary');

    const jql = encodeURIComponent('project = MOB AND statusCategory = Done ORDER BY resolved DESC');
    const first = await call(
      'pmo',
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=summary,resolutiondate&maxResults=4`,
    );
    expectOk(first, '/rest/api/3/search/jql', 'get');
    expect(first.body.issues).toHaveLength(4);
    expect(Object.keys(first.body.issues[0].fields).sort()).toEqual(['resolutiondate', 'summary']);
    const dates = first.body.issues.map((i: Json) => i.fields.resolutiondate);
    expect([...dates].sort().reverse()).toEqual(dates);
    const second = await call(
      'pmo',
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=key&maxResults=4&nextPageToken=${encodeURIComponent(first.body.nextPageToken)}`,
    );
    expectOk(second, '/rest/api/3/search/jql', 'get');
    expect(second.body.issues[0].key).not.toBe(first.body.issues[0].key);
  });

  it('caps pages at 100 issues, or 5000 when only id and key are asked for', async () => {
    const wide = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'created <= now()',
      fields: ['summary'],
      maxResults: 1000,
    });
    expect(wide.body.issues).toHaveLength(100);
    const keys = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'created <= now()',
      fields: ['id', 'key'],
      maxResults: 10000,
    });
    expect(keys.body.issues).toHaveLength(demo.dataset.issues.length);
    expect(keys.body.isLast).toBe(true);
    expect(keys.body).not.toHaveProperty('nextPageToken');
    const defaults = await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'created <= now()' });
    expect(defaults.body.issues).toHaveLength(50);
  });

  it('refuses a page token from another query, or not from this server', async () => {
    const first = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = PAY',
      maxResults: 5,
    });
    const other = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = MOB',
      nextPageToken: first.body.nextPageToken,
    });
    expectError(other, 400, 'different query');
    expectError(
      await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'project = PAY', nextPageToken: 'xyz' }),
      400,
    );
    const stolen = await call('dev', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = PAY',
      nextPageToken: first.body.nextPageToken,
    });
    expectError(stolen, 400);
  });

  it('answers bad JQL with 400 and Jira’s messages', async () => {
    const syntax = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = PAY status = Done',
    });
    expectError(
      syntax,
      400,
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)",
    );
    expectError(
      await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'project = XYZ' }),
      400,
      "The value 'XYZ' does not exist for the field 'project'.",
    );
    expectError(
      await call('dev', 'POST', '/rest/api/3/search/jql', { jql: 'project = SEC' }),
      400,
      "The value 'SEC' does not exist for the field 'project'.",
    );
    expectError(
      await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'order by key' }),
      400,
      'Unbounded JQL',
    );
    expectError(
      await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'project = PAY', maxResults: 0 }),
      400,
      'maxResults',
    );
    expectError(
      await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'project = PAY', colour: 'red' }),
      400,
      "'colour'",
    );
  });

  it('finds what the JQL says, checked against the data set', async () => {
    const cutoff = NOW.getTime() - 12 * 7 * 86_400_000;
    const expected = demo.dataset.issues.filter(
      (i) =>
        i.projectKey === 'WEB' &&
        i.resolutiondate !== null &&
        i.resolutiondate >= cutoff &&
        i.issueTypeId !== '10000' &&
        i.issueTypeId !== '10004',
    );
    const found = await searchAll(
      'app',
      'project = WEB AND resolved >= -12w AND issuetype in standardIssueTypes() AND type != Epic ORDER BY resolved ASC',
      ['key', 'resolutiondate'],
      100,
    );
    expect(found.map((i) => i.key).sort()).toEqual(expected.map((i) => i.key).sort());
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('POST /rest/api/3/search/approximate-count', () => {
  const path = '/rest/api/3/search/approximate-count';

  it('counts the matching issues the caller may browse', async () => {
    const all = await call('pmo', 'POST', path, { jql: 'created <= now()' });
    expectOk(all, path, 'post');
    expect(all.body).toEqual({ count: demo.dataset.issues.length });
    const dev = await call('dev', 'POST', path, { jql: 'created <= now()' });
    expectOk(dev, path, 'post');
    expect(dev.body.count).toBe(visibleTo('dev').length);
    expect(dev.body.count).toBeLessThan(all.body.count);
    const done = await call('app', 'POST', path, {
      jql: 'project in (PAY, MOB) AND statusCategory = Done AND issuetype in standardIssueTypes()',
    });
    expectOk(done, path, 'post');
    expect(done.body.count).toBe(
      demo.dataset.issues.filter(
        (i) => ['PAY', 'MOB'].includes(i.projectKey) && i.statusId === '10003' && i.issueTypeId !== '10004',
      ).length,
    );
    const keys = await searchAll('app', 'project = WEB AND updated >= -30d', ['key'], 100);
    const recent = await call('app', 'POST', path, { jql: 'project = WEB AND updated >= -30d' });
    expect(recent.body.count).toBe(keys.length);
  });

  it('answers unbounded or bad JQL and bad bodies with 400', async () => {
    expectError(await call('pmo', 'POST', path, { jql: 'order by key' }), 400, 'Unbounded JQL');
    expectError(await call('pmo', 'POST', path, {}), 400, 'Unbounded JQL');
    expectError(
      await call('dev', 'POST', path, { jql: 'project = SEC' }),
      400,
      "The value 'SEC' does not exist for the field 'project'.",
    );
    expectError(
      await call('pmo', 'POST', path, { jql: 'project = PAY status = Done' }),
      400,
      'Error in the JQL',
    );
    expectError(
      await call('pmo', 'POST', path, { jql: 'project = PAY', maxResults: 5 }),
      400,
      "'maxResults'",
    );
    expectError(await call('pmo', 'POST', path, { jql: 7 }), 400, 'jql');
    expectError(await call(null, 'POST', path, { jql: 'project = PAY' }), 401);
  });
});

describe('POST /rest/api/3/issue/bulkfetch', () => {
  const path = '/rest/api/3/issue/bulkfetch';

  it('returns the asked issues with the asked fields, leaving out those the caller may not see', async () => {
    const secured = demo.dataset.issues.find((i) => i.securityLevelId)!;
    const sec = demo.dataset.issues.find((i) => i.projectKey === 'SEC')!;
    const open = demo.dataset.issues.filter((i) => i.projectKey === 'PAY' && !i.securityLevelId).slice(0, 3);
    const keys = [...open.map((i) => i.key), secured.key, sec.key, 'PAY-999999'];
    const pmo = await call('pmo', 'POST', path, { issueIdsOrKeys: keys, fields: ['summary', 'status'] });
    expectOk(pmo, path, 'post');
    expect(pmo.body.issues.map((i: Json) => i.key)).toEqual(keys.slice(0, 5));
    expect(pmo.body.issues[0].fields.summary).toBe(open[0]!.summary);
    expect(pmo.body.issues[0].fields.status.name).toBeTruthy();
    expect(pmo.body.issueErrors).toEqual([]);
    const dev = await call('dev', 'POST', path, { issueIdsOrKeys: keys, fields: ['summary', 'status'] });
    expectOk(dev, path, 'post');
    expect(dev.body.issues.map((i: Json) => i.key)).toEqual(open.map((i) => i.key));
  });

  it('refuses more than 100 issues and a body of the wrong shape', async () => {
    const keys = demo.dataset.issues.slice(0, 101).map((i) => i.key);
    expectError(await call('pmo', 'POST', path, { issueIdsOrKeys: keys }), 400, '100');
    expectError(await call('pmo', 'POST', path, { issueIdsOrKeys: [] }), 400);
    expectError(await call('pmo', 'POST', path, { keys: ['PAY-1'] }), 400);
  });
});

describe('POST /rest/api/3/changelog/bulkfetch', () => {
  const path = '/rest/api/3/changelog/bulkfetch';

  it('returns histories oldest first, filtered to the asked fields', async () => {
    const sample = demo.dataset.issues.filter((i) => i.history.length > 0).slice(0, 40);
    const answer = await call('app', 'POST', path, {
      issueIdsOrKeys: sample.map((i) => i.key),
      fieldIds: ['status'],
    });
    expectOk(answer, path, 'post');
    expect(answer.body).not.toHaveProperty('nextPageToken');
    for (const log of answer.body.issueChangeLogs) {
      const source = demo.dataset.issues.find((i) => i.id === log.issueId) as DemoIssue;
      const expected = source.history.filter((c) => c.items.some((item) => item.fieldId === 'status'));
      expect(log.changeHistories.map((h: Json) => h.id)).toEqual(expected.map((c) => c.id));
      for (const history of log.changeHistories) {
        expect(history.items.every((item: Json) => item.fieldId === 'status')).toBe(true);
        expect(history.author.accountId).toBeTruthy();
      }
    }
  });

  it('keeps the Jira item shapes for flags, due dates and parents', async () => {
    const keys = ['customfield_10021', 'duedate', 'IssueParentAssociation'].map(
      (fieldId) =>
        demo.dataset.issues.find((i) => i.history.some((c) => c.items.some((x) => x.fieldId === fieldId)))
          ?.key,
    );
    const answer = await call('admin', 'POST', path, {
      issueIdsOrKeys: keys,
      fieldIds: ['customfield_10021', 'duedate', 'IssueParentAssociation'],
    });
    expectOk(answer, path, 'post');
    const items = answer.body.issueChangeLogs.flatMap((l: Json) =>
      l.changeHistories.flatMap((h: Json) => h.items),
    );
    expect(items).toContainEqual({
      field: 'Flagged',
      fieldtype: 'custom',
      fieldId: 'customfield_10021',
      from: null,
      fromString: null,
      to: '[10019]',
      toString: 'Impediment',
    });
    const due = items.find((i: Json) => i.fieldId === 'duedate');
    expect(due).toMatchObject({ field: 'duedate', fieldtype: 'jira' });
    expect(due.toString).toBe(`${due.to} 00:00:00.0`);
    const parent = items.find((i: Json) => i.fieldId === 'IssueParentAssociation');
    expect(parent).toMatchObject({ field: 'IssueParentAssociation', fieldtype: 'jira' });
    expect(demo.dataset.issues.find((i) => i.id === parent.to)?.key).toBe(parent.toString);
  });

  it('returns older "Epic Link" items, which have no fieldId, when the Epic Link field is asked for', async () => {
    const older = demo.dataset.issues.filter((i) =>
      i.history.some((c) => c.items.some((x) => x.field === 'Epic Link')),
    );
    expect(older.length).toBeGreaterThan(0);
    const issueIdsOrKeys = older.slice(0, 20).map((i) => i.key);
    const items = async (fieldIds: string[]) => {
      const answer = await call('admin', 'POST', path, { issueIdsOrKeys, fieldIds });
      expectOk(answer, path, 'post');
      return answer.body.issueChangeLogs.flatMap((l: Json) =>
        l.changeHistories.flatMap((h: Json) => h.items),
      ) as Json[];
    };
    const epicLinks = await items(['customfield_10014']);
    expect(epicLinks.length).toBeGreaterThanOrEqual(issueIdsOrKeys.length);
    for (const item of epicLinks) {
      expect(item).toMatchObject({ field: 'Epic Link', fieldtype: 'custom' });
      expect(item).not.toHaveProperty('fieldId');
      expect(demo.dataset.issues.find((i) => i.id === item.to)?.key).toBe(item.toString);
    }
    // Asking for IssueParentAssociation alone leaves them out, as it would on a site with older histories.
    expect((await items(['IssueParentAssociation'])).some((i) => i.field === 'Epic Link')).toBe(false);
  });

  it('pages by change histories and gives the same result as one big page', async () => {
    const keys = visibleTo('pmo')
      .slice(0, 60)
      .map((i) => i.key);
    const whole = await call('pmo', 'POST', path, {
      issueIdsOrKeys: keys,
      fieldIds: ['status', 'customfield_10021'],
    });
    expectOk(whole, path, 'post');
    const flatten = (logs: Json[]) =>
      logs.flatMap((l) => l.changeHistories.map((h: Json) => `${l.issueId}:${h.id}`));
    const pieces: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const page = await call('pmo', 'POST', path, {
        issueIdsOrKeys: keys,
        fieldIds: ['status', 'customfield_10021'],
        maxResults: 7,
        nextPageToken,
      });
      expectOk(page, path, 'post');
      const histories = flatten(page.body.issueChangeLogs);
      expect(histories.length).toBeLessThanOrEqual(7);
      pieces.push(...histories);
      nextPageToken = page.body.nextPageToken;
      pages++;
    } while (nextPageToken && pages < 500);
    expect(pages).toBeGreaterThan(2);
    expect(pieces).toEqual(flatten(whole.body.issueChangeLogs));
  });

  it('leaves out issues the caller may not browse', async () => {
    const secret = demo.dataset.issues.find(
      (i) => i.projectKey === 'SEC' && i.history.length > 0,
    ) as DemoIssue;
    const open = demo.dataset.issues.find((i) => i.projectKey === 'PAY' && i.history.length > 0) as DemoIssue;
    const answer = await call('dev', 'POST', path, { issueIdsOrKeys: [secret.key, open.id, 'NOPE-1'] });
    expectOk(answer, path, 'post');
    expect(answer.body.issueChangeLogs.map((l: Json) => l.issueId)).toEqual([open.id]);
  });

  it('names the field when the body is not valid', async () => {
    expectError(await call('pmo', 'POST', path, { issueIdsOrKeys: [] }), 400, 'issueIdsOrKeys');
    const tooMany = Array.from({ length: 1001 }, (_, n) => `PAY-${n + 1}`);
    expectError(await call('pmo', 'POST', path, { issueIdsOrKeys: tooMany }), 400, 'issueIdsOrKeys');
    const fields = Array.from({ length: 11 }, (_, n) => `customfield_${n}`);
    expectError(
      await call('pmo', 'POST', path, { issueIdsOrKeys: ['PAY-1'], fieldIds: fields }),
      400,
      'fieldIds',
    );
    expectError(
      await call('pmo', 'POST', path, { issueIdsOrKeys: ['PAY-1'], maxResults: 10001 }),
      400,
      'maxResults',
    );
  });
});

describe('site metadata endpoints', () => {
  it('lists fields, including the four custom fields', async () => {
    const answer = await call('dev', 'GET', '/rest/api/3/field');
    expectOk(answer, '/rest/api/3/field', 'get');
    const custom = answer.body
      .filter((f: Json) => f.custom)
      .map((f: Json) => [f.id, f.name, f.schema.type, f.schema.customId]);
    expect(custom).toEqual(
      expect.arrayContaining([
        ['customfield_10016', 'Story point estimate', 'number', 10016],
        ['customfield_10021', 'Flagged', 'array', 10021],
        ['customfield_10030', 'Business Value', 'number', 10030],
        ['customfield_10015', 'Start date', 'date', 10015],
      ]),
    );
  });

  it('describes the caller, with groups on request', async () => {
    const plain = await call('pmo', 'GET', '/rest/api/3/myself');
    expectOk(plain, '/rest/api/3/myself', 'get');
    expect(plain.body.groups.items).toEqual([]);
    const expanded = await call('pmo', 'GET', '/rest/api/3/myself?expand=groups');
    expectOk(expanded, '/rest/api/3/myself', 'get');
    expect(expanded.body.accountId).toBe('5b10a2844c20165700ede21g');
    expect(expanded.body.groups.items.map((g: Json) => g.name)).toEqual(['pmo-leads']);
    const app = await call('app', 'GET', '/rest/api/3/myself');
    expect(app.body.accountType).toBe('app');
  });

  it('pages projects the caller may browse', async () => {
    const dev = await call('dev', 'GET', '/rest/api/3/project/search');
    expectOk(dev, '/rest/api/3/project/search', 'get');
    expect(dev.body.values.map((p: Json) => p.key)).toEqual(['DATA', 'MOB', 'PAY', 'WEB']);
    const page = await call('admin', 'GET', '/rest/api/3/project/search?startAt=1&maxResults=2&expand=lead');
    expectOk(page, '/rest/api/3/project/search', 'get');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 2, total: 5, isLast: false });
    expect(page.body.values).toHaveLength(2);
    expect(page.body.values[0].lead.accountId).toBeTruthy();
    const filtered = await call('pmo', 'GET', '/rest/api/3/project/search?keys=SEC&keys=PAY&query=pay');
    expect(filtered.body.values.map((p: Json) => p.key)).toEqual(['PAY']);
  });

  it('parses JQL with strict, warn and none validation', async () => {
    const queries = [
      'project = PAY AND status in (Done, "In Review") ORDER BY created DESC',
      'project = XYZ',
      'project =',
    ];
    const strict = await call('pmo', 'POST', '/rest/api/3/jql/parse?validation=strict', { queries });
    expectOk(strict, '/rest/api/3/jql/parse', 'post');
    const [good, unknown, broken] = strict.body.queries;
    expect(good.structure.orderBy.fields[0]).toEqual({
      field: { name: 'created', encodedName: 'created' },
      direction: 'desc',
    });
    expect(good.structure.where.operator).toBe('and');
    expect(unknown).toEqual({
      query: 'project = XYZ',
      errors: ["The value 'XYZ' does not exist for the field 'project'."],
    });
    expect(broken.errors[0]).toMatch(/^Error in the JQL Query: .*\(line 1, character 10\)$/);
    const warn = await call('pmo', 'POST', '/rest/api/3/jql/parse?validation=warn', { queries });
    expectOk(warn, '/rest/api/3/jql/parse', 'post');
    expect(warn.body.queries[1].structure.where.field.name).toBe('project');
    const none = await call('pmo', 'POST', '/rest/api/3/jql/parse?validation=none', { queries });
    expect(none.body.queries[1]).not.toHaveProperty('errors');
    expectError(
      await call('pmo', 'POST', '/rest/api/3/jql/parse?validation=loose', { queries }),
      400,
      'validation',
    );
    expectError(
      await call('pmo', 'POST', '/rest/api/3/jql/parse', { queries: 'project = PAY' }),
      400,
      'queries',
    );
  });
});

describe('permissions', () => {
  it('reports ADMINISTER only for site admins and BROWSE_PROJECTS per project', async () => {
    const admin = await call(
      'admin',
      'GET',
      '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS',
    );
    expectOk(admin, '/rest/api/3/mypermissions', 'get');
    expect(admin.body.permissions.ADMINISTER).toMatchObject({
      key: 'ADMINISTER',
      type: 'GLOBAL',
      havePermission: true,
    });
    const pmo = await call(
      'pmo',
      'GET',
      '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS&projectKey=SEC',
    );
    expectOk(pmo, '/rest/api/3/mypermissions', 'get');
    expect(pmo.body.permissions.ADMINISTER.havePermission).toBe(false);
    expect(pmo.body.permissions.BROWSE_PROJECTS.havePermission).toBe(true);
    const dev = await call(
      'dev',
      'GET',
      '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=PAY',
    );
    expect(dev.body.permissions.BROWSE_PROJECTS.havePermission).toBe(true);
    expectError(
      await call('dev', 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=SEC'),
      404,
      'SEC',
    );
    expectError(await call('dev', 'GET', '/rest/api/3/mypermissions'), 400, 'permissions');
    expectError(await call('dev', 'GET', '/rest/api/3/mypermissions?permissions=FLY'), 400, 'FLY');
  });

  it('checks another account’s access for the app, and only for the app or admins', async () => {
    const sec = demo.dataset.projects.find((p) => p.key === 'SEC');
    const pay = demo.dataset.projects.find((p) => p.key === 'PAY');
    const secIssue = demo.dataset.issues.find((i) => i.projectKey === 'SEC') as DemoIssue;
    const payIssue = demo.dataset.issues.find(
      (i) => i.projectKey === 'PAY' && !i.securityLevelId,
    ) as DemoIssue;
    const dana = DEMO_USERS.find((u) => u.email === 'dev@demo.test')?.accountId;
    const request = {
      accountId: dana,
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [
        {
          permissions: ['BROWSE_PROJECTS'],
          projects: [Number(sec?.id), Number(pay?.id)],
          issues: [Number(secIssue.id), Number(payIssue.id)],
        },
      ],
    };
    const answer = await call('app', 'POST', '/rest/api/3/permissions/check', request);
    expectOk(answer, '/rest/api/3/permissions/check', 'post');
    expect(answer.body).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [Number(pay?.id)], issues: [Number(payIssue.id)] },
      ],
    });
    expectOk(
      await call('admin', 'POST', '/rest/api/3/permissions/check', request),
      '/rest/api/3/permissions/check',
      'post',
    );
    expectError(await call('pmo', 'POST', '/rest/api/3/permissions/check', request), 403, 'administrators');
    const self = await call('dev', 'POST', '/rest/api/3/permissions/check', {
      ...request,
      accountId: undefined,
    });
    expect(self.body.projectPermissions[0].issues).toEqual([Number(payIssue.id)]);
    expectError(
      await call('app', 'POST', '/rest/api/3/permissions/check', {
        projectPermissions: [{ permissions: ['FLY'] }],
      }),
      400,
      'Unrecognized permission',
    );
  });
});

describe('issue security', () => {
  const secured = () => demo.dataset.issues.filter((i) => i.securityLevelId);
  const levelsPath = '/rest/api/3/project/{projectKeyOrId}/securitylevel';

  it('secures a few PAY epics with everything under them, at one level', () => {
    const epics = secured().filter((i) => i.issueTypeId === '10000');
    expect(epics.length).toBeGreaterThan(0);
    expect(new Set(secured().map((i) => i.projectKey))).toEqual(new Set(['PAY']));
    expect(new Set(secured().map((i) => i.securityLevelId))).toEqual(new Set(['10100']));
    const keys = new Set(secured().map((i) => i.key));
    for (const issue of demo.dataset.issues) {
      if (issue.parentKey !== null && keys.has(issue.parentKey)) expect(keys.has(issue.key)).toBe(true);
    }
  });

  it('lists the levels of a project the caller is a member of', async () => {
    const pmo = await call('pmo', 'GET', '/rest/api/3/project/PAY/securitylevel');
    expectOk(pmo, levelsPath, 'get');
    expect(pmo.body.levels).toEqual([
      expect.objectContaining({ id: '10100', name: 'Executives only', issueSecuritySchemeId: '10000' }),
    ]);
    const byId = await call('pmo', 'GET', '/rest/api/3/project/10000/securitylevel');
    expect(byId.body).toEqual(pmo.body);
    const dev = await call('dev', 'GET', '/rest/api/3/project/PAY/securitylevel');
    expectOk(dev, levelsPath, 'get');
    expect(dev.body).toEqual({ levels: [] });
    const mob = await call('pmo', 'GET', '/rest/api/3/project/MOB/securitylevel');
    expectOk(mob, levelsPath, 'get');
    expect(mob.body).toEqual({ levels: [] });
    expectError(await call('dev', 'GET', '/rest/api/3/project/SEC/securitylevel'), 404, 'SEC');
  });

  it('shows the security field to members and hides secured issues from everyone else', async () => {
    const issue = secured().find((i) => i.history.length > 0) as DemoIssue;
    const members = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: `key = ${issue.key}`,
      fields: ['summary', 'security'],
    });
    expectOk(members, '/rest/api/3/search/jql', 'post');
    expect(members.body.issues[0].fields.security).toMatchObject({ id: '10100', name: 'Executives only' });
    const open = await call('pmo', 'POST', '/rest/api/3/search/jql', {
      jql: 'project = MOB',
      fields: ['security'],
      maxResults: 1,
    });
    expect(open.body.issues[0].fields.security).toBeNull();

    const dev = await searchAll('dev', 'project = PAY', ['key'], 100);
    expect(dev.length).toBe(visibleTo('dev').filter((i) => i.projectKey === 'PAY').length);
    expect(dev.map((i) => i.key)).not.toContain(issue.key);
    const count = await call('dev', 'POST', '/rest/api/3/search/approximate-count', { jql: 'project = PAY' });
    expect(count.body.count).toBe(dev.length);
    // As in Jira, an issue the caller may not see is one that does not exist.
    const named = await call('dev', 'POST', '/rest/api/3/search/jql', { jql: `key = ${issue.key}` });
    expect(named.status === 400 || named.body.issues.length === 0).toBe(true);

    const logs = await call('dev', 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: [issue.id] });
    expectOk(logs, '/rest/api/3/changelog/bulkfetch', 'post');
    expect(logs.body.issueChangeLogs).toEqual([]);
    const pmoLogs = await call('pmo', 'POST', '/rest/api/3/changelog/bulkfetch', {
      issueIdsOrKeys: [issue.id],
    });
    expect(pmoLogs.body.issueChangeLogs.map((l: Json) => l.issueId)).toEqual([issue.id]);

    expectError(
      await call('dev', 'GET', `/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&issueKey=${issue.key}`),
      404,
    );
    const plain = demo.dataset.issues.find((i) => i.projectKey === 'PAY' && !i.securityLevelId) as DemoIssue;
    const check = await call('dev', 'POST', '/rest/api/3/permissions/check', {
      projectPermissions: [
        { permissions: ['BROWSE_PROJECTS'], issues: [Number(issue.id), Number(plain.id)] },
      ],
    });
    expectOk(check, '/rest/api/3/permissions/check', 'post');
    expect(check.body.projectPermissions[0].issues).toEqual([Number(plain.id)]);
    const asPmo = await call('pmo', 'POST', '/rest/api/3/permissions/check', {
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [Number(issue.id)] }],
    });
    expect(asPmo.body.projectPermissions[0].issues).toEqual([Number(issue.id)]);
  });

  it('lists the Security Level field', async () => {
    const fields = await call('dev', 'GET', '/rest/api/3/field');
    expect(fields.body.find((f: Json) => f.id === 'security')).toMatchObject({
      name: 'Security Level',
      clauseNames: ['level'],
    });
  });
});

describe('request counting', () => {
  it('counts requests per path until reset', async () => {
    demo.stats.reset();
    await call('pmo', 'GET', '/rest/api/3/field');
    await call('pmo', 'GET', '/rest/api/3/field?x=1');
    await call('pmo', 'POST', '/rest/api/3/search/jql', { jql: 'project = PAY' });
    expect(demo.stats.requests).toEqual({ '/rest/api/3/field': 2, '/rest/api/3/search/jql': 1 });
    demo.stats.reset();
    expect(demo.stats.requests).toEqual({});
  });
});
