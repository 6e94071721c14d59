import { z } from 'zod';
import { NOT_DONE_RESOLUTIONS } from '../../domain/facts';
import type { Store } from '../../store/port';
import { checkStored } from '../errors';
import { KEYS } from '../keys';

/**
 * App settings stored under `cfg:settings`. The PMO model (goals, PMO projects) adds to these; until a PMO
 * lead sets them, the defaults below apply.
 */
const percent = z.number().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100');
const growth = z.number().min(0, 'must be 0 to 1,000').max(1000, 'must be 0 to 1,000');

/** Health thresholds, in percent (scope growth may go past 100). */
export const thresholdsSchema = z.object({
  scheduleGreen: percent,
  scheduleAmber: percent,
  scopeGrowthGreen: growth,
  scopeGrowthAmber: growth,
  agingGreen: percent,
  agingAmber: percent,
  blockedGreen: percent,
  blockedAmber: percent,
});

export const settingsSchema = z.object({
  /** Increments on every save (optimistic concurrency). */
  version: z.number().int().nonnegative(),
  /** IANA time zone for calendar grouping; null = the Jira site's (GET /rest/api/3/serverInfo). */
  timeZone: z.string().min(1).nullable(),
  /** Jira project keys that make up the portfolio; empty = every project the app can see. */
  portfolioProjects: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'a Jira project key')),
  /** Status names counted as waiting time (in progress, but not active). */
  waitStatuses: z.array(z.string().min(1).max(255)).max(50),
  /**
   * Resolutions that close an issue without delivering it (Won't Do, Duplicate…): a done issue resolved
   * so is discarded, not done (METRICS-SPEC precise rule 35).
   */
  notDoneResolutions: z.array(z.string().min(1).max(255)).max(50),
  /** Trailing window for cycle-time statistics and the SLE, in days. */
  trailingDays: z.number().int().min(7).max(730),
  thresholds: thresholdsSchema,
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
  version: 0,
  timeZone: null,
  waitStatuses: ['Blocked'],
  notDoneResolutions: [...NOT_DONE_RESOLUTIONS],
  trailingDays: 90,
  thresholds: {
    scheduleGreen: 70,
    scheduleAmber: 40,
    scopeGrowthGreen: 20,
    scopeGrowthAmber: 50,
    agingGreen: 15,
    agingAmber: 30,
    blockedGreen: 10,
    blockedAmber: 20,
  },
  portfolioProjects: [],
  pmoLeadGroup: 'pmo-leads',
  startPolicy: 'first',
  staleAfterHours: 2,
  fields: { estimate: null, value: null, flagged: null, startDate: null },
  requestBudget: 50_000,
  reconcileHours: 24,
};

/**
 * The settings, with the defaults for what was never saved. A stored value that is not settings fails
 * with a DamagedValue naming it; saving the settings or importing a portfolio replaces it.
 */
export async function loadSettings(store: Store): Promise<Settings> {
  const stored: unknown = await store.get(KEYS.config.settings);
  const merged =
    stored === undefined
      ? DEFAULT_SETTINGS
      : typeof stored === 'object' && stored !== null && !Array.isArray(stored)
        ? { ...DEFAULT_SETTINGS, ...stored }
        : stored;
  return checkStored(
    KEYS.config.settings,
    merged,
    settingsSchema,
    'The PMO Wins settings',
    'Save the settings again (Settings tab) or import a portfolio file to replace them.',
  );
}
