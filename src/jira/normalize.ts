import { parseISO } from 'date-fns';
import type { FieldChange, Interval, StatusCategory, StatusEntry, WorkItem } from '../domain/work-item';
import type { JiraChangeHistory, JiraChangeItem, JiraField, JiraIssue } from './schemas';

/** Custom fields the metrics read, as discovered from GET /rest/api/3/field (a PMO lead may override). */
export interface FieldMap {
  estimate: string | null;
  value: string | null;
  flagged: string | null;
  startDate: string | null;
}

const ESTIMATE_NAMES = ['story point estimate', 'story points'];
const VALUE_NAMES = ['business value', 'value'];

/** Picks the likeliest estimate, value, Flagged and start-date fields from Jira's field list. */
export function discoverFields(fields: readonly JiraField[]): FieldMap {
  const byName = (names: string[], type?: string) => {
    for (const name of names) {
      const found = fields.find(
        (f) => f.name.toLowerCase() === name && (type === undefined || f.schema?.type === type),
      );
      if (found) return found.id;
    }
    return null;
  };
  return {
    estimate: byName(ESTIMATE_NAMES, 'number'),
    value: byName(VALUE_NAMES, 'number'),
    flagged: byName(['flagged']),
    startDate: byName(['start date'], 'date'),
  };
}

/**
 * Custom fields that hold an issue's parent on sites that have them: Jira Software's "Epic Link" and
 * Advanced Roadmaps' "Parent Link". Their changelog items are parent history on older histories
 * (precise rule 24), so the sync asks the bulk changelog for them by id.
 */
const PARENT_FIELD_TYPES = new Set([
  'com.pyxis.greenhopper.jira:gh-epic-link',
  'com.atlassian.jpo:jpo-custom-field-parent',
]);
const PARENT_FIELD_NAMES = new Set(['epic link', 'parent link']);

/** Ids of the site's Epic Link and Parent Link custom fields, from GET /rest/api/3/field. */
export function discoverParentFields(fields: readonly JiraField[]): string[] {
  return fields
    .filter(
      (f) =>
        (f.schema?.custom !== undefined && PARENT_FIELD_TYPES.has(f.schema.custom)) ||
        (f.custom === true && PARENT_FIELD_NAMES.has(f.name.toLowerCase())),
    )
    .map((f) => f.id)
    .sort();
}

/** The search fields a sync asks for: only what the metrics read. */
export function searchFields(map: FieldMap): string[] {
  const custom = [map.estimate, map.value, map.flagged, map.startDate].filter((f): f is string => f !== null);
  const system = [
    'summary',
    'issuetype',
    'project',
    'status',
    'created',
    'updated',
    'resolutiondate',
    // Closed without delivery (Won't Do, Duplicate…) is not done (precise rule 35).
    'resolution',
    'duedate',
    'parent',
    // Not a metric: who may see the issue, so surfaces name it only to viewers Jira shows it to.
    'security',
  ];
  return [...new Set([...system, 'labels', 'components', ...custom])];
}

/**
 * The changelog fields a sync asks for (at most 10): status, due date, Flagged, and the parent in every
 * shape Jira Cloud records it (precise rule 24): `IssueParentAssociation`, `parent`, and the site's Epic
 * Link and Parent Link custom fields.
 */
export function changelogFields(map: FieldMap, parentFields: readonly string[] = []): string[] {
  const fields = [
    'status',
    'duedate',
    ...(map.flagged ? [map.flagged] : []),
    'IssueParentAssociation',
    'parent',
    ...parentFields,
  ];
  return [...new Set(fields)].slice(0, 10);
}

/** Jira writes instants like 2025-01-02T10:11:12.000+0000. */
export function jiraInstant(text: string): number {
  const t = parseISO(text).getTime();
  if (Number.isNaN(t)) throw new Error(`Not a Jira date-time: "${text}"`);
  return t;
}

const toCategory = (key: string | undefined): StatusCategory =>
  key === 'done' ? 'done' : key === 'indeterminate' ? 'indeterminate' : 'new';

/**
 * Whether a changelog item moves the issue to another parent. Jira Cloud writes it in several shapes
 * (precise rule 24): `IssueParentAssociation` or `parent`, with or without a fieldId, and on older
 * histories the "Epic Link" or "Parent Link" custom field (by id, or by name where the item has no id).
 */
const isParentChange = (item: JiraChangeItem, parentFields: ReadonlySet<string>) =>
  item.fieldId === 'IssueParentAssociation' ||
  item.fieldId === 'parent' ||
  (item.fieldId != null && parentFields.has(item.fieldId)) ||
  PARENT_ITEM_NAMES.has(item.field.toLowerCase());

