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
  const handlers = {
    ...handleAll(configResolvers(deps)),
    ...handleAll(surfaceResolvers(deps)),
    ...handleAll(curationResolvers(deps)),
    ...handleAll(publishResolvers(deps)),
    ...handleAll(syncResolvers(deps)),
  };
  const definitions = makeResolver<Defs>(handlers);
  const own = new Set(Object.keys(handlers));
  type Definitions = typeof definitions;
  // @forge/resolver looks a function key up with `in`, which also finds what every object inherits
  // (`constructor`, `__proto__`, `toString`): only the app's own keys are called, and only for a user.
  return (async (...args: Parameters<Definitions>) => {
    const functionKey = (args[0] as { call?: { functionKey?: unknown } } | undefined)?.call?.functionKey;
    if (typeof functionKey !== 'string' || !own.has(functionKey)) {
      return {
        ok: false,
        error: { kind: 'not-found', message: `No resolver "${String(functionKey)}" in this app` },
      };
    }
    // Every answer depends on who asks: a call without a signed-in user gets no data at all.
    const principal = (args[1] as { principal?: { accountId?: unknown } } | undefined)?.principal;
    if (typeof principal?.accountId !== 'string' || principal.accountId === '') {
      return { ok: false, error: { kind: 'forbidden', message: 'Sign in to Jira to see PMO Wins.' } };
    }
    return definitions(...args);
  }) as Definitions;
}
