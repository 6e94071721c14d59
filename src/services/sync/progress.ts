import type { SyncProgress } from '../../contract';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';

export const IDLE: SyncProgress = {
  phase: 'idle',
  mode: null,
  startedAt: null,
  finishedAt: null,
  issuesDone: 0,
  issuesTotal: null,
  requests: 0,
  retries: 0,
  error: null,
  lastSuccessAt: null,
};

export async function readProgress(store: Store): Promise<SyncProgress> {
  const stored = await store.get(KEYS.sync.state);
  return { ...IDLE, ...stored };
}

export async function writeProgress(store: Store, progress: SyncProgress): Promise<void> {
  await store.set(KEYS.sync.state, progress);
}

/** A sync is running when its phase is not idle; one that has not reported for this long is taken as dead. */
export const STALLED_AFTER_MS = 20 * 60_000;

export const isRunning = (progress: SyncProgress, now: number): boolean =>
  progress.phase !== 'idle' && progress.startedAt !== null && now - progress.startedAt < STALLED_AFTER_MS;
