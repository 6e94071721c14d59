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
  /** 'all' or the ids of the issue security levels this user is a member of (see SECURITY_LEVELS). */
  securityLevels: 'all' | string[];
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
  /** Absent on items of older histories (such as "Epic Link" moves), as in Jira Cloud. */
  fieldId?: string;
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
  /** The resolution's name while resolved, when it is not "Done" (Won't Do, Duplicate). */
  resolutionName?: string;
  /** 'YYYY-MM-DD' */
  duedate: string | null;
  storyPoints: number | null;
  businessValue: number | null;
  /** 'YYYY-MM-DD' */
  startDate: string | null;
  flagged: boolean;
  labels: string[];
  /**
   * The issue security level's id: only members of the level (who may also browse the project) see the
   * issue. Null or absent: no level.
   */
  securityLevelId?: string | null;
  /** Oldest first. */
  history: DemoChange[];
}

/** A level of the site's issue security scheme: who may see the issues set to it. */
export interface DemoSecurityLevel {
  id: string;
  name: string;
  description: string;
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
