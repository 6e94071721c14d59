import type { Request } from '@forge/resolver';
import { z } from 'zod';
import { PublishService } from '../services/publish/confluence';
import { SurfacesService } from '../services/surfaces/service';
import { requireConfigurer } from './authorize';
import type { AppDeps } from '../services/deps';
import { parsePayload } from './request';

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

/** "Publish to Confluence", as the PMO lead: the spaces they may choose from, and the page itself. */
export function publishResolvers(deps: AppDeps) {
  const publishing = new PublishService(new SurfacesService(deps));
  return {
    'confluence/spaces': async (request: Request) => {
      const by = await requireConfigurer(deps, request, 'publish to Confluence');
      return publishing.spaces(by.asUser);
    },
    'confluence/publish': async (request: Request) => {
      const input = parsePayload(publishSchema, request.payload);
      const by = await requireConfigurer(deps, request, 'publish to Confluence');
      return publishing.publish(by.asUser, input);
    },
  };
}
