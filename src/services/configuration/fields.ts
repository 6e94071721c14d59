import type { FieldChoice, FieldRole, FieldSettingsView } from '../../contract';
import type { Store } from '../../store/port';
import { invalid } from '../errors';
import { readMeta } from '../sync/meta';
import { loadSettings, saveSettings } from './settings';

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

export async function fieldSettings(store: Store): Promise<FieldSettingsView> {
  const [meta, settings] = await Promise.all([readMeta(store), loadSettings(store)]);
  const none: FieldChoice = { estimate: null, value: null, flagged: null, startDate: null };
  return {
    discoveredAt: meta.discovery?.at ?? null,
    discovered: meta.discovery?.discovered ?? none,
    confirmed: settings.fields,
    candidates: meta.discovery?.candidates ?? [],
  };
}

/**
 * A PMO lead confirms which Jira fields hold estimates, value, the Flagged marker and start dates. Each
 * must be one of the site's custom fields of the right type; a change makes the next sync read everything.
 */
export async function saveFieldSettings(store: Store, fields: FieldChoice): Promise<FieldSettingsView> {
  const candidates = (await readMeta(store)).discovery?.candidates ?? [];
  for (const role of Object.keys(ROLE_TYPES) as FieldRole[]) {
    const id = fields[role];
    if (id === null) continue;
    const field = candidates.find((c) => c.id === id);
    if (!field) {
      throw invalid(`fields.${role}`, `${ROLE_NAMES[role]}: ${id} is not a custom field of this Jira site`);
    }
    if (field.type !== ROLE_TYPES[role]) {
      throw invalid(
        `fields.${role}`,
        `${ROLE_NAMES[role]}: ${field.name} holds ${field.type} values, not ${ROLE_TYPES[role]} values`,
      );
    }
  }
  await saveSettings(store, { fields });
  return fieldSettings(store);
}
