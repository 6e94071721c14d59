import { z } from 'zod';
import type { JiraClient } from './client';

/** Confluence REST API v2 calls for "Publish to Confluence" (same site, same client, same retries). */
const spaceSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
const spacesSchema = z.object({
  results: z.array(spaceSchema),
  _links: z.object({ next: z.string().optional() }).optional(),
});
const pageSchema = z.object({
  id: z.string(),
  title: z.string(),
  spaceId: z.string(),
  version: z.object({ number: z.number() }),
  _links: z.object({ webui: z.string().optional(), base: z.string().optional() }).optional(),
});
const pagesSchema = z.object({ results: z.array(pageSchema) });

export type ConfluenceSpace = z.infer<typeof spaceSchema>;
export type ConfluencePage = z.infer<typeof pageSchema>;

/** Spaces the caller can see (the first 250: enough to choose from by name). */
export async function listSpaces(client: JiraClient): Promise<ConfluenceSpace[]> {
  const page = await client.call(
    { endpoint: 'confluenceSpaces', method: 'GET', query: { limit: '250', status: 'current' } },
    spacesSchema,
  );
  return page.results;
}

export async function findPage(
  client: JiraClient,
  spaceId: string,
  title: string,
): Promise<ConfluencePage | null> {
  const page = await client.call(
    { endpoint: 'confluencePages', method: 'GET', query: { 'space-id': spaceId, title, limit: '1' } },
    pagesSchema,
  );
  return page.results[0] ?? null;
}

export async function createPage(
  client: JiraClient,
  input: { spaceId: string; title: string; storage: string },
): Promise<ConfluencePage> {
  return client.call(
    {
      endpoint: 'confluencePages',
      method: 'POST',
      body: {
        spaceId: input.spaceId,
        status: 'current',
        title: input.title,
        body: { representation: 'storage', value: input.storage },
      },
    },
    pageSchema,
  );
}

export async function updatePage(
  client: JiraClient,
  page: ConfluencePage,
  input: { title: string; storage: string; message: string },
): Promise<ConfluencePage> {
  return client.call(
    {
      endpoint: 'confluencePage',
      method: 'PUT',
      params: { id: page.id },
      body: {
        id: page.id,
        status: 'current',
        title: input.title,
        body: { representation: 'storage', value: input.storage },
        version: { number: page.version.number + 1, message: input.message },
      },
    },
    pageSchema,
  );
}

/** The page's address for a reader. */
export const pageUrl = (page: ConfluencePage): string | null =>
  page._links?.webui ? `${page._links.base ?? ''}${page._links.webui}` : null;
