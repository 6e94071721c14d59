import { z } from 'zod';
import type { SyncProgress } from '../../contract';
import { JiraError } from '../../jira';
import { PacedStore } from '../../store/paced';
import type { Store } from '../../store/port';
import { PrefetchedStore } from '../../store/prefetched';
import { loadModel } from '../configuration/model';
import { KEYS } from '../keys';
import { damageOf, describeDamage, getChecked } from '../snapshot/damage';
import { DISCOVERY_SHAPE } from './discovery';
import { saveEventScope, takeEvents } from './events';
import { holdRun, type RunHold } from './lock';
import { SCOPE_SHAPE } from './meta';
import { readProgressChecked, writeProgress } from './progress';
import { quietSince, readInputs, type Inputs } from './quiet';
import {
  beginRun,
  computeStep,
  dropLiveIds,
  endRun,
  reconcileStep,
  OVERLAP_MINUTES,
  RunDetour,
  searchStep,
  type BegunRun,
} from './steps';
import type { JobOptions, JobOutcome, SyncDeps, SyncRun } from './types';

/** What every job reads first: the progress and run, the configuration's fingerprint, the pointers. */
const JOB_START_KEYS = [
  KEYS.sync.state,
  KEYS.sync.run,
  KEYS.config.settings,
  KEYS.config.head,
  KEYS.sync.meta,
  KEYS.items.pointer,
  KEYS.snapshot.pointer,
] as const;

/** A run not finished within this is abandoned and started again. */
const RUN_MAX_AGE_MS = 24 * 3_600_000;

const PHASE: Record<SyncRun['phase'], SyncProgress['phase']> = {
  search: 'searching',
  reconcile: 'reconciling',
  compute: 'computing',
};

const count = z.number().int().nonnegative();
const token = z.string().nullable();

/** The saved run as the steps read it: every field, since each step reads most of them. */
const RUN_SHAPE = z.object({
  id: z.string(),
  mode: z.enum(['full', 'incremental']),
  startedAt: z.number(),
  scope: SCOPE_SHAPE,
  scopeKey: z.string(),
  jql: z.string(),
  phase: z.enum(['search', 'reconcile', 'compute']),
  searchToken: token,
  gen: count,
  chunks: count,
  deltaStart: count,
  seen: count,
  total: z.number().nullable(),
  reconcile: z.boolean(),
  reconcileToken: token,
  liveChunks: count,
  discovery: DISCOVERY_SHAPE,
  requests: count,
  retries: count,
});

/**
 * The saved run; a damaged one is discarded (deleted, logged by key) and reported, so a new run begins
 * in its place. What it had written is left to be overwritten: a new run writes the same chunk numbers,
 * and none of them counts until a pointer says so.
 */
async function readSavedRun(store: Store): Promise<{ run: SyncRun | undefined; note: string | null }> {
  try {
    const run = await getChecked(store, KEYS.sync.run, RUN_SHAPE, {
      what: 'The sync run in progress',
      remedy: 'A new run begins in its place.',
    });
    return { run, note: null };
  } catch (error) {
    const damage = damageOf(error);
    if (!damage) throw error;
    console.warn(`Sync run ${describeDamage(damage)} is damaged: it is discarded`);
    await store.delete(KEYS.sync.run);
    return {
      run: undefined,
      note: `The sync run in progress, ${describeDamage(damage)}, was damaged, so a new run began.`,
    };
  }
}

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
    // The job's steps spread their storage traffic under a per-minute budget, and the values every job
    // begins by reading come in one batch read.
    const paced = deps.pace ? new PacedStore(store, { ...deps.pace, clock }) : store;
    const { store: prefetched } = await PrefetchedStore.open(paced, JOB_START_KEYS);
    return await stepRunUntilDone({ ...deps, store: prefetched }, hold);
  } finally {
    await hold.release();
  }
}

