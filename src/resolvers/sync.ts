import type { Request } from '@forge/resolver';
import type { SyncProgress } from '../contract';
import { isRunning, readProgress, writeProgress } from '../services/sync/progress';
import { requireConfigurer } from './authorize';
import type { AppDeps } from './deps';

export const syncStatus = (deps: AppDeps) => async (): Promise<SyncProgress> => readProgress(deps.store);

/** "Refresh now": only Jira admins and PMO leads; a sync already running is not started twice. */
export function syncStart(deps: AppDeps) {
  return async (request: Request): Promise<SyncProgress> => {
    await requireConfigurer(deps, request, 'start a refresh');
    const progress = await readProgress(deps.store);
    if (isRunning(progress, deps.clock())) return progress;
    const queued: SyncProgress = { ...progress, phase: 'queued', startedAt: deps.clock(), error: null };
    await writeProgress(deps.store, queued);
    await deps.requestSync();
    return queued;
  };
}
