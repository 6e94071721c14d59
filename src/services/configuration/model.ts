import type { PmoProject, StrategicGoal } from '../../contract';
import { readChunked } from '../../store/chunked';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { loadSettings, type Settings } from './settings';

/**
 * The PMO model in storage: goals and PMO projects in one versioned document (`cfg:portfolio`, chunked),
 * settings in `cfg:settings`, an audit trail under `audit:`. One document makes an import a single
 * transaction and keeps export trivial.
 */
export interface PortfolioState {
  revision: number;
  goals: StrategicGoal[];
  projects: PmoProject[];
  dismissedEpics: string[];
}

const EMPTY: PortfolioState = { revision: 0, goals: [], projects: [], dismissedEpics: [] };

export async function loadPortfolio(store: Store): Promise<PortfolioState> {
  return { ...EMPTY, ...(await readChunked(store, KEYS.config.portfolio)) };
}

/** Everything the metrics read of the configuration; a sync job loads it once and hands it down. */
export interface PmoModel {
  settings: Settings;
  portfolio: PortfolioState;
}

export async function loadModel(store: Store): Promise<PmoModel> {
  const [settings, portfolio] = await Promise.all([loadSettings(store), loadPortfolio(store)]);
  return { settings, portfolio };
}
