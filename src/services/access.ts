import { havePermission, listProjects, myself, type JiraClient } from '../jira';

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
