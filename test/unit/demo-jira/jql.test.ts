import {
  compileJql,
  JqlSyntaxError,
  parseJql,
  parseJqlDate,
  toJqlStructure,
  type Clause,
  type JqlSite,
} from '../../../dev/demo-jira/jql';
import type { DemoIssue, DemoProject } from '../../../dev/demo-jira/types';
import { buildDemoIssue, jqlProbe } from './jql-probe';

const NOW = Date.UTC(2025, 5, 15, 14, 30);
const DAY = 86_400_000;

/** A compact rendering of a clause tree, so precedence reads at a glance. */
function shape(clause: Clause | null): string {
  if (!clause) return '';
  switch (clause.kind) {
    case 'term':
      return clause.field;
    case 'not':
      return `not(${shape(clause.clause)})`;
    default:
      return `${clause.kind}(${clause.clauses.map(shape).join(' ')})`;
  }
}

function syntaxError(query: string): JqlSyntaxError {
  try {
    parseJql(query);
  } catch (error) {
    if (error instanceof JqlSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for ${query}`);
}

describe('JQL parser', () => {
  it('binds NOT tighter than AND and AND tighter than OR', () => {
    expect(shape(parseJql('a = 1 OR b = 2 AND c = 3').where)).toBe('or(a and(b c))');
    expect(shape(parseJql('NOT a = 1 AND b = 2').where)).toBe('and(not(a) b)');
    expect(shape(parseJql('(a = 1 OR b = 2) AND c = 3').where)).toBe('and(or(a b) c)');
    expect(shape(parseJql('a = 1 and b = 2 AND c = 3 or d = 4').where)).toBe('or(and(a b c) d)');
    expect(shape(parseJql('NOT (a = 1 OR NOT b = 2)').where)).toBe('not(or(a not(b)))');
    expect(shape(parseJql('a = 1 && b = 2 || !c = 3').where)).toBe('or(and(a b) not(c))');
  });

  it('reads lists, EMPTY, NOT IN, IS NOT and functions with case-insensitive keywords', () => {
    const query = parseJql(
      'status in (Done, "In Progress", 10001) and labels is not empty and type NOT IN (Bug) and created >= startOfDay(-1d) and due Is NULL',
    );
    expect(toJqlStructure(query).where).toEqual({
      operator: 'and',
      clauses: [
        {
          field: { name: 'status', encodedName: 'status' },
          operator: 'in',
          operand: {
            values: [
              { value: 'Done', encodedValue: 'Done' },
              { value: 'In Progress', encodedValue: '"In Progress"' },
              { value: '10001', encodedValue: '10001' },
            ],
            encodedOperand: '(Done, "In Progress", 10001)',
          },
        },
        {
          field: { name: 'labels', encodedName: 'labels' },
          operator: 'is not',
          operand: { keyword: 'empty' },
        },
        {
          field: { name: 'type', encodedName: 'type' },
          operator: 'not in',
          operand: { values: [{ value: 'Bug', encodedValue: 'Bug' }], encodedOperand: '(Bug)' },
        },
        {
          field: { name: 'created', encodedName: 'created' },
          operator: '>=',
          operand: { function: 'startOfDay', arguments: ['-1d'], encodedOperand: 'startOfDay(-1d)' },
        },
        { field: { name: 'due', encodedName: 'due' }, operator: 'is', operand: { keyword: 'empty' } },
      ],
    });
  });

  it('reads ORDER BY with several fields and optional directions', () => {
    const query = parseJql('project = PAY order by created DESC, key, updated asc');
    expect(query.orderBy.map((k) => [k.field, k.direction])).toEqual([
      ['created', 'desc'],
      ['key', null],
      ['updated', 'asc'],
    ]);
    expect(parseJql('ORDER BY key').where).toBeNull();
  });

  it('unescapes quoted strings in either quote style', () => {
    const where = parseJql(`summary = 'it\\'s "quoted"'`).where;
    expect(where?.kind === 'term' && where.operand.kind === 'value' && where.operand.value).toBe(
      `it's "quoted"`,
    );
  });

  it.each([
    ['invalid query', "Expecting operator but got 'query'.", 9],
    ['project = PAY status = Done', "Expecting either 'OR' or 'AND' but got 'status'.", 15],
    ['project = ', 'Expecting either a value, list or function before the end of the query.', 11],
    ['status in (Done, "In Progress"', "Expecting ')' before the end of the query.", 31],
    ['(project = PAY', "Expecting ')' before the end of the query.", 15],
    ['project = "PAY', "The quoted string 'PAY' has not been completed.", 11],
    ['project = PAY ORDER key', "Expecting 'BY' but got 'key'.", 21],
    ['project = PAY AND', 'Expecting a field name before the end of the query.', 18],
    ['labels = a%b', "The character '%' is a reserved JQL character.", 11],
    ['status = )', "Expecting either a value, list or function but got ')'.", 10],
  ])('rejects %j naming the problem and where it is', (query, detail, column) => {
    const error = syntaxError(query);
    expect(error.message).toContain(detail);
    expect(error.message).toMatch(/^Error in the JQL Query: /);
    expect(error.message).toContain(`(line 1, character ${column})`);
    expect(error.column).toBe(column);
  });

  it('counts lines in multi-line queries', () => {
    const error = syntaxError('project = PAY\nAND status ==');
    expect(error.line).toBe(2);
    expect(error.message).toContain('(line 2, character 13)');
  });
});

