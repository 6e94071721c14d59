/**
 * Issue events, as Jira sends them to the Forge apps subscribed to them (Atlassian's "Jira events"
 * reference): `avi:jira:created:issue`, `avi:jira:updated:issue` (with the changelog of the change) and
 * `avi:jira:deleted:issue`, each with the issue (id, key and a few fields) and `atlassianId`, the account
 * that caused it. The demo hands them to a sink (the local Forge runtime, which delivers them to the app's
 * triggers) whenever its data changes; without a sink nothing is built.
 */
import { issueTypeOf, statusOf } from './catalog';
import type { DemoChangeItem, DemoIssue, DemoProject } from './types';

export type DemoIssueEventType =
  'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';

export interface DemoIssueEvent {
  eventType: DemoIssueEventType;
  /** The payload after `eventType`, as Forge passes it to the trigger's function. */
  payload: {
    issue: {
      id: string;
      key: string;
      fields: Record<string, unknown>;
    };
    atlassianId: string;
    associatedUsers: Array<{ accountId: string }>;
    changelog?: { id: string; items: DemoChangeItem[] };
  };
}

/** Where the demo sends its issue events; it must not throw (delivery is the receiver's business). */
export type DemoEventSink = (event: DemoIssueEvent) => void;

/** The issue as an event carries it: a few fields, as Jira's event payload shows them. */
function issueOf(issue: DemoIssue, projects: readonly DemoProject[]): DemoIssueEvent['payload']['issue'] {
  const project = projects.find((p) => p.key === issue.projectKey);
  const type = issueTypeOf(issue.issueTypeId);
  const status = statusOf(issue.statusId);
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: issue.summary,
      issuetype: { id: type.id, name: type.name, subtask: type.subtask, hierarchyLevel: type.hierarchyLevel },
      project: project ? { id: project.id, key: project.key, name: project.name } : { key: issue.projectKey },
      status: { id: status.id, name: status.name },
      created: new Date(issue.created).toISOString(),
      updated: new Date(issue.updated).toISOString(),
      ...(issue.parentKey ? { parent: { key: issue.parentKey } } : {}),
    },
  };
}

/** The event of an issue's latest change (its last history entry), caused by that change's author. */
export function updatedEvent(issue: DemoIssue, projects: readonly DemoProject[]): DemoIssueEvent {
  const change = issue.history[issue.history.length - 1];
  const author = change?.authorAccountId ?? '';
  return {
    eventType: 'avi:jira:updated:issue',
    payload: {
      issue: issueOf(issue, projects),
      atlassianId: author,
      associatedUsers: [{ accountId: author }],
      ...(change ? { changelog: { id: change.id, items: change.items } } : {}),
    },
  };
}

export function deletedEvent(
  issue: DemoIssue,
  projects: readonly DemoProject[],
  byAccountId: string,
): DemoIssueEvent {
  return {
    eventType: 'avi:jira:deleted:issue',
    payload: {
      issue: issueOf(issue, projects),
      atlassianId: byAccountId,
      associatedUsers: [{ accountId: byAccountId }],
    },
  };
}
