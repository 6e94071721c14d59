/** Jira Cloud JSON for the demo data: issues, changelogs, users, projects. */
import {
  categoryOf,
  DEMO_FIELDS,
  IMPEDIMENT_OPTION_ID,
  ISSUE_TYPE_DESCRIPTIONS,
  ISSUE_TYPES,
  SECURITY_LEVELS,
  SECURITY_SCHEME,
  STATUSES,
  statusOf,
} from './catalog';
import { NOT_DELIVERED_RESOLUTIONS, RESOLUTION_DONE_ID } from './change-items';
import { TEAM_TIME_ZONE } from './calendar';
import type { DemoStore } from './store';
import type { DemoChange, DemoIssue, DemoProject, DemoSecurityLevel } from './types';
import { findAccount, type KnownAccount } from './users';

/** Jira's wire format for date-times: `2025-01-02T10:11:12.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Every field the demo issues carry; all are navigable. */
export const ISSUE_FIELDS = [
  'summary',
  'issuetype',
  'project',
  'status',
  'created',
  'updated',
  'resolutiondate',
  'resolution',
  'duedate',
  'parent',
  'labels',
  'statuscategorychangedate',
  'security',
  DEMO_FIELDS.storyPoints,
  DEMO_FIELDS.flagged,
  DEMO_FIELDS.businessValue,
  DEMO_FIELDS.startDate,
] as const;

const KNOWN_FIELDS = new Set<string>(ISSUE_FIELDS);

/** What a search asked for in `fields`. */
export interface FieldSelection {
  /** Only `id` was asked for (or nothing): issues come back as `{id}`. */
  idsOnly: boolean;
  /** Only `id` and/or `key`: the cheap kind of page, allowed to be large. */
  keysOnly: boolean;
  fields: ReadonlySet<string>;
}

/**
 * Reads a `fields` list the way Jira does: comma-separated entries, `*all`, `*navigable`, names, and `-name`
 * to exclude. Nothing (or only `id`) means ids only; only exclusions start from the navigable fields.
 */
export function selectFields(requested: readonly string[] | undefined): FieldSelection {
  const entries = (requested ?? [])
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const include = new Set<string>();
  const exclude = new Set<string>();
  let wantsKey = false;
  let wantsAny = false;
  for (const entry of entries) {
    if (entry === '*all' || entry === '*navigable') {
      for (const f of ISSUE_FIELDS) include.add(f);
      wantsAny = true;
    } else if (entry.startsWith('-')) {
      exclude.add(entry.slice(1));
    } else if (entry === 'id') {
      // The id is always there.
    } else if (entry === 'key') {
      wantsKey = true;
    } else {
      wantsAny = true;
      if (KNOWN_FIELDS.has(entry)) include.add(entry);
    }
  }
  if (!wantsAny && exclude.size > 0) {
    for (const f of ISSUE_FIELDS) include.add(f);
    wantsAny = true;
  }
  for (const f of exclude) include.delete(f);
  return { idsOnly: !wantsAny && !wantsKey, keysOnly: !wantsAny, fields: include };
}

export class JiraRenderer {
  private readonly issueTypes: Map<string, object>;
  private readonly statuses: Map<string, object>;
  private readonly projects: Map<string, object>;

  constructor(
    private readonly base: string,
    private readonly store: DemoStore,
  ) {
    this.issueTypes = new Map(
      ISSUE_TYPES.map((t) => [
        t.id,
        {
          self: `${base}/rest/api/3/issuetype/${t.id}`,
          id: t.id,
          description: ISSUE_TYPE_DESCRIPTIONS[t.id] ?? '',
          iconUrl: `${base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${10300 + Number(t.id) - 10000}?size=medium`,
          name: t.name,
          subtask: t.subtask,
          hierarchyLevel: t.hierarchyLevel,
        },
      ]),
    );
    this.statuses = new Map(
      STATUSES.map((s) => {
        const category = categoryOf(s.categoryKey);
        return [
          s.id,
          {
            self: `${base}/rest/api/3/status/${s.id}`,
            description: '',
            iconUrl: `${base}/images/icons/statuses/generic.png`,
            name: s.name,
            id: s.id,
            statusCategory: {
              self: `${base}/rest/api/3/statuscategory/${category.id}`,
              id: category.id,
              key: category.key,
              colorName: category.colorName,
              name: category.name,
            },
          },
        ];
      }),
    );
    this.projects = new Map(
      store.dataset.projects.map((p) => [
        p.key,
        {
          self: `${base}/rest/api/3/project/${p.id}`,
          id: p.id,
          key: p.key,
          name: p.name,
          projectTypeKey: 'software',
          simplified: false,
          avatarUrls: this.avatars('project', p.id),
        },
      ]),
    );
  }

  avatars(kind: 'project' | 'user', id: string): Record<string, string> {
    const ref = encodeURIComponent(id);
    return {
      '48x48': `${this.base}/avatars/${kind}/${ref}?size=48`,
      '24x24': `${this.base}/avatars/${kind}/${ref}?size=24`,
      '16x16': `${this.base}/avatars/${kind}/${ref}?size=16`,
      '32x32': `${this.base}/avatars/${kind}/${ref}?size=32`,
    };
  }