describe('JQL dates', () => {
  it('reads relative periods back from now', () => {
    expect(parseJqlDate('-12w', NOW)).toBe(NOW - 84 * DAY);
    expect(parseJqlDate('-30d', NOW)).toBe(NOW - 30 * DAY);
    expect(parseJqlDate('-4h', NOW)).toBe(NOW - 4 * 3_600_000);
    expect(parseJqlDate('-15m', NOW)).toBe(NOW - 15 * 60_000);
    expect(parseJqlDate('-1w 2d', NOW)).toBe(NOW - 9 * DAY);
    expect(parseJqlDate('2d', NOW)).toBe(NOW + 2 * DAY);
  });

  it('reads absolute dates and times in UTC and refuses impossible ones', () => {
    expect(parseJqlDate('2025-01-31', NOW)).toBe(Date.UTC(2025, 0, 31));
    expect(parseJqlDate('2025/01/31 14:05', NOW)).toBe(Date.UTC(2025, 0, 31, 14, 5));
    expect(parseJqlDate('2025-02-30', NOW)).toBeNull();
    expect(parseJqlDate('yesterday', NOW)).toBeNull();
  });
});

describe('JQL compiler', () => {
  const projects: DemoProject[] = [
    { id: '10000', key: 'PAY', name: 'Payments', leadAccountId: 'x' },
    { id: '10001', key: 'MOB', name: 'Mobile App', leadAccountId: 'x' },
  ];
  const issue = (over: Partial<DemoIssue>): DemoIssue => buildDemoIssue(NOW, over);
  const issues = [
    issue({ id: '10001', key: 'PAY-1', issueTypeId: '10000', duedate: '2025-06-01' }),
    issue({ id: '10002', key: 'PAY-2', parentKey: 'PAY-1', statusId: '3', labels: ['backend'] }),
    issue({
      id: '10003',
      key: 'PAY-3',
      parentKey: 'PAY-1',
      statusId: '10003',
      resolutiondate: NOW - 2 * DAY,
    }),
    issue({ id: '10004', key: 'MOB-1', projectKey: 'MOB', statusId: '10002', created: NOW - 100 * DAY }),
    issue({ id: '10005', key: 'PAY-4', issueTypeId: '10004', parentKey: 'PAY-2', labels: ['frontend'] }),
  ];
  const site: JqlSite = {
    now: NOW,
    projects,
    findIssue: (ref) => issues.find((i) => i.key === ref.toUpperCase() || i.id === ref),
  };
  const { keys, problems } = jqlProbe(site, issues);

  it('matches by project, status category, issue type functions and parent', () => {
    expect(keys('project = mob')).toEqual(['MOB-1']);
    expect(keys('project in ("Payments") AND statusCategory = "In Progress"')).toEqual(['PAY-2']);
    expect(keys('statusCategory != done and issuetype in standardIssueTypes()')).toEqual([
      'PAY-1',
      'PAY-2',
      'MOB-1',
    ]);
    expect(keys('issuetype in subTaskIssueTypes()')).toEqual(['PAY-4']);
    expect(keys('parent = PAY-1')).toEqual(['PAY-2', 'PAY-3']);
    expect(keys('parent is empty and type != Epic')).toEqual(['MOB-1']);
  });

  it('leaves issues without a value out of != and NOT IN, as Jira does', () => {
    expect(keys('labels != backend')).toEqual(['PAY-4']);
    expect(keys('labels not in (backend, frontend)')).toEqual([]);
    expect(keys('labels in (backend, EMPTY) and project = PAY')).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
    expect(keys('resolved is not empty')).toEqual(['PAY-3']);
  });

  it('compares dates against relative periods, functions and absolute dates', () => {
    expect(keys('created < -30d')).toEqual(['MOB-1']);
    expect(keys('resolved >= startOfDay(-3d) and resolved <= now()')).toEqual(['PAY-3']);
    expect(keys('duedate < "2025-06-02" and due > 2025/05/31')).toEqual(['PAY-1']);
    expect(keys('key > PAY-2 and key <= PAY-4')).toEqual(['PAY-3', 'PAY-4']);
  });

  it('names every unknown field, value and function, without a position', () => {
    expect(problems('project = XYZ AND status = Nope AND colour = red')).toEqual([
      "The value 'XYZ' does not exist for the field 'project'.",
      "The value 'Nope' does not exist for the field 'status'.",
      "Field 'colour' does not exist or you do not have permission to view it.",
    ]);
    expect(problems('created > lastWeek()')).toEqual(["Unable to find JQL function 'lastWeek()'."]);
    expect(problems('created > "next tuesday"')[0]).toContain(
      "Date value 'next tuesday' for field 'created' is invalid.",
    );
    expect(problems('status in Done')).toEqual([
      "Operator 'in' does not support the non-list value 'Done' for field 'status'.",
    ]);
    expect(problems('labels > a')).toEqual(["The operator '>' is not supported by the 'labels' field."]);
    expect(problems('parent = PAY-99')).toEqual([
      "An issue with key 'PAY-99' does not exist for field 'parent'.",
    ]);
    expect(problems('project = PAY order by colour, summary')).toEqual([
      "Field 'colour' does not exist or you do not have permission to view it.",
      "Field 'summary' does not support sorting.",
    ]);
  });

  it('treats a project the caller cannot browse as missing', () => {
    const narrow: JqlSite = { ...site, projects: projects.filter((p) => p.key === 'MOB') };
    expect(() => compileJql(parseJql('project = PAY'), narrow)).toThrow(
      "The value 'PAY' does not exist for the field 'project'.",
    );
  });

  it('reports the sort order and whether the query is bounded', () => {
    const compiled = compileJql(parseJql('project = PAY ORDER BY resolved DESC, key'), site);
    expect(compiled.sort).toEqual([
      { field: 'resolved', descending: true },
      { field: 'key', descending: false },
    ]);
    expect(compiled.bounded).toBe(true);
    expect(compileJql(parseJql('order by created'), site).bounded).toBe(false);
  });
});
