import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import type { Discovery } from './discovery';

/** What the sync keeps between runs (`sync:meta`): where the next run starts and what it may reuse. */
export interface SyncMeta {
  watermark: number | null;
  scopeKey: string | null;
  lastReconcileAt: number | null;
  discovery: Discovery | null;
}

const EMPTY_META: SyncMeta = { watermark: null, scopeKey: null, lastReconcileAt: null, discovery: null };

export async function readMeta(store: Store): Promise<SyncMeta> {
  return { ...EMPTY_META, ...(await store.get(KEYS.sync.meta)) };
}

export async function writeMeta(store: Store, meta: SyncMeta): Promise<void> {
  await store.set(KEYS.sync.meta, meta);
}