const PARENT_ITEM_NAMES = new Set(['issueparentassociation', 'parent', ...PARENT_FIELD_NAMES]);

const isFlagChange = (item: JiraChangeItem, flaggedField: string | null) =>
  flaggedField !== null && (item.fieldId === flaggedField || item.field === 'Flagged');

const numberField = (fields: Record<string, unknown>, id: string | null): number | null => {
  if (id === null) return null;
  const value = fields[id];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/**
 * Turns a Jira issue and its change histories into a WorkItem. `categories` maps status ids to category
 * keys (GET /rest/api/3/status), so statuses the issue passed through long ago are read correctly.
 */
export function normalizeIssue(
  issue: JiraIssue,
  histories: readonly JiraChangeHistory[],
  map: FieldMap,
  categories: ReadonlyMap<string, string>,
  /** Ids of the site's Epic Link and Parent Link fields (see discoverParentFields). */
  parentFields: readonly string[] = [],
): WorkItem {
  const parentIds = new Set(parentFields);
  const f = issue.fields;
  const fields = f as Record<string, unknown>;
  const created = jiraInstant(f.created);
  const ordered = [...histories].sort((a, b) => jiraInstant(a.created) - jiraInstant(b.created));

  const transitions: StatusEntry[] = [];
  const parentChanges: FieldChange[] = [];
  const dueChanges: FieldChange[] = [];
  const flagged: Interval[] = [];
  let initialStatus: { id: string; name: string } | null = null;
  let flagSeen = false;

  for (const history of ordered) {
    const at = jiraInstant(history.created);
    for (const item of history.items) {
      if (item.fieldId === 'status' || item.field === 'status') {
        if (initialStatus === null && item.from)
          initialStatus = { id: item.from, name: item.fromString ?? item.from };
        const id = item.to ?? '';
        transitions.push({ at, status: item.toString ?? id, category: toCategory(categories.get(id)) });
      } else if (isParentChange(item, parentIds)) {
        // One move may be recorded twice in one history (an Epic Link item beside its
        // IssueParentAssociation item): it counts once.
        const change = { at, from: item.fromString ?? null, to: item.toString ?? null };
        const last = parentChanges[parentChanges.length - 1];
        if (!last || last.at !== change.at || last.to !== change.to) parentChanges.push(change);
      } else if (item.fieldId === 'duedate' || item.field === 'duedate') {
        dueChanges.push({ at, from: item.from ?? null, to: item.to ?? null });
      } else if (isFlagChange(item, map.flagged)) {
        const on = Boolean(item.toString);
        const open = flagged[flagged.length - 1];
        if (on && (!open || open.to !== null)) flagged.push({ from: at, to: null });
        if (!on) {
          // Cleared without a recorded set: it was flagged from creation.
          if (!flagSeen && !open) flagged.push({ from: created, to: at });
          else if (open && open.to === null) open.to = at;
        }
        flagSeen = true;
      }
    }
  }
  const currentlyFlagged =
    map.flagged !== null &&
    Array.isArray(fields[map.flagged]) &&
    (fields[map.flagged] as unknown[]).length > 0;
  if (currentlyFlagged && !flagSeen) flagged.push({ from: created, to: null });

  const initial = initialStatus ?? { id: f.status.id, name: f.status.name };
  return {
    id: issue.id,
    key: issue.key,
    project: f.project.key,
    summary:
      (f.issuetype.hierarchyLevel ?? 0) >= 1 && typeof fields.summary === 'string' ? fields.summary : null,
    type: f.issuetype.name,
    level: f.issuetype.hierarchyLevel ?? (f.issuetype.subtask ? -1 : 0),
    parent: f.parent?.key ?? null,
    status: f.status.name,
    statusCategory: toCategory(f.status.statusCategory.key),
    created,
    updated: jiraInstant(f.updated),
    initialStatus: initial.name,
    initialCategory: toCategory(
      categories.get(initial.id) ?? (initialStatus ? undefined : f.status.statusCategory.key),
    ),
    transitions,
    due: f.duedate ?? null,
    estimate: numberField(fields, map.estimate),
    value: numberField(fields, map.value),
    labels: f.labels ?? [],
    components: (f.components ?? []).map((c) => c.name),
    flagged,
    parentChanges,
    dueChanges,
    // Only set while the issue is resolved: "Won't Do" and the like are not done (precise rule 35).
    ...(f.resolution ? { resolution: f.resolution.name } : {}),
    // Only set when the issue has a level, so unsecured items (nearly all) carry nothing extra.
    ...(f.security ? { security: f.security.id } : {}),
  };
}
