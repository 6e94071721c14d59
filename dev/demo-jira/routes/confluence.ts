/**
 * A small Confluence beside the demo Jira (one Atlassian site serves both), enough for "Publish to
 * Confluence": spaces to choose from and pages in storage format, created and updated with versions, in
 * the shapes of Confluence's REST API v2. Writing is for site admins, PMO leads and the app.
 */
import { z } from 'zod';
import { badRequest, errorCollection, HttpError } from '../http/errors';
import { validateBody } from '../http/body';
import type { Handler, RequestContext } from '../http/router';
import type { DemoStore } from '../store';

interface DemoSpace {
  id: string;
  key: string;
  name: string;
}

interface DemoPage {
  id: string;
  spaceId: string;
  title: string;
  body: string;
  version: number;
  authorId: string;
  createdAt: string;
}

export const DEMO_SPACES: readonly DemoSpace[] = [
  { id: '98301', key: 'PMO', name: 'Project Management Office' },
  { id: '98302', key: 'LEAD', name: 'Leadership team' },
];

/** Pages live with the demo site's data, so each started server has its own. */
const wikis = new WeakMap<DemoStore, { pages: Map<string, DemoPage>; next: number }>();
const wikiOf = (store: DemoStore) => {
  let wiki = wikis.get(store);
  if (!wiki) {
    wiki = { pages: new Map(), next: 200_001 };
    wikis.set(store, wiki);
  }
  return wiki;
};

const canWrite = ({ user }: RequestContext) =>
  user.siteAdmin || user.accountType === 'app' || user.groups.includes('pmo-leads');

function renderSpace(space: DemoSpace, origin: string) {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: 'global',
    status: 'current',
    _links: { webui: `/spaces/${space.key}`, base: `${origin}/wiki` },
  };
}

function renderPage(page: DemoPage, origin: string, withBody: boolean) {
  const space = DEMO_SPACES.find((s) => s.id === page.spaceId)!;
  return {
    id: page.id,
    status: 'current',
    title: page.title,
    spaceId: page.spaceId,
    authorId: page.authorId,
    createdAt: page.createdAt,
    version: { number: page.version, authorId: page.authorId },
    ...(withBody ? { body: { storage: { representation: 'storage', value: page.body } } } : {}),
    _links: { webui: `/spaces/${space.key}/pages/${page.id}`, base: `${origin}/wiki` },
  };
}

export const listSpaces: Handler = ({ url }) => ({
  body: { results: DEMO_SPACES.map((s) => renderSpace(s, url.origin)), _links: {} },
});

export const listPages: Handler = ({ url, store }) => {
  const spaceId = url.searchParams.get('space-id');
  const title = url.searchParams.get('title');
  const pages = [...wikiOf(store).pages.values()].filter(
    (p) =>
      (spaceId === null || spaceId.split(',').includes(p.spaceId)) && (title === null || p.title === title),
  );
  return {
    body: {
      results: pages.map((p) => renderPage(p, url.origin, url.searchParams.get('body-format') === 'storage')),
      _links: {},
    },
  };
};

const storageBody = z.object({ representation: z.literal('storage'), value: z.string().max(2_000_000) });

const createSchema = z.object({
  spaceId: z.string(),
  status: z.literal('current').optional(),
  title: z.string().trim().min(1).max(255),
  body: storageBody,
});

export const createPage: Handler = (ctx) => {
  if (!canWrite(ctx)) throw new HttpError(403, errorCollection(['You may not add pages to this space.']));
  const input = validateBody(createSchema, ctx.body);
  if (!DEMO_SPACES.some((s) => s.id === input.spaceId))
    throw badRequest(`No space with id ${input.spaceId}.`);
  const wiki = wikiOf(ctx.store);
  if ([...wiki.pages.values()].some((p) => p.spaceId === input.spaceId && p.title === input.title)) {
    throw badRequest('A page with this title already exists in this space.');
  }
  const page: DemoPage = {
    id: String(wiki.next++),
    spaceId: input.spaceId,
    title: input.title,
    body: input.body.value,
    version: 1,
    authorId: ctx.user.accountId,
    createdAt: new Date().toISOString(),
  };
  wiki.pages.set(page.id, page);
  return { body: renderPage(page, ctx.url.origin, true) };
};

const pageOf = (ctx: RequestContext) => {
  const page = wikiOf(ctx.store).pages.get(ctx.params.id ?? '');
  if (!page) throw new HttpError(404, errorCollection([`No page with id ${ctx.params.id}.`]));
  return page;
};

export const getPage: Handler = (ctx) => ({ body: renderPage(pageOf(ctx), ctx.url.origin, true) });

const updateSchema = z.object({
  id: z.string(),
  status: z.literal('current'),
  title: z.string().trim().min(1).max(255),
  body: storageBody,
  version: z.object({ number: z.number().int(), message: z.string().optional() }),
});

export const updatePage: Handler = (ctx) => {
  if (!canWrite(ctx)) throw new HttpError(403, errorCollection(['You may not edit pages in this space.']));
  const page = pageOf(ctx);
  const input = validateBody(updateSchema, ctx.body);
  if (input.version.number !== page.version + 1) {
    throw new HttpError(
      409,
      errorCollection([`Version must be ${page.version + 1}: the page is at version ${page.version}.`]),
    );
  }
  Object.assign(page, { title: input.title, body: input.body.value, version: input.version.number });
  return { body: renderPage(page, ctx.url.origin, true) };
};
