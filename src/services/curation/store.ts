import type { HealthOverride } from '../../domain/health';
import type { WinCuration } from '../../domain/wins';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';

/** PMO leads' curation of wins, by win id; it lives with the configuration and outlives every snapshot. */
export async function readCuration(store: Store): Promise<Record<string, WinCuration>> {
  return (await store.get(KEYS.config.winCuration))?.wins ?? {};
}

export async function writeCuration(store: Store, wins: Record<string, WinCuration>): Promise<void> {
  await store.set(KEYS.config.winCuration, { wins });
}

/** Health overrides: the metrics read them at every sync, the surfaces from the moment they are set. */
export async function readOverrides(store: Store): Promise<HealthOverride[]> {
  return (await store.get(KEYS.config.healthOverrides))?.list ?? [];
}

export async function writeOverrides(store: Store, list: HealthOverride[]): Promise<void> {
  await store.set(KEYS.config.healthOverrides, { list });
}
