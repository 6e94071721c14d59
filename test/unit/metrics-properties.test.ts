import fc from 'fast-check';
import type { PmoProject, StrategicGoal } from '../../src/contract';
import { DayGrid, currentWeek, localDate } from '../../src/domain/calendar';
import { itemTimes } from '../../src/domain/flow';
import { countIn, flowMetrics } from '../../src/domain/flow-metrics';
import { monteCarlo } from '../../src/domain/forecast';
import { nearestRank, percentile } from '../../src/domain/percentile';
import { seededRandom } from '../../src/domain/random';
import { progressOf } from '../../src/domain/schedule';
import type { WorkItem } from '../../src/domain/work-item';
import { DAY, buildGoal, clockAt, factsOf, runEngine, t } from '../builders/metrics';
import { buildProject } from '../builders/pmo';
import { buildItem } from '../builders/work-item';

/** Fixed seeds: every run checks the same cases, so a failure reproduces. */
const RUNS = { seed: 42, numRuns: 200 };
/** Properties that run the whole engine take ~25 ms a case. */
const ENGINE_RUNS = { seed: 42, numRuns: 40 };

const NOW = t('2026-05-15T12:00:00Z');
const TIME_ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago', // DST change at midnight
  'Australia/Lord_Howe', // 30-minute DST shift
  'Asia/Kathmandu', // +05:45
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -03:30 with DST
] as const;
const timeZone = fc.constantFrom(...TIME_ZONES);
/** An instant within ~15 months of 2026, so DST changes of both kinds fall inside. */
const instant = fc.integer({ min: t('2025-09-01T00:00:00Z'), max: t('2026-12-31T00:00:00Z') });

const STATUSES = ['To Do', 'In Progress', 'In Review', 'Blocked', 'Done'] as const;

/**
 * A work item with a random status path, every change between its creation (up to 200 days before
 * `now`) and `now`.
 */
const workItem = (now: number, projects: readonly string[] = ['T']) =>
  fc
    .record({
      age: fc.double({ min: 0, max: 200, noNaN: true }),
      initial: fc.constantFrom('To Do', 'In Progress', 'Done'),
      path: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...STATUSES)), {
        maxLength: 6,
      }),
      estimate: fc.option(fc.integer({ min: 0, max: 13 })),
      project: fc.constantFrom(...projects),
    })
    .map(({ age, initial, path, estimate, project }): WorkItem => {
      const created = Math.round(now - age * DAY);
      const steps = [...path]
        .sort((a, b) => a[0] - b[0])
        .map(([f, status]): [number, string] => [created + Math.floor(f * (now - created)), status]);
      return buildItem({ created, initial, path: steps, estimate, project });
    });

describe('percentile properties', () => {
  const values = fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 60 });

  it('nearest rank is monotone in k', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (list, a, b) => {
          const sorted = Float64Array.from(list).sort();
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(nearestRank(sorted, lo)!).toBeLessThanOrEqual(nearestRank(sorted, hi)!);
        },
      ),
      RUNS,
    );
  });

  it('a percentile is an element of the list, shown only from its minimum sample size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 60 }),
        fc.constantFrom(50 as const, 85 as const, 95 as const),
        (list, k) => {
          const result = percentile(list, k);
          expect(result.n).toBe(list.length);
          if (list.length < result.minSamples) expect(result.value).toBeNull();
          else expect(list).toContain(result.value);
        },
      ),
      RUNS,
    );
  });
});

