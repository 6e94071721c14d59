import { createHmac, randomBytes } from 'node:crypto';
import type { Win } from '../../domain/wins';
import { storeKey, type Key, type Store } from '../../store/port';

/**
 * The installation's secret for opaque win ids: a random value made the first time a view needs it and
 * kept for good, so an opaque id stays the same across syncs (curation keyed by it keeps working) and
 * nobody without it can tell which issue an opaque id stands for.
 */
export interface WinIdSalt {
  salt: string;
  createdAt: number;
}

export const WIN_ID_SALT: Key<WinIdSalt> = storeKey<WinIdSalt>('cfg:win-id-salt');

/** The installation's salt, made and stored on first use. */
export async function installationSalt(store: Store, clock: () => number): Promise<string> {
  const stored: unknown = await store.get(WIN_ID_SALT);
  if (isSalt(stored)) return stored.salt;
  const fresh = { salt: randomBytes(32).toString('hex'), createdAt: clock() };
  if (stored === undefined) {
    // Created only where none is (FAIL_IF_EXISTS): two first views at once agree on the one that won.
    await store.create(WIN_ID_SALT, fresh);
  } else {
    // A damaged salt is replaced: opaque ids change once, and nothing stored is keyed by them.
    console.warn(`Damaged stored value “${WIN_ID_SALT}” is replaced`);
    await store.set(WIN_ID_SALT, fresh);
  }
  const kept: unknown = await store.get(WIN_ID_SALT);
  if (!isSalt(kept)) throw new Error('The win id salt could not be stored');
  return kept.salt;
}

const isSalt = (value: unknown): value is WinIdSalt =>
  typeof (value as Partial<WinIdSalt> | null)?.salt === 'string' && (value as WinIdSalt).salt.length >= 32;

/** A win's id as viewers who may not see its issues get it: `w-` and 20 hex digits of an HMAC of the id. */
export function opaqueWinId(salt: string, id: string): string {
  return `w-${createHmac('sha256', salt).update(id).digest('hex').slice(0, 20)}`;
}

/** The win a client names, by its real id or by the opaque id a viewer who may not see its issues got. */
export function resolveWinId(wins: readonly Win[], id: string, salt: string): Win | undefined {
  return wins.find((w) => w.id === id) ?? wins.find((w) => opaqueWinId(salt, w.id) === id);
}
