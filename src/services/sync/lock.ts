import type { Store } from '../../store/port';
import { KEYS } from '../keys';

/**
 * A job's hold on the run when it does not say how long it may live; longer than a queue job may live,
 * so a crashed job's lock runs out by itself. A queue job holds it until its invocation's own end, so a
 * job the platform stopped frees the run as soon as it is gone.
 */
const LOCK_MS = 16 * 60_000;

export interface SyncLock {
  owner: string;
  until: number;
}

/**
 * Takes the run for one job. Scheduled triggers may fire twice and a refresh may be queued while the
 * hourly one runs, so two jobs must never step the same run: the second finds the lock and stands down.
 */
export async function acquireLock(
  store: Store,
  owner: string,
  now: number,
  until?: number,
): Promise<boolean> {
  const held = await store.get(KEYS.sync.lock);
  if (held && held.owner !== owner && held.until > now) return false;
  await store.set(KEYS.sync.lock, { owner, until: until ?? now + LOCK_MS });
  return (await store.get(KEYS.sync.lock))?.owner === owner;
}

export async function releaseLock(store: Store): Promise<void> {
  await store.delete(KEYS.sync.lock);
}

/** Until when another job holds the run, or null when nobody does. */
export async function runHeldUntil(store: Store, now: number): Promise<number | null> {
  const held = await store.get(KEYS.sync.lock);
  return held && held.until > now ? held.until : null;
}