describe('flow properties', () => {
  it('WIP is never negative and equals items started minus items done after starting', () => {
    const clock = clockAt(NOW);
    fc.assert(
      fc.property(
        fc.array(workItem(NOW), { maxLength: 30 }),
        fc.constantFrom('first' as const, 'last' as const),
        (items, startPolicy) => {
          const facts = factsOf(items, NOW, { startPolicy });
          const { wip } = flowMetrics(facts, facts.allRows(), clock).metrics;
          const times = items.map((item) => itemTimes(item, startPolicy));
          const started = times.filter((x) => x.start !== null && x.start <= NOW).length;
          const finished = times.filter((x) => x.start !== null && x.done !== null && x.done <= NOW).length;
          expect(wip).toBeGreaterThanOrEqual(0);
          expect(wip).toBe(started - finished);
          expect(wip).toBe(times.filter((x) => x.start !== null && x.done === null).length);
        },
      ),
      RUNS,
    );
  });

  it('weekly throughput matches items done in each week and sums to the 12-week total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 * DAY }), { maxLength: 40 }),
        timeZone,
        instant,
        (ages, zone, now) => {
          const items = ages.map((age) =>
            buildItem({ created: now - age - DAY, path: [[now - age, 'Done']] }),
          );
          const facts = factsOf(items, now);
          // A clock builds a 2-year day grid (~20 ms): one per case.
          const clock = clockAt(now, zone);
          const { throughput } = flowMetrics(facts, facts.allRows(), clock).metrics;
          const doneTimes = ages.map((age) => now - age);
          clock.weeks.forEach((week, i) => {
            const direct = doneTimes.filter((d) => d >= week.from && d < week.to).length;
            expect(throughput.weekly[i]).toEqual({ from: week.from, count: direct });
          });
          expect(throughput.weekly.reduce((sum, w) => sum + w.count, 0)).toBe(throughput.last12Weeks);
          const first = clock.weeks[0]!.from;
          const end = clock.weeks[11]!.to;
          expect(throughput.last12Weeks).toBe(doneTimes.filter((d) => d >= first && d < end).length);
          const week = currentWeek(now, zone);
          expect(throughput.currentWeek).toBe(doneTimes.filter((d) => d >= week.from && d <= now).length);
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
});

describe('calendar properties', () => {
  it('DayGrid.dayOf agrees with a time-zone conversion', () => {
    fc.assert(
      fc.property(timeZone, instant, fc.double({ min: 0, max: 1, noNaN: true }), (zone, now, f) => {
        const grid = new DayGrid(now, 60, zone);
        const x = Math.floor(grid.starts[0]! + f * (grid.end - 1 - grid.starts[0]!));
        const day = grid.dayOf(x);
        expect(grid.dates[day]).toBe(localDate(x, zone));
        expect(grid.starts[day]!).toBeLessThanOrEqual(x);
        expect(day === grid.today ? grid.end : grid.starts[day + 1]!).toBeGreaterThan(x);
      }),
      RUNS,
    );
  });

  it('countIn over a partition of the days sums to the total', () => {
    fc.assert(
      fc.property(
        timeZone,
        instant,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 61, maxLength: 61 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 10 }),
        (zone, now, counts, cuts) => {
          const grid = new DayGrid(now, 60, zone);
          const daily = Int32Array.from(counts);
          // Periods from before the grid to its end, cut at random day starts.
          const bounds = [
            grid.starts[0]! - 5 * DAY,
            ...[...cuts].sort((a, b) => a - b).map((c) => grid.starts[c]!),
            grid.end,
          ];
          let sum = 0;
          for (let i = 0; i + 1 < bounds.length; i++) {
            sum += countIn(daily, grid, { from: bounds[i]!, to: bounds[i + 1]! });
          }
          expect(sum).toBe(counts.reduce((a, b) => a + b, 0));
        },
      ),
      RUNS,
    );
  });
});

