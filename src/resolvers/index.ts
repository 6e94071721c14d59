/**
 * Resolver definitions, one module per surface: each validates its payload, authorizes the caller and calls
 * a service. `createResolver` wires them to whatever adapters the caller gives (Forge or the local host).
 */
import { makeResolver } from '@forge/resolver';
import type { Defs } from '../contract';
import type { AppDeps } from './deps';
import { configResolvers } from './config';
import { fieldSettings, saveFieldSettings } from './fields';
import { portfolioHealth } from './portfolio-health';
import { handle } from './result';
import { syncStart, syncStatus } from './sync';
import { viewerMe } from './viewer';

export type { AppDeps } from './deps';

export function createResolver(deps: AppDeps) {
  const config = configResolvers(deps);
  return makeResolver<Defs>({
    'config/get': handle(config['config/get']),
    'config/saveGoal': handle(config['config/saveGoal']),
    'config/deleteGoal': handle(config['config/deleteGoal']),
    'config/saveProject': handle(config['config/saveProject']),
    'config/deleteProject': handle(config['config/deleteProject']),
    'config/saveSettings': handle(config['config/saveSettings']),
    'config/validateJql': handle(config['config/validateJql']),
    'config/searchEpics': handle(config['config/searchEpics']),
    'config/unmappedEpics': handle(config['config/unmappedEpics']),
    'config/dismissEpic': handle(config['config/dismissEpic']),
    'config/export': handle(config['config/export']),
    'config/import': handle(config['config/import']),
    'config/audit': handle(config['config/audit']),
    'reports/portfolioHealth': handle(portfolioHealth(deps)),
    'sync/status': handle(syncStatus(deps)),
    'sync/start': handle(syncStart(deps)),
    'viewer/me': handle(viewerMe(deps)),
    'config/fields': handle(fieldSettings(deps)),
    'config/saveFields': handle(saveFieldSettings(deps)),
  });
}
