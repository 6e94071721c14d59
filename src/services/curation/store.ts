import type { HealthOverride } from '../../domain/health';
import type { WinCuration } from '../../domain/wins';
import { queryAll, type Store } from '../../store/port';
import { KEYS, PREFIXES } from '../keys';

/**
 * PMO leads' curation of wins and health overrides, one value per win and per PMO project (so they
 * scale with the portfolio, and two leads curating different wins never touch the same value). Each
 * carries a version that a change names; they outlive every snapshot.
 */
export interface StoredCuration extends WinCuration {
  winId: string;
}

export type StoredOverride = HealthOverride & { version: number };

/** Curation by win id. */
export async function readCuration(store: Store): Promise<Record<string, WinCuration>> {
  const [stored, legacy] = await Promise.all([
    queryAll(store, PREFIXES.curations),
    store.get(KEYS.legacy.winCuration),
  ]);
  const byWin: Record<string, WinCuration> = {};
  for (const [id, entry] of Object.entries(legacy?.wins ?? {})) byWin[id] = { ...entry, version: 0 };
  for (const { value } of stored) {
    const { winId, ...curation } = value;
    byWin[winId] = curation;
  }
  return byWin;
}

/** Health overrides, one per PMO project at most: the metrics read them at every sync. */
export async function readOverrides(store: Store): Promise<StoredOverride[]> {
  const [stored, legacy] = await Promise.all([
    queryAll(store, PREFIXES.overrides),
    store.get(KEYS.legacy.healthOverrides),
  ]);
  const byProject = new Map<string, StoredOverride>();
  for (const o of legacy?.list ?? []) byProject.set(o.projectId, { ...o, version: 0 });
  for (const { value } of stored) byProject.set(value.projectId, value);
  return [...byProject.values()];
}
