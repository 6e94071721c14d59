import type {
  AuditEntry,
  EpicSummary,
  FieldChoice,
  FieldSettingsView,
  GoalInput,
  JqlCheck,
  PmoProject,
  PmoProjectInput,
  PmoSettings,
  PmoSettingsInput,
  PortfolioConfigView,
  PortfolioDocument,
  StrategicGoal,
  UnmappedEpic,
} from '../../contract';
import { unmappedEpics } from '../../domain/pmo';
import { browsableProjects, keepsAccess, maySee, visibleSecuredIssues, type Viewer } from '../access';
import { invalid } from '../errors';
import { readSnapshot } from '../snapshot';
import { toPmoSettings } from './document';
import { fieldSettings, saveFieldSettings } from './fields';
import { documentProblem, jqlErrors, missingProjects, scopeProblem, searchEpics } from './jira-checks';
import { loadPortfolio } from './model';
import { DEFAULT_SETTINGS, loadSettings } from './settings';
import { isDamage } from './stored';
import { mayConfigure } from './authority';
import { ConfigService } from './portfolio';
import { LIMITS } from './schemas';
import type { WriteDeps } from './writes';

export type ConfigurationDeps = WriteDeps;

const projectOf = (key: string) => key.slice(0, key.lastIndexOf('-'));

/** What a viewer who does not configure sees of a PMO project. */
function forViewer(
  project: PmoProject,
  seesEpic: (key: string) => boolean,
  browsable: ReadonlySet<string>,
): PmoProject {
  return {
    ...project,
    budget: null,
    actualCost: null,
    expectedBenefit: null,
    benefits: [],
    scope: {
      epicKeys: project.scope.epicKeys.filter(seesEpic),
      projectKeys: project.scope.projectKeys.filter((k) => browsable.has(k)),
      jql: null,
    },
  };
}

/**
 * What the settings page asks of the PMO model. Reads are open to anyone who can see the page; writes
 * come from a caller already authorized as a configurer, and JQL, epics and projects are checked against
 * Jira as that caller before anything is stored, so a PMO lead maps only what they can see.
 */
export class ConfigurationService {
  private readonly model: ConfigService;

  constructor(private readonly deps: ConfigurationDeps) {
    this.model = new ConfigService(deps);
  }

  /**
   * The PMO model as the viewer may see it. PMO leads and Jira administrators see everything; anyone
   * else sees goals and PMO projects without money (budgets, costs, benefits) or JQL filters, and a PMO
   * project's epics and Jira projects only where they may browse them in Jira.
   */
  async view(viewer: Viewer | undefined): Promise<PortfolioConfigView> {
    const [portfolio, settings] = await Promise.all([
      this.readOrDamage(loadPortfolio(this.deps.store)),
      this.readOrDamage(loadSettings(this.deps.store)),
    ]);
    const configurer = await mayConfigure(viewer, settings.value?.pmoLeadGroup ?? null);
    const all = portfolio.value?.projects ?? [];
    const projects = configurer || !viewer ? all : await this.asSeenBy(viewer, all);
    return {
      goals: portfolio.value?.goals ?? [],
      projects,
      settings: toPmoSettings(settings.value ?? DEFAULT_SETTINGS),
      canConfigure: configurer,
      redacted: !configurer,
      // What cannot be read is named, so a PMO lead knows to import a portfolio in its place.
      damage: [portfolio.damage, settings.damage].filter((d): d is string => d !== null).join(' ') || null,
      limits: { goals: LIMITS.goals, projects: LIMITS.projects },
    };
  }

  /** PMO projects as a viewer who does not configure sees them: epics only where Jira shows them. */
  private async asSeenBy(viewer: Viewer, projects: PmoProject[]): Promise<PmoProject[]> {
    const [projectKeys, snapshot] = await Promise.all([
      browsableProjects(viewer.asUser),
      readSnapshot(this.deps.store).catch(() => undefined),
    ]);
    const secured = snapshot?.securedIssues;
    const epics = projects.flatMap((p) => p.scope.epicKeys.map((key) => ({ key, project: projectOf(key) })));
    const sight = {
      projects: projectKeys,
      securedVisible: await visibleSecuredIssues(viewer.asUser, secured, epics),
    };
    return projects.map((p) =>
      forViewer(p, (key) => maySee(sight, secured, { key, project: projectOf(key) }), projectKeys),
    );
  }

  private async readOrDamage<T>(read: Promise<T>): Promise<{ value: T | null; damage: string | null }> {
    try {
      return { value: await read, damage: null };
    } catch (error) {
      if (isDamage(error)) return { value: null, damage: error.message };
      throw error;
    }
  }

