import { z } from 'zod';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { damageOf, describeDamage, getChecked, type Damage } from '../snapshot/damage';
import { DISCOVERY_SHAPE, type Discovery } from './discovery';
import type { SyncScope } from './scope';

/** What the sync keeps between runs (`sync:meta`): where the next run starts and what it may reuse. */
export interface SyncMeta {
  watermark: number | null;
  scopeKey: string | null;
  lastReconcileAt: number | null;
  discovery: Discovery | null;
  /** What the last run's numbers were computed from besides the issues (./quiet.ts); null before one. */
  quiet: QuietBasis | null;
}

/** What the last computed run depended on besides the issues, kept in `sync:meta` as `quiet`. */
export interface QuietBasis {
  /** The fingerprint of the configuration the run computed with (`readInputs`). */
  inputs: string;
  /** The site's calendar day the numbers were computed on. */
  day: string;
  scope: SyncScope;
  /** Searches for the children outside the scope of the PMO projects' epics, without `updated`. */
  outside: string[];
  /** Issues the run read that were updated just before it began, with their update times (./quiet.ts). */
  recent: Array<[string, number]>;
}

/** A saved sync scope, as the run and the quiet check read it back. */
export const SCOPE_SHAPE = z.union([
  z.object({ kind: z.literal('projects'), keys: z.array(z.string()) }),
  z.object({ kind: z.literal('jql'), jql: z.string() }),
]);

const QUIET_SHAPE = z.object({
  inputs: z.string(),
  day: z.string(),
  scope: SCOPE_SHAPE,
  outside: z.array(z.string()),
  recent: z.array(z.tuple([z.string(), z.number()])),
});

const EMPTY_META: SyncMeta = {
  watermark: null,
  scopeKey: null,
  lastReconcileAt: null,
  discovery: null,
  quiet: null,
};

/** Fields missing from an older installation's meta take the empty values; present ones must fit. */
const META_SHAPE = z.object({
  watermark: z.number().nullable().optional(),
  scopeKey: z.string().nullable().optional(),
  lastReconcileAt: z.number().nullable().optional(),
  discovery: DISCOVERY_SHAPE.nullable().optional(),
  quiet: QUIET_SHAPE.nullable().optional(),
});

/**
 * The meta, and the damage found in it: a damaged meta counts as empty (logged by key), so the next run
 * discovers again and reads everything.
 */
export async function readMetaChecked(store: Store): Promise<{ meta: SyncMeta; damage: Damage | null }> {
  try {
    const stored = await getChecked(store, KEYS.sync.meta, META_SHAPE, {
      what: 'What the last sync kept',
      remedy: 'The next sync reads everything from Jira again.',
    });
    return { meta: { ...EMPTY_META, ...stored }, damage: null };
  } catch (error) {
    const damage = damageOf(error);
    if (!damage) throw error;
    console.warn(`Sync meta ${describeDamage(damage)} is damaged: it counts as empty`);
    return { meta: EMPTY_META, damage };
  }
}

export async function readMeta(store: Store): Promise<SyncMeta> {
  return (await readMetaChecked(store)).meta;
}

export async function writeMeta(store: Store, meta: SyncMeta): Promise<void> {
  await store.set(KEYS.sync.meta, meta);
}
