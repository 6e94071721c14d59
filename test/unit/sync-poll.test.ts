import type { SyncProgress } from '../../src/contract';
import { followSync, POLL_FIRST_MS, POLL_MAX_MS, type PollEnvironment } from '../../static/app/src/syncPoll';

/** A page with its own clock: timers run when the test moves time on, and it can be hidden. */
function fakePage() {
  let now = 0;
  let hidden = false;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const listeners = new Set<() => void>();
  const environment: PollEnvironment = {
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => {
      timers.delete(id as number);
    },
    hidden: () => hidden,
    onVisibilityChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  /** Lets answers that were already given reach the poller. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return {
    environment,
    now: () => now,
    pending: () => timers.size,
    listening: () => listeners.size,
    /** Moves time on by `ms`, running each timer that comes due, in order. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
        await settle();
      }
      now = end;
    },
    async setHidden(value: boolean) {
      hidden = value;
      for (const listener of [...listeners]) listener();
      await settle();
    },
    settle,
  };
}

const progress = (over: Partial<SyncProgress> = {}): SyncProgress => ({
  phase: 'searching',
  mode: 'full',
  startedAt: 1,
  finishedAt: null,
  issuesDone: 0,
  issuesTotal: 1000,
  requests: 1,
  retries: 0,
  error: null,
  lastSuccessAt: 100,
  note: null,
  ...over,
});

/** A sync that answers `answers` one after the other, noting when each was asked. */
function syncServer(page: ReturnType<typeof fakePage>, answers: SyncProgress[]) {
  const askedAt: number[] = [];
  return {
    askedAt,
    poll: async () => {
      askedAt.push(page.now());
      const answer = answers[Math.min(askedAt.length - 1, answers.length - 1)];
      if (!answer) throw new Error('no answer');
      return answer;
    },
  };
}

describe('following a running sync by its progress', () => {
  it('asks again after 2 s, 4 s, 8 s … at most a minute apart', async () => {
    const page = fakePage();
    const server = syncServer(page, [progress()]);
    const seen: SyncProgress[] = [];
    const stop = followSync({
      first: progress(),
      poll: server.poll,
      onProgress: (p) => seen.push(p),
      onPublished: () => undefined,
      environment: page.environment,
    });
    await page.advance(10 * 60_000);
    const gaps = server.askedAt.map((at, i) => at - (server.askedAt[i - 1] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
    expect(gaps.slice(6).every((gap) => gap === POLL_MAX_MS)).toBe(true);
    expect(gaps[0]).toBe(POLL_FIRST_MS);
    expect(seen).toHaveLength(server.askedAt.length);
    stop();
    expect(page.pending()).toBe(0);
    expect(page.listening()).toBe(0);
  });

  it('reads the view again once, when the sync has published, and then stops', async () => {
    const page = fakePage();
    const server = syncServer(page, [
      progress({ phase: 'searching', issuesDone: 500 }),
      progress({ phase: 'computing', issuesDone: 1000 }),
      progress({ phase: 'idle', lastSuccessAt: 200, finishedAt: 200 }),
    ]);
    const published = jest.fn();
    const seen: string[] = [];
    followSync({
      first: progress(),
      poll: server.poll,
      onProgress: (p) => seen.push(p.phase),
      onPublished: published,
      environment: page.environment,
    });
    await page.advance(30 * 60_000);
    expect(seen).toEqual(['searching', 'computing', 'idle']);
    expect(server.askedAt).toEqual([2_000, 6_000, 14_000]);
    expect(published).toHaveBeenCalledTimes(1);
    expect(page.pending()).toBe(0);
    expect(page.listening()).toBe(0);
  });

  it('a sync that ends without publishing (it failed) stops the polling without reading the view again', async () => {
    const page = fakePage();
    const failed = progress({ phase: 'idle', error: 'Jira said no', lastSuccessAt: 100 });
    const server = syncServer(page, [failed]);
    const published = jest.fn();
    const seen: SyncProgress[] = [];
    followSync({
      first: progress(),
      poll: server.poll,
      onProgress: (p) => seen.push(p),
      onPublished: published,
      environment: page.environment,
    });
    await page.advance(5 * 60_000);
    expect(seen).toEqual([failed]);
    expect(published).not.toHaveBeenCalled();
    expect(server.askedAt).toHaveLength(1);
  });

  it('asks nothing while the page is hidden, and asks at once when it is shown again', async () => {
    const page = fakePage();
    const server = syncServer(page, [progress()]);
    followSync({
      first: progress(),
      poll: server.poll,
      onProgress: () => undefined,
      onPublished: () => undefined,
      environment: page.environment,
    });
    await page.advance(2_000);
    expect(server.askedAt).toEqual([2_000]);
    await page.setHidden(true);
    await page.advance(30 * 60_000);
    expect(server.askedAt).toEqual([2_000]);
    expect(page.pending()).toBe(0);
    await page.setHidden(false);
    expect(server.askedAt).toEqual([2_000, 2_000 + 30 * 60_000]);
    // The back-off carries on from where it was.
    await page.advance(8_000);
    expect(server.askedAt.at(-1)).toBe(2_000 + 30 * 60_000 + 8_000);
  });

  it('a page hidden from the start asks only once it is shown', async () => {
    const page = fakePage();
    await page.setHidden(true);
    const server = syncServer(page, [progress()]);
    followSync({
      first: progress(),
      poll: server.poll,
      onProgress: () => undefined,
      onPublished: () => undefined,
      environment: page.environment,
    });
    await page.advance(10 * 60_000);
    expect(server.askedAt).toEqual([]);
    await page.setHidden(false);
    expect(server.askedAt).toEqual([10 * 60_000]);
  });

  it('a failed ask counts as no news: it backs off and asks again', async () => {
    const page = fakePage();
    const server = syncServer(page, []);
    const seen = jest.fn();
    followSync({
      first: progress(),
      poll: server.poll,
      onProgress: seen,
      onPublished: () => undefined,
      environment: page.environment,
    });
    await page.advance(14_000);
    expect(server.askedAt).toEqual([2_000, 6_000, 14_000]);
    expect(seen).not.toHaveBeenCalled();
  });

  it('stopped (the view went away), it asks nothing more, even for an answer on its way', async () => {
    const page = fakePage();
    let answer: (p: SyncProgress) => void = () => undefined;
    const published = jest.fn();
    const seen = jest.fn();
    const stop = followSync({
      first: progress(),
      poll: () => new Promise<SyncProgress>((resolve) => (answer = resolve)),
      onProgress: seen,
      onPublished: published,
      environment: page.environment,
    });
    await page.advance(2_000);
    stop();
    answer(progress({ phase: 'idle', lastSuccessAt: 300 }));
    await page.settle();
    await page.advance(10 * 60_000);
    expect(seen).not.toHaveBeenCalled();
    expect(published).not.toHaveBeenCalled();
    expect(page.pending()).toBe(0);
  });
});
