/**
 * Health v2 (METRICS-SPEC "Health", rules 18 and 31): the rating at every band edge, computed by hand.
 * The rating is the schedule's band; a red risk signal lowers green to amber and is listed; without a
 * target date or a forecast the risk signals alone rate, at most amber.
 */
import {
  agingDimension,
  blockedDimension,
  computeHealth,
  overallHealth,
  RATING_LABELS,
  scheduleDimension,
  scopeGrowthDimension,
  type Dimension,
  type ScheduleInput,
} from '../../src/domain/health';
import type { Thresholds } from '../../src/domain/model';
import { healthRow } from '../../src/services/surfaces/views';
import { runEngine, THRESHOLDS, withFields } from '../builders/metrics';
import { buildProject } from '../builders/pmo';
import { buildItem, doneItem } from '../builders/work-item';

const TODAY = '2026-05-15';

const schedule = (s: Partial<ScheduleInput> = {}, t: Thresholds = THRESHOLDS) =>
  scheduleDimension(
    {
      done: false,
      finishedOn: null,
      target: '2026-06-30',
      today: TODAY,
      probability: 90,
      p85: '2026-06-20',
      slipDays: -10,
      noThroughput: false,
      ...s,
    },
    t,
  );
const chance = (probability: number) => schedule({ probability });
const noTarget = schedule({ target: null, probability: null, p85: null, slipDays: null });
const noForecast = schedule({ noThroughput: true, probability: null, p85: null, slipDays: null });
const growth = (percent: number, t: Thresholds = THRESHOLDS) =>
  scopeGrowthDimension({ percent, added: 3, baseline: 10, baselineDate: '2026-01-05' }, t);
const aging = (share: number) => agingDimension({ count: 1, share }, 4, { value: 6, n: 12 }, THRESHOLDS);
const blocked = (share: number) => blockedDimension({ count: 1, share }, 4, THRESHOLDS);
const unmeasured: Dimension[] = [
  scopeGrowthDimension({ percent: null, added: 0, baseline: 0, baselineDate: null }, THRESHOLDS),
  agingDimension({ count: null, share: null }, 0, { value: null, n: 2 }, THRESHOLDS),
  blockedDimension({ count: 0, share: null }, 0, THRESHOLDS),
];
const rating = (dimensions: Dimension[]) => computeHealth(dimensions).computed;

describe('the schedule band is the rating (bands include their limit, rule 18)', () => {
  it.each([
    [100, 'green'],
    [70, 'green'],
    [69.99, 'amber'],
    [40, 'amber'],
    [39.99, 'red'],
    [0, 'red'],
  ] as const)('%s%% chance is %s', (p, expected) => {
    expect(rating([chance(p), growth(0), aging(0), blocked(0)])).toBe(expected);
  });

  it('the target day itself is before the target; the day after, not done is red whatever the chance', () => {
    expect(rating([schedule({ today: '2026-06-30', probability: 100 })])).toBe('green');
    expect(schedule({ today: '2026-07-01', probability: 100 })).toEqual({
      key: 'schedule',
      rating: 'red',
      value: null,
      reason: 'Past the target date 30 Jun 2026 and not done',
    });
    // Past the target with no work items (or no throughput) is still red: rule 18 comes first.
    expect(schedule({ today: '2026-07-01', emptyScope: true }).rating).toBe('red');
    expect(schedule({ today: '2026-07-01', noThroughput: true, probability: null }).rating).toBe('red');
  });
});

