import { Queue } from '@forge/events';
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

const requestSync = async (): Promise<void> => {
  await syncQueue.push({ body: { reason: 'refresh' } });
};

export const resolver = createResolver({ store, jira, clock, requestSync });

/** Hourly: queue a sync so the snapshot stays fresh; the trigger itself returns at once. */
export async function scheduledSync(): Promise<void> {
  await requestSync();
}

/** Each job stops taking steps after this long, well inside the consumer's 900 s limit. */
const JOB_MS = 10 * 60_000;

/**
 * The queue consumer: one sync job as the app. A job that runs out of time saves its cursor and queues
 * the next job, which carries on from there.
 */
export async function syncConsumer(): Promise<void> {
  const outcome = await runSyncJob({
    store,
    jira: new JiraClient(jira.asApp()),
    clock,
    deadline: clock() + JOB_MS,
  });
  if (outcome === 'more') await syncQueue.push({ body: { reason: 'continue' } });
  // 'busy': another job holds the run and carries it on; this one has nothing to do.
}

/**
 * The macro's PDF and Word export: the same view as the macro, as ADF. Export runs without a viewer to
 * check, so epic keys and summaries are left out (as for a reader who may browse no project).
 */
export async function macroExport(payload: { extensionPayload?: { config?: unknown } }): Promise<unknown> {
  return exportMacro({ store, clock }, payload.extensionPayload?.config);
}
