import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNTS, demoUser, startDemoJira, type DemoJira } from '../../dev/demo-jira';

export { demoUser };
import { ForgeRuntime, type RuntimeOptions } from '../../dev/forge-runtime/runtime';
import type { Result } from '../../src/contract';

export const ROOT = resolve(__dirname, '../..');

export interface RuntimeStack {
  demo: DemoJira;
  runtime: ForgeRuntime;
  /** A resolver through the runtime, as a demo user (by email) from a module's frame. */
  call<T>(
    functionKey: string,
    email: string | null,
    payload?: unknown,
    moduleKey?: string,
  ): Promise<Result<T>>;
  /** Loads the demo's sample portfolio through the app's own import, as the PMO lead. */
  importSample(): Promise<void>;
  /** Fires the hourly trigger and waits until every sync job it queued has been delivered. */
  syncByTrigger(): Promise<void>;
  close(): Promise<void>;
}

/** The demo Jira and the production bundle on the local Forge runtime (storage in memory). */
export async function startRuntimeStack(options: {
  seed: number;
  issues: number;
  now: number;
  runtime?: Pick<RuntimeOptions, 'timeoutOverrides' | 'storage'>;
}): Promise<RuntimeStack> {
  const demo = await startDemoJira({
    seed: options.seed,
    issues: options.issues,
    now: new Date(options.now),
  });
  const app = demoUser('app@demo.test');
  const runtime = new ForgeRuntime({
    rootDir: ROOT,
    site: {
      jiraUrl: demo.url,
      app: { email: app.email, apiToken: app.apiToken },
      users: Object.fromEntries(
        DEMO_ACCOUNTS.map((u) => [u.accountId, { email: u.email, apiToken: u.apiToken }]),
      ),
    },
    clockOffsetMs: options.now - Date.now(),
    log: () => undefined,
    ...options.runtime,
  });
  const call = async <T>(
    functionKey: string,
    email: string | null,
    payload: unknown = {},
    moduleKey = 'pmo-settings',
  ) =>
    (await runtime.invokeResolver(
      moduleKey,
      { functionKey, payload },
      { moduleKey },
      email ? demoUser(email).accountId : undefined,
    )) as Result<T>;
  return {
    demo,
    runtime,
    call,
    importSample: async () => {
      const document: unknown = JSON.parse(
        readFileSync(resolve(ROOT, 'dev/demo-jira/sample-portfolio.json'), 'utf8'),
      );
      ok(await call('config/import', 'pmo@demo.test', { document }));
    },
    syncByTrigger: async () => {
      await runtime.fireScheduledTrigger('hourly-sync');
      await runtime.queuesIdle();
    },
    close: async () => {
      await runtime.close();
      await demo.close();
    },
  };
}

export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.data;
}
