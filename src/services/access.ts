import { z } from 'zod';
import { browsableIssues, havePermission, listProjects, myself, type JiraClient } from '../jira';
import type { SecuredIssue } from './snapshot/model';

/** Who is asking, as the resolvers know them: an account, and a client that asks Jira as that account. */
export interface Viewer {
  accountId: string;
  asUser: JiraClient;
}

/**
 * Who may change configuration: Jira administrators (ADMINISTER, asked as the user) and members of the
 * configured PMO-lead group. Checked on every write, whatever the UI shows.
 */
export async function canConfigure(asUser: JiraClient, pmoLeadGroup: string): Promise<boolean> {
  const [admin, me] = await Promise.all([havePermission(asUser, 'ADMINISTER'), myself(asUser, true)]);
  return admin || (me.groups?.items ?? []).some((g) => g.name === pmoLeadGroup);
}

/** Keys of the Jira projects the user may browse, asked as the user. */
export async function browsableProjects(asUser: JiraClient): Promise<Set<string>> {
  return new Set((await listProjects(asUser)).map((p) => p.key));
}

/**
 * Whether the user would still be allowed to change configuration once `pmoLeadGroup` is the PMO-lead
 * group: a Jira administrator, or a member of that group, asked of Jira as the user exactly as
 * canConfigure asks on every write. A save that sets the group (settings, import) asks this first and is
 * refused when it is false, so nobody locks themselves out of the settings.
 */
export async function keepsAccess(asUser: JiraClient, pmoLeadGroup: string): Promise<boolean> {
  return canConfigure(asUser, pmoLeadGroup);
}

/** An issue a view may name, as the snapshot knows it. */
export interface NamedIssue {
  key: string;
  /** Jira project key. */
  project: string;
}

/** What a viewer may see of the issues a view names, asked of Jira as them once per view. */
export interface IssueSight {
  /** Jira projects the viewer may browse. */
  projects: ReadonlySet<string>;
  /** Keys of secured issues (in those projects) that Jira shows the viewer. */
  securedVisible: ReadonlySet<string>;
}

/** Sight of nothing: for readers who are not known (published pages, exports). */
export const NO_SIGHT: IssueSight = { projects: new Set(), securedVisible: new Set() };

/**
 * Whether Jira would show the viewer this issue: they may browse its project and, when the snapshot
 * records a security level on it, Jira said they may see it.
 */
export function maySee(
  sight: IssueSight,
  secured: Readonly<Record<string, SecuredIssue>> | undefined,
  issue: NamedIssue,
): boolean {
  return sight.projects.has(issue.project) && (!secured?.[issue.key] || sight.securedVisible.has(issue.key));
}

/**
 * Which of the secured issues among `issues` the viewer may see, asked of Jira as the viewer in one bulk
 * permission check (per 1,000 issues): Jira answers for each issue, project permission and security
 * level alike. Issues the snapshot records no level on are not asked about; no request at all when the
 * view names no secured issue.
 */
export async function visibleSecuredIssues(
  asUser: JiraClient,
  secured: Readonly<Record<string, SecuredIssue>> | undefined,
  issues: Iterable<NamedIssue>,
): Promise<Set<string>> {
  const asked = new Map<string, string>();
  for (const issue of issues) {
    const entry = secured?.[issue.key];
    if (entry) asked.set(entry.id, issue.key);
  }
  if (asked.size === 0) return new Set();
  const permitted = await browsableIssues(asUser, [...asked.keys()]);
  return new Set([...asked].filter(([id]) => permitted.has(id)).map(([, key]) => key));
}

/** Jira checks at most this many projects, and as many issues, per permission in one request. */
export const PERMISSION_CHECK_LIMIT = 1000;

const permissionCheckAnswer = z.looseObject({
  projectPermissions: z.array(
    z.looseObject({
      permission: z.string(),
      projects: z.array(z.number()).optional(),
      issues: z.array(z.number()).optional(),
    }),
  ),
});

/**
 * Which of these Jira projects the user may browse and which of these issues Jira shows them, asked of
 * Jira as the user in one bulk permission check (`POST /rest/api/3/permissions/check`, BROWSE_PROJECTS)
 * per 1,000 projects and issues: one request for a portfolio of up to 1,000 Jira projects, whatever the
 * number of projects the user may browse on the site. Jira answers for each issue itself, so its
 * security level counts. Numeric ids are asked; the answer is read back by them, and only what was asked
 * counts. No request when nothing is asked.
 */
export async function browsableAmong(
  asUser: JiraClient,
  projectIds: ReadonlyMap<string, string>,
  issueIds: ReadonlyMap<string, string>,
): Promise<{ projects: Set<string>; issues: Set<string> }> {
  const numeric = (ids: ReadonlyMap<string, string>) =>
    [...ids].filter(([id]) => /^\d{1,18}$/.test(id)).map(([id, name]) => [Number(id), name] as const);
  const projects = numeric(projectIds);
  const issues = numeric(issueIds);
  const granted = { projects: new Set<string>(), issues: new Set<string>() };
  for (let i = 0; i < Math.max(projects.length, issues.length); i += PERMISSION_CHECK_LIMIT) {
    const someProjects = new Map(projects.slice(i, i + PERMISSION_CHECK_LIMIT));
    const someIssues = new Map(issues.slice(i, i + PERMISSION_CHECK_LIMIT));
    const answer = await asUser.call(
      {
        endpoint: 'permissionsCheck',
        method: 'POST',
        body: {
          projectPermissions: [
            {
              permissions: ['BROWSE_PROJECTS'],
              projects: [...someProjects.keys()],
              issues: [...someIssues.keys()],
            },
          ],
        },
      },
      permissionCheckAnswer,
    );
    for (const grant of answer.projectPermissions) {
      if (grant.permission !== 'BROWSE_PROJECTS') continue;
      for (const id of grant.projects ?? []) {
        const key = someProjects.get(id);
        if (key !== undefined) granted.projects.add(key);
      }
      for (const id of grant.issues ?? []) {
        const key = someIssues.get(id);
        if (key !== undefined) granted.issues.add(key);
      }
    }
  }
  return granted;
}

/** The id of each Jira project, by key, of those the client may browse (paging `project/search`). */
export async function projectIdsByKey(client: JiraClient): Promise<Map<string, string>> {
  return new Map((await listProjects(client)).map((p) => [p.key, p.id]));
}
