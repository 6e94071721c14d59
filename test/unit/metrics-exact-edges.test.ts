/** Exact edges the arithmetic must not blur: 20% faster in fractional days, a 25% milestone through a 3/11 goal share. */
import { runEngine } from '../builders/metrics';
import { buildGoal, buildProject } from '../builders/pmo';
import { doneItem } from '../builders/work-item';

const JULY = Date.parse('2026-07-15T12:00:00Z');
const HOUR = 3_600_000;
const noon = (d: string) => `${d}T12:00:00Z`;
const run = (items: ReturnType<typeof doneItem>[], extra: object = {}) =>
  runEngine({ now: JULY, items, ...extra });

it('faster flow: P50 4 d 4 h (100 h) against 5 d 5 h (125 h) is exactly 20% faster: a win (spec Wins 2)', () => {
  const after = (date: string, hours: number) =>
    doneItem(new Date(Date.parse(noon(date)) - hours * HOUR).toISOString(), noon(date));
  const result = run([
    ...Array.from({ length: 10 }, () => after('2026-02-10', 125)),
    ...Array.from({ length: 10 }, () => after('2026-05-10', 100)),
  ]);
  expect(result.wins.filter((w) => w.kind === 'faster-flow').map((w) => w.id)).toEqual([
    'faster-flow:portfolio:portfolio:2026-Q3',
    'faster-flow:portfolio:portfolio:2026-Q2',
  ]);
});

it('value milestone: a goal share of 3/11 of 110,000 is 30,000, exactly 25% of 120,000: a win (rule 29)', () => {
  const a = buildGoal({ id: 'a', weight: 3, target: { value: 120_000, unit: 'EUR' } });
  const b = buildGoal({ id: 'b', weight: 4 });
  const shop = buildProject({
    id: 'shop',
    scope: { projectKeys: ['SHOP'] },
    goals: [
      { goalId: 'a', level: 1 },
      { goalId: 'b', level: 2 },
    ],
    benefits: [{ id: 'b1', date: '2026-03-02', amount: 110_000, note: '' }],
  });
  const result = run([doneItem(noon('2026-02-01'), noon('2026-02-10'), { project: 'SHOP' })], {
    goals: [a, b],
    projects: [shop],
  });
  expect(result.goals.find((g) => g.id === 'a')!.targetPercent).toBe(25);
  expect(result.wins.filter((w) => w.kind === 'value-milestone').map((w) => [w.id, w.date])).toEqual([
    ['value-milestone:goal:a:25', '2026-03-02'],
  ]);
});
