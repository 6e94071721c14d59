import { z } from 'zod';
import type { Store } from '../store/port';

/**
 * App settings stored under `cfg:settings`. The PMO model (goals, PMO projects) adds to these; until a PMO
 * lead sets them, the defaults below apply.
 */
export const settingsSchema = z.object({
  /** IANA time zone for calendar grouping; null = the Jira site's (GET /rest/api/3/serverInfo). */
  timeZone: z.string().min(1).nullable(),
  /** Jira project keys that make up the portfolio; empty = every project the app can see. */
  portfolioProjects: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'a Jira project key')),
  /** Members of this Jira group may change configuration, as Jira administrators can. */
  pmoLeadGroup: z.string().min(1),
  startPolicy: z.enum(['first', 'last']),
  /** Hours after which a snapshot counts as stale. */
  staleAfterHours: z.number().positive(),
  /** Custom fields confirmed by a PMO lead; null entries fall back to what discovery finds. */
  fields: z.object({
    estimate: z.string().nullable(),
    value: z.string().nullable(),
    flagged: z.string().nullable(),
    startDate: z.string().nullable(),
  }),
  /** Jira requests one sync job may spend; a sync that needs more goes on in the next job. */
  requestBudget: z.number().int().positive(),
  /** How often the sync re-lists every issue id to find deleted issues and issues moved out of scope. */
  reconcileHours: z.number().positive(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  timeZone: null,
  portfolioProjects: [],
  pmoLeadGroup: 'pmo-leads',
  startPolicy: 'first',
  staleAfterHours: 2,
  fields: { estimate: null, value: null, flagged: null, startDate: null },
  requestBudget: 50_000,
  reconcileHours: 24,
};

export const SETTINGS_KEY = 'cfg:settings';

export async function loadSettings(store: Store): Promise<Settings> {
  const stored = await store.get<Record<string, unknown>>(SETTINGS_KEY);
  return settingsSchema.parse({ ...DEFAULT_SETTINGS, ...stored });
}

/** Saves settings after validating the whole; nothing is written when any field is wrong. */
export async function saveSettings(store: Store, change: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await loadSettings(store)), ...change });
  await store.set(SETTINGS_KEY, { ...next });
  return next;
}
