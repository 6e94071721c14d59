import { readMacroConfig } from '../shared/macro-config';
import type { Store } from '../store/port';
import { winsAdf } from './adf';
import { publicWinsPage } from './public-view';
import { ViewError } from './views';

/** The macro as ADF for export, from the published snapshot, with issue detail withheld. */
export async function exportMacro(deps: { store: Store; clock: () => number }, rawConfig: unknown) {
  const config = readMacroConfig(rawConfig);
  let view;
  try {
    view = await publicWinsPage(deps, { quarter: config.quarter, goalId: config.goalId });
  } catch (error) {
    if (!(error instanceof ViewError)) throw error;
    // A quarter no longer reported: export the current one rather than nothing.
    view = await publicWinsPage(deps, { quarter: null, goalId: config.goalId });
  }
  return winsAdf(view.data, config, view.generatedAt);
}
