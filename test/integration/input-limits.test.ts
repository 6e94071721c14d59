/**
 * Bad input, sent through the real resolvers as a PMO lead would (or an attacker with a PMO lead's
 * session): every refusal names the field at fault, and nothing changes, neither the PMO model nor the
 * audit trail. Then the surfaces' resolvers, sent ids that are not ids, or name nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  AuditEntry,
  PortfolioConfigView,
  PortfolioDocument,
  Result,
  StrategicGoal,
} from '../../src/contract';
import { goalInput, projectInput } from '../builders/pmo';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as PortfolioDocument;

const ADMIN = 'admin@demo.test';
/** In pmo-leads, not a Jira administrator. */
const PMO = 'pmo@demo.test';
/** May browse PAY, MOB, WEB and DATA, not SEC. */
const DEV = 'dev@demo.test';

const KB10 = 'x'.repeat(10_000);
const HUGE = 1.7e308;

type Change = (value: Record<string, unknown>) => void;
type Case = [what: string, change: Change, field: string, message?: string | RegExp];
/** Table rows as objects, so a row without a message is not taken for a test with a callback. */
const cases = (rows: Case[]) =>
  rows.map(([what, change, field, message]) => ({ what, change, field, message }));
/** A copy of `value` with `change` applied: bad input starts from good input, one field wrong. */
const edited = <T>(value: T, change: Change): T => {
  const copy = structuredClone(value) as Record<string, unknown>;
  change(copy);
  return copy as T;
};
const at = (value: unknown, ...path: (string | number)[]) =>
  path.reduce<Record<string | number, unknown>>(
    (v, key) => v[key] as Record<string | number, unknown>,
    value as Record<string | number, unknown>,
  );

/** What the settings page shows and the audit trail: the two must not move on a refused write. */
async function state(stack: ResolverStack) {
  return {
    model: ok(await stack.call<PortfolioConfigView>('config/get', PMO)),
    audit: ok(await stack.call<AuditEntry[]>('config/audit', PMO)),
  };
}

/** Sends a write that must be refused; checks the refusal names `field` and that nothing changed. */
async function expectRefused(
  stack: ResolverStack,
  write: { key: string; payload: unknown; as?: string },
  field: string,
  message?: string | RegExp,
) {
  const before = await state(stack);
  const result = await stack.call(write.key, write.as ?? PMO, write.payload);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.kind).toBe('validation');
  expect(result.error.field).toBe(field);
  expect(result.error.message.startsWith(`${field}: `)).toBe(true);
  if (message !== undefined) expect(result.error.message).toMatch(message);
  expect(await state(stack)).toEqual(before);
}

