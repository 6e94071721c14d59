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
import { browsableProjects, canConfigure, maySee, visibleSecuredIssues, type Viewer } from '../access';
import { invalid } from '../errors';
import { readSnapshot } from '../snapshot';
import { toPmoSettings } from './document';
import { fieldSettings, saveFieldSettings } from './fields';
import { documentProblem, jqlErrors, missingProjects, scopeProblem, searchEpics } from './jira-checks';
import { loadModel } from './model';
import { ConfigService } from './portfolio';
import { LIMITS } from './schemas';
import type { WriteDeps } from './writes';

export type ConfigurationDeps = WriteDeps;

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

  async view(viewer: Viewer | undefined): Promise<PortfolioConfigView> {
    const { portfolio, settings } = await loadModel(this.deps.store);
    return {
      goals: portfolio.goals,
      projects: portfolio.projects,
      settings: toPmoSettings(settings),
      canConfigure: viewer ? await canConfigure(viewer.asUser, settings.pmoLeadGroup) : false,
      limits: { goals: LIMITS.goals, projects: LIMITS.projects },
    };
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
    await this.model.importDocument(document, by.accountId);
    return this.view(by);
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
