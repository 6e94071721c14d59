import type { DemoIssue } from '../../dev/demo-jira';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the demo's restricted user (Dana) may not see: SEC's issues and the issues under a security
 * level, and a search for their keys and summaries in any text. A summary some issue she may see also
 * carries is not searched for, since finding it would prove nothing.
 */
export function forbiddenFor(issues: readonly DemoIssue[]) {
  const hidden = (i: DemoIssue) => i.projectKey === 'SEC' || Boolean(i.securityLevelId);
  const secret = issues.filter(hidden);
  const shown = issues.filter((i) => !hidden(i));
  const keys = new RegExp(`\\b(?:SEC-\\d+|${secret.map((i) => escape(i.key)).join('|')})\\b`, 'g');
  const summaries = [...new Set(secret.map((i) => i.summary))].filter(
    (s) => !shown.some((i) => i.summary.includes(s)),
  );
  return {
    secret,
    find(text: string): string[] {
      return [...(text.match(keys) ?? []), ...summaries.filter((s) => text.includes(s))];
    },
  };
}
