import type { Request } from '@forge/resolver';
import { z } from 'zod';
import {
  documentSchema,
  goalInputSchema,
  projectInputSchema,
  settingsInputSchema,
} from '../services/configuration/schemas';
import { ConfigurationService } from '../services/configuration/service';
import { forbidden } from '../services/errors';
import { viewsChanged } from '../services/surfaces';
import { requireConfigurer } from './authorize';
import type { AppDeps } from '../services/deps';
import { parsePayload, viewerOf } from './request';

const version = z.number().int().nonnegative();
const fieldId = z
  .string()
  .regex(/^customfield_\d+$/, 'must be a custom field id like customfield_10016')
  .nullable();

const payloads = {
  saveGoal: z.object({ goal: goalInputSchema, expectedVersion: version.nullable() }),
  saveProject: z.object({ project: projectInputSchema, expectedVersion: version.nullable() }),
  remove: z.object({ id: z.string().min(1), expectedVersion: version }),
  saveSettings: z.object({ settings: settingsInputSchema, expectedVersion: version }),
  jql: z.object({ jql: z.string().max(4000) }),
  epics: z.object({ query: z.string().max(200) }),
  dismiss: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be an issue key') }),
  import: z.object({ document: documentSchema }),
  fields: z.object({
    fields: z.object({ estimate: fieldId, value: fieldId, flagged: fieldId, startDate: fieldId }).strict(),
    expectedVersion: version,
  }),
};

/**
 * The settings page's resolvers: the PMO model, Jira checks while editing, import and export, the audit
 * trail, and the confirmed Jira fields. Anyone who can see the page reads the model as they may see it
 * (./services/configuration/service.ts); export, the audit trail, field settings and every write need a
 * Jira administrator or PMO lead.
 */
export function configResolvers(deps: AppDeps) {
  const configuration = new ConfigurationService(deps);
  const writer = (request: Request, what: string) => requireConfigurer(deps, request, what);
  /** A write, once its writer is allowed: gadget answers kept from before it are not used again. */
  const changing = <T>(write: Promise<T>): Promise<T> =>
    write.finally(() => viewsChanged(deps.store, deps.clock));

  return {
    'config/get': async (request: Request) => configuration.view(viewerOf(deps, request)),
    'config/saveGoal': async (request: Request) => {
      const { goal, expectedVersion } = parsePayload(payloads.saveGoal, request.payload);
      const by = await writer(request, 'change goals');
      return changing(configuration.saveGoal(by, goal, expectedVersion));
    },
    'config/deleteGoal': async (request: Request) => {
      const { id, expectedVersion } = parsePayload(payloads.remove, request.payload);
      const by = await writer(request, 'delete goals');
      return changing(configuration.deleteGoal(by, id, expectedVersion));
    },
    'config/saveProject': async (request: Request) => {
      const { project, expectedVersion } = parsePayload(payloads.saveProject, request.payload);
      const by = await writer(request, 'change PMO projects');
      return changing(configuration.saveProject(by, project, expectedVersion));
    },
    'config/deleteProject': async (request: Request) => {
      const { id, expectedVersion } = parsePayload(payloads.remove, request.payload);
      const by = await writer(request, 'delete PMO projects');
      return changing(configuration.deleteProject(by, id, expectedVersion));
    },
    'config/saveSettings': async (request: Request) => {
      const { settings, expectedVersion } = parsePayload(payloads.saveSettings, request.payload);
      const by = await writer(request, 'change settings');
      return changing(configuration.saveSettings(by, settings, expectedVersion));
    },
    'config/validateJql': async (request: Request) => {
      const { jql } = parsePayload(payloads.jql, request.payload);
      const viewer = viewerOf(deps, request);
      if (!viewer) throw forbidden('Sign in to check JQL.');
      return configuration.validateJql(viewer, jql);
    },
    'config/searchEpics': async (request: Request) => {
      const { query } = parsePayload(payloads.epics, request.payload);
      return configuration.searchEpics(viewerOf(deps, request), query);
    },
    'config/unmappedEpics': async (request: Request) => configuration.unmappedEpics(viewerOf(deps, request)),
    'config/dismissEpic': async (request: Request) => {
      const { key } = parsePayload(payloads.dismiss, request.payload);
      const by = await writer(request, 'triage epics');
      return changing(configuration.dismissEpic(by, key));
    },
    'config/export': async (request: Request) => {
      await writer(request, 'export the portfolio');
      return configuration.exportDocument();
    },
    'config/import': async (request: Request) => {
      const { document } = parsePayload(payloads.import, request.payload);
      const by = await writer(request, 'import a portfolio');
      return changing(configuration.importDocument(by, document));
    },
    'config/audit': async (request: Request) => {
      await writer(request, 'see the change history');
      return configuration.audit();
    },
    'config/fields': async (request: Request) => {
      await writer(request, 'see the field settings');
      return configuration.fieldSettings();
    },
    'config/saveFields': async (request: Request) => {
      const { fields, expectedVersion } = parsePayload(payloads.fields, request.payload);
      const by = await writer(request, 'change field settings');
      return changing(configuration.saveFieldSettings(by, fields, expectedVersion));
    },
  };
}
