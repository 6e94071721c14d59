import type { Store } from '../store/port';
import { loadSettings } from './settings';
import { readCuration, readOverrides, readSnapshot, readWins } from './snapshot';
import { readProgress } from './sync/progress';
import { winsPageView, withOverrides, type ViewInput } from './views';

/**
 * What every view reads from the store, for a reader who is not known: no Jira project browsable and
 * nothing to configure. Resolvers fill in the viewer's rights; published pages and exports use it as is.
 */
export async function loadViewState(deps: { store: Store; clock: () => number }): Promise<ViewInput> {
  const [snapshot, sync, settings, overrides] = await Promise.all([
    readSnapshot(deps.store),
    readProgress(deps.store),
    loadSettings(deps.store),
    readOverrides(deps.store),
  ]);
  const now = deps.clock();
  return {
    snapshot: withOverrides(snapshot, overrides, now),
    sync,
    now,
    staleAfterHours: settings.staleAfterHours,
    fallbackTimeZone: settings.timeZone ?? 'UTC',
    canConfigure: false,
    viewerProjects: new Set(),
    thresholds: settings.thresholds,
    pmoLeadGroup: settings.pmoLeadGroup,
  };
}

/**
 * The wins page for readers who are not known (a published Confluence page, a PDF or Word export): every
 * aggregate, curation applied, and no issue-level detail, as for a reader who may browse no project.
 * Throws ViewError for a quarter that is not reported.
 */
export async function publicWinsPage(
  deps: { store: Store; clock: () => number },
  query: { quarter: string | null; goalId: string | null },
) {
  const [input, curation] = await Promise.all([loadViewState(deps), readCuration(deps.store)]);
  const current = input.snapshot?.metrics.portfolio.quarters.at(-1)?.label;
  const wins = await readWins(deps.store, [query.quarter ?? current ?? '']);
  return winsPageView(input, query, wins, curation);
}
