import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  GoalInput,
  PmoProject,
  PmoProjectInput,
  PmoSettings,
  PmoSettingsInput,
  PortfolioDocument,
  StrategicGoal,
} from '../../contract';
import { chunkOps, readChunked, writeOps } from '../../store/chunked';
import type { Store } from '../../store/port';
import { loadSettings, SETTINGS_KEY, settingsSchema, type Settings } from '../settings';
import { LIMITS } from './schemas';

/**
 * The PMO model in storage: goals and PMO projects in one versioned document (`cfg:portfolio`, chunked),
 * settings in `cfg:settings`, an audit trail under `audit:`. Every entity carries a version; a save names
 * the version it started from and is refused when someone saved in between (never merged silently).
 * Input reaching this service is already validated; Jira checks happen before it in the resolver.
 */
export interface PortfolioState {
  revision: number;
  goals: StrategicGoal[];
  projects: PmoProject[];
  dismissedEpics: string[];
}

export const PORTFOLIO_KEY = 'cfg:portfolio';
const EMPTY: PortfolioState = { revision: 0, goals: [], projects: [], dismissedEpics: [] };

export class ConfigError extends Error {
  constructor(
    readonly kind: 'validation' | 'conflict' | 'not-found',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Keys sort newest first: inverted time, then an inverted counter for changes within one millisecond. */
let auditSequence = 0;
const auditKey = (at: number) => {
  auditSequence = (auditSequence + 1) % 1_000_000;
  const inverted = (n: number, width: number, max: number) => String(max - n).padStart(width, '0');
  return `audit:${inverted(at, 13, 9_000_000_000_000)}:${inverted(auditSequence, 6, 999_999)}:${randomUUID().slice(0, 4)}`;
};

/** Names of the fields whose values differ. */
function changedFields(before: object | undefined, after: object): string[] {
  if (!before) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b).filter((k) => k !== 'version' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function conflict(what: string, name: string): ConfigError {
  return new ConfigError(
    'conflict',
    `Someone else saved the ${what} “${name}” after you opened it. Reload to see their changes, then make yours again.`,
  );
}

export class ConfigService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  async load(): Promise<PortfolioState> {
    return { ...EMPTY, ...(await readChunked<PortfolioState>(this.store, PORTFOLIO_KEY)) };
  }

  async settings(): Promise<Settings> {
    return loadSettings(this.store);
  }

  async audit(limit = 50): Promise<AuditEntry[]> {
    const page = await this.store.query('audit:', { limit: Math.min(limit, 100) });
    return page.entries.map((e) => e.value as unknown as AuditEntry);
  }

  async saveGoal(
    input: GoalInput,
    expectedVersion: number | null,
    accountId: string,
  ): Promise<StrategicGoal> {
    return this.commit(accountId, (state) => {
      const existing = input.id ? state.goals.find((g) => g.id === input.id) : undefined;
      if (expectedVersion === null) {
        if (state.goals.length >= LIMITS.goals) {
          throw new ConfigError(
            'validation',
            `A portfolio holds at most ${LIMITS.goals} goals; archive or delete one first.`,
            'goal',
          );
        }
        if (existing) throw new ConfigError('conflict', `A goal with id ${input.id} already exists.`);
      } else {
        if (!existing)
          throw new ConfigError(
            'not-found',
            'This goal was deleted by someone else. Reload to see the current goals.',
          );
        if (existing.version !== expectedVersion) throw conflict('goal', existing.name);
      }
      const clash = state.goals.find(
        (g) => g.id !== existing?.id && g.name.toLowerCase() === input.name.toLowerCase(),
      );
      if (clash)
        throw new ConfigError(
          'validation',
          `goal.name: another goal is already called “${clash.name}”`,
          'goal.name',
        );
      const goal: StrategicGoal = {
        ...input,
        id: existing?.id ?? input.id ?? newId('goal'),
        version: (existing?.version ?? 0) + 1,
      };
      const goals = existing ? state.goals.map((g) => (g.id === goal.id ? goal : g)) : [...state.goals, goal];
      return {
        state: { ...state, goals },
        result: goal,
        audit: {
          action: existing ? 'update' : 'create',
          entity: 'goal',
          entityId: goal.id,
          name: goal.name,
          changed: changedFields(existing, goal),
        },
      };
    });
  }

  async deleteGoal(id: string, expectedVersion: number, accountId: string): Promise<{ id: string }> {
    return this.commit(accountId, (state) => {
      const goal = state.goals.find((g) => g.id === id);
      if (!goal)
        throw new ConfigError('not-found', 'This goal no longer exists. Reload to see the current goals.');
      if (goal.version !== expectedVersion) throw conflict('goal', goal.name);
      const linked = state.projects.filter((p) => p.goals.some((l) => l.goalId === id));
      if (linked.length) {
        throw new ConfigError(
          'validation',
          `“${goal.name}” is linked from ${linked.length} PMO project${linked.length === 1 ? '' : 's'} (${linked.map((p) => p.name).join(', ')}): unlink it there first.`,
          'id',
        );
      }
      return {
        state: { ...state, goals: state.goals.filter((g) => g.id !== id) },
        result: { id },
        audit: { action: 'delete', entity: 'goal', entityId: id, name: goal.name, changed: [] },
      };
    });
  }

  async saveProject(
    input: PmoProjectInput,
    expectedVersion: number | null,
    accountId: string,
  ): Promise<PmoProject> {
    return this.commit(accountId, (state) => {
      const existing = input.id ? state.projects.find((p) => p.id === input.id) : undefined;
      if (expectedVersion === null) {
        if (state.projects.length >= LIMITS.projects) {
          throw new ConfigError(
            'validation',
            `A portfolio holds at most ${LIMITS.projects} PMO projects; delete one first.`,
            'project',
          );
        }
        if (existing) throw new ConfigError('conflict', `A PMO project with id ${input.id} already exists.`);
      } else {
        if (!existing)
          throw new ConfigError(
            'not-found',
            'This PMO project was deleted by someone else. Reload to see the current ones.',
          );
        if (existing.version !== expectedVersion) throw conflict('PMO project', existing.name);
      }
      const unknownGoal = input.goals.find((l) => !state.goals.some((g) => g.id === l.goalId));
      if (unknownGoal) {
        throw new ConfigError(
          'validation',
          `project.goals: no goal has the id ${unknownGoal.goalId}; it may have been deleted`,
          'project.goals',
        );
      }
      const clash = state.projects.find(
        (p) => p.id !== existing?.id && p.name.toLowerCase() === input.name.toLowerCase(),
      );
      if (clash)
        throw new ConfigError(
          'validation',
          `project.name: another PMO project is already called “${clash.name}”`,
          'project.name',
        );
      const project: PmoProject = {
        ...input,
        id: existing?.id ?? input.id ?? newId('proj'),
        version: (existing?.version ?? 0) + 1,
      };
      const projects = existing
        ? state.projects.map((p) => (p.id === project.id ? project : p))
        : [...state.projects, project];
      // An epic now mapped leaves the triage list's dismissals.
      const dismissedEpics = state.dismissedEpics.filter((k) => !project.scope.epicKeys.includes(k));
      return {
        state: { ...state, projects, dismissedEpics },
        result: project,
        audit: {
          action: existing ? 'update' : 'create',
          entity: 'project',
          entityId: project.id,
          name: project.name,
          changed: changedFields(existing, project),
        },
      };
    });
  }

  async deleteProject(id: string, expectedVersion: number, accountId: string): Promise<{ id: string }> {
    return this.commit(accountId, (state) => {
      const project = state.projects.find((p) => p.id === id);
      if (!project)
        throw new ConfigError(
          'not-found',
          'This PMO project no longer exists. Reload to see the current ones.',
        );
      if (project.version !== expectedVersion) throw conflict('PMO project', project.name);
      return {
        state: { ...state, projects: state.projects.filter((p) => p.id !== id) },
        result: { id },
        audit: { action: 'delete', entity: 'project', entityId: id, name: project.name, changed: [] },
      };
    });
  }

  async dismissEpic(key: string, accountId: string): Promise<{ key: string }> {
    return this.commit(accountId, (state) => ({
      state: { ...state, dismissedEpics: [...new Set([...state.dismissedEpics, key])] },
      result: { key },
      audit: {
        action: 'update',
        entity: 'portfolio',
        entityId: null,
        name: `Dismissed epic ${key} from triage`,
        changed: ['dismissedEpics'],
      },
    }));
  }

  async saveSettings(
    input: PmoSettingsInput,
    expectedVersion: number,
    accountId: string,
  ): Promise<PmoSettings> {
    const current = await this.settings();
    if (current.version !== expectedVersion) {
      throw new ConfigError(
        'conflict',
        'Someone else saved the settings after you opened them. Reload to see their changes, then make yours again.',
      );
    }
    const next = settingsSchema.parse({ ...current, ...input, version: current.version + 1 });
    await this.store.transact([
      { kind: 'set', key: SETTINGS_KEY, value: { ...next } },
      {
        kind: 'set',
        key: auditKey(this.clock()),
        value: this.entry(accountId, {
          action: 'update',
          entity: 'settings',
          entityId: null,
          name: 'Settings',
          changed: changedFields(current, next),
        }),
      },
    ]);
    return toPmoSettings(next);
  }

  /** Replaces goals, PMO projects and settings with a validated document, all or nothing. */
  async importDocument(document: PortfolioDocument, accountId: string): Promise<PortfolioState> {
    const goalIds = new Set(document.goals.map((g) => g.id));
    document.projects.forEach((p, i) => {
      const missing = p.goals.find((l) => !goalIds.has(l.goalId));
      if (missing)
        throw new ConfigError(
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
          throw new ConfigError(
            'validation',
            `${what}.${i}.id: the id ${entity.id} is used twice`,
            `${what}.${i}.id`,
          );
        seen.add(entity.id);
      }
    }
    const before = await this.load();
    const settings = await this.settings();
    const state: PortfolioState = {
      revision: before.revision + 1,
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
    const ops = [
      ...chunkOps(PORTFOLIO_KEY, state),
      { kind: 'set' as const, key: SETTINGS_KEY, value: { ...nextSettings } },
      {
        kind: 'set' as const,
        key: auditKey(this.clock()),
        value: this.entry(accountId, {
          action: 'import',
          entity: 'portfolio',
          entityId: null,
          name: `Imported ${state.goals.length} goals and ${state.projects.length} PMO projects`,
          changed: ['goals', 'projects', 'settings'],
        }),
      },
    ];
    // One transaction where it fits (the document is at most a few chunks), so an import lands whole.
    await writeOps(this.store, ops);
    return state;
  }

  async exportDocument(now: number): Promise<PortfolioDocument> {
    const [state, settings] = await Promise.all([this.load(), this.settings()]);
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

  private entry(accountId: string, fields: Omit<AuditEntry, 'at' | 'accountId'>): Record<string, unknown> {
    return { at: this.clock(), accountId, ...fields };
  }

  /**
   * Applies a change to the latest document. When another save lands between reading and writing (the
   * revision moved), the change is applied again to the newer document, so its own version checks decide.
   */
  private async commit<T>(
    accountId: string,
    change: (state: PortfolioState) => {
      state: PortfolioState;
      result: T;
      audit: Omit<AuditEntry, 'at' | 'accountId'>;
    },
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.load();
      const { state, result, audit } = change(current);
      const latest = await this.load();
      if (latest.revision !== current.revision && attempt < 3) continue;
      const next = { ...state, revision: current.revision + 1 };
      await writeOps(this.store, [
        ...chunkOps(PORTFOLIO_KEY, next),
        { kind: 'set', key: auditKey(this.clock()), value: this.entry(accountId, audit) },
      ]);
      return result;
    }
  }
}

export function toPmoSettings(s: Settings): PmoSettings {
  return {
    version: s.version,
    timeZone: s.timeZone,
    portfolioProjects: s.portfolioProjects,
    waitStatuses: s.waitStatuses,
    pmoLeadGroup: s.pmoLeadGroup,
    startPolicy: s.startPolicy,
    trailingDays: s.trailingDays,
    thresholds: s.thresholds,
  };
}
