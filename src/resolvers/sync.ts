import type { Request } from '@forge/resolver';
import type { SyncProgress } from '../contract';
import { canConfigure } from '../services/access';
import { loadSettings } from '../services/settings';
import { isRunning, readProgress, writeProgress } from '../services/sync/progress';
import { userClient, type AppDeps } from './deps';
import { callerOf, forbidden } from './result';

export const syncStatus = (deps: AppDeps) => async (): Promise<SyncProgress> => readProgress(deps.store);

/** "Refresh now": only Jira admins and PMO leads; a sync already running is not started twice. */
export function syncStart(deps: AppDeps) {
  return async (request: Request): Promise<SyncProgress> => {
    const caller = callerOf(request);
    const settings = await loadSettings(deps.store);
    if (!caller || !(await canConfigure(userClient(deps, caller), settings.pmoLeadGroup))) {
      throw forbidden('Only Jira administrators and PMO leads can start a refresh.');
    }
    const progress = await readProgress(deps.store);
    if (isRunning(progress, deps.clock())) return progress;
    const queued: SyncProgress = { ...progress, phase: 'queued', startedAt: deps.clock(), error: null };
    await writeProgress(deps.store, queued);
    await deps.requestSync();
    return queued;
  };
}
