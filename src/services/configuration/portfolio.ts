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
import { AppFailure } from '../errors';
import { auditOp, changedFields, readAudit, type AuditChange } from './audit';
import { exportDocument, importDocument, saveSettings } from './document';
import { loadPortfolio, type PortfolioState } from './model';
import { writeModel } from './persist';
import { LIMITS, normalizedName } from './schemas';
import { loadSettings, type Settings } from './settings';
import { underLease, type WriteDeps } from './writes';

const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function conflict(what: string, name: string): AppFailure {
  return new AppFailure(
    'conflict',
    `Someone else saved the ${what} “${name}” after you opened it. Reload to see their changes, then make yours again.`,
  );
}

/**
 * Writes to the PMO model, each with its audit entry. Every goal and PMO project carries a version; a
 * save names the version it started from and is refused when someone saved in between (never merged
 * silently). Input reaching this service is already validated and checked against Jira (./service.ts).
 */
export class ConfigService {
  constructor(private readonly deps: WriteDeps) {}

  async load(): Promise<PortfolioState> {
    return loadPortfolio(this.deps.store);
  }

  async settings(): Promise<Settings> {
    return loadSettings(this.deps.store);
  }

  async audit(limit = 50): Promise<AuditEntry[]> {
    return readAudit(this.deps.store, limit);
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
          throw new AppFailure(
            'validation',
            `A portfolio holds at most ${LIMITS.goals} goals; archive or delete one first.`,
            'goal',
          );
        }
        if (existing) throw new AppFailure('conflict', `A goal with id ${input.id} already exists.`);
      } else {
        if (!existing)
          throw new AppFailure(
            'not-found',
            'This goal was deleted by someone else. Reload to see the current goals.',
          );
        if (existing.version !== expectedVersion) throw conflict('goal', existing.name);
      }
      const clash = state.goals.find(
        (g) => g.id !== existing?.id && normalizedName(g.name) === normalizedName(input.name),
      );
      if (clash)
        throw new AppFailure(
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
        throw new AppFailure('not-found', 'This goal no longer exists. Reload to see the current goals.');
      if (goal.version !== expectedVersion) throw conflict('goal', goal.name);
      const linked = state.projects.filter((p) => p.goals.some((l) => l.goalId === id));
      if (linked.length) {
        throw new AppFailure(
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
          throw new AppFailure(
            'validation',
            `A portfolio holds at most ${LIMITS.projects} PMO projects; delete one first.`,
            'project',
          );
        }
        if (existing) throw new AppFailure('conflict', `A PMO project with id ${input.id} already exists.`);
      } else {
        if (!existing)
          throw new AppFailure(
            'not-found',
            'This PMO project was deleted by someone else. Reload to see the current ones.',
          );
        if (existing.version !== expectedVersion) throw conflict('PMO project', existing.name);
      }
      const unknownGoal = input.goals.find((l) => !state.goals.some((g) => g.id === l.goalId));
      if (unknownGoal) {
        throw new AppFailure(
          'validation',
          `project.goals: no goal has the id ${unknownGoal.goalId}; it may have been deleted`,
          'project.goals',
        );
      }
      const clash = state.projects.find(
        (p) => p.id !== existing?.id && normalizedName(p.name) === normalizedName(input.name),
      );
      if (clash)
        throw new AppFailure(
          'validation',
          `project.name: another PMO project is already called “${clash.name}”`,
          'project.name',
        );
      // Moving an agreed baseline is a re-baseline: it needs its reason (docs/pmo-model.md).
      if (existing?.baselineDate && input.baselineDate !== existing.baselineDate && !input.baselineReason)
        throw new AppFailure(
          'validation',
          'project.baselineReason: say why the baseline date moves (a re-baseline needs its reason)',
          'project.baselineReason',
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
      const changed = changedFields(existing, project);
      // A re-baseline keeps its reason in the trail, so earlier reasons survive the next one.
      const rebaselined =
        existing !== undefined && changed.includes('baselineDate') && project.baselineReason;
      return {
        state: { ...state, projects, dismissedEpics },
        result: project,
        audit: {
          action: existing ? 'update' : 'create',
          entity: 'project',
          entityId: project.id,
          name: project.name,
          changed,
          ...(rebaselined
            ? {
                note: `Re-baselined from ${existing.baselineDate ?? 'none'} to ${project.baselineDate ?? 'none'}: ${project.baselineReason}`,
              }
            : {}),
        },
      };
    });
  }

  async deleteProject(id: string, expectedVersion: number, accountId: string): Promise<{ id: string }> {
    return this.commit(accountId, (state) => {
      const project = state.projects.find((p) => p.id === id);
      if (!project)
        throw new AppFailure(
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
    return underLease(this.deps, 'config', (lease) =>
      saveSettings(this.deps, lease, { input, expectedVersion, accountId }),
    );
  }

  /** Replaces goals, PMO projects and settings with a validated document, all or nothing. */
  async importDocument(document: PortfolioDocument, accountId: string): Promise<void> {
    await underLease(this.deps, 'config', (lease) => importDocument(this.deps, lease, document, accountId));
  }

  async exportDocument(now: number): Promise<PortfolioDocument> {
    return exportDocument(this.deps.store, now);
  }

  /**
   * Applies a change to the current model under the configuration lease, so the change's own version
   * checks see every earlier save and no later save can slip in before this one is written. What
   * changed is written as one transaction with the audit entry and the new revision; a change too large
   * for one transaction (an import, the first write of an older installation) goes to a new generation.
   */
  private async commit<T>(
    accountId: string,
    change: (state: PortfolioState) => {
      state: PortfolioState;
      result: T;
      audit: AuditChange;
    },
  ): Promise<T> {
    return underLease(this.deps, 'config', async (lease) => {
      const current = await this.load();
      const { state, result, audit } = change(current);
      await writeModel(this.deps, lease, current, state, [auditOp(this.deps.clock(), accountId, audit)]);
      return result;
    });
  }
}
