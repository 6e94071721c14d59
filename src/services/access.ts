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
