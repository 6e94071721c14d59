import type { PmoProject, StrategicGoal } from '../../contract';
import { readChunked } from '../../store/chunked';
import { queryAll, StoreDamageError, type Store } from '../../store/port';
import { DamagedValue } from '../errors';
import { KEYS, PREFIXES } from '../keys';
import { loadSettings, type Settings } from './settings';
import { checkDismissed, checkGoal, checkHead, checkProject, IMPORT_REMEDY } from './stored';

/**
 * The PMO model in storage. Each goal and PMO project is one value under the current generation
 * (`cfg:<gen>:goal:<id>`, `cfg:<gen>:project:<id>`), so saving one writes one small value, and a write
 * is a single transaction with its audit entry. `cfg:model` names the generation and counts revisions;
 * an import writes a whole new generation and then switches `cfg:model` to it in one transaction, so it
 * lands whole or not at all. Writers hold the configuration lease (./writes.ts).
 */
export interface ModelHead {
  gen: string;
  revision: number;
  /** The next entity's place in the lists: goals and PMO projects keep the order they were added in. */
  nextSeq: number;
}

/** A stored goal or PMO project and its place in its list. */
export interface Stored<T> {
  seq: number;
  value: T;
}

export interface PortfolioState {
  /** The generation the entities live in; null before anything was saved. */
  gen: string | null;
  revision: number;
  nextSeq: number;
  goals: StrategicGoal[];
  projects: PmoProject[];
  dismissedEpics: string[];
  /** Each entity's place, by `goal:<id>` and `project:<id>`. */
  seqs: Record<string, number>;
}

/** Nothing saved yet. */
export const EMPTY_PORTFOLIO: PortfolioState = {
  gen: null,
  revision: 0,
  nextSeq: 0,
  goals: [],
  projects: [],
  dismissedEpics: [],
  seqs: {},
};

const inOrder = <T>(entries: { value: Stored<T> }[]) =>
  entries
    .map((e) => e.value)
    .sort((a, b) => a.seq - b.seq)
    .map((s) => s.value);

/**
 * The goals and PMO projects, each value checked as it is read: a damaged one fails the read with a
 * DamagedValue naming it and saying what to do (an import replaces the whole model).
 */
export async function loadPortfolio(store: Store): Promise<PortfolioState> {
  const storedHead: unknown = await store.get(KEYS.config.head);
  if (storedHead === undefined) return loadLegacy(store);
  const head = checkHead(KEYS.config.head, storedHead);
  const [rawGoals, rawProjects, rawDismissed] = await Promise.all([
    queryAll(store, PREFIXES.goals(head.gen)),
    queryAll(store, PREFIXES.projects(head.gen)),
    store.get(KEYS.config.dismissed(head.gen)),
  ]);
  const goals = rawGoals.map((e) => ({ value: checkGoal(e.key, e.value) }));
  const projects = rawProjects.map((e) => ({ value: checkProject(e.key, e.value) }));
  const dismissed =
    rawDismissed === undefined ? undefined : checkDismissed(KEYS.config.dismissed(head.gen), rawDismissed);
  const seqs: Record<string, number> = {};
  for (const e of goals) seqs[`goal:${e.value.value.id}`] = e.value.seq;
  for (const e of projects) seqs[`project:${e.value.value.id}`] = e.value.seq;
  return {
    gen: head.gen,
    revision: head.revision,
    nextSeq: head.nextSeq,
    goals: inOrder(goals),
    projects: inOrder(projects),
    dismissedEpics: dismissed ?? [],
    seqs,
  };
}

/** Installations from before per-entity storage: one chunked document, moved by the first write. */
async function loadLegacy(store: Store): Promise<PortfolioState> {
  const legacy = await readChunked(store, KEYS.legacy.portfolio).catch((error: unknown) => {
    if (error instanceof StoreDamageError) {
      throw new DamagedValue(error.key, 'The portfolio document', error.problem, IMPORT_REMEDY);
    }
    throw error;
  });
  const goals = legacy?.goals ?? [];
  const projects = legacy?.projects ?? [];
  return {
    gen: null,
    revision: 0,
    nextSeq: goals.length + projects.length,
    goals,
    projects,
    dismissedEpics: legacy?.dismissedEpics ?? [],
    seqs: Object.fromEntries([
      ...goals.map((g, i) => [`goal:${g.id}`, i] as const),
      ...projects.map((p, i) => [`project:${p.id}`, goals.length + i] as const),
    ]),
  };
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
