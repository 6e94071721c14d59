import type { Request } from '@forge/resolver';
import { canConfigure, type Viewer } from '../services/access';
import { loadSettings } from '../services/configuration/settings';
import { forbidden } from '../services/errors';
import type { AppDeps } from '../services/deps';
import { viewerOf } from './request';

/**
 * Every write starts here: the caller must be a Jira administrator or in the PMO-lead group, asked of
 * Jira as the caller on each call (the UI hiding a button is not a check).
 */
export async function requireConfigurer(deps: AppDeps, request: Request, what: string): Promise<Viewer> {
  const viewer = viewerOf(deps, request);
  const settings = await loadSettings(deps.store);
  if (!viewer || !(await canConfigure(viewer.asUser, settings.pmoLeadGroup))) {
    throw forbidden(
      `Only Jira administrators and members of the PMO-lead group (${settings.pmoLeadGroup}) can ${what}.`,
    );
  }
  return viewer;
}