describe('a risk signal at red lowers green to amber, never to red', () => {
  it.each([
    ['scope growth', growth(50), growth(50.01)],
    ['aging', aging(30), aging(30.01)],
    ['blocked', blocked(20), blocked(20.01)],
  ])('%s: at its amber limit nothing changes; just over it, green becomes amber', (_, atLimit, over) => {
    expect(atLimit.rating).toBe('amber');
    expect(over.rating).toBe('red');
    expect(computeHealth([chance(100), atLimit])).toEqual({
      computed: 'green',
      basis: 'schedule',
      reasons: [chance(100).reason],
    });
    expect(computeHealth([chance(100), over])).toEqual({
      computed: 'amber',
      basis: 'schedule',
      reasons: [chance(100).reason, over.reason],
    });
  });

  it('green limits: exactly 20%, 15% and 10% are green; just over is amber', () => {
    expect([growth(20), growth(20.01)].map((d) => d.rating)).toEqual(['green', 'amber']);
    expect([aging(15), aging(15.01)].map((d) => d.rating)).toEqual(['green', 'amber']);
    expect([blocked(10), blocked(10.01)].map((d) => d.rating)).toEqual(['green', 'amber']);
  });

  it('an amber or red schedule stays as it is, whatever the risk signals say', () => {
    const allRed = [growth(80), aging(60), blocked(50)];
    expect(rating([chance(40), ...allRed])).toBe('amber');
    expect(rating([chance(39.99), growth(0), aging(0), blocked(0)])).toBe('red');
    expect(computeHealth([chance(55), growth(30), aging(20), blocked(15)]).reasons).toEqual([
      chance(55).reason,
    ]);
    // Listed in the order of the dimensions, after the schedule.
    expect(computeHealth([chance(90), ...allRed]).reasons).toEqual([
      chance(90).reason,
      ...allRed.map((d) => d.reason),
    ]);
  });

  it('names the limit the signal went over, from the settings', () => {
    expect(growth(57.14285714285714).reason).toBe(
      'Scope grew 57% since 5 Jan 2026 (3 items added to 10), over the 50% limit',
    );
    expect(growth(30).reason).toBe(
      'Scope grew 30% since 5 Jan 2026 (3 items added to 10), over the 20% limit',
    );
    expect(growth(20).reason).toBe('Scope grew 20% since 5 Jan 2026 (3 items added to 10)');
    const strict = { ...THRESHOLDS, scopeGrowthGreen: 5, scopeGrowthAmber: 10 };
    expect(growth(12, strict)).toMatchObject({
      rating: 'red',
      reason: 'Scope grew 12% since 5 Jan 2026 (3 items added to 10), over the 10% limit',
    });
  });
});

describe('without a target date or a forecast the risk signals alone rate it, at most amber (rule 31)', () => {
  it.each([
    ['no target date', noTarget, 'No target date'],
    [
      'no day with throughput',
      noForecast,
      'Not enough data to forecast (nothing finished in the last 12 weeks)',
    ],
    [
      'no work items',
      schedule({ emptyScope: true, probability: null }),
      'Not enough data to forecast (no work items in scope)',
    ],
  ])('%s', (_, sched, why) => {
    expect(sched.rating).toBe('not-rated');
    const first = `${why}, so the risk signals alone rate it (at most At risk)`;
    expect(computeHealth([sched, growth(10), aging(5), blocked(0)])).toEqual({
      computed: 'green',
      basis: 'risk-signals',
      reasons: [first],
    });
    // The worst is red, capped at amber; red reasons before amber ones; green ones are not listed.
    expect(computeHealth([sched, growth(30), aging(5), blocked(25)])).toEqual({
      computed: 'amber',
      basis: 'risk-signals',
      reasons: [first, blocked(25).reason, growth(30).reason],
    });
    expect(computeHealth([sched, growth(20.01), ...unmeasured.slice(1)])).toEqual({
      computed: 'amber',
      basis: 'risk-signals',
      reasons: [first, growth(20.01).reason],
    });
    expect(computeHealth([sched, ...unmeasured])).toEqual({
      computed: 'unknown',
      basis: 'none',
      reasons: [`${why}, and no risk signal can be measured yet`],
    });
  });
});

describe('delivered and overrides', () => {
  it('a done PMO project is delivered, with its finish date and slip, not rated', () => {
    const done = schedule({ done: true, finishedOn: '2026-07-03', slipDays: 3 });
    expect(computeHealth([done, growth(80), aging(60), blocked(50)])).toEqual({
      computed: 'done',
      basis: 'delivered',
      reasons: ['Delivered on 3 Jul 2026, 3 days after the target'],
    });
    expect(computeHealth([schedule({ done: true, finishedOn: '2026-05-01', target: null })]).reasons).toEqual(
      ['Delivered on 1 May 2026'],
    );
  });

  it('an override replaces the rating, not the reasons', () => {
    const dims = [chance(100), growth(60)];
    const health = overallHealth(
      dims,
      { projectId: 'p', rating: 'red', comment: 'Vendor left', by: 'acc', at: 0, expires: '2026-05-31' },
      TODAY,
    );
    expect(health).toMatchObject({ rating: 'red', computed: 'amber', basis: 'schedule' });
    expect(health.reasons).toEqual([chance(100).reason, growth(60).reason]);
  });
});

