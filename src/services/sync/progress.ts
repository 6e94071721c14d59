import { z } from 'zod';
import type { SyncProgress } from '../../contract';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { damageOf, describeDamage, getChecked, type Damage } from '../snapshot/damage';

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
  note: null,
};

const instant = z.number().nullable();

/** Progress as stored; fields an older version did not write take the idle values. */
const PROGRESS_SHAPE = z.object({
  phase: z.enum(['idle', 'queued', 'discovering', 'searching', 'reconciling', 'computing', 'publishing']),
  mode: z.enum(['full', 'incremental']).nullable().optional(),
  startedAt: instant.optional(),
  finishedAt: instant.optional(),
  issuesDone: z.number().optional(),
  issuesTotal: z.number().nullable().optional(),
  requests: z.number().optional(),
  retries: z.number().optional(),
  error: z.string().nullable().optional(),
  lastSuccessAt: instant.optional(),
  note: z.string().nullable().optional(),
});

/** The progress, and the damage found in it: damaged progress (logged by key) reads as idle. */
export async function readProgressChecked(
  store: Store,
): Promise<{ progress: SyncProgress; damage: Damage | null }> {
  try {
    const stored = await getChecked(store, KEYS.sync.state, PROGRESS_SHAPE, {
      what: 'The sync status',
      remedy: 'It reads as idle until the next sync writes it.',
    });
    return { progress: { ...IDLE, ...stored }, damage: null };
  } catch (error) {
    const damage = damageOf(error);
    if (!damage) throw error;
    console.warn(`Sync status ${describeDamage(damage)} is damaged: it reads as idle`);
    return { progress: IDLE, damage };
  }
}

export async function readProgress(store: Store): Promise<SyncProgress> {
  return (await readProgressChecked(store)).progress;
}

export async function writeProgress(store: Store, progress: SyncProgress): Promise<void> {
  await store.set(KEYS.sync.state, progress);
}

/** A sync is running when its phase is not idle; one that has not reported for this long is taken as dead. */
export const STALLED_AFTER_MS = 20 * 60_000;

export const isRunning = (progress: SyncProgress, now: number): boolean =>
  progress.phase !== 'idle' && progress.startedAt !== null && now - progress.startedAt < STALLED_AFTER_MS;
