import { DEMO_USERS, generateDataset, startDemoJira, type DemoJira } from '../../../dev/demo-jira';
import { compileJql, parseJql, type JqlSite } from '../../../dev/demo-jira/jql';
import type { DemoDataset, DemoIssue, DemoProject } from '../../../dev/demo-jira/types';
import { buildDemoIssue, jqlProbe } from './jql-probe';

const NOW = Date.UTC(2025, 5, 15, 14, 30);
const EPIC = '10000';

/** The words of a summary, lower-cased, split at anything that is not a letter or a digit. */
function wordsOf(summary: string): string[] {
  return summary
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** The matching rule, written out independently of the implementation. */
function hasWord(summary: string, word: string): boolean {
  if (word.endsWith('*')) return wordsOf(summary).some((w) => w.startsWith(word.slice(0, -1)));
  return wordsOf(summary).some((w) => w.startsWith(word) && w.length <= word.length + 2);
}

function siteFor(projects: readonly DemoProject[], issues: readonly DemoIssue[]): JqlSite {
  return {
    now: NOW,
    projects,
    findIssue: (ref) => issues.find((i) => i.key === ref.toUpperCase() || i.id === ref),
  };
}

describe('JQL text search on a handful of summaries', () => {
  const projects: DemoProject[] = [{ id: '10000', key: 'PAY', name: 'Payments', leadAccountId: 'x' }];
  const summaries = [
    'Refund API: support partial refunds',
    'Checkout page crashes on iOS',
    'Refunded orders missing from ledger-reconciliation report',
    'Check totals in the refund API',
    'Refunding via PSP',
    'CHECKS for 3-D Secure',
  ];
  const issues: DemoIssue[] = summaries.map((summary, n) =>
    buildDemoIssue(NOW, { id: String(10001 + n), key: `PAY-${n + 1}`, summary }),
  );
  const site = siteFor(projects, issues);
  const { keys, problems } = jqlProbe(site, issues);

  it('matches whole words, ignoring case, with a little room for word endings', () => {
    expect(keys('summary ~ refund')).toEqual(['PAY-1', 'PAY-3', 'PAY-4']);
    expect(keys('summary ~ "REFUND"')).toEqual(['PAY-1', 'PAY-3', 'PAY-4']);
    expect(keys("summary ~ 'Refunds'")).toEqual(['PAY-1']);
    expect(keys('summary ~ check')).toEqual(['PAY-4', 'PAY-6']);
    expect(keys('summary ~ crash')).toEqual(['PAY-2']);
    expect(keys('summary ~ ord')).toEqual([]);
    expect(keys('summary ~ led')).toEqual([]);
  });

  it('matches a word ending in * by prefix, quoted or not', () => {
    expect(keys('summary ~ "check*"')).toEqual(['PAY-2', 'PAY-4', 'PAY-6']);
    expect(keys('summary ~ check*')).toEqual(['PAY-2', 'PAY-4', 'PAY-6']);
    expect(keys('summary ~ "refund*"')).toEqual(['PAY-1', 'PAY-3', 'PAY-4', 'PAY-5']);
    expect(keys('summary ~ "ref*ed"')).toEqual(['PAY-3']);
  });

  it('needs every word of the value, in any order', () => {
    expect(keys('summary ~ "refund api"')).toEqual(['PAY-1', 'PAY-4']);
    expect(keys('summary ~ "API refund"')).toEqual(['PAY-1', 'PAY-4']);
    expect(keys('summary ~ "refund psp"')).toEqual([]);
    expect(keys('summary ~ "check* totals"')).toEqual(['PAY-4']);
  });

  it('splits words at punctuation on both sides', () => {
    expect(keys('summary ~ reconciliation')).toEqual(['PAY-3']);
    expect(keys('summary ~ "ledger-reconciliation"')).toEqual(['PAY-3']);
    expect(keys('summary ~ "secure"')).toEqual(['PAY-6']);
    expect(keys('summary ~ "api:"')).toEqual(['PAY-1', 'PAY-4']);
    expect(keys('summary ~ "d"')).toEqual(['PAY-6']);
  });

  it('negates with !~ and NOT, and combines with other clauses', () => {
    expect(keys('summary !~ refund')).toEqual(['PAY-2', 'PAY-5', 'PAY-6']);
    expect(keys('NOT summary ~ refund')).toEqual(['PAY-2', 'PAY-5', 'PAY-6']);
    expect(keys('summary ~ refund AND summary !~ api')).toEqual(['PAY-3']);
    expect(keys('summary ~ checkout OR summary ~ psp')).toEqual(['PAY-2', 'PAY-5']);
    expect(keys('project = PAY AND summary !~ "check*"')).toEqual(['PAY-1', 'PAY-3', 'PAY-5']);
  });

  it('reads text as the summary and description as a field no issue fills in', () => {
    expect(keys('text ~ "refund api"')).toEqual(['PAY-1', 'PAY-4']);
    expect(keys('description ~ refund')).toEqual([]);
    expect(keys('description !~ refund')).toEqual([]);
    expect(keys('description is empty')).toHaveLength(issues.length);
    expect(keys('summary is not empty')).toHaveLength(issues.length);
    expect(keys('summary is empty')).toEqual([]);
  });

  it('refuses ~ and !~ on fields that are not text, and = on text fields, in Jira words', () => {
    expect(problems('project ~ PAY')).toEqual(["The operator '~' is not supported by the 'project' field."]);
    expect(problems('status !~ Done')).toEqual(["The operator '!~' is not supported by the 'status' field."]);
    expect(problems('summary = "Refund API"')).toEqual([
      "The operator '=' is not supported by the 'summary' field.",
    ]);
    expect(problems('summary in (a, b)')).toEqual([
      "The operator 'in' is not supported by the 'summary' field.",
    ]);
    expect(problems('text !~ refund')).toEqual(["The operator '!~' is not supported by the 'text' field."]);
    expect(problems('created ~ 2025 AND summary != x')).toEqual([
      "The operator '~' is not supported by the 'created' field.",
      "The operator '!=' is not supported by the 'summary' field.",
    ]);
    expect(problems('project = PAY ORDER BY text')).toEqual(["Field 'text' does not support sorting."]);
  });

  it('refuses values that cannot be searched, naming the problem', () => {
    expect(problems('summary ~ ""')).toEqual([
      "The field 'summary' does not support searching for an empty string.",
    ]);
    expect(problems("text ~ '   '")).toEqual([
      "The field 'text' does not support searching for an empty string.",
    ]);
    expect(problems('summary ~ "*out"')[0]).toContain('is not allowed to start with a wildcard');
    expect(problems('summary ~ "--"')).toEqual([
      "The text query '--' for the field 'summary' has no words to search for.",
    ]);
    expect(problems('summary ~ (a, b)')).toEqual([
      "Operator '~' does not support the list value '(a, b)' for field 'summary'.",
    ]);
    expect(problems('summary ~ EMPTY')[0]).toContain("Operator '~' does not support the value 'EMPTY'");
    expect(problems('summary ~ now()')).toEqual([
      "A value provided by the function 'now' is invalid for the field 'summary'.",
    ]);
  });
});

describe('JQL text search over a generated data set', () => {
  let dataset: DemoDataset;
  let site: JqlSite;
  beforeAll(() => {
    dataset = generateDataset({ seed: 7, issues: 1500, now: new Date(NOW) });
    site = siteFor(dataset.projects, dataset.issues);
  });
  const matching = (jql: string): DemoIssue[] => {
    const compiled = compileJql(parseJql(jql), site);
    return dataset.issues.filter((i) => compiled.matches(i));
  };

  it('finds epics by a prefix, combined with issuetype and ORDER BY updated DESC', () => {
    const compiled = compileJql(
      parseJql('issuetype = Epic AND summary ~ "check*" ORDER BY updated DESC'),
      site,
    );
    expect(compiled.sort).toEqual([{ field: 'updated', descending: true }]);
    const expected = dataset.issues.filter((i) => i.issueTypeId === EPIC && hasWord(i.summary, 'check*'));
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((i) => /checkout/i.test(i.summary))).toBe(true);
    expect(dataset.issues.filter((i) => compiled.matches(i))).toEqual(expected);
  });

  it('agrees with the written-out rule for stems, several words and negation', () => {
    for (const [value, words] of [
      ['refund', ['refund']],
      ['check', ['check']],
      ['Reports', ['reports']],
      ['"data quality"', ['data', 'quality']],
      ['"fix crash*"', ['fix', 'crash*']],
    ] as const) {
      const expected = dataset.issues.filter((i) => words.every((w) => hasWord(i.summary, w)));
      expect(expected.length).toBeGreaterThan(0);
      expect(matching(`summary ~ ${value}`)).toEqual(expected);
      expect(matching(`summary !~ ${value}`)).toEqual(dataset.issues.filter((i) => !expected.includes(i)));
    }
  });
});

