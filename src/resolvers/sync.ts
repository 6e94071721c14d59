import type { Request } from '@forge/resolver';
import { readProgress, requestRefresh } from '../services/sync';
import { requireConfigurer } from './authorize';
import type { AppDeps } from '../services/deps';

/** The sync's progress for everyone; "Refresh now" for Jira admins and PMO leads only. */
export function syncResolvers(deps: AppDeps) {
  return {
    'sync/status': async () => readProgress(deps.store),
    'sync/start': async (request: Request) => {
      await requireConfigurer(deps, request, 'start a refresh');
      return requestRefresh(deps);
    },
  };
}
