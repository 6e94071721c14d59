import type { Request } from '@forge/resolver';
import { canConfigure } from '../services/access';
import { loadSettings } from '../services/settings';
import { userClient, type AppDeps } from './deps';
import { callerOf, forbidden } from './result';

/**
 * Every write starts here: the caller must be a Jira administrator or in the PMO-lead group, asked of
 * Jira as the caller on each call (the UI hiding a button is not a check).
 */
export async function requireConfigurer(deps: AppDeps, request: Request, what: string) {
  const caller = callerOf(request);
  const settings = await loadSettings(deps.store);
  const client = caller ? userClient(deps, caller) : undefined;
  if (!caller || !client || !(await canConfigure(client, settings.pmoLeadGroup))) {
    throw forbidden(
      `Only Jira administrators and members of the PMO-lead group (${settings.pmoLeadGroup}) can ${what}.`,
    );
  }
  return { caller, client, settings };
}
