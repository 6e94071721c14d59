import type { CurationInput, HealthRow, OverrideInput } from '../../contract';
import { localDate } from '../../domain/calendar';
import { curateWins, type CuratedWin, type WinCuration } from '../../domain/wins';
import type { Store } from '../../store/port';
import { invalid, notFound } from '../errors';
import { loadPortfolio } from '../configuration/model';
import { openSnapshot } from '../snapshot';
import { healthRow, withOverrides } from '../surfaces/views';
import { readCuration, readOverrides, writeCuration, writeOverrides } from './store';

export interface CurationDeps {
  store: Store;
  clock: () => number;
}

/**
 * What PMO leads add to the numbers: a win featured, hidden, noted or retitled, and a PMO project's
 * health overridden for a while, with a reason. Both outlive every snapshot and apply at once.
 */
export class CurationService {
  constructor(private readonly deps: CurationDeps) {}

  /** A win as curated now; curation back to plain removes its entry. */
  async curateWin(input: CurationInput, by: string): Promise<CuratedWin> {
    const { store, clock } = this.deps;
    const wins = await (await openSnapshot(store)).wins();
    const win = wins.find((w) => w.id === input.id);
    if (!win) throw notFound('id', `id: no win "${input.id}" in the current numbers`);
    const entry: WinCuration = {
      featured: input.featured,
      hidden: input.hidden,
      note: input.note,
      title: input.title,
      by,
      at: clock(),
    };
    const curation = await readCuration(store);
    const plain = !entry.featured && !entry.hidden && entry.note === '' && entry.title === null;
    const next = { ...curation };
    if (plain) delete next[input.id];
    else next[input.id] = entry;
    await writeCuration(store, next);
    return curateWins([win], next)[0]!;
  }

  /** Sets a PMO project's health until a day of the snapshot's calendar, or clears it. */
  async overrideHealth(
    input: OverrideInput | { projectId: string; clear: true },
    by: string,
  ): Promise<HealthRow> {
    const { store, clock } = this.deps;
    const [portfolio, snapshot, overrides] = await Promise.all([
      loadPortfolio(store),
      openSnapshot(store).then((reader) => reader.core()),
      readOverrides(store),
    ]);
    if (!portfolio.projects.some((p) => p.id === input.projectId)) {
      throw notFound('projectId', `projectId: no PMO project "${input.projectId}"`);
    }
    const today = localDate(clock(), snapshot?.timeZone ?? 'UTC');
    const rest = overrides.filter((o) => o.projectId !== input.projectId);
    let next = rest;
    if (!('clear' in input)) {
      if (input.expires < today) throw invalid('expires', `expires: must be today (${today}) or later`);
      next = [...rest, { ...input, by, at: clock() }];
    }
    await writeOverrides(store, next);
    const project = withOverrides(snapshot, next, clock())?.metrics.projects.find(
      (p) => p.id === input.projectId,
    );
    if (!project) {
      throw notFound('projectId', 'projectId: the PMO project has no numbers until the next refresh');
    }
    return healthRow(project);
  }
}
