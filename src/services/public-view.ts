import type { WinCuration } from '../domain/wins';
import type { Store } from '../store/port';
import { loadSettings } from './settings';
import { CURATION_KEY, readOverrides, readSnapshot, readWins } from './snapshot';
import { readProgress } from './sync/progress';
import { winsPageView, withOverrides } from './views';

/**
 * The wins page for readers who are not known (a published Confluence page, a PDF or Word export): every
 * aggregate, curation applied, and no issue-level detail, as for a reader who may browse no project.
 * Throws ViewError for a quarter that is not reported.
 */
export async function publicWinsPage(
  deps: { store: Store; clock: () => number },
  query: { quarter: string | null; goalId: string | null },
) {
  const [snapshot, sync, settings, curation, overrides] = await Promise.all([
    readSnapshot(deps.store),
    readProgress(deps.store),
    loadSettings(deps.store),
    deps.store.get<{ wins: Record<string, WinCuration> }>(CURATION_KEY),
    readOverrides(deps.store),
  ]);
  const now = deps.clock();
  const current = snapshot?.metrics.portfolio.quarters.at(-1)?.label;
  const wins = await readWins(deps.store, [query.quarter ?? current ?? '']);
  return winsPageView(
    {
      snapshot: withOverrides(snapshot, overrides, now),
      sync,
      now,
      staleAfterHours: settings.staleAfterHours,
      fallbackTimeZone: settings.timeZone ?? 'UTC',
      canConfigure: false,
      viewerProjects: new Set(),
      thresholds: settings.thresholds,
    },
    query,
    wins,
    curation?.wins ?? {},
  );
}