async function stepRunUntilDone(deps: SyncDeps & JobOptions, hold: RunHold): Promise<JobOutcome> {
  const { store, jira, clock } = deps;
  const read = await readProgressChecked(store);
  let progress = read.progress;
  /** What this job worked around before a run began, for the new run's note. */
  const pending: string[] = [];
  if (read.damage) {
    pending.push(`The sync status, ${describeDamage(read.damage)}, was damaged and started again.`);
  }
  const jobStart = { requests: jira.stats.total, retries: jira.stats.retries };
  const jobStartedAt = clock();
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
  /** Adds a sentence to the running sync's note. */
  const note = async (sentences: readonly string[]) => {
    if (sentences.length === 0) return;
    await report({ note: [progress.note, ...sentences].filter(Boolean).join(' ') });
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
  const saved = await readSavedRun(store);
  let run = saved.run;
  if (saved.note) pending.push(saved.note);
  // A damaged run was a run in progress: a job sent to carry it on begins a new one.
  if (!run && deps.resumeOnly && !saved.note) return 'done';
  // What Jira announced so far is read by the run this job begins (./events.ts).
  if (!run) await takeEvents(store);
  // The configuration's fingerprint, read before the model the run computes with (./quiet.ts).
  let inputs: Inputs;
  try {
    inputs = await readInputs(store);
  } catch (error) {
    await report({ phase: 'idle', finishedAt: clock(), error: (error as Error).message });
    throw error;
  }
  if (!run && !saved.note && pending.length === 0 && !deps.forceFull && !deps.recompute && !deps.scope) {
    // Nothing changed since the last run: the numbers stand; only the watermark moves on.
    try {
      if (await quietSince(deps, inputs, OVERLAP_MINUTES)) {
        await report({
          ...IDLE_RUN,
          phase: 'idle',
          mode: 'incremental',
          startedAt: jobStartedAt,
          finishedAt: clock(),
          lastSuccessAt: clock(),
          requests: jira.stats.total - jobStart.requests,
          retries: jira.stats.retries - jobStart.retries,
          note: null,
        });
        return 'done';
      }
    } catch (error) {
      await report({ phase: 'idle', finishedAt: clock(), error: (error as Error).message });
      throw error;
    }
  }
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
  /** Begins a run (carrying the spending of one it replaces) and notes what it worked around. */
  const begin = async (begun: BegunRun, replaced?: SyncRun): Promise<SyncRun> => {
    const next = account(
      replaced ? { ...begun.run, requests: replaced.requests, retries: replaced.retries } : begun.run,
    );
    await store.set(KEYS.sync.run, next);
    await note(begun.notes);
    return next;
  };
  // One detour a job: damage met again in the same job fails it (the next job carries on from there).
  let detoured = false;
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
        note: pending.length > 0 ? pending.join(' ') : null,
      });
      run = await begin(await beginRun(deps, model));
    } else {
      await note(pending);
    }
    for (;;) {
      await report({ ...runProgress(run), error: null, finishedAt: null });
      // Every job takes at least one step, so a run always moves forward.
      if (stepsTaken > 0 && deps.deadline !== undefined && clock() >= deps.deadline) return 'more';
      // A job whose hold ran out (it was paused past it) leaves the run to the job that took it over.
      if (!(await hold.renew())) return 'busy';
      if (run.phase === 'compute') {
        try {
          await computeStep(deps, run, model, report, inputs);
        } catch (error) {
          if (!(error instanceof RunDetour) || detoured) throw error;
          detoured = true;
          await note([error.note]);
          if (error.turn === 'full') {
            // What is cached cannot be trusted: a full run into a new generation takes this one's place.
            await endRun(store, run, true);
            run = await begin(await beginRun({ ...deps, forceFull: true }, model), run);
          } else {
            await dropLiveIds(store, run);
            run = { ...run, phase: 'reconcile', reconcileToken: null, liveChunks: 0 };
            await store.set(KEYS.sync.run, run);
          }
          continue;
        }
        run = account(run);
        await saveEventScope(store, run.scope, clock());
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
