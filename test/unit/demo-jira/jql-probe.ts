import type { DemoIssue } from '../../../dev/demo-jira';
import { compileJql, JqlValidationError, parseJql, type JqlSite } from '../../../dev/demo-jira/jql';

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
