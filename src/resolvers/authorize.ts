import type { Request } from '@forge/resolver';
import type { Viewer } from '../services/access';
import { configureRight } from '../services/configuration/authority';
import { forbidden } from '../services/errors';
import type { AppDeps } from '../services/deps';
import { viewerOf } from './request';

/**
 * Every write starts here: the caller must be a Jira administrator or in the PMO-lead group, asked of
 * Jira as the caller on each call (the UI hiding a button is not a check).
 */
export async function requireConfigurer(deps: AppDeps, request: Request, what: string): Promise<Viewer> {
  const viewer = viewerOf(deps, request);
  const { allowed, group } = await configureRight(deps.store, viewer);
  if (!viewer || !allowed) {
    throw forbidden(
      group === null
        ? `The settings are damaged, so only Jira administrators can ${what} until the settings are saved again or a portfolio is imported.`
        : `Only Jira administrators and members of the PMO-lead group (${group}) can ${what}.`,
    );
  }
  return viewer;
}
