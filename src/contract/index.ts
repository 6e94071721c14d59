/**
 * The typed resolver contract shared by the backend (src/resolvers) and the UI (static/app): every resolver
 * key, its payload and its result, one module per surface. Types, defaults and configuration schemas only,
 * so the UI bundle imports no backend code; the domain's model and result types are re-exported as types.
 */
import type { DrillDefs } from './drill';
import type { ConfigDefs } from './settings';
import type { SurfaceDefs } from './surfaces';
import type { SyncDefs } from './sync';

export * from './result';
export * from './sync';
export * from './settings';
export * from './gadgets';
export * from './config';
export * from './surfaces';
export * from './drill';

/** The resolver definitions, for `makeResolver<Defs>()` and `makeInvoke<Defs>()`. */
export type Defs = ConfigDefs & SurfaceDefs & SyncDefs & DrillDefs;