describe('reasons in the words of the app', () => {
  it('too few items for a service level expectation: how many there are and how many it needs', () => {
    expect(
      agingDimension({ count: null, share: null }, 3, { value: null, n: 4, minSamples: 10 }, THRESHOLDS),
    ).toEqual({
      key: 'aging',
      rating: 'not-rated',
      value: null,
      reason: 'Too few items (4) done in the trailing window for a service level expectation; 10 needed',
    });
    // Without the minimum given, a service level expectation (a P85) needs 10.
    expect(unmeasured[1]!.reason).toBe(
      'Too few items (2) done in the trailing window for a service level expectation; 10 needed',
    );
  });

  it('percentages to the whole percent, as the cell beside them; "just over" a limit they round to', () => {
    expect(aging(60).reason).toBe(
      '1 of 4 items in progress (60%) is older than the service level expectation of 6.0 days, over the 30% limit',
    );
    expect(blocked(10.4)).toMatchObject({
      rating: 'amber',
      reason: '1 of 4 items in progress (10%) is flagged or waiting, just over the 10% limit',
    });
    expect(growth(20.01).reason).toBe(
      'Scope grew 20% since 5 Jan 2026 (3 items added to 10), just over the 20% limit',
    );
    expect(blockedDimension({ count: 0, share: 0 }, 1, THRESHOLDS).reason).toBe(
      '0 of 1 item in progress (0%) is flagged or waiting',
    );
  });

  it('a chance that rounds to a band it misses says so, in the words of the rating', () => {
    expect(chance(69.6)).toMatchObject({
      rating: 'amber',
      reason:
        '70% chance to finish by 30 Jun 2026 (P85 forecast 20 Jun 2026, 10 days early), just under the 70% needed for On track',
    });
    expect(chance(39.7).reason).toMatch(/^40% chance .*, just under the 40% needed for At risk$/);
    expect(chance(69.4).reason).toBe(
      '69% chance to finish by 30 Jun 2026 (P85 forecast 20 Jun 2026, 10 days early)',
    );
  });

  it('names ratings as the lozenge does', () => {
    expect(RATING_LABELS).toEqual({
      green: 'On track',
      amber: 'At risk',
      red: 'Off track',
      done: 'Delivered',
      unknown: 'Not enough data',
    });
    expect(computeHealth([noTarget, growth(30)]).reasons[0]).toBe(
      'No target date, so the risk signals alone rate it (at most At risk)',
    );
  });
});

describe('in the engine', () => {
  const NOW = Date.parse('2026-05-15T12:00:00Z');
  const epic = withFields(
    buildItem({
      key: 'E-1',
      project: 'E',
      level: 1,
      created: '2026-01-01T00:00:00Z',
      path: [['2026-01-05T00:00:00Z', 'In Progress']],
    }),
    { due: '2026-06-30' },
  );
  const items = [
    epic,
    ...Array.from({ length: 12 }, (_, i) =>
      doneItem(`2026-04-0${(i % 9) + 1}T00:00:00Z`, `2026-04-1${i % 9}T00:00:00Z`, { parent: 'E-1' }),
    ),
  ];

  it('nothing remaining but an open epic: On track, and a 100% chance beside it (rule 31)', () => {
    const project = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1'] } })],
    }).projects[0]!;
    expect(project.forecast).toEqual({ state: 'done' });
    expect(project.health).toMatchObject({
      rating: 'green',
      basis: 'schedule',
      reasons: ['100% chance to finish by 30 Jun 2026 (every work item is done; an epic is still open)'],
    });
    expect(healthRow(project)).toMatchObject({ probability: 100, p85: null, finishedOn: null });
  });

  it('a delivered PMO project shows no chance, and a past target none either', () => {
    const done = runEngine({
      items: items.slice(1), // the twelve done items of Jira project T, no epic
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { projectKeys: ['T'] } })],
    }).projects[0]!;
    expect(done.health.computed).toBe('done');
    expect(healthRow(done).probability).toBeNull();
    const late = runEngine({
      items,
      now: NOW,
      projects: [buildProject({ id: 'p', scope: { epicKeys: ['E-1'] }, targetDate: '2026-05-01' })],
    }).projects[0]!;
    expect(late.health).toMatchObject({
      computed: 'red',
      reasons: ['Past the target date 1 May 2026 and not done'],
    });
    expect(healthRow(late).probability).toBeNull();
  });
});
