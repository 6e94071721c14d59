/** POST /rest/api/3/changelog/bulkfetch: change histories of up to 1000 issues, filtered by field, paged. */
import { z } from 'zod';
import { badRequest } from '../http/errors';
import { validateBody } from '../http/body';
import { FIELD_ID_BY_ITEM_NAME } from '../catalog';
import type { Handler } from '../http/router';
import { decodeToken, encodeToken, fingerprint } from '../paging';
import type { DemoChange, DemoChangeItem, DemoIssue } from '../types';
import { canSee } from '../users';

const BulkChangelogBody = z.strictObject({
  issueIdsOrKeys: z
    .array(z.string().min(1))
    .min(1, 'at least one issue id or key is required')
    .max(1000, 'at most 1000 issue ids or keys are allowed'),
  fieldIds: z
    .array(z.string().min(1))
    .max(10, 'at most 10 field ids are allowed')
    .refine((ids) => new Set(ids).size === ids.length, 'field ids must be unique')
    .optional(),
  maxResults: z.number().int().min(1).max(10000).optional(),
  nextPageToken: z.string().nullish(),
});

const DEFAULT_PAGE = 1000;

export const bulkFetchChangelogs: Handler = ({ body, store, render, user }) => {
  const request = validateBody(BulkChangelogBody, body);
  const maxResults = request.maxResults ?? DEFAULT_PAGE;
  const fieldIds = request.fieldIds && request.fieldIds.length > 0 ? new Set(request.fieldIds) : null;

  // The caller's issues in id order; unknown ones and ones the caller may not see are left out.
  const positions = new Set<number>();
  for (const ref of request.issueIdsOrKeys) {
    const index = store.indexOf(ref.trim());
    const issue = index === undefined ? undefined : store.issueAt(index);
    if (index !== undefined && issue && canSee(user, issue)) positions.add(index);
  }
  const issues = [...positions].sort((a, b) => a - b).map((i) => store.issueAt(i) as DemoIssue);
  const requestId = fingerprint(
    user.accountId,
    issues.map((i) => i.id).join(','),
    [...(fieldIds ?? [])].join(','),
  );

  let issueAt = 0;
  let changeAt = 0;
  if (request.nextPageToken) {
    const token = decodeToken(request.nextPageToken);
    if (!token || typeof token.i !== 'number' || typeof token.c !== 'number') {
      throw badRequest('The nextPageToken is not valid.', {
        nextPageToken: 'not a token this server issued',
      });
    }
    if (token.q !== requestId) {
      throw badRequest(
        'The nextPageToken belongs to a different request; repeat the issues and fieldIds of the first page.',
        {
          nextPageToken: 'issued for a different request',
        },
      );
    }
    issueAt = token.i;
    changeAt = token.c;
  }

  const issueChangeLogs: { issueId: string; changeHistories: Record<string, unknown>[] }[] = [];
  let count = 0;
  let more = false;
  scan: for (; issueAt < issues.length; issueAt++, changeAt = 0) {
    const issue = issues[issueAt] as DemoIssue;
    let histories: Record<string, unknown>[] | null = null;
    for (; changeAt < issue.history.length; changeAt++) {
      const change = issue.history[changeAt] as DemoChange;
      const items = filterItems(change.items, fieldIds);
      if (items.length === 0) continue;
      if (count === maxResults) {
        more = true;
        break scan;
      }
      if (!histories) {
        histories = [];
        issueChangeLogs.push({ issueId: issue.id, changeHistories: histories });
      }
      histories.push(render.change(change, items));
      count++;
    }
  }
  const response: Record<string, unknown> = { issueChangeLogs };
  if (more) response.nextPageToken = encodeToken({ q: requestId, i: issueAt, c: changeAt });
  return { body: response };
};

function filterItems(items: DemoChangeItem[], fieldIds: ReadonlySet<string> | null): DemoChangeItem[] {
  if (!fieldIds) return items;
  let all = true;
  for (const item of items) if (!fieldIds.has(idOf(item))) all = false;
  return all ? items : items.filter((item) => fieldIds.has(idOf(item)));
}

/** An item's field id; an older item without one is known by its field's name. */
const idOf = (item: DemoChangeItem): string =>
  item.fieldId ?? FIELD_ID_BY_ITEM_NAME[item.field] ?? item.field;
