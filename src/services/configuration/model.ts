import type { PmoProject, StrategicGoal } from '../../contract';
import { readChunked } from '../../store/chunked';
import { queryAll, type Store } from '../../store/port';
import { KEYS, PREFIXES } from '../keys';
import { loadSettings, type Settings } from './settings';

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

const inOrder = <T>(entries: { value: Stored<T> }[]) =>
  entries
    .map((e) => e.value)
    .sort((a, b) => a.seq - b.seq)
    .map((s) => s.value);

export async function loadPortfolio(store: Store): Promise<PortfolioState> {
  const head = await store.get(KEYS.config.head);
  if (!head) return loadLegacy(store);
  const [goals, projects, dismissed] = await Promise.all([
    queryAll(store, PREFIXES.goals(head.gen)),
    queryAll(store, PREFIXES.projects(head.gen)),
    store.get(KEYS.config.dismissed(head.gen)),
  ]);
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
  const legacy = await readChunked(store, KEYS.legacy.portfolio);
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
