import { z } from 'zod';
import type { HistoryPoint } from '../../domain/wins';
import { chunkOps, writeOps } from '../../store/chunked';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { damageOf, describeDamage, readChecked } from './damage';

/** Days of history kept (the specification asks for at least 400). */
export const HISTORY_DAYS = 450;

/** A history point as the wins and the next record read it. */
const HISTORY_SHAPE = z.array(
  z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date'),
    health: z.string(),
    progress: z.number().nullable(),
    throughput28d: z.number(),
    cycleP50: z.number().nullable(),
    forecastP85: z.string().nullable(),
    valueToDate: z.number(),
  }),
);

/**
 * Daily history points per PMO project, goal or the portfolio. A damaged series (logged by key) counts
 * as none, so it starts again with today's point: history never fails a sync or a view.
 */
export async function readHistory(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, HistoryPoint[]>> {
  const entries = await Promise.all(ids.map(async (id) => [id, await readSeries(store, id)] as const));
  return new Map(entries);
}

async function readSeries(store: Store, id: string): Promise<HistoryPoint[]> {
  try {
    const stored = await readChecked(store, KEYS.history(id), HISTORY_SHAPE, {
      what: `The history of “${id}”`,
      remedy: 'It starts again from today.',
    });
    return stored ?? [];
  } catch (error) {
    const damage = damageOf(error);
    if (!damage) throw error;
    console.warn(`History ${describeDamage(damage)} is damaged: the series starts again from today`);
    return [];
  }
}

/** Adds (or replaces) today's point of each id, dropping points older than HISTORY_DAYS. */
export async function recordHistory(
  store: Store,
  history: ReadonlyMap<string, readonly HistoryPoint[]>,
  points: Record<string, HistoryPoint>,
  oldestDate: string,
): Promise<void> {
  for (const [id, point] of Object.entries(points)) {
    const earlier = history.get(id) ?? [];
    const last = earlier[earlier.length - 1];
    if (last && JSON.stringify(last) === JSON.stringify(point)) continue;
    const next = [...earlier.filter((p) => p.date !== point.date && p.date >= oldestDate), point].sort(
      (a, b) => a.date.localeCompare(b.date),
    );
    await writeOps(store, chunkOps(KEYS.history(id), next));
  }
}
