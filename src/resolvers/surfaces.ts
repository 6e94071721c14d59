import type { Request } from '@forge/resolver';
import { z } from 'zod';
import { DEFAULT_GADGET_CONFIGS, type SurfaceView } from '../contract';
import { ID_MESSAGE, ID_PATTERN } from '../contract/config';
import { AppFailure, notFound } from '../services/errors';
import { drillList } from '../services/surfaces/drill';
import { SurfacesService } from '../services/surfaces/service';
import { ViewError } from '../services/surfaces/wins';
import type { AppDeps } from '../services/deps';
import { gadgetPayload as gadget } from './gadget-config';
import { parsePayload, viewerOf } from './request';

/** A quarter like 2026-Q3, or 'current' / 'previous' (the last complete one); null: the current one. */
const quarter = z
  .string()
  .regex(/^(\d{4}-Q[1-4]|current|previous)$/, 'must be a quarter like 2026-Q3, "current" or "previous"')
  .nullable()
  .default(null);
const id = z.string().regex(ID_PATTERN, ID_MESSAGE);

const instant = z.number().int().min(0).max(8_640_000_000_000);
const period = { from: instant, to: instant };
/** A number to drill into: what it counts, and its period where it has one. */
const drillNumber = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.enum(['done', 'cycle', 'epics', 'on-time', 'value', 'projects', 'aligned']),
      ...period,
    })
    .refine((n) => n.from < n.to, { message: 'must end after it starts', path: ['to'] }),
  z.object({ kind: z.enum(['wip', 'blocked', 'aging', 'progress', 'remaining', 'added']) }),
  z.object({
    kind: z.literal('say-do'),
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q3'),
  }),
]);

const payloads = {
  health: gadget('health'),
  flow: gadget('flow'),
  value: gadget('value'),
  forecast: gadget('forecast'),
  wins: gadget('wins'),
  winsPage: z.object({ quarter, goalId: id.nullable().default(null) }),
  drill: z.object({
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('portfolio'), id: z.literal('portfolio') }),
      z.object({ kind: z.enum(['goal', 'project']), id }),
      z.object({
        kind: z.literal('jira'),
        id: z.string().regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key'),
      }),
    ]),
    number: drillNumber,
    page: z.number().int().min(1).max(100_000).optional(),
  }),
};

/**
 * Refuses an id of a goal or PMO project that the published numbers do not have, naming the field. The
 * payload's schema has already refused an id of the wrong shape; before the first sync there is nothing to
 * check against, and the view says so itself.
 */
function requireKnown<T extends SurfaceView<unknown>>(
  view: T,
  field: string,
  kind: 'goal' | 'project',
  id: string | null,
): T {
  if (id === null || view.state === 'no-snapshot') return view;
  const known = kind === 'goal' ? view.goals : view.projects;
  if (!known.some((entry) => entry.id === id)) {
    throw notFound(field, `${field}: no ${kind === 'goal' ? 'goal' : 'PMO project'} has the id "${id}"`);
  }
  return view;
}

/** The dashboard gadgets and the wins page: each reads its view model, as the caller may see it. */
export function surfaceResolvers(deps: AppDeps) {
  const surfaces = new SurfacesService(deps);
  return {
    'reports/health': async (request: Request) => {
      const { config = DEFAULT_GADGET_CONFIGS.health } = parsePayload(payloads.health, request.payload);
      const view = await surfaces.health(viewerOf(deps, request), config);
      return requireKnown(view, 'config.goalId', 'goal', config.goalId);
    },
    'reports/flow': async (request: Request) => {
      const { config = DEFAULT_GADGET_CONFIGS.flow } = parsePayload(payloads.flow, request.payload);
      const view = await surfaces.flow(viewerOf(deps, request), config);
      const { kind, id: scopeId } = config.scope;
      return kind === 'portfolio' ? view : requireKnown(view, 'config.scope.id', kind, scopeId);
    },
    'reports/value': async (request: Request) => {
      const { config = DEFAULT_GADGET_CONFIGS.value } = parsePayload(payloads.value, request.payload);
      return surfaces.value(viewerOf(deps, request), config);
    },
    'reports/forecast': async (request: Request) => {
      const { config = DEFAULT_GADGET_CONFIGS.forecast } = parsePayload(payloads.forecast, request.payload);
      const view = await surfaces.forecast(viewerOf(deps, request), config);
      return requireKnown(view, 'config.projectId', 'project', config.projectId);
    },
    'reports/wins': async (request: Request) => {
      const { config = DEFAULT_GADGET_CONFIGS.wins } = parsePayload(payloads.wins, request.payload);
      const view = await surfaces.wins(viewerOf(deps, request), config);
      return requireKnown(view, 'config.goalId', 'goal', config.goalId);
    },
    'reports/winsPage': async (request: Request) => {
      const query = parsePayload(payloads.winsPage, request.payload);
      try {
        return await surfaces.winsPage(viewerOf(deps, request), query);
      } catch (error) {
        // A quarter of the right shape that the snapshot does not report: the same words, with the field.
        if (error instanceof ViewError) throw new AppFailure('not-found', error.message, 'quarter');
        throw error;
      }
    },
    'reports/drill': async (request: Request) => {
      const input = parsePayload(payloads.drill, request.payload);
      return drillList(deps, viewerOf(deps, request), input);
    },
  };
}
