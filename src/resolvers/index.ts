/**
 * Resolver definitions, one module per surface: each validates its payload, authorizes the caller and calls
 * a service. `createResolver` wires them to whatever adapters the caller gives (Forge or the local host).
 */
import { makeResolver } from '@forge/resolver';
import type { Defs } from '../contract';
import type { AppDeps } from './deps';
import { fieldSettings, saveFieldSettings } from './fields';
import { portfolioHealth } from './portfolio-health';
import { handle } from './result';
import { syncStart, syncStatus } from './sync';
import { viewerMe } from './viewer';

export type { AppDeps } from './deps';

export function createResolver(deps: AppDeps) {
  return makeResolver<Defs>({
    'reports/portfolioHealth': handle(portfolioHealth(deps)),
    'sync/status': handle(syncStatus(deps)),
    'sync/start': handle(syncStart(deps)),
    'viewer/me': handle(viewerMe(deps)),
    'config/fields': handle(fieldSettings(deps)),
    'config/saveFields': handle(saveFieldSettings(deps)),
  });
}
