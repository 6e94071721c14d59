import { Queue } from '@forge/events';
import { JiraClient } from '../jira/client';
import { createResolver } from '../resolvers';
import { runSync } from '../services/sync';
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

/** The queue consumer: runs one sync job as the app, well inside the 900 s limit. */
export async function syncConsumer(): Promise<void> {
  await runSync({ store, jira: new JiraClient(jira.asApp()), clock });
}
