import { PacedStore, UNIT_BYTES } from '../../src/store/paced';
import { MemoryStore } from '../../src/store/memory';
import { storeKey } from '../../src/store/port';

describe('a paced store', () => {
  /** A clock the sleeps move on, and the sleeps taken. */
  const fakeTime = () => {
    const t = { now: 0, sleeps: [] as number[] };
    return {
      t,
      clock: () => t.now,
      sleep: async (ms: number) => {
        t.sleeps.push(ms);
        t.now += ms;
      },
    };
  };
  const value = (units: number) => 'x'.repeat(units * UNIT_BYTES - 200);

  it('spends at most its budget of write units in any minute, waiting for the oldest to leave it', async () => {
    const { t, clock, sleep } = fakeTime();
    const store = new PacedStore(new MemoryStore(), {
      readUnitsPerMinute: 100,
      writeUnitsPerMinute: 25,
      clock,
      sleep,
    });
    const at: number[] = [];
    for (let n = 0; n < 5; n++) {
      await store.set(storeKey<string>(`k:${n}`), value(10));
      at.push(t.now);
      t.now += 1_000;
    }
    // Two writes of 10 units fit in 25; each further one waits until the write a minute before it has left.
    expect(at).toEqual([0, 1_000, 60_001, 61_001, 120_002]);
    expect(store.waitedMs).toBe(t.sleeps.reduce((a, b) => a + b, 0));
  });

  it('counts reads by what they returned, and lets one request larger than the budget through alone', async () => {
    const { t, clock, sleep } = fakeTime();
    const inner = new MemoryStore();
    await inner.set(storeKey<string>('big'), value(22));
    const store = new PacedStore(inner, { readUnitsPerMinute: 20, writeUnitsPerMinute: 20, clock, sleep });
    expect(await store.get(storeKey<string>('big'))).toHaveLength(22 * UNIT_BYTES - 200);
    expect(t.sleeps).toEqual([]);
    // The next read waits until the big one has left the minute.
    await store.get(storeKey<string>('missing'));
    expect(t.sleeps).toEqual([60_001]);
  });
});
