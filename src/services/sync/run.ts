import type { SyncProgress } from '../../contract';
import { JiraError } from '../../jira';
import { loadModel } from '../configuration/model';
import { KEYS } from '../keys';
import { holdRun, type RunHold } from './lock';
import { readProgress, writeProgress } from './progress';
import { beginRun, computeStep, endRun, reconcileStep, searchStep } from './steps';
import type { JobOptions, JobOutcome, SyncDeps, SyncRun } from './types';

/** A run not finished within this is abandoned and started again. */
const RUN_MAX_AGE_MS = 24 * 3_600_000;

const PHASE: Record<SyncRun['phase'], SyncProgress['phase']> = {
  search: 'searching',
  reconcile: 'reconciling',
  compute: 'computing',
};

/**
 * Runs one job: resumes the saved run (or begins one) and takes steps until it is done, the deadline
 * passes, or the job's request budget is spent. Progress is written after every step. On an error the
 * run stays saved, so the next job resumes from the last step; the published snapshot is not touched
 * until the final step.
 */
export async function runSyncJob(deps: SyncDeps & JobOptions): Promise<JobOutcome> {
  const { store, clock } = deps;
  const owner = deps.owner ?? `job-${clock()}-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const hold = await holdRun(store, owner, clock, deps.lockUntil);
  if (!hold) return 'busy';
  try {
    return await stepRunUntilDone(deps, hold);
  } finally {
    await hold.release();
  }
}

async function stepRunUntilDone(deps: SyncDeps & JobOptions, hold: RunHold): Promise<JobOutcome> {
  const { store, jira, clock } = deps;
  let progress = await readProgress(store);
  const jobStart = { requests: jira.stats.total, retries: jira.stats.retries };
  let counted = { ...jobStart };
  const report = async (change: Partial<SyncProgress>) => {
    progress = { ...progress, ...change };
    await writeProgress(store, progress);
    deps.onProgress?.(progress);
  };
  /** Adds what the client spent since the last call to the run's totals. */
  const account = (r: SyncRun): SyncRun => {
    const spent = {
      requests: jira.stats.total - counted.requests,
      retries: jira.stats.retries - counted.retries,
    };
    counted = { requests: jira.stats.total, retries: jira.stats.retries };
    return { ...r, requests: r.requests + spent.requests, retries: r.retries + spent.retries };
  };
  const runProgress = (r: SyncRun): Partial<SyncProgress> => ({
    phase: PHASE[r.phase],
    mode: r.mode,
    startedAt: r.startedAt,
    issuesDone: r.seen,
    issuesTotal: r.total,
    requests: r.requests,
    retries: r.retries,
  });

  let stepsTaken = 0;
  let run: SyncRun | undefined = await store.get(KEYS.sync.run);
  if (!run && deps.resumeOnly) return 'done';
  // The PMO model and settings, read once: every step of this job works from the same configuration. A
  // failed read is the run's error, shown like any other.
  let model: Awaited<ReturnType<typeof loadModel>>;
  try {
    model = await loadModel(store);
  } catch (error) {
    await report({ phase: 'idle', finishedAt: clock(), error: (error as Error).message });
    throw error;
  }
  const { settings } = model;
  try {
    if (run && clock() - run.startedAt > RUN_MAX_AGE_MS) {
      await endRun(store, run, true);
      run = undefined;
    }
    if (!run) {
      await report({
        ...IDLE_RUN,
        phase: 'discovering',
        startedAt: clock(),
        lastSuccessAt: progress.lastSuccessAt,
      });
      run = account(await beginRun(deps, model));
      await store.set(KEYS.sync.run, run);
    }
    for (;;) {
      await report({ ...runProgress(run), error: null, finishedAt: null });
      // Every job takes at least one step, so a run always moves forward.
      if (stepsTaken > 0 && deps.deadline !== undefined && clock() >= deps.deadline) return 'more';
      // A job whose hold ran out (it was paused past it) leaves the run to the job that took it over.
      if (!(await hold.renew())) return 'busy';
      if (run.phase === 'compute') {
        await computeStep(deps, run, model, report);
        run = account(run);
        await report({ ...runProgress(run), phase: 'idle', finishedAt: clock(), lastSuccessAt: clock() });
        return 'done';
      }
      if (jira.stats.total - jobStart.requests >= settings.requestBudget) {
        throw new Error(
          `This job spent its budget of ${settings.requestBudget} Jira requests; the sync goes on in the next one`,
        );
      }
      const current: SyncRun = run;
      try {
        run = account(
          current.phase === 'search' ? await searchStep(deps, current) : await reconcileStep(deps, current),
        );
      } catch (error) {
        // A page token Jira no longer accepts cannot be resumed: begin again next time.
        if (
          error instanceof JiraError &&
          error.status === 400 &&
          (current.searchToken || current.reconcileToken)
        ) {
          await endRun(store, current, true);
        } else {
          await store.set(KEYS.sync.run, account(current));
        }
        throw error;
      }
      await store.set(KEYS.sync.run, run);
      stepsTaken += 1;
    }
  } catch (error) {
    await report({ phase: 'idle', finishedAt: clock(), error: (error as Error).message });
    throw error;
  }
}

const IDLE_RUN: Partial<SyncProgress> = {
  mode: null,
  finishedAt: null,
  issuesDone: 0,
  issuesTotal: null,
  requests: 0,
  retries: 0,
  error: null,
};

/** Runs jobs back to back until the sync is done (the command line). */
export async function runToCompletion(deps: SyncDeps): Promise<void> {
  for (;;) {
    const outcome = await runSyncJob(deps);
    if (outcome === 'done') return;
    if (outcome === 'busy') throw new Error('Another sync is running; try again when it has finished');
  }
}