describe('forecast properties', () => {
  it('dates are never before today and ordered, the probability within 0-100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 84 }),
        fc.integer({ min: -2, max: 120 }),
        fc.option(fc.integer({ min: -30, max: 500 })),
        fc.integer(),
        (samples, remaining, targetOffset, seed) => {
          const today = '2026-05-15';
          const target =
            targetOffset === null ? null : localDate(t('2026-05-15T12:00:00Z') + targetOffset * DAY, 'UTC');
          const input = { remaining, samples, samplesFrom: 'scope' as const, today, target, trials: 100 };
          const result = monteCarlo({ ...input, random: seededRandom(seed) });
          expect(monteCarlo({ ...input, random: seededRandom(seed) })).toEqual(result);
          if (remaining <= 0) return expect(result).toEqual({ state: 'done' });
          if (!samples.some((s) => s > 0)) return expect(result.state).toBe('no-throughput');
          if (result.state !== 'forecast') throw new Error(`unexpected ${result.state}`);
          // null = beyond the horizon, after every date.
          const dates = [result.p50, result.p85, result.p95].map((d) => d ?? '9999-12-31');
          for (const d of dates) expect(d >= today).toBe(true);
          expect(dates[0]! <= dates[1]! && dates[1]! <= dates[2]!).toBe(true);
          if (target === null) expect(result.probability).toBeNull();
          else {
            expect(result.probability).toBeGreaterThanOrEqual(0);
            expect(result.probability).toBeLessThanOrEqual(100);
            if (target < today) expect(result.probability).toBe(0);
            if (result.p95 !== null && target >= result.p95)
              expect(result.probability).toBeGreaterThanOrEqual(95);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('scope properties', () => {
  it('progress is within 0-100 (null for an empty scope), by points from 80% estimate coverage', () => {
    fc.assert(
      fc.property(fc.array(workItem(NOW), { maxLength: 25 }), (items) => {
        const facts = factsOf(items, NOW);
        const progress = progressOf(facts, facts.allRows());
        if (items.length === 0) return expect(progress.percent).toBeNull();
        expect(progress.percent).toBeGreaterThanOrEqual(0);
        expect(progress.percent).toBeLessThanOrEqual(100);
        expect(progress.done).toBeLessThanOrEqual(progress.total);
        const estimated = items.filter((i) => i.estimate !== null).length;
        expect(progress.basis).toBe(estimated * 100 >= 80 * items.length ? 'points' : 'count');
      }),
      RUNS,
    );
  });

  const JIRA_PROJECTS = ['A', 'B', 'C', 'D'] as const;
  const model = fc.record({
    items: fc.array(workItem(NOW, JIRA_PROJECTS), { maxLength: 30 }),
    goals: fc.array(fc.constantFrom<StrategicGoal['status']>('draft', 'active', 'achieved', 'dropped'), {
      maxLength: 3,
    }),
    projects: fc.array(
      fc.record({
        projectKeys: fc.subarray([...JIRA_PROJECTS]),
        links: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(1 as const, 2 as const, 3 as const)),
          {
            maxLength: 3,
          },
        ),
      }),
      { maxLength: 3 },
    ),
    portfolioProjects: fc.subarray([...JIRA_PROJECTS]),
  });

  it('strategic alignment and progress stay within 0-100 for random PMO models', () => {
    fc.assert(
      fc.property(model, ({ items, goals: statuses, projects: shapes, portfolioProjects }) => {
        const goals = statuses.map((status, i) => buildGoal({ id: `g${i}`, status }));
        const projects: PmoProject[] = shapes.map((shape, i) =>
          buildProject({
            id: `p${i}`,
            scope: { projectKeys: shape.projectKeys },
            goals: shape.links.map(([g, level]) => ({ goalId: `g${g}`, level })),
          }),
        );
        const result = runEngine({ items, now: NOW, goals, projects, portfolioProjects });
        for (const q of result.portfolio.quarters) {
          const { aligned, done, percent } = q.alignment!;
          expect(aligned).toBeLessThanOrEqual(done);
          if (done === 0) expect(percent).toBeNull();
          else {
            expect(percent).toBeGreaterThanOrEqual(0);
            expect(percent).toBeLessThanOrEqual(100);
          }
        }
        for (const scope of [result.portfolio, ...result.projects, ...result.goals]) {
          const { percent } = scope.progress;
          if (scope.items === 0) expect(percent).toBeNull();
          else {
            expect(percent).toBeGreaterThanOrEqual(0);
            expect(percent).toBeLessThanOrEqual(100);
          }
        }
      }),
      ENGINE_RUNS,
    );
  });
});
