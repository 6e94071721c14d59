import type { SyncProgress } from '../../contract';
import type { Store } from '../../store/port';
import { isRunning, readProgress, writeProgress } from './progress';

/**
 * "Refresh now": queues a sync unless one is running, so pressing it twice starts one sync. The
 * progress says "queued" at once, before the queue delivers the job.
 */
export async function requestRefresh(deps: {
  store: Store;
  clock: () => number;
  requestSync: () => Promise<void>;
}): Promise<SyncProgress> {
  const progress = await readProgress(deps.store);
  if (isRunning(progress, deps.clock())) return progress;
  const queued: SyncProgress = { ...progress, phase: 'queued', startedAt: deps.clock(), error: null };
  await writeProgress(deps.store, queued);
  await deps.requestSync();
  return queued;
}
