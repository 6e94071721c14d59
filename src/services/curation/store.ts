import type { HealthOverride } from '../../domain/health';
import type { WinCuration } from '../../domain/wins';
import { z } from 'zod';
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

const curationSchema: z.ZodType<StoredCuration> = z.object({
  winId: z.string(),
  featured: z.boolean(),
  hidden: z.boolean(),
  note: z.string(),
  title: z.string().nullable(),
  by: z.string(),
  at: z.number(),
  version: z.number().int().nonnegative(),
});

const overrideSchema: z.ZodType<StoredOverride> = z.object({
  projectId: z.string(),
  rating: z.enum(['green', 'amber', 'red']),
  comment: z.string(),
  by: z.string(),
  at: z.number(),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  version: z.number().int().nonnegative(),
});

/**
 * A stored curation or override read back; a damaged one counts as none (it is logged, by key), so the
 * wins and health still show and the next change writes a sound value in its place.
 */
export function sound<T>(schema: z.ZodType<T>, key: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  console.warn(
    `Damaged stored value “${key}” is ignored: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`,
  );
  return undefined;
}

export const soundCuration = (key: string, value: unknown) => sound(curationSchema, key, value);
export const soundOverride = (key: string, value: unknown) => sound(overrideSchema, key, value);

/** Curation by win id. */
export async function readCuration(store: Store): Promise<Record<string, WinCuration>> {
  const [stored, legacy] = await Promise.all([
    queryAll(store, PREFIXES.curations),
    store.get(KEYS.legacy.winCuration),
  ]);
  const byWin: Record<string, WinCuration> = {};
  const old = typeof legacy?.wins === 'object' && legacy.wins !== null ? legacy.wins : {};
  for (const [id, entry] of Object.entries(old)) {
    const sound = soundCuration('cfg:win-curation', { ...entry, winId: id, version: 0 });
    if (sound) byWin[id] = { ...sound, version: 0 };
  }
  for (const { key, value } of stored) {
    const entry = soundCuration(key, value);
    if (!entry) continue;
    const { winId, ...curation } = entry;
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
  for (const o of Array.isArray(legacy?.list) ? legacy.list : []) {
    const sound = soundOverride('cfg:health-overrides', { ...o, version: 0 });
    if (sound) byProject.set(sound.projectId, sound);
  }
  for (const { key, value } of stored) {
    const o = soundOverride(key, value);
    if (o) byProject.set(o.projectId, o);
  }
  return [...byProject.values()];
}