describe('bad input to the PMO model is refused by name and changes nothing', () => {
  let stack: ResolverStack;
  let settings: Omit<PortfolioConfigView['settings'], 'version'>;
  let settingsVersion: number;

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 21, issues: 300, now: NOW });
    ok(await stack.call('config/import', PMO, { document: SAMPLE }));
    const { version, ...rest } = ok(await stack.call<PortfolioConfigView>('config/get', PMO)).settings;
    settings = rest;
    settingsVersion = version;
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  const goal = (change: Change) => ({
    key: 'config/saveGoal',
    payload: { goal: edited(goalInput({ name: 'A new goal' }), change), expectedVersion: null },
  });
  const project = (change: Change) => ({
    key: 'config/saveProject',
    payload: {
      project: edited(
        projectInput({ name: 'A new project', scope: { epicKeys: [], projectKeys: ['PAY'], jql: null } }),
        change,
      ),
      expectedVersion: null,
    },
  });
  const importing = (change: Change) => ({
    key: 'config/import',
    payload: { document: edited(SAMPLE, change) },
  });
  const saveSettings = (change: Change) => ({
    key: 'config/saveSettings',
    payload: { settings: edited(settings, change), expectedVersion: settingsVersion },
  });

  describe('config/saveGoal', () => {
    it.each(
      cases([
        [
          'a zero-width space in the name',
          (g) => (g.name = 'Gro\u200Bwth'),
          'goal.name',
          'goal.name: contains an invisible or control character (U+200B)',
        ],
        [
          'a bell in the name',
          (g) => (g.name = 'Grow\u0007th'),
          'goal.name',
          /invisible or control character \(U\+0007\)/,
        ],
        ['a line break in the name', (g) => (g.name = 'Grow\nth'), 'goal.name', /\(U\+000A\)/],
        [
          'a right-to-left override in the name',
          (g) => (g.name = '\u202Eeunever'),
          'goal.name',
          /\(U\+202E\)/,
        ],
        ['a byte-order mark in the name', (g) => (g.name = '\uFEFFGrowth'), 'goal.name', /\(U\+FEFF\)/],
        ['a soft hyphen in the name', (g) => (g.name = 'Grow\u00ADth'), 'goal.name', /\(U\+00AD\)/],
        ['a name of spaces only', (g) => (g.name = ' \u00A0 \u3000'), 'goal.name', 'goal.name: is required'],
        [
          'a name of 121 characters',
          (g) => (g.name = 'x'.repeat(121)),
          'goal.name',
          'goal.name: must be at most 120 characters',
        ],
        ['a name of 10 KB', (g) => (g.name = KB10), 'goal.name', 'goal.name: must be at most 120 characters'],
        ['a NUL in the description', (g) => (g.description = 'a\u0000b'), 'goal.description', /\(U\+0000\)/],
        [
          'a target of 1.7e308',
          (g) => (g.target = { value: HUGE, unit: 'EUR' }),
          'goal.target.value',
          /between -10,000,000,000,000 and 10,000,000,000,000/,
        ],
        ['a target of -1.7e308', (g) => (g.target = { value: -HUGE, unit: 'EUR' }), 'goal.target.value'],
        [
          'a target past 10 trillion',
          (g) => (g.target = { value: 1e13 + 1, unit: 'EUR' }),
          'goal.target.value',
        ],
        [
          'an invisible character in the unit',
          (g) => (g.target = { value: 100, unit: 'EU\u200BR' }),
          'goal.target.unit',
          /\(U\+200B\)/,
        ],
        [
          'a unit of 31 characters',
          (g) => (g.target = { value: 100, unit: 'x'.repeat(31) }),
          'goal.target.unit',
        ],
        ['a weight of 1e308', (g) => (g.weight = 1e308), 'goal.weight'],
        [
          'a start of 2026-99-99',
          (g) => (g.period = { start: '2026-99-99', end: '2026-12-31' }),
          'goal.period.start',
          'goal.period.start: is not a real calendar date',
        ],
        [
          'an end of 2026-02-29',
          (g) => (g.period = { start: '2026-01-01', end: '2026-02-29' }),
          'goal.period.end',
          'goal.period.end: is not a real calendar date',
        ],
        [
          'a start of 2026-2-1',
          (g) => (g.period = { start: '2026-2-1', end: '2026-12-31' }),
          'goal.period.start',
          /must be a date like 2026-03-31/,
        ],
        [
          'a start in the year 0',
          (g) => (g.period = { start: '0000-01-01', end: '2026-12-31' }),
          'goal.period.start',
          /must be in the years 1900 to 2199/,
        ],
        ['an end of 10 KB', (g) => (g.period = { start: '2026-01-01', end: KB10 }), 'goal.period.end'],
        [
          'an owner with a zero-width space',
          (g) => (g.ownerAccountId = '5b10ac8d\u200B'),
          'goal.ownerAccountId',
          /must be a Jira account id/,
        ],
        ['an id of __proto__', (g) => (g.id = '__proto__'), 'goal.id'],
        ['a status of constructor', (g) => (g.status = 'constructor'), 'goal.status'],
      ]),
    )('$what', async ({ change, field, message }) => {
      await expectRefused(stack, goal(change), field, message);
    });

    it('names every problem of one payload, the first as the field', async () => {
      const before = await state(stack);
      const result = await stack.call(
        'config/saveGoal',
        PMO,
        goal((g) => {
          g.name = 'Gro\u200Bwth';
          g.weight = 0;
          g.target = { value: HUGE, unit: 'EUR' };
        }).payload,
      );
      expect(!result.ok && result.error.field).toBe('goal.name');
      const message = result.ok ? '' : result.error.message;
      expect(message).toContain('goal.name: contains an invisible or control character (U+200B)');
      expect(message).toContain('goal.weight: must be 1 to 10');
      expect(message).toContain('goal.target.value: must be between');
      expect(await state(stack)).toEqual(before);
    });
  });

  describe('config/saveProject', () => {
    it.each(
      cases([
        [
          'a benefit of 1.7e308',
          (p) => (p.benefits = [record({ amount: HUGE })]),
          'project.benefits.0.amount',
          /between -10,000,000,000,000 and 10,000,000,000,000/,
        ],
        [
          'a benefit of -1e14',
          (p) => (p.benefits = [record({ amount: -1e14 })]),
          'project.benefits.0.amount',
        ],
        [
          'a benefit dated 2026-99-99',
          (p) => (p.benefits = [record({ date: '2026-99-99' })]),
          'project.benefits.0.date',
          /is not a real calendar date/,
        ],
        [
          'a benefit note with an escape character',
          (p) => (p.benefits = [record({ note: 'a\u001Bb' })]),
          'project.benefits.0.note',
          /\(U\+001B\)/,
        ],
        [
          'a benefit note of 501 characters',
          (p) => (p.benefits = [record({ note: 'x'.repeat(501) })]),
          'project.benefits.0.note',
        ],
        [
          'a benefit id used twice',
          (p) => (p.benefits = [record({}), record({})]),
          'project.benefits',
          /the id “b-1” appears twice \(records 1 and 2\)/,
        ],
        [
          '501 benefit records',
          (p) => (p.benefits = Array.from({ length: 501 }, (_, i) => record({ id: `b-${i}` }))),
          'project.benefits',
          /at most 500/,
        ],
        ['a budget of 1.7e308', (p) => (p.budget = HUGE), 'project.budget'],
        ['an actual cost below zero', (p) => (p.actualCost = -1), 'project.actualCost', /cannot be negative/],
        [
          'an expected benefit past 10 trillion',
          (p) => (p.expectedBenefit = 2e13),
          'project.expectedBenefit',
        ],
        [
          'a baseline date of 2026-13-01',
          (p) => (p.baselineDate = '2026-13-01'),
          'project.baselineDate',
          /is not a real calendar date/,
        ],
        [
          'a target date of 2026-02-30',
          (p) => (p.targetDate = '2026-02-30'),
          'project.targetDate',
          /is not a real calendar date/,
        ],
        [
          'a target date in 9999',
          (p) => (p.targetDate = '9999-12-31'),
          'project.targetDate',
          /must be in the years 1900 to 2199/,
        ],
        [
          'a zero-width joiner in the name',
          (p) => (p.name = 'Check\u200Dout'),
          'project.name',
          /\(U\+200D\)/,
        ],
        ['a name of 10 KB', (p) => (p.name = KB10), 'project.name'],
        [
          'a C1 control in the description',
          (p) => (p.description = 'a\u0085b'),
          'project.description',
          /\(U\+0085\)/,
        ],
        [
          'an invisible character in a tag',
          (p) => (p.tags = ['ok', 'ta\u2060g']),
          'project.tags.1',
          /\(U\+2060\)/,
        ],
        [
          'a tag twice',
          (p) => (p.tags = ['Urgent', 'URGENT ']),
          'project.tags',
          /“Urgent” appears twice \(tags 1 and 2\)/,
        ],
        ['a tag of 41 characters', (p) => (p.tags = ['x'.repeat(41)]), 'project.tags.0'],
        ['21 tags', (p) => (p.tags = Array.from({ length: 21 }, (_, i) => `t${i}`)), 'project.tags'],
        [
          'an epic key of 10 KB',
          (p) => (p.scope = { epicKeys: [`${KB10}-1`], projectKeys: [], jql: null }),
          'project.scope.epicKeys.0',
        ],
        [
          'a Jira project key of 10 KB',
          (p) => (p.scope = { epicKeys: [], projectKeys: [KB10.toUpperCase()], jql: null }),
          'project.scope.projectKeys.0',
        ],
        [
          'a goal level of 4',
          (p) => (p.goals = [{ goalId: SAMPLE.goals[0]!.id, level: 4 }]),
          'project.goals.0.level',
          /must be 1 \(supports\), 2 \(contributes\) or 3 \(drives\)/,
        ],
      ]),
    )('$what', async ({ change, field, message }) => {
      await expectRefused(stack, project(change), field, message);
    });
  });

  describe('config/import', () => {
    it.each(
      cases([
        [
          'two goals of one name',
          (d) => (at(d, 'goals', 2).name = ` ${SAMPLE.goals[0]!.name.toUpperCase()} `),
          'document.goals',
          `document.goals: “${SAMPLE.goals[0]!.name}” appears twice (goals 1 and 3)`,
        ],
        [
          'two PMO projects of one name',
          (d) => (at(d, 'projects', 4).name = `${SAMPLE.projects[1]!.name}\u00A0`),
          'document.projects',
          `document.projects: “${SAMPLE.projects[1]!.name}” appears twice (PMO projects 2 and 5)`,
        ],
        [
          'two goals of one id',
          (d) => (at(d, 'goals', 1).id = SAMPLE.goals[0]!.id),
          'document.goals',
          /the id “.+” appears twice \(goals 1 and 2\)/,
        ],
        [
          'an invisible character in a goal name',
          (d) => (at(d, 'goals', 1).name = 'Gro\u200Bwth'),
          'document.goals.1.name',
          /\(U\+200B\)/,
        ],
        [
          'a goal ending 2026-99-99',
          (d) => (at(d, 'goals', 1, 'period').end = '2026-99-99'),
          'document.goals.1.period.end',
          /is not a real calendar date/,
        ],
        [
          'a benefit of 1.7e308',
          (d) => (at(d, 'projects', 0, 'benefits', 0).amount = HUGE),
          'document.projects.0.benefits.0.amount',
        ],
        [
          'a benefit dated 2026-02-30',
          (d) => (at(d, 'projects', 0, 'benefits', 0).date = '2026-02-30'),
          'document.projects.0.benefits.0.date',
        ],
        [
          'a target date of 2026-04-31',
          (d) => (at(d, 'projects', 2).targetDate = '2026-04-31'),
          'document.projects.2.targetDate',
        ],
        ['an exportedAt of 10 KB', (d) => (d.exportedAt = KB10), 'document.exportedAt'],
        [
          '101 goals',
          (d) =>
            (d.goals = Array.from({ length: 101 }, (_, i) => ({
              ...SAMPLE.goals[0]!,
              id: `g-${i}`,
              name: `Goal ${i}`,
            }))),
          'document.goals',
          /at most 100 goals/,
        ],
        [
          'a PMO-lead group with a zero-width space',
          (d) => (at(d, 'settings').pmoLeadGroup = 'pmo-leads\u200B'),
          'document.settings.pmoLeadGroup',
          /\(U\+200B\)/,
        ],
        [
          'a wait status with a NUL',
          (d) => (at(d, 'settings').waitStatuses = ['Blocked\u0000']),
          'document.settings.waitStatuses.0',
        ],
        ['a time zone of 10 KB', (d) => (at(d, 'settings').timeZone = KB10), 'document.settings.timeZone'],
      ]),
    )('$what', async ({ change, field, message }) => {
      await expectRefused(stack, importing(change), field, message);
    });
  });

  describe('config/saveSettings', () => {
    it.each(
      cases([
        [
          'a PMO-lead group with a zero-width space',
          (s) => (s.pmoLeadGroup = '\u200Bpmo-leads'),
          'settings.pmoLeadGroup',
          /\(U\+200B\)/,
        ],
        ['an empty PMO-lead group', (s) => (s.pmoLeadGroup = '  '), 'settings.pmoLeadGroup', /is required/],
        ['a PMO-lead group of 10 KB', (s) => (s.pmoLeadGroup = KB10), 'settings.pmoLeadGroup'],
        [
          'a wait status with a line break',
          (s) => (s.waitStatuses = ['Blocked\n']),
          'settings.waitStatuses.0',
        ],
        ['a trailing window of 1e308 days', (s) => (s.trailingDays = 1e308), 'settings.trailingDays'],
        [
          'a threshold of 1.7e308',
          (s) => (at(s, 'thresholds').scheduleGreen = HUGE),
          'settings.thresholds.scheduleGreen',
          /must be 0 to 100/,
        ],
        [
          'a threshold below zero',
          (s) => (at(s, 'thresholds').agingAmber = -1),
          'settings.thresholds.agingAmber',
        ],
        [
          'a Jira project key of 10 KB',
          (s) => (s.portfolioProjects = [KB10.toUpperCase()]),
          'settings.portfolioProjects.0',
        ],
        [
          'a time zone that is not one',
          (s) => (s.timeZone = 'Mars/Olympus_Mons'),
          'settings.timeZone',
          /IANA time zone/,
        ],
      ]),
    )('$what', async ({ change, field, message }) => {
      await expectRefused(stack, saveSettings(change), field, message);
    });
  });

  it('refuses a name another goal or PMO project already has once normalised, changing nothing', async () => {
    const stored = SAMPLE.goals[0]!.name;
    await expectRefused(
      stack,
      goal((g) => (g.name = `  ${stored.toUpperCase()}\u00A0`)),
      'goal.name',
      `goal.name: another goal is already called “${stored}”`,
    );
    const wide = [...SAMPLE.projects[0]!.name]
      .map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join('');
    await expectRefused(
      stack,
      project((p) => (p.name = wide)),
      'project.name',
      `project.name: another PMO project is already called “${SAMPLE.projects[0]!.name}”`,
    );
  });

  it('takes what is good: names normalised, notes on several lines, a benefit correction below zero', async () => {
    const saved = ok(
      await stack.call<StrategicGoal>(
        'config/saveGoal',
        PMO,
        goal((g) => {
          g.name = '  Ｎｅｗ\u00A0\u00A0 goal ';
          g.description = 'first line\nsecond line';
          g.target = { value: -20, unit: 'NPS' };
        }).payload,
      ),
    );
    expect(saved).toMatchObject({ name: 'New goal', description: 'first line\nsecond line' });
    const withCorrection = ok(
      await stack.call<{ benefits: unknown[]; tags: string[] }>(
        'config/saveProject',
        PMO,
        project((p) => {
          p.benefits = [
            record({ amount: 5000 }),
            record({ id: 'b-2', amount: -1500, note: 'Reversed:\nrefund' }),
          ];
          p.tags = [' ｒｉｓｋ ', 'Urgent'];
        }).payload,
      ),
    );
    expect(withCorrection.tags).toEqual(['risk', 'Urgent']);
    expect(withCorrection.benefits).toHaveLength(2);
  });

  function record(fields: Record<string, unknown>) {
    return { id: 'b-1', date: '2026-03-01', amount: 1000, note: '', ...fields };
  }
});

