import { z } from 'zod';

/**
 * The parts of Jira's answers this app reads, as zod schemas. Unknown keys pass through untouched, so
 * Jira adding fields never breaks a sync; a missing or mistyped field the app needs is an error.
 */
const named = z.looseObject({ id: z.string(), name: z.string() });

export const statusCategoryKey = z.enum(['new', 'indeterminate', 'done', 'undefined']);

export const statusSchema = named.extend({
  statusCategory: z.looseObject({ key: statusCategoryKey }),
});

export const issueFieldsSchema = z.looseObject({
  issuetype: named.extend({ hierarchyLevel: z.number().int().optional(), subtask: z.boolean().optional() }),
  project: z.looseObject({ id: z.string(), key: z.string(), name: z.string().optional() }),
  status: statusSchema,
  created: z.string(),
  updated: z.string(),
  resolutiondate: z.string().nullish(),
  /** How the issue was closed (Done, Won't Do, Duplicate…); null while unresolved. */
  resolution: z.looseObject({ name: z.string() }).nullish(),
  duedate: z.string().nullish(),
  parent: z.looseObject({ id: z.string(), key: z.string() }).nullish(),
  labels: z.array(z.string()).nullish(),
  components: z.array(z.looseObject({ name: z.string() })).nullish(),
  /** The issue security level, when the issue has one (only callers who may see the issue get it at all). */
  security: z.looseObject({ id: z.string() }).nullish(),
});

export const issueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: issueFieldsSchema,
});
export type JiraIssue = z.infer<typeof issueSchema>;

export const searchResultsSchema = z.looseObject({
  issues: z.array(issueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

export const changeItemSchema = z.looseObject({
  field: z.string(),
  fieldId: z.string().nullish(),
  fieldtype: z.string().nullish(),
  from: z.string().nullish(),
  fromString: z.string().nullish(),
  to: z.string().nullish(),
  toString: z.string().nullish(),
});
export type JiraChangeItem = z.infer<typeof changeItemSchema>;

export const changeHistorySchema = z.looseObject({
  id: z.string(),
  created: z.string(),
  items: z.array(changeItemSchema),
});
export type JiraChangeHistory = z.infer<typeof changeHistorySchema>;

export const bulkChangelogSchema = z.looseObject({
  issueChangeLogs: z.array(
    z.looseObject({ issueId: z.string(), changeHistories: z.array(changeHistorySchema) }),
  ),
  nextPageToken: z.string().nullish(),
});

export const fieldSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z.looseObject({ type: z.string(), custom: z.string().optional() }).optional(),
});
export type JiraField = z.infer<typeof fieldSchema>;
export const fieldsSchema = z.array(fieldSchema);

export const statusesSchema = z.array(statusSchema);

export const projectPageSchema = z.looseObject({
  values: z.array(z.looseObject({ id: z.string(), key: z.string(), name: z.string() })),
  isLast: z.boolean().optional(),
  nextPage: z.string().optional(),
  startAt: z.number().optional(),
  total: z.number().optional(),
});

export const myselfSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  timeZone: z.string().optional(),
  groups: z.looseObject({ items: z.array(z.looseObject({ name: z.string() })) }).optional(),
});

/** POST /rest/api/3/permissions/check: per project permission, the projects and issues the caller has it for. */
export const bulkPermissionsSchema = z.looseObject({
  projectPermissions: z.array(
    z.looseObject({
      permission: z.string(),
      issues: z.array(z.number()).optional(),
      projects: z.array(z.number()).optional(),
    }),
  ),
});

export const myPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});

export const serverInfoSchema = z.looseObject({
  baseUrl: z.string().optional(),
  serverTimeZone: z.string().optional(),
});

export const countSchema = z.looseObject({ count: z.number().int().nonnegative() });

export const idPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string() })),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** A search page asking only for when each issue was last updated. */
export const updatedPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), fields: z.looseObject({ updated: z.string() }) })),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** POST /rest/api/3/issue/bulkfetch: the issues the caller may see, with the fields asked for. */
export const bulkIssuesSchema = z.looseObject({
  issues: z.array(
    z.looseObject({
      id: z.string(),
      key: z.string(),
      fields: z.looseObject({
        summary: z.string().nullish(),
        status: z.looseObject({ name: z.string() }).nullish(),
      }),
    }),
  ),
});
