import type { PollEnvironment } from './syncPoll';

/** The browser's page: its timers and `document.visibilityState`. */
export const browserEnvironment: PollEnvironment = {
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (timer) => window.clearTimeout(timer as number),
  hidden: () => document.visibilityState === 'hidden',
  onVisibilityChange: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
};
