import type { SyncProgress } from '../../../src/contract';

/** The first wait before asking for the sync's progress again, and the longest. */
export const POLL_FIRST_MS = 2_000;
export const POLL_MAX_MS = 60_000;

/** What polling needs of the page: timers and whether it is shown. Tests give their own. */
export interface PollEnvironment {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
  /** Whether the page is hidden (another tab, a minimised window). */
  hidden(): boolean;
  /** Calls `listener` when the page is shown or hidden; returns what stops it. */
  onVisibilityChange(listener: () => void): () => void;
}

export interface SyncPollOptions {
  /** The progress the view was answered with (a sync running). */
  first: SyncProgress;
  /** Asks for the progress alone (a small answer, not the view). */
  poll: () => Promise<SyncProgress>;
  /** Each progress read, for the view to show. */
  onProgress: (progress: SyncProgress) => void;
  /** Once, when the sync has published new numbers: the view reads them. */
  onPublished: () => void;
  /** The page (pageEnvironment.ts in the browser). */
  environment: PollEnvironment;
}

/**
 * Follows a running sync by its progress alone: asks again after 2 s, then 4 s, 8 s … at most a minute
 * apart; not at all while the page is hidden (asking at once when it is shown again); and stops when the
 * sync is idle, calling onPublished once if it published (its last success changed), so the view is
 * read again once rather than on every tick. A failed ask counts as no news. Returns what stops it.
 */
export function followSync(options: SyncPollOptions): () => void {
  const env = options.environment;
  const since = options.first.lastSuccessAt;
  let wait = POLL_FIRST_MS;
  let timer: unknown = null;
  let asking = false;
  /** A wait ran out while the page was hidden: ask once it is shown. */
  let due = false;
  let stopped = false;
  let stopListening = () => undefined as void;

  const stop = () => {
    stopped = true;
    if (timer !== null) env.clearTimeout(timer);
    timer = null;
    stopListening();
  };

  const schedule = () => {
    if (stopped) return;
    timer = env.setTimeout(() => {
      timer = null;
      if (env.hidden()) due = true;
      else void ask();
    }, wait);
    wait = Math.min(wait * 2, POLL_MAX_MS);
  };

  const ask = async () => {
    if (stopped || asking) return;
    asking = true;
    due = false;
    let progress: SyncProgress | null = null;
    try {
      progress = await options.poll();
    } catch {
      progress = null;
    }
    asking = false;
    if (stopped) return;
    if (progress) {
      options.onProgress(progress);
      if (progress.phase === 'idle') {
        stop();
        if (progress.lastSuccessAt !== since) options.onPublished();
        return;
      }
    }
    schedule();
  };

  stopListening = env.onVisibilityChange(() => {
    if (stopped) return;
    if (env.hidden()) {
      // Nothing is asked while hidden: the pending wait is dropped and asked for when shown.
      if (timer !== null) {
        env.clearTimeout(timer);
        timer = null;
        due = true;
      }
    } else if (due) {
      void ask();
    }
  });

  if (env.hidden()) due = true;
  else schedule();
  return stop;
}
