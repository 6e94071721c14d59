import type { Request } from '@forge/resolver';
import { z } from 'zod';
import type {
  AuditEntry,
  EpicSummary,
  JqlCheck,
  PmoProject,
  PmoSettings,
  PortfolioConfigView,
  PortfolioDocument,
  StrategicGoal,
  UnmappedEpic,
} from '../contract';
import { unmappedEpics } from '../domain/pmo';
import { browsableProjects, canConfigure } from '../services/access';
import {
  documentProblem,
  jqlErrors,
  missingProjects,
  scopeProblem,
  searchEpics,
} from '../services/config/jira-checks';
import {
  documentSchema,
  goalInputSchema,
  LIMITS,
  projectInputSchema,
  settingsInputSchema,
} from '../services/config/schemas';
import { ConfigError, ConfigService, toPmoSettings } from '../services/config/service';
import { readSnapshot } from '../services/snapshot';
import { requireConfigurer } from './authorize';
import { userClient, type AppDeps } from './deps';
import { AppFailure, callerOf, forbidden, parsePayload } from './result';

/**
 * The PMO model's resolvers. Reads are open to anyone who can see the page; every write checks, as the
 * caller, that they are a Jira administrator or in the PMO-lead group, validates the payload, and checks
 * JQL, epics and projects against Jira before anything is stored.
 */
const version = z.number().int().nonnegative();

