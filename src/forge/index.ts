import { getAppContext } from '@forge/api';
import { Queue, type AsyncEvent } from '@forge/events';
import { JiraClient } from '../jira/client';
import { createResolver } from '../resolvers';
import { runSyncJob } from '../services/sync';
import { exportMacro } from '../services/macro-export';
import { ForgeJiraAccess } from './jira-transport';
import { KvsStore } from './kvs-store';

/** Production wiring: the handlers manifest.yml names, over Forge's own adapters. */
const store = new KvsStore();
const jira = new ForgeJiraAccess();
const syncQueue = new Queue({ key: 'sync-jobs' });
const clock = () => Date.now();

/**
 * Queues a sync job. The concurrency key lets the platform deliver one sync job at a time for the
 * installation, so a refresh queued while the hourly job runs waits for it instead of racing it.
 */
const requestSync = async (reason: string, delayInSeconds?: number): Promise<void> => {
  await syncQueue.push({
    body: { reason },
    concurrency: { key: 'sync', limit: 1 },
    ...(delayInSeconds ? { delayInSeconds } : {}),
  });
};

export const resolver = createResolver({ store, jira, clock, requestSync: () => requestSync('refresh') });

/** Hourly: queue a sync so the snapshot stays fresh; the trigger itself returns at once. */
export async function scheduledSync(): Promise<void> {
  await requestSync('hourly');
}

/** The app was installed: the first sync starts now rather than at the next hourly trigger. */
export async function installed(): Promise<void> {
  await requestSync('installed');
}

/** How much of a job's time is kept back for the step under way when it stops taking new ones. */
const JOB_RESERVE = 1 / 3;
const MIN_RESERVE_MS = 2_000;

/**
 * The queue consumer: one sync job as the app. It takes steps until a third of its invocation's time is
 * left, and holds the run until its invocation ends (so if the platform stops it, the run is free again
 * at once). A job that runs out of time has saved its cursor and queues the next job, which carries on.
 */
export async function syncConsumer(_event: AsyncEvent): Promise<void> {
  const remaining = getAppContext().invocationRemainingTimeInMillis();
  const end = clock() + remaining;
  const outcome = await runSyncJob({
    store,
    jira: new JiraClient(jira.asApp()),
    clock,
    deadline: end - Math.max(remaining * JOB_RESERVE, MIN_RESERVE_MS),
    lockUntil: end,
  });
  if (outcome === 'more') await requestSync('continue');
  // 'busy': another job holds the run and carries it on; this one has nothing to do.
}

/**
 * The macro's PDF and Word export: the same view as the macro, as ADF. Export runs without a viewer to
 * check, so epic keys and summaries are left out (as for a reader who may browse no project).
 */
export async function macroExport(payload: {
  extensionPayload?: { config?: unknown };
  context?: { extension?: { config?: unknown } };
}): Promise<unknown> {
  return exportMacro(
    { store, clock },
    payload.extensionPayload?.config ?? payload.context?.extension?.config,
  );
}
