/**
 * Resolver definitions, one module per use case: each parses its payload, authorizes the caller and
 * calls one service. `createResolver` wires them to the adapters src/forge gives (tests may give others).
 */
import { makeResolver } from '@forge/resolver';
import type { Defs } from '../contract';
import { configResolvers } from './config';
import { curationResolvers } from './curation';
import type { AppDeps } from '../services/deps';
import { publishResolvers } from './publish';
import { handleAll } from './result';
import { surfaceResolvers } from './surfaces';
import { syncResolvers } from './sync';

export type { AppDeps } from '../services/deps';

export function createResolver(deps: AppDeps) {
  return makeResolver<Defs>({
    ...handleAll(configResolvers(deps)),
    ...handleAll(surfaceResolvers(deps)),
    ...handleAll(curationResolvers(deps)),
    ...handleAll(publishResolvers(deps)),
    ...handleAll(syncResolvers(deps)),
  });
}
