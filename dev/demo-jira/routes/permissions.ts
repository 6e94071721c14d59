/**
 * GET /rest/api/3/mypermissions and POST /rest/api/3/permissions/check. Only two rights matter on the
 * demo site: site administration (ADMINISTER) and browsing a project (BROWSE_PROJECTS); a few other
 * common keys are answered from those.
 */
import { z } from 'zod';
import { badRequest, errorCollection, HttpError } from '../http/errors';
import { validateBody } from '../http/body';
import type { Handler } from '../http/router';
import type { DemoProject, DemoUser } from '../types';
import { canBrowse, findAccount, hasLevel, rightsOf } from '../users';

type Rights = Pick<DemoUser, 'browse' | 'securityLevels' | 'siteAdmin'>;

interface PermissionDef {
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  granted(rights: Rights, project: DemoProject | null): boolean;
}

const browses = (rights: Rights, project: DemoProject | null) =>
  project ? canBrowse(rights, project.key) : rights.browse === 'all' || rights.browse.length > 0;

const PERMISSIONS: Readonly<Record<string, PermissionDef>> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
    granted: (r) => r.siteAdmin,
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Jira System Administrator',
    type: 'GLOBAL',
    description: 'Ability to perform all administration functions.',
    granted: (r) => r.siteAdmin,
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker.',
    granted: () => true,
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
    granted: browses,
  },
  CREATE_ISSUES: {
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
    granted: browses,
  },
  EDIT_ISSUES: {
    id: '12',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
    granted: browses,
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
    granted: (r) => r.siteAdmin,
  },
};

export const myPermissions: Handler = ({ url, user, store }) => {
  const params = url.searchParams;
  const keys = (params.get('permissions') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  if (keys.length === 0) {
    throw badRequest(
      "The 'permissions' query parameter is required: a comma-separated list of permission keys.",
      {
        permissions: 'required',
      },
    );
  }
  const unknown = keys.filter((k) => !PERMISSIONS[k]);
  if (unknown.length > 0) {
    throw badRequest(
      `Unrecognized permission keys: ${unknown.join(', ')}.`,
      Object.fromEntries(unknown.map((k) => [k, 'Unrecognized permission'])),
    );
  }
  const project = contextProject(params, user, store);
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const def = PERMISSIONS[key] as PermissionDef;
    permissions[key] = {
      id: def.id,
      key,
      name: def.name,
      type: def.type,
      description: def.description,
      havePermission: def.granted(user, def.type === 'PROJECT' ? project : null),
    };
  }
  return { body: { permissions } };
};

/** The project named by projectId/projectKey/issueId/issueKey, 404 when the caller cannot see it. */
function contextProject(
  params: URLSearchParams,
  user: DemoUser,
  store: Parameters<Handler>[0]['store'],
): DemoProject | null {
  const projectId = params.get('projectId');
  const projectKey = params.get('projectKey');
  const issueRef = params.get('issueId') ?? params.get('issueKey');
  const visible = store.visibleProjects(user);
  if (projectId !== null || projectKey !== null) {
    const project =
      projectId !== null
        ? visible.find((p) => p.id === projectId)
        : visible.find((p) => p.key === projectKey?.toUpperCase());
    if (!project) {
      throw new HttpError(
        404,
        errorCollection([
          projectId !== null
            ? `No project could be found with id '${projectId}'.`
            : `No project could be found with key '${projectKey}'.`,
        ]),
      );
    }
    return project;
  }
  if (issueRef !== null) {
    const issue = store.findVisibleIssue(user, issueRef);
    if (!issue)
      throw new HttpError(
        404,
        errorCollection(['Issue does not exist or you do not have permission to see it.']),
      );
    return visible.find((p) => p.key === issue.projectKey) ?? null;
  }
  return null;
}

const CheckBody = z.strictObject({
  accountId: z.string().min(1).optional(),
  globalPermissions: z.array(z.string().nullable()).optional(),
  projectPermissions: z
    .array(
      z.strictObject({
        permissions: z.array(z.string()),
        projects: z.array(z.number().int().nullable()).optional(),
        issues: z.array(z.number().int().nullable()).optional(),
      }),
    )
    .optional(),
});

const LIMIT = 1000;

export const checkPermissions: Handler = ({ body, user, store }) => {
  const request = validateBody(CheckBody, body);
  let rights: Rights = user;
  if (request.accountId !== undefined && request.accountId !== user.accountId) {
    if (user.accountType !== 'app' && !user.siteAdmin) {
      throw new HttpError(403, errorCollection(['Only Jira administrators can perform this operation.']));
    }
    const account = findAccount(request.accountId);
    if (!account)
      throw badRequest(`The account ID '${request.accountId}' is invalid.`, { accountId: 'unknown account' });
    rights = rightsOf(account);
  }

  const unrecognized: Record<string, string> = {};
  const globalPermissions: string[] = [];
  for (const key of request.globalPermissions ?? []) {
    if (key === null) continue;
    const def = PERMISSIONS[key];
    if (!def || def.type !== 'GLOBAL') unrecognized[key] = 'Unrecognized permission';
    else if (def.granted(rights, null) && !globalPermissions.includes(key)) globalPermissions.push(key);
  }

  const projectPermissions: { permission: string; projects: number[]; issues: number[] }[] = [];
  for (const group of request.projectPermissions ?? []) {
    const keys = group.permissions.filter((k) => k !== '');
    if (keys.length === 0)
      throw badRequest('Each projectPermissions entry needs at least one permission.', {
        projectPermissions: 'no permission given',
      });
    const projectIds = [...new Set((group.projects ?? []).filter((id): id is number => id !== null))];
    const issueIds = [...new Set((group.issues ?? []).filter((id): id is number => id !== null))];
    if (projectIds.length > LIMIT || issueIds.length > LIMIT) {
      throw badRequest(`At most ${LIMIT} projects and ${LIMIT} issues can be checked at once.`);
    }
    for (const key of keys) {
      const def = PERMISSIONS[key];
      if (!def || def.type !== 'PROJECT') {
        unrecognized[key] = 'Unrecognized permission';
        continue;
      }
      const projects = projectIds.filter((id) => {
        const project = store.dataset.projects.find((p) => p.id === String(id));
        return project !== undefined && def.granted(rights, project);
      });
      // A permission on an issue needs the issue itself in sight: its security level too, as in Jira.
      const issues = issueIds.filter((id) => {
        const issue = store.lookup(String(id));
        const project = issue && store.dataset.projects.find((p) => p.key === issue.projectKey);
        return (
          project !== undefined &&
          def.granted(rights, project) &&
          (issue?.securityLevelId == null || hasLevel(rights, issue.securityLevelId))
        );
      });
      projectPermissions.push({ permission: key, projects, issues });
    }
  }
  if (Object.keys(unrecognized).length > 0) throw new HttpError(400, errorCollection([], unrecognized));
  return { body: { globalPermissions, projectPermissions } };
};
