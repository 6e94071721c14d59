/** GET /rest/api/3/project/search (a page of the projects the caller may browse) and a project's security levels. */
import { securityLevelsOf } from '../catalog';
import { badRequest, errorCollection, HttpError } from '../http/errors';
import type { Handler } from '../http/router';
import { hasLevel } from '../users';

const MAX_PAGE = 100;

function integerParam(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw badRequest(`'${name}' must be a non-negative integer (got '${raw}').`, {
      [name]: 'must be a non-negative integer',
    });
  return Number(raw);
}

function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export const searchProjects: Handler = ({ url, user, store, render }) => {
  const params = url.searchParams;
  const startAt = integerParam(params, 'startAt', 0);
  const maxResults = Math.min(integerParam(params, 'maxResults', 50), MAX_PAGE);
  const keys = new Set(listParam(params, 'keys').map((k) => k.toUpperCase()));
  const ids = new Set(listParam(params, 'id'));
  const query = (params.get('query') ?? '').trim().toLowerCase();
  const orderBy = params.get('orderBy') ?? 'key';
  const expand = new Set(listParam(params, 'expand'));

  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[+-]/, '');
  if (
    ![
      'key',
      'name',
      'category',
      'owner',
      'issueCount',
      'lastIssueUpdatedDate',
      'archivedDate',
      'deletedDate',
    ].includes(field)
  ) {
    throw badRequest(`'orderBy' does not accept '${orderBy}'.`, { orderBy: 'unsupported value' });
  }
  const projects = store
    .visibleProjects(user)
    .filter((p) => keys.size === 0 || keys.has(p.key))
    .filter((p) => ids.size === 0 || ids.has(p.id))
    .filter(
      (p) => query === '' || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query),
    )
    .sort(
      (a, b) =>
        (field === 'name' ? a.name.localeCompare(b.name) : a.key.localeCompare(b.key)) *
        (descending ? -1 : 1),
    );

  const page = maxResults === 0 ? [] : projects.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= projects.length;
  const self = new URL(url.pathname, url.origin);
  url.searchParams.forEach((value, key) => self.searchParams.append(key, value));
  const body: Record<string, unknown> = {
    self: self.toString(),
    maxResults,
    startAt,
    total: projects.length,
    isLast,
    values: page.map((p) => render.project(p, expand)),
  };
  if (!isLast) {
    const next = new URL(self);
    next.searchParams.set('startAt', String(startAt + page.length));
    next.searchParams.set('maxResults', String(maxResults));
    body.nextPage = next.toString();
  }
  return { body };
};

/**
 * GET /rest/api/3/project/{projectKeyOrId}/securitylevel: the levels of the project's issue security
 * scheme that the caller is a member of (none for a project without a scheme); 404 for a project the
 * caller may not browse. Jira itself lists levels only to callers with the Set Issue Security permission;
 * the demo lists them to every member, which is what a client deciding visibility would want to know.
 */
export const projectSecurityLevels: Handler = ({ params, user, store, render }) => {
  const ref = params.projectKeyOrId ?? '';
  const project = store.visibleProjects(user).find((p) => p.key === ref || p.id === ref);
  if (!project) {
    throw new HttpError(404, errorCollection([`No project could be found with key '${ref}'.`]));
  }
  const levels = securityLevelsOf(project.key).filter((level) => hasLevel(user, level.id));
  return { body: { levels: levels.map((level) => render.securityLevel(level)) } };
};
