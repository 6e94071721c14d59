import type { WinCuration } from '../domain/wins';
import { readMacroConfig } from '../shared/macro-config';
import type { Store } from '../store/port';
import { winsAdf } from './adf';
import { loadSettings } from './settings';
import { CURATION_KEY, readOverrides, readPart, readSnapshot } from './snapshot';
import { readProgress } from './sync/progress';
import { winsPageView, withOverrides, type ViewInput } from './views';

/** The macro as ADF for export, from the published snapshot, with issue detail withheld. */
export async function exportMacro(deps: { store: Store; clock: () => number }, rawConfig: unknown) {
  const config = readMacroConfig(rawConfig);
  const [snapshot, sync, settings, wins, curation, overrides] = await Promise.all([
    readSnapshot(deps.store),
    readProgress(deps.store),
    loadSettings(deps.store),
    readPart(deps.store, 'wins'),
    deps.store.get<{ wins: Record<string, WinCuration> }>(CURATION_KEY),
    readOverrides(deps.store),
  ]);
  const now = deps.clock();
  const input: ViewInput = {
    snapshot: withOverrides(snapshot, overrides, now),
    sync,
    now,
    staleAfterHours: settings.staleAfterHours,
    fallbackTimeZone: settings.timeZone ?? 'UTC',
    canConfigure: false,
    viewerProjects: new Set(),
    thresholds: settings.thresholds,
  };
  const page = (quarter: string | null) =>
    winsPageView(input, { quarter, goalId: config.goalId }, wins ?? [], curation?.wins ?? {});
  let view;
  try {
    view = page(config.quarter);
  } catch {
    // A quarter no longer reported: export the current one rather than nothing.
    view = page(null);
  }
  return winsAdf(view.data, config, view.generatedAt);
}
