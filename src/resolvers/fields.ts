import type { Request } from '@forge/resolver';
import { z } from 'zod';
import type { FieldChoice, FieldRole, FieldSettingsView } from '../contract';
import { loadSettings, saveSettings } from '../services/settings';
import { readMeta } from '../services/sync';
import { requireConfigurer } from './authorize';
import type { AppDeps } from './deps';
import { AppFailure, parsePayload } from './result';

/** The Jira type each role needs. */
const ROLE_TYPES: Record<FieldRole, string> = {
  estimate: 'number',
  value: 'number',
  flagged: 'array',
  startDate: 'date',
};
const ROLE_NAMES: Record<FieldRole, string> = {
  estimate: 'Estimate',
  value: 'Business value',
  flagged: 'Flagged',
  startDate: 'Start date',
};

const fieldId = z
  .string()
  .regex(/^customfield_\d+$/, 'must be a custom field id like customfield_10016')
  .nullable();
const payloadSchema = z.object({
  fields: z.object({ estimate: fieldId, value: fieldId, flagged: fieldId, startDate: fieldId }).strict(),
});

async function view(deps: AppDeps): Promise<FieldSettingsView> {
  const [meta, settings] = await Promise.all([readMeta(deps.store), loadSettings(deps.store)]);
  const none: FieldChoice = { estimate: null, value: null, flagged: null, startDate: null };
  return {
    discoveredAt: meta.discovery?.at ?? null,
    discovered: meta.discovery?.discovered ?? none,
    confirmed: settings.fields,
    candidates: meta.discovery?.candidates ?? [],
  };
}

export const fieldSettings = (deps: AppDeps) => async () => view(deps);

/**
 * A PMO lead confirms which Jira fields hold estimates, value, the Flagged marker and start dates. Each
 * must be one of the site's custom fields of the right type; a change makes the next sync read everything.
 */
export function saveFieldSettings(deps: AppDeps) {
  return async (request: Request): Promise<FieldSettingsView> => {
    const { fields } = parsePayload(payloadSchema, request.payload);
    await requireConfigurer(deps, request, 'change field settings');
    const candidates = (await readMeta(deps.store)).discovery?.candidates ?? [];
    for (const role of Object.keys(ROLE_TYPES) as FieldRole[]) {
      const id = fields[role];
      if (id === null) continue;
      const field = candidates.find((c) => c.id === id);
      if (!field) {
        throw new AppFailure({
          kind: 'validation',
          field: `fields.${role}`,
          message: `${ROLE_NAMES[role]}: ${id} is not a custom field of this Jira site`,
        });
      }
      if (field.type !== ROLE_TYPES[role]) {
        throw new AppFailure({
          kind: 'validation',
          field: `fields.${role}`,
          message: `${ROLE_NAMES[role]}: ${field.name} holds ${field.type} values, not ${ROLE_TYPES[role]} values`,
        });
      }
    }
    await saveSettings(deps.store, { fields });
    return view(deps);
  };
}