const failFrom = (error: unknown): never => {
  if (error instanceof ConfigError) {
    throw new AppFailure({
      kind: error.kind,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
  throw error;
};

async function writer(deps: AppDeps, request: Request, what: string) {
  const { caller, client } = await requireConfigurer(deps, request, what);
  return { caller, client, service: new ConfigService(deps.store, deps.clock) };
}

const invalid = (field: string, message: string) =>
  new AppFailure({ kind: 'validation', field, message: `${message}` });

/** Checks a scope against Jira as the user: JQL parses, epics exist and are epics, projects exist. */
async function checkScope(client: ReturnType<typeof userClient>, scope: PmoProject['scope'], prefix: string) {
  const problem = await scopeProblem(client, scope, prefix);
  if (problem) throw invalid(problem.field, problem.message);
}

export function configResolvers(deps: AppDeps) {
  const service = () => new ConfigService(deps.store, deps.clock);

  const get = async (request: Request): Promise<PortfolioConfigView> => {
    const caller = callerOf(request);
    const [state, settings] = await Promise.all([service().load(), service().settings()]);
    return {
      goals: state.goals,
      projects: state.projects,
      settings: toPmoSettings(settings),
      canConfigure: caller ? await canConfigure(userClient(deps, caller), settings.pmoLeadGroup) : false,
      limits: { goals: LIMITS.goals, projects: LIMITS.projects },
    };
  };

  const saveGoal = async (request: Request): Promise<StrategicGoal> => {
    const { goal, expectedVersion } = parsePayload(
      z.object({ goal: goalInputSchema, expectedVersion: version.nullable() }),
      request.payload,
    );
    const { caller, service: s } = await writer(deps, request, 'change goals');
    return s.saveGoal(goal, expectedVersion, caller).catch(failFrom);
  };

  const deleteGoal = async (request: Request) => {
    const { id, expectedVersion } = parsePayload(
      z.object({ id: z.string().min(1), expectedVersion: version }),
      request.payload,
    );
    const { caller, service: s } = await writer(deps, request, 'delete goals');
    return s.deleteGoal(id, expectedVersion, caller).catch(failFrom);
  };

  const saveProject = async (request: Request): Promise<PmoProject> => {
    const { project, expectedVersion } = parsePayload(
      z.object({ project: projectInputSchema, expectedVersion: version.nullable() }),
      request.payload,
    );
    const { caller, service: s, client } = await writer(deps, request, 'change PMO projects');
    await checkScope(client, project.scope, 'project');
    return s.saveProject(project, expectedVersion, caller).catch(failFrom);
  };

  const deleteProject = async (request: Request) => {
    const { id, expectedVersion } = parsePayload(
      z.object({ id: z.string().min(1), expectedVersion: version }),
      request.payload,
    );
    const { caller, service: s } = await writer(deps, request, 'delete PMO projects');
    return s.deleteProject(id, expectedVersion, caller).catch(failFrom);
  };

  const saveSettings = async (request: Request): Promise<PmoSettings> => {
    const { settings, expectedVersion } = parsePayload(
      z.object({ settings: settingsInputSchema, expectedVersion: version }),
      request.payload,
    );
    const { caller, service: s, client } = await writer(deps, request, 'change settings');
    const missing = await missingProjects(client, settings.portfolioProjects);
    if (missing.length)
      throw invalid(
        'settings.portfolioProjects',
        `${missing.join(', ')}: no such Jira project, or you cannot browse it`,
      );
    return s.saveSettings(settings, expectedVersion, caller).catch(failFrom);
  };

  const validateJql = async (request: Request): Promise<JqlCheck> => {
    const { jql } = parsePayload(z.object({ jql: z.string().max(4000) }), request.payload);
    const caller = callerOf(request);
    if (!caller) throw forbidden('Sign in to check JQL.');
    if (!jql.trim()) return { valid: true, errors: [] };
    const errors = await jqlErrors(userClient(deps, caller), jql);
    return { valid: errors.length === 0, errors };
  };

  const findEpics = async (request: Request): Promise<EpicSummary[]> => {
    const { query } = parsePayload(z.object({ query: z.string().max(200) }), request.payload);
    const caller = callerOf(request);
    if (!caller) return [];
    return searchEpics(userClient(deps, caller), query);
  };

  const triage = async (request: Request): Promise<UnmappedEpic[]> => {
    const caller = callerOf(request);
    if (!caller) return [];
    const [state, snapshot, visible] = await Promise.all([
      service().load(),
      readSnapshot(deps.store),
      browsableProjects(userClient(deps, caller)),
    ]);
    // Issue detail (keys, summaries) only for projects the viewer may browse.
    const candidates = unmappedEpics({
      epics: (snapshot?.recentEpics ?? []).filter((e) => visible.has(e.project)),
      projects: state.projects,
      dismissed: new Set(state.dismissedEpics),
    });
    return candidates.slice(0, 50).map(({ project, ...epic }) => ({ ...epic, projectKey: project }));
  };

  const dismissEpic = async (request: Request) => {
    const { key } = parsePayload(
      z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be an issue key') }),
      request.payload,
    );
    const { caller, service: s } = await writer(deps, request, 'triage epics');
    return s.dismissEpic(key, caller);
  };

  const exportDocument = async (): Promise<PortfolioDocument> => service().exportDocument(deps.clock());

  const importDocument = async (request: Request): Promise<PortfolioConfigView> => {
    const { document } = parsePayload(z.object({ document: documentSchema }), request.payload);
    const { caller, service: s, client } = await writer(deps, request, 'import a portfolio');
    const problem = await documentProblem(client, document as PortfolioDocument, 'document');
    if (problem) throw invalid(problem.field, problem.message);
    await s.importDocument(document, caller).catch(failFrom);
    return get(request);
  };

  const audit = async (): Promise<AuditEntry[]> => service().audit();

  return {
    'config/get': get,
    'config/saveGoal': saveGoal,
    'config/deleteGoal': deleteGoal,
    'config/saveProject': saveProject,
    'config/deleteProject': deleteProject,
    'config/saveSettings': saveSettings,
    'config/validateJql': validateJql,
    'config/searchEpics': findEpics,
    'config/unmappedEpics': triage,
    'config/dismissEpic': dismissEpic,
    'config/export': exportDocument,
    'config/import': importDocument,
    'config/audit': audit,
  };
}
