import type { Request } from '@forge/resolver';
import { z } from 'zod';
import {
  DEFAULT_PORTFOLIO_HEALTH_CONFIG,
  FLOW_WINDOWS,
  type PortfolioHealthConfig,
  type PortfolioHealthView,
} from '../contract';
import { browsableProjects } from '../services/access';
import { portfolioHealthView } from '../services/reports';
import { loadSettings } from '../services/settings';
import { readSnapshot } from '../services/snapshot';
import { readProgress } from '../services/sync/progress';
import { userClient, type AppDeps } from './deps';
import { callerOf, parsePayload } from './result';

export const portfolioHealthConfigSchema = z.object({
  windowWeeks: z
    .union(FLOW_WINDOWS.map((w) => z.literal(w)))
    .default(DEFAULT_PORTFOLIO_HEALTH_CONFIG.windowWeeks),
  projects: z
    .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be Jira project keys'))
    .max(100)
    .default([]),
  sortBy: z.enum(['throughput', 'cycleTime', 'name']).default(DEFAULT_PORTFOLIO_HEALTH_CONFIG.sortBy),
});

const payloadSchema = z.object({ config: portfolioHealthConfigSchema.optional() });

export function portfolioHealth(deps: AppDeps) {
  return async (request: Request): Promise<PortfolioHealthView> => {
    const { config } = parsePayload(payloadSchema, request.payload);
    const caller = callerOf(request);
    const [snapshot, sync, settings, viewerProjects] = await Promise.all([
      readSnapshot(deps.store),
      readProgress(deps.store),
      loadSettings(deps.store),
      caller ? browsableProjects(userClient(deps, caller)) : Promise.resolve(new Set<string>()),
    ]);
    return portfolioHealthView({
      snapshot,
      config: (config ?? DEFAULT_PORTFOLIO_HEALTH_CONFIG) as PortfolioHealthConfig,
      viewerProjects,
      sync,
      now: deps.clock(),
      staleAfterHours: settings.staleAfterHours,
      fallbackTimeZone: settings.timeZone ?? 'UTC',
    });
  };
}
