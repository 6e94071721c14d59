/** The fixed configuration of the demo site: projects, issue types, statuses, fields, status categories. */
import type { DemoIssueType, DemoProject, DemoSecurityLevel, DemoStatus, StatusCategoryKey } from './types';

export const DEMO_FIELDS = {
  storyPoints: 'customfield_10016',
  flagged: 'customfield_10021',
  businessValue: 'customfield_10030',
  startDate: 'customfield_10015',
  /** Jira Software's Epic Link, as older sites still carry it; the demo's older histories use it. */
  epicLink: 'customfield_10014',
} as const;

/**
 * Older changelog items carry a field name but no fieldId. The bulk changelog still returns them when
 * their field's id is asked for; this is the name each such item is known by.
 */
export const FIELD_ID_BY_ITEM_NAME: Readonly<Record<string, string>> = {
  'Epic Link': DEMO_FIELDS.epicLink,
};

/** The option id Jira Software uses for the single "Impediment" value of the Flagged field. */
export const IMPEDIMENT_OPTION_ID = '10019';

export const ISSUE_TYPE = {
  epic: '10000',
  story: '10001',
  bug: '10002',
  task: '10003',
  subtask: '10004',
} as const;

export const ISSUE_TYPES: readonly DemoIssueType[] = [
  { id: ISSUE_TYPE.epic, name: 'Epic', hierarchyLevel: 1, subtask: false },
  { id: ISSUE_TYPE.story, name: 'Story', hierarchyLevel: 0, subtask: false },
  { id: ISSUE_TYPE.bug, name: 'Bug', hierarchyLevel: 0, subtask: false },
  { id: ISSUE_TYPE.task, name: 'Task', hierarchyLevel: 0, subtask: false },
  { id: ISSUE_TYPE.subtask, name: 'Sub-task', hierarchyLevel: -1, subtask: true },
];

export const ISSUE_TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  [ISSUE_TYPE.epic]: 'A big user story that needs to be broken down.',
  [ISSUE_TYPE.story]: 'Functionality or a feature expressed as a user goal.',
  [ISSUE_TYPE.bug]: 'A problem or error.',
  [ISSUE_TYPE.task]: 'A small, distinct piece of work.',
  [ISSUE_TYPE.subtask]: 'A small piece of work that is part of a larger task.',
};

export const STATUS = {
  toDo: '10000',
  inProgress: '3',
  inReview: '10001',
  blocked: '10002',
  done: '10003',
} as const;

export const STATUSES: readonly DemoStatus[] = [
  { id: STATUS.toDo, name: 'To Do', categoryKey: 'new' },
  { id: STATUS.inProgress, name: 'In Progress', categoryKey: 'indeterminate' },
  { id: STATUS.inReview, name: 'In Review', categoryKey: 'indeterminate' },
  { id: STATUS.blocked, name: 'Blocked', categoryKey: 'indeterminate' },
  { id: STATUS.done, name: 'Done', categoryKey: 'done' },
];

export interface StatusCategoryInfo {
  id: number;
  key: StatusCategoryKey;
  colorName: string;
  name: string;
}

export const STATUS_CATEGORIES: readonly StatusCategoryInfo[] = [
  { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  { id: 3, key: 'done', colorName: 'green', name: 'Done' },
];

export const PROJECTS: readonly DemoProject[] = [
  { id: '10000', key: 'PAY', name: 'Payments', leadAccountId: '712020:0b1d4e6a-3c55-4a8e-9f21-5a7c2d9e1001' },
  {
    id: '10001',
    key: 'MOB',
    name: 'Mobile App',
    leadAccountId: '712020:0b1d4e6a-3c55-4a8e-9f21-5a7c2d9e1004',
  },
  {
    id: '10002',
    key: 'DATA',
    name: 'Data Platform',
    leadAccountId: '712020:0b1d4e6a-3c55-4a8e-9f21-5a7c2d9e1007',
  },
  {
    id: '10003',
    key: 'WEB',
    name: 'Web Storefront',
    leadAccountId: '712020:0b1d4e6a-3c55-4a8e-9f21-5a7c2d9e1010',
  },
  {
    id: '10004',
    key: 'SEC',
    name: 'Security & Compliance',
    leadAccountId: '712020:0b1d4e6a-3c55-4a8e-9f21-5a7c2d9e1013',
  },
];

/**
 * The site's one issue security scheme, used by PAY only: a few of its epics, with their children, are
 * for executives (see SECURED_EPICS in generator.ts). Members of a level see its issues; nobody else
 * does, wherever they look (search, changelogs, JQL, permission checks), as in Jira.
 */
export const SECURITY_SCHEME = { id: '10000', name: 'Payments issue security', projects: ['PAY'] } as const;

export const SECURITY_LEVEL = { executives: '10100' } as const;

export const SECURITY_LEVELS: readonly DemoSecurityLevel[] = [
  {
    id: SECURITY_LEVEL.executives,
    name: 'Executives only',
    description: 'Board-level payments work: executives, the PMO and Jira administrators.',
  },
];

/** The levels that apply to a project's issues (its scheme's), or none. */
export function securityLevelsOf(projectKey: string): readonly DemoSecurityLevel[] {
  return (SECURITY_SCHEME.projects as readonly string[]).includes(projectKey) ? SECURITY_LEVELS : [];
}

const statusById = new Map(STATUSES.map((s) => [s.id, s]));
const issueTypeById = new Map(ISSUE_TYPES.map((t) => [t.id, t]));
const categoryByKey = new Map(STATUS_CATEGORIES.map((c) => [c.key, c]));

export function statusOf(id: string): DemoStatus {
  const status = statusById.get(id);
  if (!status) throw new Error(`Unknown status id ${id}`);
  return status;
}

export function issueTypeOf(id: string): DemoIssueType {
  const type = issueTypeById.get(id);
  if (!type) throw new Error(`Unknown issue type id ${id}`);
  return type;
}

export function categoryOf(key: StatusCategoryKey): StatusCategoryInfo {
  const category = categoryByKey.get(key);
  if (!category) throw new Error(`Unknown status category ${key}`);
  return category;
}