/** The parts of a search answer (or an ErrorCollection) the HTTP tests read. */
interface SearchAnswer {
  isLast?: boolean;
  issues: { key: string; fields: { summary: string; issuetype: { name: string } } }[];
  errorMessages?: string[];
  errors?: Record<string, string>;
}

describe('JQL text search over HTTP', () => {
  let demo: DemoJira;
  beforeAll(async () => {
    demo = await startDemoJira({ port: 0, seed: 2, issues: 1500, now: new Date(NOW) });
  });
  afterAll(async () => {
    await demo.close();
  });

  async function search(who: 'pmo' | 'dev', jql: string): Promise<{ status: number; body: SearchAnswer }> {
    const user = DEMO_USERS.find((u) => u.email === `${who}@demo.test`);
    if (!user) throw new Error(`no demo user ${who}`);
    const response = await fetch(`${demo.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ jql, fields: ['summary', 'issuetype'], maxResults: 100 }),
    });
    return { status: response.status, body: (await response.json()) as SearchAnswer };
  }

  it('answers POST /rest/api/3/search/jql in the requested order', async () => {
    const jql = 'issuetype = Epic AND summary ~ "check*" ORDER BY updated DESC';
    const expected = demo.dataset.issues
      .filter((i) => i.issueTypeId === EPIC && hasWord(i.summary, 'check*'))
      .sort((a, b) => b.updated - a.updated || Number(a.id) - Number(b.id));
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((i) => i.projectKey === 'SEC')).toBe(true);

    const { status, body } = await search('pmo', jql);
    expect(status).toBe(200);
    expect(body.isLast).toBe(true);
    expect(body.issues.map((i) => i.key)).toEqual(expected.map((i) => i.key));
    expect(body.issues.map((i) => i.fields.summary)).toEqual(expected.map((i) => i.summary));
    expect(new Set(body.issues.map((i) => i.fields.issuetype.name))).toEqual(new Set(['Epic']));

    const narrow = await search('dev', jql);
    expect(narrow.body.issues.map((i) => i.key)).toEqual(
      // Dana browses every project but SEC, and is not in the level of PAY's secured issues.
      expected.filter((i) => i.projectKey !== 'SEC' && !i.securityLevelId).map((i) => i.key),
    );
  });

  it('answers 400 with Jira messages for text operators on the wrong fields and empty values', async () => {
    const wrong = await search('pmo', 'project ~ PAY AND summary = checkout');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      errorMessages: [
        "The operator '~' is not supported by the 'project' field.",
        "The operator '=' is not supported by the 'summary' field.",
      ],
      errors: {},
    });
    const empty = await search('pmo', 'summary ~ ""');
    expect(empty.status).toBe(400);
    expect(empty.body.errorMessages).toEqual([
      "The field 'summary' does not support searching for an empty string.",
    ]);
  });
});
