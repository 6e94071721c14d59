import {
  discoverFields,
  discoverParentFields,
  listFields,
  listProjects,
  serverInfo,
  statusCategories,
  type FieldMap,
  type JiraClient,
} from '../../jira';
import { z } from 'zod';
import type { Settings } from '../configuration/settings';

/** What a sync learns about the site before reading issues; kept between runs and refreshed daily. */
export interface Discovery {
  at: number;
  /** Fields in use: the PMO lead's confirmed choices over what discovery found. */
  fieldMap: FieldMap;
  /** What discovery found, offered to the PMO lead to confirm. */
  discovered: FieldMap;
  /** Custom fields that could serve (numbers, dates, Flagged-like arrays), for the PMO lead's choice. */
  candidates: FieldCandidate[];
  /** Ids of the site's Epic Link and Parent Link fields: their changelog items are parent history. */
  parentFields: string[];
  /** Status id -> category key. */
  categories: Record<string, string>;
  projects: { key: string; name: string }[];
  timeZone: string;
}

export interface FieldCandidate {
  id: string;
  name: string;
  type: string;
}

const fieldId = z.string().nullable();
const FIELD_MAP = z.object({ estimate: fieldId, value: fieldId, flagged: fieldId, startDate: fieldId });

/** A stored discovery, as the sync reads it back (in `sync:meta` and `sync:run`). */
export const DISCOVERY_SHAPE = z.object({
  at: z.number(),
  fieldMap: FIELD_MAP,
  discovered: FIELD_MAP,
  candidates: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  // Absent from discoveries kept before it was read: none known until the next discovery.
  parentFields: z.array(z.string()).default([]),
  categories: z.record(z.string(), z.string()),
  projects: z.array(z.object({ key: z.string(), name: z.string() })),
  timeZone: z.string(),
});

export const DISCOVERY_MAX_AGE_MS = 24 * 3_600_000;

export function applyConfirmedFields(discovered: FieldMap, confirmed: Settings['fields']): FieldMap {
  return {
    estimate: confirmed.estimate ?? discovered.estimate,
    value: confirmed.value ?? discovered.value,
    flagged: confirmed.flagged ?? discovered.flagged,
    startDate: confirmed.startDate ?? discovered.startDate,
  };
}

/** Four requests, in parallel: fields, statuses, projects, and the site's time zone when none is set. */
export async function discover(jira: JiraClient, settings: Settings, now: number): Promise<Discovery> {
  const [fields, categories, projects, info] = await Promise.all([
    listFields(jira),
    statusCategories(jira),
    listProjects(jira),
    settings.timeZone ? Promise.resolve(undefined) : serverInfo(jira),
  ]);
  const discovered = discoverFields(fields);
  const candidates = fields
    .filter((f) => f.custom === true && ['number', 'date', 'array'].includes(f.schema?.type ?? ''))
    .map((f) => ({ id: f.id, name: f.name, type: f.schema?.type ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    at: now,
    discovered,
    candidates,
    parentFields: discoverParentFields(fields),
    fieldMap: applyConfirmedFields(discovered, settings.fields),
    categories: Object.fromEntries(categories),
    projects: projects.map(({ key, name }) => ({ key, name })),
    timeZone: settings.timeZone ?? info?.serverTimeZone ?? 'UTC',
  };
}
