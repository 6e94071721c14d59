import { getAppContext, privacy } from '@forge/api';
import { Queue, type AsyncEvent } from '@forge/events';
import { JiraClient } from '../jira/client';
import { rateLimitWaitOf } from '../jira/errors';
import { createResolver } from '../resolvers';
import { runPrivacyJob } from '../services/privacy';
import { runHeldUntil, runSyncJob } from '../services/sync';
import {
  clearRateLimitWait,
  DEBOUNCE_SECONDS,
  isDirty,
  needsAnotherRun,
  noteIssueEvent,
  noteRateLimitWait,
  queueHourly,
} from '../services/sync/events';
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

/**
 * Hourly, the safety net behind Jira's issue events: queue a sync unless one is already queued for
 * changes no run has read yet; the trigger itself returns at once.
 */
export async function scheduledSync(): Promise<void> {
  await queueHourly({ store, clock }, () => requestSync('hourly'));
}

/** The app was installed: the first sync starts now rather than at the next hourly trigger. */
export async function installed(): Promise<void> {
  await requestSync('installed');
}

/**
 * An issue was created, updated or deleted in Jira (manifest.yml's `issue-events` trigger; Forge leaves
 * out what the app did itself). One small read decides whether it is in the synced scope; the first
 * event of a burst queues one sync, debounced (src/services/sync/events.ts).
 */
export async function issueEvent(event: unknown): Promise<void> {
  await noteIssueEvent({ store, clock, requestSync }, event);
}

/** How much of a job's time is kept back for the step under way when it stops taking new ones. */
const JOB_RESERVE = 1 / 3;
const MIN_RESERVE_MS = 2_000;
/** The longest delay a queued event may have. */
const MAX_DELAY_S = 900;
/**
 * The sync's share of the installation's storage limits (4,000 read and 4,000 write units a minute): it
 * waits rather than pass them, and leaves a quarter for the people reading gadgets meanwhile.
 */
const SYNC_PACE = {
  readUnitsPerMinute: 3_000,
  writeUnitsPerMinute: 3_000,
  sleep: (ms: number) => new Promise<void>((done) => setTimeout(done, ms)),
};
/**
 * Kept back of a job's invocation after a Jira request or wait, to save the run and queue the next job
 * (a tenth of a shorter invocation).
 */
const JOB_SAVE_MS = 15_000;
/** A job sleeps through a rate-limit wait up to this long; a longer one ends it and it comes back then. */
const MAX_JOB_WAIT_MS = 60_000;

/**
 * The queue consumer: one sync job as the app. It takes steps until a third of its invocation's time is
 * left, then queues the next job, which carries on from the saved cursor. The job holds the run as its
 * event (the owner survives redelivery) until its invocation's end: if the platform stops the job, its
 * redelivery takes the run back at once. A job that finds the run held by another comes back once that
 * hold has run out and carries the run on if nobody has (nothing, if it was finished meanwhile).
 *
 * Jira's rate limits: no wait outlasts the invocation. A job Jira asks to wait longer (or whose hourly
 * quota is spent) stops with its run saved, says so in the progress, and queues itself again for when
 * Jira asked (at most 15 minutes on). A job queued for Jira's changes (`dirty`) whose mark a run begun
 * since has cleared only carries on a saved run; a run that ends with the mark set again, and no job
 * waiting for it, queues one more.
 */
export async function syncConsumer(event: AsyncEvent): Promise<void> {
  const remaining = remainingMs();
  const started = clock();
  const end = started + remaining;
  const reason = String(event.body.reason ?? '');
  if (reason === 'rate-limited') await clearRateLimitWait(store);
  const resumeOnly = reason === 'resume' || (reason === 'dirty' && !(await isDirty(store)));
  let outcome: Awaited<ReturnType<typeof runSyncJob>>;
  try {
    outcome = await runSyncJob({
      store,
      jira: new JiraClient(jira.asApp(), {
        remainingMs: () => end - clock(),
        reserveMs: Math.min(JOB_SAVE_MS, remaining / 10),
        maxWaitMs: MAX_JOB_WAIT_MS,
      }),
      clock,
      deadline: end - Math.max(remaining * JOB_RESERVE, MIN_RESERVE_MS),
      lockUntil: end,
      owner: `event-${event.eventId}`,
      resumeOnly,
      // "Refresh now" publishes even when Jira has not changed (it also rebuilds a damaged snapshot), and
      // so does the sync the privacy job asks for, which rebuilds the numbers without erased accounts.
      recompute: reason === 'refresh' || reason === 'privacy',
      pace: SYNC_PACE,
    });
  } catch (error) {
    const waitMs = rateLimitWaitOf(error);
    if (waitMs === null) throw error;
    await noteRateLimitWait(store, clock() + waitMs);
    await requestSync('rate-limited', Math.min(MAX_DELAY_S, Math.max(1, Math.ceil(waitMs / 1000))));
    return;
  }
  if (outcome === 'more') await requestSync('continue');
  // Jira changed while the run was under way, and no job waits for it: one more run reads it.
  if (outcome === 'done' && (await needsAnotherRun(store, started))) {
    await requestSync('dirty', DEBOUNCE_SECONDS);
  }
  if (outcome === 'busy') {
    const until = await runHeldUntil(store, clock());
    if (until !== null) {
      await requestSync(
        reason === 'dirty' ? 'dirty' : 'resume',
        Math.min(MAX_DELAY_S, Math.ceil((until - clock()) / 1000) + 1),
      );
    }
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
