/**
 * Resolver definitions, one module per surface: each validates its payload, authorizes the caller and calls
 * a service. `createResolver` wires them to the adapters src/forge gives (tests may give others).
 */
import { makeResolver, type Request } from '@forge/resolver';
import type { Defs, Result } from '../contract';
import type { AppDeps } from './deps';
import { configResolvers } from './config';
import { fieldSettings, saveFieldSettings } from './fields';
import { portfolioHealth } from './portfolio-health';
import { publishResolvers } from './publish';
import { reportResolvers } from './reports';
import { handle } from './result';
import { syncStart, syncStatus } from './sync';

export type { AppDeps } from './deps';

type Handler = (request: Request) => Promise<unknown>;

/** Gives every handler of a group the one Result shape. */
function handleAll<T extends Record<string, Handler>>(handlers: T) {
  return Object.fromEntries(Object.entries(handlers).map(([key, fn]) => [key, handle(fn)])) as {
    [K in keyof T]: (request: Request) => Promise<Result<Awaited<ReturnType<T[K]>>>>;
  };
}

export function createResolver(deps: AppDeps) {
  return makeResolver<Defs>({
    ...handleAll(configResolvers(deps)),
    ...handleAll(reportResolvers(deps)),
    ...handleAll(publishResolvers(deps)),
    ...handleAll({
      'reports/portfolioHealth': portfolioHealth(deps),
      'sync/status': syncStatus(deps),
      'sync/start': syncStart(deps),
      'config/fields': fieldSettings(deps),
      'config/saveFields': saveFieldSettings(deps),
    }),
  });
}
