import { readMacroConfig } from '../../contract/config';
import { SurfacesService, type SurfaceDeps } from '../surfaces/service';
import { ViewError } from '../surfaces/wins';
import { winsAdf } from './adf';

/**
 * The macro as ADF for export, from the published snapshot (by default the last complete quarter, as the
 * macro shows it), with issue detail withheld: wins that name
 * issues are redacted (no key, summary, or PMO lead's title and note), since the export's readers are not known.
 */
export async function exportMacro(deps: SurfaceDeps, rawConfig: unknown) {
  const config = readMacroConfig(rawConfig);
  const surfaces = new SurfacesService(deps);
  let view;
  try {
    view = await surfaces.publicWinsPage({ quarter: config.quarter, goalId: config.goalId });
  } catch (error) {
    if (!(error instanceof ViewError)) throw error;
    // A quarter no longer reported: export the last complete one rather than nothing.
    view = await surfaces.publicWinsPage({ quarter: 'previous', goalId: config.goalId });
  }
  return winsAdf(view.data, config, view.generatedAt, view.currency);
}
