import type { JiraScope } from '../../../../src/contract';
import { plural } from './form';

/** "2 epics · 1 Jira project · JQL", or "No Jira scope yet". */
export function scopeSummary(scope: JiraScope): string {
  const parts = [
    scope.epicKeys.length ? plural(scope.epicKeys.length, 'epic') : null,
    scope.projectKeys.length ? plural(scope.projectKeys.length, 'Jira project') : null,
    scope.jql ? 'JQL' : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : 'No Jira scope yet';
}
