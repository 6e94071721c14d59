import { readSnapshot, type Snapshot } from '../snapshot';
import { runToCompletion } from './run';
import type { SyncDeps } from './types';

export * from './progress';
export * from './scope';
export { runSyncJob, runToCompletion } from './run';
export { runHeldUntil } from './lock';
export { readMeta, type SyncMeta } from './meta';
export { requestRefresh } from './refresh';
export { OVERLAP_MINUTES } from './steps';
export type { JobOptions, JobOutcome, SyncDeps, SyncRun } from './types';
export { readPointer, loadItems } from './item-cache';

/** Runs a sync to the end and returns the snapshot it published. */
export async function runSync(deps: SyncDeps): Promise<Snapshot> {
  await runToCompletion(deps);
  const snapshot = await readSnapshot(deps.store);
  if (!snapshot) throw new Error('The sync finished without publishing a snapshot');
  return snapshot;
}
