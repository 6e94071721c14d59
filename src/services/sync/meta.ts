import { z } from 'zod';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { damageOf, describeDamage, getChecked, type Damage } from '../snapshot/damage';
import { DISCOVERY_SHAPE, type Discovery } from './discovery';

/** What the sync keeps between runs (`sync:meta`): where the next run starts and what it may reuse. */
export interface SyncMeta {
  watermark: number | null;
  scopeKey: string | null;
  lastReconcileAt: number | null;
  discovery: Discovery | null;
}

const EMPTY_META: SyncMeta = { watermark: null, scopeKey: null, lastReconcileAt: null, discovery: null };

/** Fields missing from an older installation's meta take the empty values; present ones must fit. */
const META_SHAPE = z.object({
  watermark: z.number().nullable().optional(),
  scopeKey: z.string().nullable().optional(),
  lastReconcileAt: z.number().nullable().optional(),
  discovery: DISCOVERY_SHAPE.nullable().optional(),
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
