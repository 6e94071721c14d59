/** GET and POST /rest/api/3/search/jql: JQL search with nextPageToken paging. */
import { z } from 'zod';
import { badRequest, errorCollection, HttpError } from '../http/errors';
import { validateBody } from '../http/body';
import type { Handler, RequestContext } from '../http/router';
import { JqlSyntaxError, JqlValidationError } from '../jql';
import { decodeToken, encodeToken, fingerprint } from '../paging';
import { selectFields } from '../render';
import { UnboundedQueryError, type SearchResult } from '../store';
import { canSee } from '../users';

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100;
export const MAX_PAGE_KEYS_ONLY = 5000;

const SearchBody = z.strictObject({
  jql: z.string().optional(),
  fields: z.array(z.string()).optional(),
  maxResults: z.number().int().optional(),
  nextPageToken: z.string().nullish(),
  expand: z.unknown().optional(),
  properties: z.array(z.string()).max(5).optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).max(50).optional(),
  failFast: z.boolean().optional(),
});

interface SearchRequest {
  jql?: string;
  fields?: string[];
  maxResults?: number;
  nextPageToken?: string | null;
}

export const searchPost: Handler = (ctx) => search(ctx, validateBody(SearchBody, ctx.body));

export const searchGet: Handler = (ctx) => {
  const params = ctx.url.searchParams;
  const rawMax = params.get('maxResults');
  let maxResults: number | undefined;
  if (rawMax !== null) {
    if (!/^-?\d+$/.test(rawMax.trim())) {
      throw badRequest(`The value '${rawMax}' is not a valid number for 'maxResults'.`, {
        maxResults: 'must be an integer',
      });
    }
    maxResults = Number(rawMax);
  }
  const fields = params.getAll('fields');
  return search(ctx, {
    jql: params.get('jql') ?? '',
    fields: fields.length > 0 ? fields : undefined,
    maxResults,
    nextPageToken: params.get('nextPageToken'),
  });
};

function search(ctx: RequestContext, request: SearchRequest) {
  const { store, render, user } = ctx;
  const jql = request.jql ?? '';
  const selection = selectFields(request.fields);
  const limit = selection.keysOnly ? MAX_PAGE_KEYS_ONLY : MAX_PAGE;
  if (request.maxResults !== undefined && request.maxResults < 1) {
    throw badRequest(`'maxResults' must be at least 1 (got ${request.maxResults}).`, {
      maxResults: 'must be at least 1',
    });
  }
  const pageSize = Math.min(request.maxResults ?? DEFAULT_PAGE, limit);
  const queryId = fingerprint(user.accountId, jql);
  const token = request.nextPageToken ? readToken(request.nextPageToken, queryId) : null;

  let result: SearchResult;
  try {
    // A token continues the ordered result it was cut from, while that result is still cached.
    result = store.search(user, jql, token?.version);
  } catch (error) {
    throw jqlError(error);
  }
  const { hits, version } = result;
  const offset = token?.offset ?? 0;
  const end = Math.min(offset + pageSize, hits.length);
  const issues: Record<string, unknown>[] = [];
  for (let i = offset; i < end; i++) {
    // Issues deleted, or moved out of the caller's sight, since the result was cached are left out.
    const issue = store.issueAt(hits[i] ?? -1);
    if (issue && canSee(user, issue)) issues.push(render.issue(issue, selection));
  }
  const isLast = end >= hits.length;
  const body: Record<string, unknown> = { issues, isLast };
  if (!isLast) body.nextPageToken = encodeToken({ q: queryId, o: end, v: version });
  return { body };
}

function readToken(token: string, queryId: string): { offset: number; version: number | undefined } {
  const decoded = decodeToken(token);
  if (!decoded || typeof decoded.o !== 'number' || !Number.isInteger(decoded.o) || decoded.o < 0) {
    throw badRequest('The nextPageToken is not valid.', { nextPageToken: 'not a token this server issued' });
  }
  if (decoded.q !== queryId) {
    throw badRequest('The nextPageToken belongs to a different query; repeat the JQL of the first page.', {
      nextPageToken: 'issued for a different query',
    });
  }
  const version = typeof decoded.v === 'number' && Number.isInteger(decoded.v) ? decoded.v : undefined;
  return { offset: decoded.o, version };
}

/** Maps JQL problems to Jira's 400 responses. */
export function jqlError(error: unknown): Error {
  if (error instanceof JqlSyntaxError) return badRequest(error.message);
  if (error instanceof JqlValidationError) return new HttpError(400, errorCollection(error.messages));
  if (error instanceof UnboundedQueryError) return badRequest(error.message);
  return error instanceof Error ? error : new Error(String(error));
}
