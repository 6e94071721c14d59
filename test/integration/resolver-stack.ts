import { DEMO_USERS, demoUser, startDemoJira, type DemoJira } from '../../dev/demo-jira';

export { demoUser };
import type { Result } from '../../src/contract';
import { JiraClient } from '../../src/jira/client';
import { HttpJiraAccess } from '../../src/jira/http-transport';
import { createResolver } from '../../src/resolvers';
import { runSync } from '../../src/services/sync';
import { MemoryStore } from '../../src/store/memory';

export interface ResolverStack {
  demo: DemoJira;
  store: MemoryStore;
  access: HttpJiraAccess;
  /** How many times a resolver asked for a background sync. */
  syncRequests: () => number;
  /** Calls a resolver through the real @forge/resolver handler as a demo user (by email), or anonymously. */
  call<T>(functionKey: string, email: string | null, payload?: unknown): Promise<Result<T>>;
  /**
   * A sync as the app, to completion. `recompute` makes it publish even when nothing changed, as
   * "Refresh now" does.
   */
  sync(now?: number, options?: { recompute?: boolean }): ReturnType<typeof runSync>;
  close(): Promise<void>;
}

/** The demo Jira and the app's resolvers over it, with a memory store and a fixed clock. */
export async function startResolverStack(options: {
  seed: number;
  issues: number;
  now: number;
}): Promise<ResolverStack> {
  const demo = await startDemoJira({
    seed: options.seed,
    issues: options.issues,
    now: new Date(options.now),
  });
  const app = demoUser('app@demo.test');
  const access = new HttpJiraAccess(
    demo.url,
    { email: app.email, apiToken: app.apiToken },
    Object.fromEntries(DEMO_USERS.map((u) => [u.accountId, { email: u.email, apiToken: u.apiToken }])),
  );
  const store = new MemoryStore();
  let requests = 0;
  const handler = createResolver({
    store,
    jira: access,
    clock: () => options.now,
    requestSync: async () => {
      requests += 1;
    },
  });
  return {
    demo,
    store,
    access,
    syncRequests: () => requests,
    call: async <T>(functionKey: string, email: string | null, payload?: unknown) =>
      (await handler(
        { call: { functionKey, payload: payload as never }, context: {} },
        email ? { principal: { accountId: demoUser(email).accountId } } : {},
      )) as Result<T>,
    sync: (now = options.now, { recompute = false } = {}) =>
      runSync({ store, jira: new JiraClient(access.asApp()), clock: () => now, recompute }),
    close: () => demo.close(),
  };
}

export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.data;
}
