/**
 * The engine's shortcuts for large sites each give exactly what the plain computation gives: percentiles
 * selected rather than sorted, forecast draws read from tables and the seeded generator run inline, plain
 * dates worked out without date-fns, Done order from ranks, children from grouped rows. Each is checked
 * against the plain computation, written out here, over many cases.
 */
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import fc from 'fast-check';
import { addLocalDays, calendarDaysBetween } from '../../src/domain/calendar';
import { flowMetrics } from '../../src/domain/flow-metrics';
import { HORIZON_DAYS, pickTable, simulate, zeroRunTable } from '../../src/domain/forecast';
import { percentile, percentileOf, percentilesOf } from '../../src/domain/percentile';
import { dayMonth } from '../../src/domain/phrasing';
import { seededRandom, type Random } from '../../src/domain/random';
import { progressOf } from '../../src/domain/schedule';
import { DAY, clockAt, factsOf, t } from '../builders/metrics';
import { buildItem } from '../builders/work-item';

const RUNS = { seed: 7, numRuns: 300 };

describe('percentiles by selection', () => {
  const sample = fc.oneof(
    fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { maxLength: 60 }),
    fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }),
    // Large enough for the bucketed path, with long tails and many equal values.
    fc
      .tuple(fc.integer({ min: 4096, max: 9000 }), fc.integer({ min: 0, max: 3 }), fc.integer())
      .map(([n, shape, seed]) => {
        const random = seededRandom(seed);
        const draw = [
          () => random() * 90,
          () => Math.exp(random() * 12),
          () => Math.floor(random() * 4),
          () => (random() < 0.95 ? 2.5 : random() * 1e9),
        ][shape]!;
        return Array.from({ length: n }, draw);
      }),
  );

  it('gives the values a sort gives, for P50, P85 and P95 at once and one at a time', () => {
    fc.assert(
      fc.property(sample, (values) => {
        const all = percentilesOf(Float64Array.from(values));
        expect(all).toEqual({
          n: values.length,
          p50: percentile(values, 50),
          p85: percentile(values, 85),
          p95: percentile(values, 95),
        });
        for (const k of [50, 85, 95] as const) {
          expect(percentileOf(Float64Array.from(values), k)).toEqual(percentile(values, k));
        }
      }),
      { ...RUNS, numRuns: 120 },
    );
  });

  it('sorts a sample with NaN or -0 in it, as a sort orders them', () => {
    const values = [...Array.from({ length: 5000 }, (_, i) => (i % 7) - 3), -0, NaN, 0, -0];
    for (const k of [50, 85, 95] as const) {
      expect(percentilesOf(Float64Array.from(values))[`p${k}`]).toEqual(percentile(values, k));
    }
  });
});

