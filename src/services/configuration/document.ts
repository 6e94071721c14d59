import type { PmoSettings, PmoSettingsInput, PortfolioDocument } from '../../contract';
import type { Lease } from '../../store/lease';
import { setOp, type Store } from '../../store/port';
import { AppFailure } from '../errors';
import { KEYS } from '../keys';
import { auditOp, changedFields } from './audit';
import { EMPTY_PORTFOLIO, loadPortfolio } from './model';
import { writeModel } from './persist';
import { DEFAULT_SETTINGS, loadSettings, settingsSchema, type Settings } from './settings';
import { orWhenDamaged } from './stored';
import { commitOps, type WriteDeps } from './writes';

/**
 * The PMO's settings and the portfolio as one document (export, import, the command line's --config):
 * each write lands whole with its audit entry.
 */
export async function saveSettings(
  deps: WriteDeps,
  lease: Lease,
  change: { input: PmoSettingsInput; expectedVersion: number; accountId: string },
): Promise<PmoSettings> {
  // Damaged settings are replaced by a save made from the defaults the settings page showed.
  const current = await orWhenDamaged(loadSettings(deps.store), DEFAULT_SETTINGS);
  if (current.version !== change.expectedVersion) {
    throw new AppFailure(
      'conflict',
      'Someone else saved the settings after you opened them. Reload to see their changes, then make yours again.',
    );
  }
  const next = settingsSchema.parse({ ...current, ...change.input, version: current.version + 1 });
  await commitOps(deps, lease, [
    setOp(KEYS.config.settings, next),
    auditOp(deps.clock(), change.accountId, {
      action: 'update',
      entity: 'settings',
      entityId: null,
      name: 'Settings',
      changed: changedFields(current, next),
    }),
  ]);
  return toPmoSettings(next);
}

/** Replaces goals, PMO projects and settings with a validated document, all or nothing. */
export async function importDocument(
  deps: WriteDeps,
  lease: Lease,
  document: PortfolioDocument,
  accountId: string,
): Promise<void> {
  const { store } = deps;
  const goalIds = new Set(document.goals.map((g) => g.id));
  document.projects.forEach((p, i) => {
    const missing = p.goals.find((l) => !goalIds.has(l.goalId));
    if (missing)
      throw new AppFailure(
        'validation',
        `projects.${i}.goals: no goal in the file has the id ${missing.goalId}`,
        `projects.${i}.goals`,
      );
  });
  for (const [list, what] of [
    [document.goals, 'goals'],
    [document.projects, 'projects'],
  ] as const) {
    const seen = new Set<string>();
    for (const [i, entity] of list.entries()) {
      if (seen.has(entity.id))
        throw new AppFailure(
          'validation',
          `${what}.${i}.id: the id ${entity.id} is used twice`,
          `${what}.${i}.id`,
        );
      seen.add(entity.id);
    }
  }
  // An import is how a damaged configuration is replaced: what cannot be read is simply not kept.
  const before = await orWhenDamaged(loadPortfolio(store), EMPTY_PORTFOLIO);
  const settings = await orWhenDamaged(loadSettings(store), DEFAULT_SETTINGS);
  const state = {
    goals: document.goals.map((g) => ({
      ...g,
      version: (before.goals.find((x) => x.id === g.id)?.version ?? 0) + 1,
    })),
    projects: document.projects.map((p) => ({
      ...p,
      version: (before.projects.find((x) => x.id === p.id)?.version ?? 0) + 1,
    })),
    dismissedEpics: before.dismissedEpics,
  };
  const nextSettings = settingsSchema.parse({
    ...settings,
    ...document.settings,
    version: settings.version + 1,
  });
  // A new generation, switched to in one transaction with the settings: the import lands whole.
  await writeModel(
    deps,
    lease,
    { ...before, seqs: {}, nextSeq: 0 },
    state,
    [
      setOp(KEYS.config.settings, nextSettings),
      auditOp(deps.clock(), accountId, {
        action: 'import',
        entity: 'portfolio',
        entityId: null,
        name: `Imported ${state.goals.length} goals and ${state.projects.length} PMO projects`,
        changed: ['goals', 'projects', 'settings'],
      }),
    ],
    { newGeneration: true },
  );
}

export async function exportDocument(store: Store, now: number): Promise<PortfolioDocument> {
  const [state, settings] = await Promise.all([loadPortfolio(store), loadSettings(store)]);
  const { version: _v, ...pmoSettings } = toPmoSettings(settings);
  return {
    format: 'pmo-wins/portfolio',
    formatVersion: 1,
    exportedAt: new Date(now).toISOString(),
    goals: state.goals.map(({ version: _g, ...goal }) => goal),
    projects: state.projects.map(({ version: _p, ...project }) => project),
    settings: pmoSettings,
  };
}

export function toPmoSettings(s: Settings): PmoSettings {
  return {
    version: s.version,
    timeZone: s.timeZone,
    portfolioProjects: s.portfolioProjects,
    waitStatuses: s.waitStatuses,
    notDoneResolutions: s.notDoneResolutions,
    pmoLeadGroup: s.pmoLeadGroup,
    startPolicy: s.startPolicy,
    trailingDays: s.trailingDays,
    thresholds: s.thresholds,
  };
}
