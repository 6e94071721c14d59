import { storeKey, type Key, type Store } from './port';

/**
 * Leases: one holder at a time for a name (the configuration's writers, the sync run), built on the one
 * conditional write storage has, "create where absent" (KVS `FAIL_IF_EXISTS`).
 *
 * Each lease is a numbered record, `lease:<name>:<n>`, never reused. To take the name, a caller finds the
 * newest record; when it is released or past its `until`, the caller creates record n+1, and only one
 * caller can. A holder that crashed needs nobody to clean up: its record runs out at `until`, and the
 * next caller creates the next one. (Deleting a stale lock and then creating it again would let two
 * callers both succeed; expiring keys are no help either, since KVS may keep showing, and conflicting
 * with, an expired key for up to 48 hours.) `lease:<name>` keeps a hint of the newest number, so
 * finding it costs one or two reads; records go after a week.
 */
export interface LeaseRecord {
  owner: string;
  until: number;
  released?: boolean;
}

export interface Lease {
  name: string;
  n: number;
  owner: string;
  until: number;
}

const RECORD_TTL_S = 7 * 86_400;
const recordKey = (name: string, n: number) =>
  storeKey<LeaseRecord>(`lease:${name}:${String(n).padStart(12, '0')}`);
const hintKey = (name: string) => storeKey<{ n: number }>(`lease:${name}`);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A record that is not readable as one holds nothing: the next caller takes over. */
function asRecord(value: unknown): LeaseRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<LeaseRecord>;
  return typeof r.owner === 'string' && typeof r.until === 'number' ? (r as LeaseRecord) : undefined;
}

async function readRecord(store: Store, key: Key<LeaseRecord>): Promise<LeaseRecord | null | undefined> {
  try {
    const value = await store.get(key);
    // null: there is a record, but a damaged one.
    return value === undefined ? undefined : (asRecord(value) ?? null);
  } catch {
    return null;
  }
}

/** The newest record of a name and its number (0 and none when the name was never taken). */
async function newest(store: Store, name: string): Promise<{ n: number; record: LeaseRecord | undefined }> {
  let hint = 0;
  try {
    const stored = await store.get(hintKey(name));
    if (typeof stored?.n === 'number' && Number.isSafeInteger(stored.n) && stored.n >= 0) hint = stored.n;
  } catch {
    // A damaged hint only costs reads: the search starts from the first record.
  }
  let n = hint;
  let record = n > 0 ? await readRecord(store, recordKey(name, n)) : undefined;
  for (;;) {
    const next = await readRecord(store, recordKey(name, n + 1));
    if (next === undefined) break;
    n += 1;
    record = next;
  }
  return { n, record: record ?? undefined };
}

export interface AcquireOptions {
  owner: string;
  clock: () => number;
  /** When the holder's hold ends; it must have finished writing by then. */
  until: number;
  /** Until when to wait for another holder to finish; none means do not wait. */
  waitUntil?: number;
  /** A record of the same owner is taken over (a redelivered job carrying on its own work). */
  sameOwnerTakesOver?: boolean;
}

export type Acquired = { lease: Lease } | { heldBy: string; until: number };

/** Takes the name, waiting for its holder when asked to; says who holds it when it cannot. */
export async function acquireLease(store: Store, name: string, options: AcquireOptions): Promise<Acquired> {
  const { owner, clock } = options;
  for (let attempt = 0; ; attempt++) {
    const { n, record } = await newest(store, name);
    const now = clock();
    const free =
      !record ||
      record.released === true ||
      record.until <= now ||
      (options.sameOwnerTakesOver === true && record.owner === owner);
    if (!free) {
      const wait = Math.min(25 * 2 ** Math.min(attempt, 5), 500) * (0.5 + Math.random() / 2);
      if (options.waitUntil === undefined || now + wait >= options.waitUntil) {
        return { heldBy: record.owner, until: record.until };
      }
      await sleep(wait);
      continue;
    }
    const lease: Lease = { name, n: n + 1, owner, until: options.until };
    if (
      await store.create(
        recordKey(name, lease.n),
        { owner, until: lease.until },
        { ttlSeconds: RECORD_TTL_S },
      )
    ) {
      try {
        await store.set(hintKey(name), { n: lease.n });
      } catch {
        // The hint only saves reads; the next caller finds the record without it.
      }
      return { lease };
    }
    // Another caller created that record first: look again.
  }
}

/** Ends a hold; the next caller need not wait for its `until`. */
export async function releaseLease(store: Store, lease: Lease): Promise<void> {
  await store.set(
    recordKey(lease.name, lease.n),
    { owner: lease.owner, until: lease.until, released: true },
    { ttlSeconds: RECORD_TTL_S },
  );
}

/** Until when someone holds the name, or null when nobody does. */
export async function leaseHeldUntil(store: Store, name: string, now: number): Promise<number | null> {
  const { record } = await newest(store, name);
  return record && !record.released && record.until > now ? record.until : null;
}

/**
 * Whether a holder still has time to write: a write that could land after its `until` might land after
 * another caller took over, so it is not made.
 */
export const leaseLeft = (lease: Lease, now: number) => lease.until - now;
