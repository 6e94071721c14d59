import { acquireLease, leaseHeldUntil, releaseLease, type Lease } from '../../store/lease';
import type { Store } from '../../store/port';

/**
 * The sync run is held by one job at a time, through a lease (src/store/lease.ts): scheduled triggers
 * may fire twice and a refresh may be queued while the hourly job runs, so two jobs must never step the
 * same run. A job holds the run for a few minutes at a time and renews the hold between steps, never
 * past its invocation's end: a job that crashed frees the run within minutes, and "Refresh now" takes
 * it over then.
 */
const HOLD_MS = 3 * 60_000;
/** A hold with less than this left is renewed before the next step. */
const RENEW_BELOW_MS = 90_000;

export const SYNC_LEASE = 'sync';

export interface RunHold {
  /** Extends the hold before a step; false when the run was lost to another job (stop stepping). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export async function holdRun(
  store: Store,
  owner: string,
  clock: () => number,
  /** The holder's hard end (its invocation's end), if it has one. */
  end?: number,
): Promise<RunHold | null> {
  const until = () => Math.min(clock() + HOLD_MS, end ?? Number.POSITIVE_INFINITY);
  const taken = await acquireLease(store, SYNC_LEASE, {
    owner,
    clock,
    until: until(),
    sameOwnerTakesOver: true,
  });
  if (!('lease' in taken)) return null;
  let lease: Lease = taken.lease;
  return {
    async renew() {
      const now = clock();
      if (lease.until - now >= RENEW_BELOW_MS || (end !== undefined && lease.until >= end)) {
        return lease.until > now;
      }
      if (lease.until <= now) return false;
      // A new record while the current one still holds: nobody else can have taken the run meanwhile.
      const next = await acquireLease(store, SYNC_LEASE, {
        owner,
        clock,
        until: until(),
        sameOwnerTakesOver: true,
      });
      if (!('lease' in next)) return false;
      lease = next.lease;
      return true;
    },
    release: () => releaseLease(store, lease),
  };
}

/** Until when another job holds the run, or null when nobody does. */
export function runHeldUntil(store: Store, now: number): Promise<number | null> {
  return leaseHeldUntil(store, SYNC_LEASE, now);
}