  saveGoal(by: Viewer, goal: GoalInput, expectedVersion: number | null): Promise<StrategicGoal> {
    return this.model.saveGoal(goal, expectedVersion, by.accountId);
  }

  deleteGoal(by: Viewer, id: string, expectedVersion: number): Promise<{ id: string }> {
    return this.model.deleteGoal(id, expectedVersion, by.accountId);
  }

  async saveProject(
    by: Viewer,
    project: PmoProjectInput,
    expectedVersion: number | null,
  ): Promise<PmoProject> {
    const problem = await scopeProblem(by.asUser, project.scope, 'project');
    if (problem) throw invalid(problem.field, problem.message);
    return this.model.saveProject(project, expectedVersion, by.accountId);
  }

  deleteProject(by: Viewer, id: string, expectedVersion: number): Promise<{ id: string }> {
    return this.model.deleteProject(id, expectedVersion, by.accountId);
  }

  async saveSettings(by: Viewer, settings: PmoSettingsInput, expectedVersion: number): Promise<PmoSettings> {
    const missing = await missingProjects(by.asUser, settings.portfolioProjects);
    if (missing.length) {
      throw invalid(
        'settings.portfolioProjects',
        `${missing.join(', ')}: no such Jira project, or you cannot browse it`,
      );
    }
    await this.refuseLockout(by, settings.pmoLeadGroup, 'settings.pmoLeadGroup');
    return this.model.saveSettings(settings, expectedVersion, by.accountId);
  }

  /** Jira's own parser, as the viewer; an empty filter is no filter. */
  async validateJql(viewer: Viewer, jql: string): Promise<JqlCheck> {
    if (!jql.trim()) return { valid: true, errors: [] };
    const errors = await jqlErrors(viewer.asUser, jql);
    return { valid: errors.length === 0, errors };
  }

  async searchEpics(viewer: Viewer | undefined, query: string): Promise<EpicSummary[]> {
    return viewer ? searchEpics(viewer.asUser, query) : [];
  }

  /**
   * Recently active epics no PMO project maps, only those Jira shows the viewer: in projects they may
   * browse and, for epics with a security level, those Jira says they may see (one bulk request, none
   * when no candidate is secured).
   */
  async unmappedEpics(viewer: Viewer | undefined): Promise<UnmappedEpic[]> {
    if (!viewer) return [];
    const [state, snapshot, visible] = await Promise.all([
      this.model.load(),
      readSnapshot(this.deps.store),
      browsableProjects(viewer.asUser),
    ]);
    const candidates = unmappedEpics({
      epics: (snapshot?.recentEpics ?? []).filter((e) => visible.has(e.project)),
      projects: state.projects,
      dismissed: new Set(state.dismissedEpics),
    });
    const secured = snapshot?.securedIssues;
    const sight = {
      projects: visible,
      securedVisible: await visibleSecuredIssues(viewer.asUser, secured, candidates),
    };
    return candidates
      .filter((epic) => maySee(sight, secured, { key: epic.key, project: epic.project }))
      .slice(0, 50)
      .map(({ project, ...epic }) => ({ ...epic, projectKey: project }));
  }

  dismissEpic(by: Viewer, key: string): Promise<{ key: string }> {
    return this.model.dismissEpic(key, by.accountId);
  }

  exportDocument(): Promise<PortfolioDocument> {
    return this.model.exportDocument(this.deps.clock());
  }

  /** Checks the document against Jira as the importer, replaces the model, and shows it as they see it. */
  async importDocument(by: Viewer, document: PortfolioDocument): Promise<PortfolioConfigView> {
    const problem = await documentProblem(by.asUser, document, 'document');
    if (problem) throw invalid(problem.field, problem.message);
    await this.refuseLockout(by, document.settings.pmoLeadGroup, 'document.settings.pmoLeadGroup');
    await this.model.importDocument(document, by.accountId);
    return this.view(by);
  }

  /** A PMO lead cannot save away their own right to change the settings. */
  private async refuseLockout(by: Viewer, group: string, field: string): Promise<void> {
    if (!(await keepsAccess(by.asUser, group))) {
      throw invalid(
        field,
        `pmoLeadGroup: you are not in “${group}” and not a Jira administrator; saving would lock you out of these settings`,
      );
    }
  }

  audit(): Promise<AuditEntry[]> {
    return this.model.audit();
  }

  fieldSettings(): Promise<FieldSettingsView> {
    return fieldSettings(this.deps.store);
  }

  saveFieldSettings(by: Viewer, fields: FieldChoice, expectedVersion: number): Promise<FieldSettingsView> {
    return saveFieldSettings(this.deps, by.accountId, fields, expectedVersion);
  }
}
