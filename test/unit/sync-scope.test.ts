import { progressLine } from '../../src/cli/progress-bar';
import { IDLE } from '../../src/services/sync/progress';
import { changedSinceJql, fullJql, ScopeError, scopeJql, scopeKey } from '../../src/services/sync/scope';

describe('sync scope', () => {
  it('reads the portfolio projects without sub-tasks, in key order', () => {
    expect(fullJql({ kind: 'projects', keys: ['PAY', 'MOB'] })).toBe(
      'project in ("PAY", "MOB") AND issuetype in standardIssueTypes() ORDER BY key ASC',
    );
  });

  it('asks only for issues updated within the window, in whole minutes rounded up', () => {
    expect(changedSinceJql({ kind: 'jql', jql: 'labels = pmo' }, 70.2)).toBe(
      '(labels = pmo) AND issuetype in standardIssueTypes() AND updated >= "-71m" ORDER BY key ASC',
    );
  });

  it('refuses an ORDER BY in a JQL filter, but not the words inside a quoted value', () => {
    expect(() => scopeJql({ kind: 'jql', jql: 'project = PAY ORDER BY created' })).toThrow(ScopeError);
    expect(() => scopeJql({ kind: 'jql', jql: 'project = PAY order  by key' })).toThrow('Leave ORDER BY out');
    expect(scopeJql({ kind: 'jql', jql: 'summary ~ "order by"' })).toBe(
      '(summary ~ "order by") AND issuetype in standardIssueTypes()',
    );
    expect(() => scopeJql({ kind: 'jql', jql: '  ' })).toThrow('The JQL filter is empty');
    expect(() => scopeJql({ kind: 'projects', keys: [] })).toThrow('no Jira projects');
  });

  it('changes its key when the scope or the fields read change', () => {
    const a = scopeKey({ kind: 'projects', keys: ['PAY'] }, ['status']);
    expect(scopeKey({ kind: 'projects', keys: ['PAY'] }, ['status'])).toBe(a);
    expect(scopeKey({ kind: 'projects', keys: ['PAY', 'MOB'] }, ['status'])).not.toBe(a);
    expect(scopeKey({ kind: 'projects', keys: ['PAY'] }, ['status', 'customfield_1'])).not.toBe(a);
  });
});

describe('command-line progress', () => {
  it('draws a bar when the total is known', () => {
    const line = progressLine(
      { ...IDLE, phase: 'searching', issuesDone: 2500, issuesTotal: 10_000, requests: 28, retries: 2 },
      20,
    );
    expect(line).toBe(
      '[#####...............] 25% reading issues and history · 2,500 of ~10,000 issues · 28 requests, 2 retries',
    );
  });

  it('counts without a bar when the total is unknown', () => {
    expect(progressLine({ ...IDLE, phase: 'searching', issuesDone: 40, requests: 2 })).toBe(
      'reading issues and history · 40 issues · 2 requests',
    );
  });
});
