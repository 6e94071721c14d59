import { makeInvoke, view } from '@forge/bridge';
import type { Defs, Result } from '../../../src/contract';

/** Every backend call goes through this typed invoke: keys, payloads and results come from src/contract. */
export const invoke = makeInvoke<Defs>();

export type Unwrapped<T> = T extends Result<infer D> ? D : never;

/** The parts of Forge's view context the app reads. */
export interface AppContext {
  accountId?: string;
  moduleKey: string;
  locale?: string;
  timezone?: string;
  siteUrl?: string;
  theme?: { colorMode?: string };
  extension: {
    type: string;
    entryPoint?: string;
    gadgetConfiguration?: Record<string, unknown>;
    [key: string]: unknown;
  };
}

export async function loadContext(): Promise<AppContext> {
  return (await view.getContext()) as unknown as AppContext;
}

export { view };
