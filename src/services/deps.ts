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

export const userClient = (deps: AppDeps, accountId: string) =>
  new JiraClient(deps.jira.asUser(accountId), {
    ...deps.clientOptions,
    retry: { ...INTERACTIVE_RETRY, ...deps.clientOptions?.retry },
  });
