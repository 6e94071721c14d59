import type { Request } from '@forge/resolver';
import { z } from 'zod';
import { calendarDate, multiline, oneLine } from '../services/configuration/schemas';
import { CurationService } from '../services/curation/service';
import { viewsChanged } from '../services/surfaces';
import { requireConfigurer } from './authorize';
import type { AppDeps } from '../services/deps';
import { parsePayload } from './request';

const id = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be an id of lowercase letters, digits and dashes');

const expectedVersion = z.number().int().nonnegative().nullable();

const payloads = {
  curate: z.object({
    expectedVersion,
    id: z.string().min(1).max(300),
    featured: z.boolean(),
    hidden: z.boolean(),
    note: multiline(1000),
    title: oneLine(200)
      .pipe(z.string().min(1, 'cannot be empty (send null for the generated title)'))
      .nullable(),
  }),
  override: z.union([
    z.object({ projectId: id, clear: z.literal(true), expectedVersion }),
    z.object({
      projectId: id,
      expectedVersion,
      rating: z.enum(['green', 'amber', 'red']),
      comment: multiline(1000)
        .transform((c) => c.trim())
        .pipe(z.string().min(1, 'is required: say why')),
      expires: calendarDate,
    }),
  ]),
};

/**
 * PMO leads' hand on the numbers: curating a win, overriding a PMO project's health. Either shows at
 * once: gadget answers kept from before the write are not used again.
 */
export function curationResolvers(deps: AppDeps) {
  const curation = new CurationService(deps);
  const changing = <T>(write: Promise<T>): Promise<T> =>
    write.finally(() => viewsChanged(deps.store, deps.clock));
  return {
    'wins/curate': async (request: Request) => {
      const { expectedVersion: version, ...input } = parsePayload(payloads.curate, request.payload);
      const by = await requireConfigurer(deps, request, 'curate wins');
      return changing(curation.curateWin(input, version, by.accountId));
    },
    'health/override': async (request: Request) => {
      const { expectedVersion: version, ...input } = parsePayload(payloads.override, request.payload);
      const by = await requireConfigurer(deps, request, 'override health');
      return changing(curation.overrideHealth(input, version, by.accountId));
    },
  };
}
