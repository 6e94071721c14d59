import { getAppContext, privacy } from '@forge/api';
import { Queue, type AsyncEvent } from '@forge/events';
import { JiraClient } from '../jira/client';
import { createResolver } from '../resolvers';
import { runPrivacyJob } from '../services/privacy';
import { runHeldUntil, runSyncJob } from '../services/sync';
import { exportMacro } from '../services/publish/macro-export';
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

const remainingMs = () => getAppContext().invocationRemainingTimeInMillis();

export const resolver = createResolver({
  store,
  jira,
  clock,
  remainingMs,
  requestSync: () => requestSync('refresh'),
});

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
/** The longest delay a queued event may have. */
const MAX_DELAY_S = 900;

/**
 * The queue consumer: one sync job as the app. It takes steps until a third of its invocation's time is
 * left, then queues the next job, which carries on from the saved cursor. The job holds the run as its
 * event (the owner survives redelivery) until its invocation's end: if the platform stops the job, its
 * redelivery takes the run back at once. A job that finds the run held by another comes back once that
 * hold has run out and carries the run on if nobody has (nothing, if it was finished meanwhile).
 */
export async function syncConsumer(event: AsyncEvent): Promise<void> {
  const remaining = remainingMs();
  const end = clock() + remaining;
  const outcome = await runSyncJob({
    store,
    jira: new JiraClient(jira.asApp()),
    clock,
    deadline: end - Math.max(remaining * JOB_RESERVE, MIN_RESERVE_MS),
    lockUntil: end,
    owner: `event-${event.eventId}`,
    resumeOnly: event.body.reason === 'resume',
  });
  if (outcome === 'more') await requestSync('continue');
  if (outcome === 'busy') {
    const until = await runHeldUntil(store, clock());
    if (until !== null)
      await requestSync('resume', Math.min(MAX_DELAY_S, Math.ceil((until - clock()) / 1000) + 1));
  }
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

/**
 * Weekly, as the app: reports the account ids the app keeps to Atlassian's personal data reporting API,
 * erases those of closed accounts, and deletes audit entries past their retention. Its summary (counts,
 * never ids) goes to the app's log; a report that failed fails the invocation, after the rest was done.
 */
export async function privacyJob(): Promise<void> {
  const run = await runPrivacyJob({
    store,
    clock,
    remainingMs,
    report: (accounts) => privacy.reportPersonalData(accounts),
    requestSync: () => requestSync('privacy'),
  });
  console.log('Privacy job', JSON.stringify(run));
  if (run.unreported > 0) {
    throw new Error(
      `${run.unreported} accounts could not be reported: ${run.reportError ?? 'unknown failure'}`,
    );
  }
}