describe('forecast draws', () => {
  /** The trials as METRICS-SPEC "Forecast" writes them, a call of the random source per draw. */
  function plainCounts(remaining: number, samples: number[], random: Random, trials: number) {
    const nonZero = samples.filter((s) => s > 0);
    const p0 = 1 - nonZero.length / samples.length;
    const counts = new Int32Array(HORIZON_DAYS + 2);
    for (let trial = 0; trial < trials; trial++) {
      let sum = 0;
      let day = 0;
      for (;;) {
        if (p0 > 0) day += Math.floor(Math.log(1 - random()) / Math.log(p0));
        day += 1;
        if (day > HORIZON_DAYS) break;
        sum += nonZero[Math.floor(random() * nonZero.length)]!;
        if (sum >= remaining) break;
      }
      counts[day > HORIZON_DAYS ? HORIZON_DAYS + 1 : day]! += 1;
    }
    return counts;
  }

  const sameCounts = (kept: Int32Array, plain: Int32Array) =>
    plain.every((count, day) => (kept[day] ?? 0) === count);

  const forecastCase = fc.record({
    remaining: fc.integer({ min: 1, max: 300 }),
    samples: fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 9 })), {
      minLength: 1,
      maxLength: 84,
    }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  });

  it('gives the plain trials, from the seeded generator inline and from any other source', () => {
    fc.assert(
      fc.property(forecastCase, ({ remaining, samples, seed }) => {
        const trials = 300;
        const plain = seededRandom(seed);
        const expected = samples.some((s) => s > 0) ? plainCounts(remaining, samples, plain, trials) : null;
        const seeded = seededRandom(seed);
        const inline = simulate({ remaining, samples, random: seeded, trials });
        const wrapped = seededRandom(seed);
        const called = simulate({ remaining, samples, random: () => wrapped(), trials });
        if (expected === null) {
          expect(inline).toBeNull();
          expect(called).toBeNull();
          return;
        }
        expect(sameCounts(inline!.counts, expected)).toBe(true);
        expect(sameCounts(called!.counts, expected)).toBe(true);
        // Every source has made the same draws: the next number is the same.
        const next = plain();
        expect(seeded()).toBe(next);
        expect(wrapped()).toBe(next);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('reads the number of zero days from its table only where the logarithm agrees', () => {
    const bits = new Float64Array(1);
    const asInt = new BigInt64Array(bits.buffer);
    const near = (u: number, steps: number) => {
      bits[0] = u;
      asInt[0]! += BigInt(steps);
      return bits[0]!;
    };
    for (const p0 of [0.01, 0.25, 0.5, 5 / 6, 83 / 84, 0.999, 1 - 1e-9]) {
      const table = zeroRunTable(p0);
      const log = (u: number) => Math.floor(Math.log(1 - u) / Math.log(p0));
      const wrong: number[] = [];
      const checked = new Set<number>();
      for (let b = 1; b < 4096; b++) checked.add(b / 4096);
      for (let k = 1; k < 200; k++) checked.add(1 - p0 ** k);
      for (const u of checked) {
        for (let steps = -1; steps <= 1; steps++) {
          const v = near(u, steps);
          if (!(v >= 0 && v < 1)) continue;
          const entry = table[Math.floor(v * 4096)]!;
          if (entry >= 0 && entry !== log(v)) wrong.push(v);
        }
      }
      expect({ p0, wrong }).toEqual({ p0, wrong: [] });
    }
  });

  it('reads the picked day from its table only where every draw of the bucket picks it', () => {
    for (const size of [1, 2, 3, 7, 13, 84, 1000]) {
      const table = pickTable(size);
      const wrong: number[] = [];
      let read = 0;
      for (let b = 0; b < 4096; b++) {
        if (table[b]! < 0) continue;
        read += 1;
        for (const m of [b * 2 ** 20, b * 2 ** 20 + 12345, (b + 1) * 2 ** 20 - 1]) {
          if (table[b] !== Math.floor((m / 2 ** 32) * size)) wrong.push(m);
        }
      }
      expect({ size, wrong }).toEqual({ size, wrong: [] });
      // Only the buckets holding a change of the pick are left to the draw.
      expect(read).toBeGreaterThanOrEqual(4096 - size);
    }
  });
});

describe('plain calendar dates', () => {
  const date = fc
    .tuple(
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  const outcome = (f: () => string | number) => {
    try {
      return f();
    } catch (error) {
      return `throws ${(error as Error).message}`;
    }
  };

  it('adds, compares and words dates as date-fns does, invalid ones included', () => {
    fc.assert(
      fc.property(date, date, fc.integer({ min: -5000, max: 5000 }), (a, b, n) => {
        expect(outcome(() => addLocalDays(a, n))).toEqual(
          outcome(() => format(addDays(parseISO(a), n), 'yyyy-MM-dd')),
        );
        expect(outcome(() => calendarDaysBetween(a, b))).toEqual(
          outcome(() => differenceInCalendarDays(parseISO(b), parseISO(a))),
        );
        expect(outcome(() => dayMonth(a))).toEqual(outcome(() => format(parseISO(a), 'd MMM yyyy')));
      }),
      RUNS,
    );
    for (const odd of ['2026-02-30', '2026-13-01', '2026-1-01', '999-01-01', 'soon']) {
      expect(outcome(() => addLocalDays(odd, 1))).toEqual(
        outcome(() => format(addDays(parseISO(odd), 1), 'yyyy-MM-dd')),
      );
      expect(outcome(() => calendarDaysBetween('2026-01-01', odd))).toEqual(
        outcome(() => differenceInCalendarDays(parseISO(odd), parseISO('2026-01-01'))),
      );
    }
  });
});

describe('rows of the facts', () => {
  const NOW = t('2026-05-15T12:00:00Z');
  const clock = clockAt(NOW);
  const items = fc.array(
    fc.record({
      age: fc.integer({ min: 1, max: 300 }),
      took: fc.option(fc.integer({ min: 0, max: 40 * DAY })),
      parent: fc.option(fc.constantFrom('A-1', 'A-2', 'B-1')),
      estimate: fc.option(fc.constantFrom(0.1, 0.2, 0.5, 1, 3)),
      wontDo: fc.boolean(),
    }),
    { maxLength: 40 },
  );
  type Spec = {
    age: number;
    took: number | null;
    parent: string | null;
    estimate: number | null;
    wontDo: boolean;
  };
  const factsFrom = (specs: Spec[]) =>
    factsOf(
      specs.map(({ age, took, parent, estimate, wontDo }) => {
        const created = NOW - age * DAY;
        const done = took === null ? null : Math.min(NOW - 1, created + took);
        const item = buildItem({
          created,
          initial: 'To Do',
          path:
            done === null
              ? [[created + 1, 'In Progress']]
              : [
                  [created + 1, 'In Progress'],
                  [done + 1, 'Done'],
                ],
          estimate,
          parent,
        });
        return done !== null && wontDo ? { ...item, resolution: "Won't Do" } : item;
      }),
      NOW,
    );

  it('orders done rows as a comparison of (second of Done, row) does', () => {
    fc.assert(
      fc.property(items, fc.integer(), (specs, seed) => {
        const facts = factsFrom(specs);
        const random = seededRandom(seed);
        const rows = facts.allRows().filter((row) => facts.done[row] === facts.done[row] && random() < 0.7);
        const expected = [...rows].sort(
          (a, b) => Math.floor(facts.done[a]! / 1000) - Math.floor(facts.done[b]! / 1000) || a - b,
        );
        expect(facts.sortByDone(rows.sort(() => random() - 0.5))).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('lists the children of each epic, the discarded apart, as a filter of every row does', () => {
    fc.assert(
      fc.property(items, (specs) => {
        const facts = factsFrom(specs);
        for (const key of ['A-1', 'A-2', 'B-1', 'C-9']) {
          const children = facts.allRows().filter((row) => facts.parentOf(row) === key);
          expect(Array.from(facts.childrenOf(key))).toEqual(
            children.filter((row) => !facts.isDiscarded(row)),
          );
          expect(Array.from(facts.discardedChildrenOf(key))).toEqual(
            children.filter((row) => facts.isDiscarded(row)),
          );
        }
      }),
      RUNS,
    );
  });

  it('counts a scope’s progress in its flow pass as progressOf does, fractions of points in the same order', () => {
    fc.assert(
      fc.property(items, fc.integer(), (specs, seed) => {
        const facts = factsFrom(specs);
        const random = seededRandom(seed);
        const rows = facts.allRows().sort(() => random() - 0.5);
        expect(flowMetrics(facts, rows, clock).progress).toEqual(progressOf(facts, rows));
      }),
      RUNS,
    );
  });
});
