/** The shapes of the demo data set. Times are epoch milliseconds so a million issues stay cheap to hold. */

export interface DemoUser {
  accountId: string;
  displayName: string;
  email: string;
  apiToken: string;
  accountType: 'atlassian' | 'app';
  groups: string[];
  siteAdmin: boolean;
  /** 'all' or the keys of the projects this user may browse. */
  browse: 'all' | string[];
}

export interface DemoProject {
  id: string;
  key: string;
  name: string;
  leadAccountId: string;
}

export interface DemoChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface DemoChange {
  id: string;
  /** epoch ms */
  at: number;
  authorAccountId: string;
  items: DemoChangeItem[];
}

export interface DemoIssue {
  id: string;
  key: string;
  projectKey: string;
  issueTypeId: string;
  summary: string;
  /** Current parent: stories, bugs and tasks point at an epic, sub-tasks at their story, epics at nothing. */
  parentKey: string | null;
  created: number;
  /** The latest change, or `created` when there is none. */
  updated: number;
  statusId: string;
  /** Set while the current status is Done: the time of the latest move into Done. */
  resolutiondate: number | null;
  /** 'YYYY-MM-DD' */
  duedate: string | null;
  storyPoints: number | null;
  businessValue: number | null;
  /** 'YYYY-MM-DD' */
  startDate: string | null;
  flagged: boolean;
  labels: string[];
  /** Oldest first. */
  history: DemoChange[];
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface DemoIssueType {
  id: string;
  name: string;
  hierarchyLevel: number;
  subtask: boolean;
}

export interface DemoStatus {
  id: string;
  name: string;
  categoryKey: StatusCategoryKey;
}

export interface DemoDataset {
  now: number;
  seed: number;
  projects: DemoProject[];
  issueTypes: DemoIssueType[];
  statuses: DemoStatus[];
  /** Ordered by id, which is also creation order. */
  issues: DemoIssue[];
}
