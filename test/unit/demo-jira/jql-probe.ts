import type { DemoIssue } from '../../../dev/demo-jira';
import { compileJql, JqlValidationError, parseJql, type JqlSite } from '../../../dev/demo-jira/jql';

const DAY = 86_400_000;

/** A plain open story in PAY, created ten days before `now`; `over` changes what a test needs. */
export function buildDemoIssue(now: number, over: Partial<DemoIssue> = {}): DemoIssue {
  return {
    id: '10001',
    key: 'PAY-1',
    projectKey: 'PAY',
    issueTypeId: '10001',
    summary: 's',
    parentKey: null,
    created: now - 10 * DAY,
    updated: now - DAY,
    statusId: '10000',
    resolutiondate: null,
    duedate: null,
    storyPoints: null,
    businessValue: null,
    startDate: null,
    flagged: false,
    labels: [],
    history: [],
    ...over,
  };
}

/** Runs JQL over a small issue list: the keys it matches, or the problems the compiler names. */
export function jqlProbe(site: JqlSite, issues: readonly DemoIssue[]) {
  return {
    keys(jql: string): string[] {
      const compiled = compileJql(parseJql(jql), site);
      return issues.filter((i) => compiled.matches(i)).map((i) => i.key);
    },
    problems(jql: string): string[] {
      try {
        compileJql(parseJql(jql), site);
      } catch (error) {
        if (error instanceof JqlValidationError) return error.messages;
        throw error;
      }
      return [];
    },
  };
}
