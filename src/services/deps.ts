import { JiraClient, type JiraAccess, type JiraClientOptions } from '../jira';
import type { Store } from '../store/port';

/** What the app needs from the outside world: src/forge wires Forge's adapters (the only wiring of the app). */
export interface AppDeps {
  store: Store;
  jira: JiraAccess;
  clock: () => number;
  /** Starts a sync in the background: a job on the sync queue. */
  requestSync: () => Promise<void>;
  clientOptions?: JiraClientOptions;
  /** What is left of the current invocation (Forge's context); writers never hold a lease past it. */
  remainingMs?: () => number;
}

/** A page view waits on these calls, so they retry briefly; the background sync is the patient one. */
const INTERACTIVE_RETRY = { maxRetries: 2, timeoutMs: 8_000, maxDelayMs: 2_000 };
/** Kept back of a resolver's invocation after its last Jira request, to shape and send the answer. */
const INTERACTIVE_RESERVE_MS = 3_000;

/**
 * A client acting as the user. Within an invocation (Forge's 25 s for a resolver) every wait and timeout
 * fits in what is left of it, so a page answers in time, with a rate-limit message at worst.
 */
export const userClient = (deps: AppDeps, accountId: string) =>
  new JiraClient(deps.jira.asUser(accountId), {
    ...(deps.remainingMs ? { remainingMs: deps.remainingMs, reserveMs: INTERACTIVE_RESERVE_MS } : {}),
    ...deps.clientOptions,
    retry: { ...INTERACTIVE_RETRY, ...deps.clientOptions?.retry },
  });
