/** POST /rest/api/3/issue/bulkfetch: up to 100 issues by id or key, with the fields asked for. */
import { z } from 'zod';
import { validateBody } from '../http/body';
import type { Handler } from '../http/router';
import { selectFields } from '../render';
import { canSee } from '../users';

const BulkFetchBody = z.strictObject({
  issueIdsOrKeys: z
    .array(z.string().min(1))
    .min(1, 'at least one issue id or key is required')
    .max(100, 'at most 100 issue ids or keys are allowed'),
  fields: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  properties: z.array(z.string()).max(5).optional(),
});

/**
 * As Jira answers it: issues in the order asked, each once; an issue that does not exist, or that the
 * caller may not see, is left out without an error (issueErrors lists only retriable failures).
 */
export const bulkFetchIssues: Handler = ({ body, store, render, user }) => {
  const request = validateBody(BulkFetchBody, body);
  const selection = selectFields(request.fields ?? ['*navigable']);
  const seen = new Set<number>();
  const issues: Record<string, unknown>[] = [];
  for (const ref of request.issueIdsOrKeys) {
    const index = store.indexOf(ref.trim());
    if (index === undefined || seen.has(index)) continue;
    const issue = store.issueAt(index);
    if (!issue || !canSee(user, issue)) continue;
    seen.add(index);
    issues.push(render.issue(issue, selection));
  }
  return { body: { issues, issueErrors: [] } };
};