/**
 * Checks the writer makes against what is stored and who is asking. They belong to the configuration
 * service (src/services/configuration), which does not make them all yet: these tests say what it must do.
 */
describe('after the writer checks', () => {
  let stack: ResolverStack;
  beforeEach(async () => {
    stack = await startResolverStack({ seed: 21, issues: 200, now: NOW });
    ok(await stack.call('config/import', PMO, { document: SAMPLE }));
  }, 60_000);
  afterEach(async () => {
    await stack.close();
  });

  const lockout = (group: string) =>
    `pmoLeadGroup: you are not in “${group}” and not a Jira administrator; saving would lock you out of these settings`;

  const settingsPayload = async (change: Change) => {
    const { version, ...settings } = ok(await stack.call<PortfolioConfigView>('config/get', PMO)).settings;
    return { settings: edited(settings, change), expectedVersion: version };
  };

  it('refuses settings that would lock the PMO lead saving them out, changing nothing', async () => {
    const before = await state(stack);
    const result = await stack.call(
      'config/saveSettings',
      PMO,
      await settingsPayload((s) => (s.pmoLeadGroup = 'portfolio-office')),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('settings.pmoLeadGroup');
      expect(result.error.message).toContain(lockout('portfolio-office'));
    }
    expect(await state(stack)).toEqual(before);
    // Still a PMO lead.
    expect(ok(await stack.call<PortfolioConfigView>('config/get', PMO)).canConfigure).toBe(true);
  });

  it('refuses an import that would lock the PMO lead importing it out, changing nothing', async () => {
    const before = await state(stack);
    const result = await stack.call('config/import', PMO, {
      document: edited(SAMPLE, (d) => (at(d, 'settings').pmoLeadGroup = 'portfolio-office')),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe('document.settings.pmoLeadGroup');
      expect(result.error.message).toContain(lockout('portfolio-office'));
    }
    expect(await state(stack)).toEqual(before);
  });

  it('lets a Jira administrator move the PMO-lead group to one they are not in', async () => {
    const result = await stack.call(
      'config/saveSettings',
      ADMIN,
      await settingsPayload((s) => (s.pmoLeadGroup = 'portfolio-office')),
    );
    expect(result.ok).toBe(true);
    expect(ok(await stack.call<PortfolioConfigView>('config/get', ADMIN)).settings.pmoLeadGroup).toBe(
      'portfolio-office',
    );
  });

  it('refuses a goal name that folds to a stored one (Straße, STRASSE), changing nothing', async () => {
    ok(
      await stack.call('config/saveGoal', PMO, {
        goal: goalInput({ name: 'Straße' }),
        expectedVersion: null,
      }),
    );
    const before = await state(stack);
    const result = await stack.call('config/saveGoal', PMO, {
      goal: goalInput({ name: 'STRASSE' }),
      expectedVersion: null,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        field: 'goal.name',
        message: 'goal.name: another goal is already called “Straße”',
      },
    });
    expect(await state(stack)).toEqual(before);
  });

  it('refuses a PMO project renamed to a name that folds to another’s, changing nothing', async () => {
    const [first, second] = ok(await stack.call<PortfolioConfigView>('config/get', PMO)).projects;
    ok(
      await stack.call('config/saveProject', PMO, {
        project: { ...projectWithout(first!), name: 'Maßnahmen' },
        expectedVersion: first!.version,
      }),
    );
    const before = await state(stack);
    const result = await stack.call('config/saveProject', PMO, {
      project: { ...projectWithout(second!), name: 'MASSNAHMEN' },
      expectedVersion: second!.version,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        field: 'project.name',
        message: 'project.name: another PMO project is already called “Maßnahmen”',
      },
    });
    expect(await state(stack)).toEqual(before);
  });
});

