import type { Request } from '@forge/resolver';
import { z } from 'zod';
import type { PublishResult } from '../contract';
import { createPage, findPage, listSpaces, pageUrl, updatePage } from '../jira';
import { winsStorage } from '../services/adf';
import { publicWinsPage } from '../services/public-view';
import { ViewError } from '../services/views';
import { requireConfigurer } from './authorize';
import type { AppDeps } from './deps';
import { AppFailure, parsePayload } from './result';

const publishSchema = z.object({
  spaceId: z.string().regex(/^\d{1,20}$/, 'must be a Confluence space id'),
  title: z.string().trim().min(1, 'is required').max(255, 'must be at most 255 characters'),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q3')
    .nullable()
    .default(null),
  goalId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a goal id')
    .nullable()
    .default(null),
});

/**
 * "Publish to Confluence": the quarter's wins as a page in a chosen space, created or (same title)
 * updated, as the PMO lead, so Confluence applies their permissions. The page is for readers who never
 * open Jira, so epic keys and summaries are left out, as for a reader who may browse no project.
 */
export function publishResolvers(deps: AppDeps) {
  return {
    'confluence/spaces': async (request: Request) => {
      const { client } = await requireConfigurer(deps, request, 'publish to Confluence');
      return (await listSpaces(client)).map((s) => ({ id: s.id, key: s.key, name: s.name }));
    },
    'confluence/publish': async (request: Request): Promise<PublishResult> => {
      const input = parsePayload(publishSchema, request.payload);
      const { client } = await requireConfigurer(deps, request, 'publish to Confluence');
      let view;
      try {
        view = await publicWinsPage(deps, { quarter: input.quarter, goalId: input.goalId });
      } catch (error) {
        if (error instanceof ViewError) {
          throw new AppFailure({ kind: 'validation', field: 'quarter', message: error.message });
        }
        throw error;
      }
      if (!view.data) {
        throw new AppFailure({
          kind: 'conflict',
          message: 'There are no numbers to publish yet: wait for the first refresh.',
        });
      }
      const storage = winsStorage(view.data, input.title, view.generatedAt);
      const existing = await findPage(client, input.spaceId, input.title);
      const page = existing
        ? await updatePage(client, existing, {
            title: input.title,
            storage,
            message: `PMO Wins: ${view.data.quarter}`,
          })
        : await createPage(client, { spaceId: input.spaceId, title: input.title, storage });
      return {
        pageId: page.id,
        title: page.title,
        version: page.version.number,
        url: pageUrl(page),
        created: !existing,
      };
    },
  };
}
