import type { Request } from '@forge/resolver';
import { z } from 'zod';
import { DEFAULT_GADGET_CONFIGS } from '../contract';
import { ID_MESSAGE, ID_PATTERN } from '../contract/config';
import { SurfacesService } from '../services/surfaces/service';
import type { AppDeps } from '../services/deps';
import { gadgetPayload as gadget } from './gadget-config';
import { parsePayload, viewerOf } from './request';

const quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q3')
  .nullable()
  .default(null);
const id = z.string().regex(ID_PATTERN, ID_MESSAGE);

const payloads = {
  health: gadget('health'),
  flow: gadget('flow'),
  value: gadget('value'),
  forecast: gadget('forecast'),
  wins: gadget('wins'),
  winsPage: z.object({ quarter, goalId: id.nullable().default(null) }),
};

/** The dashboard gadgets and the wins page: each reads its view model, as the caller may see it. */
export function surfaceResolvers(deps: AppDeps) {
  const surfaces = new SurfacesService(deps);
  return {
    'reports/health': async (request: Request) => {
      const { config } = parsePayload(payloads.health, request.payload);
      return surfaces.health(viewerOf(deps, request), config ?? DEFAULT_GADGET_CONFIGS.health);
    },
    'reports/flow': async (request: Request) => {
      const { config } = parsePayload(payloads.flow, request.payload);
      return surfaces.flow(viewerOf(deps, request), config ?? DEFAULT_GADGET_CONFIGS.flow);
    },
    'reports/value': async (request: Request) => {
      const { config } = parsePayload(payloads.value, request.payload);
      return surfaces.value(viewerOf(deps, request), config ?? DEFAULT_GADGET_CONFIGS.value);
    },
    'reports/forecast': async (request: Request) => {
      const { config } = parsePayload(payloads.forecast, request.payload);
      return surfaces.forecast(viewerOf(deps, request), config ?? DEFAULT_GADGET_CONFIGS.forecast);
    },
    'reports/wins': async (request: Request) => {
      const { config } = parsePayload(payloads.wins, request.payload);
      return surfaces.wins(viewerOf(deps, request), config ?? DEFAULT_GADGET_CONFIGS.wins);
    },
    'reports/winsPage': async (request: Request) => {
      const query = parsePayload(payloads.winsPage, request.payload);
      return surfaces.winsPage(viewerOf(deps, request), query);
    },
  };
}