function projectWithout<T extends { version: number }>(project: T): Omit<T, 'version'> {
  const { version: _v, ...rest } = project;
  return rest;
}

describe('the surfaces refuse an id that is not one, or names nothing, by its field', () => {
  let stack: ResolverStack;
  beforeAll(async () => {
    stack = await startResolverStack({ seed: 21, issues: 300, now: NOW });
    ok(await stack.call('config/import', PMO, { document: SAMPLE }));
    await stack.sync();
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  const BAD_SHAPES: unknown[] = [
    '__proto__',
    KB10,
    'Proj X',
    'proj:0',
    '',
    5,
    1e308,
    true,
    {},
    ['proj-data'],
  ];
  const UNKNOWN = ['constructor', 'nope', 'prototype', 'hasownproperty', 'portfolio'];

  /** Each surface, the field in its payload that holds an id, and what kind of id it holds. */
  const surfaces: Array<{
    key: string;
    field: string;
    payload: (id: unknown) => unknown;
    kind: 'goal' | 'project';
    nullable: boolean;
  }> = [
    {
      key: 'reports/health',
      field: 'config.goalId',
      payload: (goalId) => ({ config: { goalId } }),
      kind: 'goal',
      nullable: true,
    },
    {
      key: 'reports/forecast',
      field: 'config.projectId',
      payload: (projectId) => ({ config: { projectId } }),
      kind: 'project',
      nullable: true,
    },
    {
      key: 'reports/wins',
      field: 'config.goalId',
      payload: (goalId) => ({ config: { goalId } }),
      kind: 'goal',
      nullable: true,
    },
    {
      key: 'reports/winsPage',
      field: 'goalId',
      payload: (goalId) => ({ goalId }),
      kind: 'goal',
      nullable: true,
    },
    {
      key: 'reports/flow',
      field: 'config.scope.id',
      payload: (id) => ({ config: { scope: { kind: 'project', id } } }),
      kind: 'project',
      nullable: false,
    },
    {
      key: 'reports/flow',
      field: 'config.scope.id',
      payload: (id) => ({ config: { scope: { kind: 'goal', id } } }),
      kind: 'goal',
      nullable: false,
    },
  ];

  const expectError = (result: Result<unknown>, kind: string, field: string) => {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe(kind);
    expect(result.error.field).toBe(field);
    expect(result.error.message.startsWith(`${field}: `)).toBe(true);
    // A message never carries a pasted 10 KB string back.
    expect(result.error.message.length).toBeLessThan(500);
  };

  it.each(surfaces.map((s) => [`${s.key} ${s.field} (${s.kind})`, s] as const))(
    '%s: a value that is not an id is a validation error',
    async (_name, surface) => {
      for (const id of BAD_SHAPES) {
        expectError(await stack.call(surface.key, DEV, surface.payload(id)), 'validation', surface.field);
      }
      const none = await stack.call(surface.key, DEV, surface.payload(null));
      if (surface.nullable) expect(none.ok).toBe(true);
      else expectError(none, 'validation', surface.field);
    },
  );

  it.each(surfaces.map((s) => [`${s.key} ${s.field} (${s.kind})`, s] as const))(
    '%s: an id the snapshot does not have is not found',
    async (_name, surface) => {
      for (const id of UNKNOWN) {
        const result = await stack.call(surface.key, DEV, surface.payload(id));
        expectError(result, 'not-found', surface.field);
        if (!result.ok) {
          expect(result.error.message).toContain(`"${id}"`);
          expect(result.error.message).toContain(surface.kind === 'goal' ? 'no goal' : 'no PMO project');
        }
      }
      // The other kind's id is unknown too: a PMO project is not a goal.
      const other = surface.kind === 'goal' ? SAMPLE.projects[0]!.id : SAMPLE.goals[0]!.id;
      expectError(await stack.call(surface.key, DEV, surface.payload(other)), 'not-found', surface.field);
      const known = surface.kind === 'goal' ? SAMPLE.goals[0]!.id : SAMPLE.projects[0]!.id;
      expect((await stack.call(surface.key, DEV, surface.payload(known))).ok).toBe(true);
    },
  );

  it('reports/flow: the portfolio is the one scope with the id "portfolio"', async () => {
    const flow = (scope: unknown) => stack.call('reports/flow', DEV, { config: { scope } });
    expect((await flow({ kind: 'portfolio', id: 'portfolio' })).ok).toBe(true);
    for (const id of ['constructor', '__proto__', KB10, null, 7]) {
      expectError(await flow({ kind: 'portfolio', id }), 'validation', 'config.scope.id');
    }
    for (const kind of ['__proto__', 'constructor', 'epic', null, 3]) {
      expectError(await flow({ kind, id: 'portfolio' }), 'validation', 'config.scope.kind');
    }
  });

  it('reports/value and every gadget: a configuration that is not one is a validation error', async () => {
    for (const key of [
      'reports/health',
      'reports/flow',
      'reports/value',
      'reports/forecast',
      'reports/wins',
    ]) {
      for (const config of ['__proto__', KB10, 5, null, ['x']]) {
        expectError(await stack.call(key, DEV, { config }), 'validation', 'config');
      }
      for (const payload of ['__proto__', 5, [1]]) {
        expectError(await stack.call(key, DEV, payload), 'validation', 'payload');
      }
      // An own property named __proto__ (as JSON.parse makes it) is ignored like any unknown field.
      const parsed = JSON.parse('{"config": {"__proto__": {"goalId": "constructor"}}}') as unknown;
      expect((await stack.call(key, DEV, parsed)).ok).toBe(true);
    }
    for (const period of ['__proto__', 'constructor', KB10, null, 5]) {
      expectError(
        await stack.call('reports/value', DEV, { config: { period } }),
        'validation',
        'config.period',
      );
    }
  });

  it('reports/winsPage: a quarter that is not one, or is not reported, is refused by name', async () => {
    for (const quarter of ['__proto__', 'constructor', KB10, 2026, 'Q3']) {
      expectError(await stack.call('reports/winsPage', DEV, { quarter }), 'validation', 'quarter');
    }
    const old = await stack.call('reports/winsPage', DEV, { quarter: '1999-Q1' });
    expect(old).toMatchObject({ ok: false, error: { kind: 'not-found', field: 'quarter' } });
    if (!old.ok) expect(old.error.message).toContain('quarter must be one of');
  });
});
