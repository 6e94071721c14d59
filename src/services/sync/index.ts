import { readSnapshot, type Snapshot } from '../snapshot';
import { runToCompletion, type SyncDeps } from './run';

export * from './progress';
export * from './scope';
export {
  runSyncJob,
  runHeldUntil,
  runToCompletion,
  readMeta,
  RUN_KEY,
  META_KEY,
  type SyncDeps,
  type SyncRun,
  type JobOutcome,
  type JobOptions,
} from './run';
export { readPointer, loadItems, CACHE_POINTER } from './item-cache';

/** Runs a sync to the end and returns the snapshot it published. */
export async function runSync(deps: SyncDeps): Promise<Snapshot> {
  await runToCompletion(deps);
  const snapshot = await readSnapshot(deps.store);
  if (!snapshot) throw new Error('The sync finished without publishing a snapshot');
  return snapshot;
}
