import type { FieldChoice, FieldRole, FieldSettingsView } from '../../contract';
import { setOp, type Store } from '../../store/port';
import { AppFailure, invalid } from '../errors';
import { KEYS } from '../keys';
import { readMeta } from '../sync/meta';
import { auditOp } from './audit';
import { DEFAULT_SETTINGS, loadSettings, settingsSchema } from './settings';
import { orWhenDamaged } from './stored';
import { commitOps, underLease, type WriteDeps } from './writes';

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
    version: settings.version,
    candidates: meta.discovery?.candidates ?? [],
  };
}

/**
 * A PMO lead confirms which Jira fields hold estimates, value, the Flagged marker and start dates. Each
 * must be one of the site's custom fields of the right type; a change makes the next sync read everything.
 */
export async function saveFieldSettings(
  deps: WriteDeps,
  by: string,
  fields: FieldChoice,
  expectedVersion: number,
): Promise<FieldSettingsView> {
  const { store } = deps;
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
  await underLease(deps, 'config', async (lease) => {
    const current = await orWhenDamaged(loadSettings(store), DEFAULT_SETTINGS);
    if (current.version !== expectedVersion) {
      throw new AppFailure(
        'conflict',
        'Someone else saved the settings after you opened them. Reload to see their changes, then make yours again.',
      );
    }
    const changed = (Object.keys(fields) as FieldRole[]).filter((r) => fields[r] !== current.fields[r]);
    await commitOps(deps, lease, [
      setOp(KEYS.config.settings, settingsSchema.parse({ ...current, fields, version: current.version + 1 })),
      auditOp(deps.clock(), by, {
        action: 'update',
        entity: 'settings',
        entityId: null,
        name: 'Jira fields',
        changed: changed.map((r) => `fields.${r}`),
      }),
    ]);
  });
  return fieldSettings(store);
}
