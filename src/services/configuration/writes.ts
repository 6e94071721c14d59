import { randomUUID } from 'node:crypto';
import { acquireLease, leaseLeft, releaseLease, type Lease } from '../../store/lease';
import type { Store, StoreOp } from '../../store/port';
import { AppFailure } from '../errors';

/**
 * Every write of what PMO leads enter (goals, PMO projects, settings, curation, health overrides) runs
 * under a lease (src/store/lease.ts): the writer reads the current values, checks the version the user
 * started from, and writes one transaction with its audit entry, while nobody else can write. A writer
 * that finds the lease held waits a little, then gives up without writing anything.
 */
export interface WriteDeps {
  store: Store;
  clock: () => number;
  /** What is left of the invocation; a lease never outlives it. */
  remainingMs?: () => number;
}

export type LeaseName = 'config' | 'curation';

/** The longest a writer holds a lease (a resolver has 25 s in all). */
const MAX_HOLD_MS = 25_000;
/** The longest a writer waits for another to finish. */
const MAX_WAIT_MS = 12_000;
/** Time a holder keeps in hand for its final write. */
const WRITE_MARGIN_MS = 2_000;

const WHAT: Record<LeaseName, string> = {
  config: 'the PMO settings',
  curation: 'wins or health',
};

export async function underLease<T>(
  deps: WriteDeps,
  name: LeaseName,
  work: (lease: Lease) => Promise<T>,
): Promise<T> {
  const now = deps.clock();
  const remaining = Math.max(0, deps.remainingMs?.() ?? MAX_HOLD_MS);
  const taken = await acquireLease(deps.store, name, {
    // The owner names the write, not the person: lease records keep no account id.
    owner: `write-${randomUUID()}`,
    clock: deps.clock,
    until: now + Math.min(remaining, MAX_HOLD_MS),
    waitUntil: now + Math.max(0, Math.min(remaining - 3 * WRITE_MARGIN_MS, MAX_WAIT_MS)),
  });
  if (!('lease' in taken)) {
    throw new AppFailure(
      'conflict',
      `Another change to ${WHAT[name]} is being saved right now. Nothing was saved: try again in a moment.`,
    );
  }
  try {
    return await work(taken.lease);
  } finally {
    // A release that fails leaves the lease to run out at its `until`.
    await releaseLease(deps.store, taken.lease).catch(() => undefined);
  }
}

/**
 * Writes operations as one transaction, while the lease still holds: a write that might land after the
 * lease ran out (and someone else took it) is not made.
 */
export async function commitOps(deps: WriteDeps, lease: Lease, ops: StoreOp[]): Promise<void> {
  ensureHeld(deps, lease);
  await deps.store.transact(ops);
}

export function ensureHeld(deps: WriteDeps, lease: Lease): void {
  if (leaseLeft(lease, deps.clock()) < WRITE_MARGIN_MS) {
    throw new AppFailure('conflict', 'Saving took too long, so nothing was saved. Try again.');
  }
}
