import type { HistoryPoint } from '../../domain/wins';
import { chunkOps, readChunked, writeOps } from '../../store/chunked';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';

/** Days of history kept (the specification asks for at least 400). */
export const HISTORY_DAYS = 450;

/** Daily history points per PMO project, goal or the portfolio. */
export async function readHistory(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, HistoryPoint[]>> {
  const entries = await Promise.all(
    ids.map(async (id) => [id, (await readChunked(store, KEYS.history(id))) ?? []] as const),
  );
  return new Map(entries);
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