  issue(issue: DemoIssue, selection: FieldSelection): Record<string, unknown> {
    if (selection.idsOnly) return { id: issue.id };
    const fields: Record<string, unknown> = {};
    for (const field of selection.fields) {
      const value = this.field(issue, field);
      if (value !== undefined) fields[field] = value;
    }
    return {
      expand: '',
      id: issue.id,
      self: `${this.base}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      fields,
    };
  }

  private field(issue: DemoIssue, field: string): unknown {
    switch (field) {
      case 'summary':
        return issue.summary;
      case 'issuetype':
        return this.issueTypes.get(issue.issueTypeId);
      case 'project':
        return this.projects.get(issue.projectKey);
      case 'status':
        return this.statuses.get(issue.statusId);
      case 'created':
        return jiraDateTime(issue.created);
      case 'updated':
        return jiraDateTime(issue.updated);
      case 'resolutiondate':
        return issue.resolutiondate === null ? null : jiraDateTime(issue.resolutiondate);
      case 'resolution': {
        if (issue.resolutiondate === null) return null;
        const other = issue.resolutionName ? NOT_DELIVERED_RESOLUTIONS[issue.resolutionName] : undefined;
        const id = other?.id ?? RESOLUTION_DONE_ID;
        return {
          self: `${this.base}/rest/api/3/resolution/${id}`,
          id,
          description: other?.description ?? 'Work has been completed on this issue.',
          name: other ? issue.resolutionName : 'Done',
        };
      }
      case 'duedate':
        return issue.duedate;
      case 'parent':
        return issue.parentKey === null ? undefined : this.parent(issue.parentKey);
      case 'labels':
        return issue.labels;
      case 'statuscategorychangedate':
        return jiraDateTime(statusCategoryChangedAt(issue));
      case 'security': {
        // Only callers who may see the issue get this far, so the level is theirs to see.
        const level = SECURITY_LEVELS.find((l) => l.id === issue.securityLevelId);
        return level ? this.securityLevel(level) : null;
      }
      case DEMO_FIELDS.storyPoints:
        return issue.storyPoints;
      case DEMO_FIELDS.flagged:
        return issue.flagged
          ? [
              {
                self: `${this.base}/rest/api/3/customFieldOption/${IMPEDIMENT_OPTION_ID}`,
                value: 'Impediment',
                id: IMPEDIMENT_OPTION_ID,
              },
            ]
          : null;
      case DEMO_FIELDS.businessValue:
        return issue.businessValue;
      case DEMO_FIELDS.startDate:
        return issue.startDate;
      default:
        return undefined;
    }
  }

  private parent(key: string): unknown {
    const parent = this.store.issueByKey(key);
    if (!parent) return undefined;
    return {
      id: parent.id,
      key: parent.key,
      self: `${this.base}/rest/api/3/issue/${parent.id}`,
      fields: {
        summary: parent.summary,
        status: this.statuses.get(parent.statusId),
        issuetype: this.issueTypes.get(parent.issueTypeId),
      },
    };
  }

  change(change: DemoChange, items: DemoChange['items']): Record<string, unknown> {
    return {
      id: change.id,
      author: this.author(change.authorAccountId),
      created: jiraDateTime(change.at),
      items,
    };
  }

  /** UserDetails, as changelog authors appear. */
  author(accountId: string): Record<string, unknown> {
    const account = findAccount(accountId);
    const details: Record<string, unknown> = {
      self: `${this.base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      avatarUrls: this.avatars('user', accountId),
      displayName: account?.displayName ?? 'Former user',
      active: account !== undefined,
      timeZone: TEAM_TIME_ZONE,
      accountType: account?.accountType ?? 'atlassian',
    };
    if (account?.email) details.emailAddress = account.email;
    return details;
  }

  /** The User bean (myself, project leads). */
  user(account: KnownAccount): Record<string, unknown> {
    const user: Record<string, unknown> = {
      self: `${this.base}/rest/api/3/user?accountId=${encodeURIComponent(account.accountId)}`,
      accountId: account.accountId,
      accountType: account.accountType,
      avatarUrls: this.avatars('user', account.accountId),
      displayName: account.displayName,
      active: true,
      timeZone: TEAM_TIME_ZONE,
      locale: 'en_GB',
    };
    if (account.email) user.emailAddress = account.email;
    return user;
  }

  project(project: DemoProject, expand: ReadonlySet<string>): Record<string, unknown> {
    const json: Record<string, unknown> = {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: `${this.base}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      avatarUrls: this.avatars('project', project.id),
      projectTypeKey: 'software',
      simplified: false,
      style: 'classic',
      isPrivate: false,
      properties: {},
    };
    if (expand.has('description')) json.description = `${project.name} delivery team.`;
    if (expand.has('lead')) {
      const lead = findAccount(project.leadAccountId);
      if (lead) json.lead = this.user(lead);
    }
    if (expand.has('issueTypes')) json.issueTypes = ISSUE_TYPES.map((t) => this.issueTypes.get(t.id));
    return json;
  }

  /** A SecurityLevel, as an issue's `security` field and the project's level list show it. */
  securityLevel(level: DemoSecurityLevel): Record<string, unknown> {
    return {
      self: `${this.base}/rest/api/3/securitylevel/${level.id}`,
      id: level.id,
      name: level.name,
      description: level.description,
      isDefault: false,
      issueSecuritySchemeId: SECURITY_SCHEME.id,
    };
  }

  /** Every status, as GET /rest/api/3/status lists them. */
  allStatuses(): unknown[] {
    return STATUSES.map((s) => this.statuses.get(s.id));
  }
}

/** When the status category last changed (or creation, if it never did). */
export function statusCategoryChangedAt(issue: DemoIssue): number {
  for (let i = issue.history.length - 1; i >= 0; i--) {
    const change = issue.history[i] as DemoChange;
    for (const item of change.items) {
      if (item.fieldId !== 'status' || item.from === null || item.to === null) continue;
      if (statusOf(item.from).categoryKey !== statusOf(item.to).categoryKey) return change.at;
    }
  }
  return issue.created;
}
