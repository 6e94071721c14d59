import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  calendarDateProblem,
  cleanName,
  duplicateNames,
  hiddenCharacter,
  normalizedName,
} from '../../src/contract/input';
import { parsePayload } from '../../src/resolvers/request';
import {
  calendarDate,
  documentSchema,
  goalInputSchema,
  normalizedName as reexported,
  projectInputSchema,
  settingsInputSchema,
} from '../../src/services/configuration/schemas';
import { AppFailure } from '../../src/services/errors';
import { goalInput, projectInput } from '../builders/pmo';

const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as { goals: Array<Record<string, unknown>>; projects: Array<Record<string, unknown>>; settings: object };

/** Every problem of a parse, as `path: message`. */
const problems = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

const project = (params: Parameters<typeof projectInput>[0] = {}) =>
  projectInput({ scope: { epicKeys: [], projectKeys: ['PAY'], jql: null }, ...params });

describe('calendar dates', () => {
  it.each([
    ['2026-03-31', undefined],
    ['2024-02-29', undefined],
    ['2000-02-29', undefined],
    ['1900-01-01', undefined],
    ['2199-12-31', undefined],
    ['2026-99-99', 'is not a real calendar date'],
    ['2026-02-29', 'is not a real calendar date'],
    ['1900-02-29', 'is not a real calendar date'],
    ['2026-04-31', 'is not a real calendar date'],
    ['2026-00-10', 'is not a real calendar date'],
    ['2026-01-00', 'is not a real calendar date'],
    ['0000-01-01', 'must be in the years 1900 to 2199'],
    ['9999-12-31', 'must be in the years 1900 to 2199'],
    ['2026-3-1', 'must be a date like 2026-03-31'],
    ['10000-01-01', 'must be a date like 2026-03-31'],
    ['2026-03-31T00:00:00Z', 'must be a date like 2026-03-31'],
    [' 2026-03-31', 'must be a date like 2026-03-31'],
    ['２０２６-03-31', 'must be a date like 2026-03-31'],
    ['', 'must be a date like 2026-03-31'],
  ])('%j: %s', (text, problem) => {
    expect(calendarDateProblem(text)).toBe(problem);
    const parsed = calendarDate.safeParse(text);
    expect(parsed.success).toBe(problem === undefined);
    // One message for one bad date, never two.
    if (problem) expect(problems(parsed)).toEqual([`: ${problem}`]);
  });

  it('refuses what is not text', () => {
    for (const value of [20260331, null, undefined, {}, ['2026-03-31']]) {
      expect(calendarDate.safeParse(value).success).toBe(false);
    }
  });

  it('is what every date of the PMO model goes through', () => {
    const goal = goalInputSchema.safeParse({
      ...goalInput(),
      period: { start: '2026-99-99', end: '2026-02-30' },
    });
    expect(problems(goal)).toEqual([
      'period.start: is not a real calendar date',
      'period.end: is not a real calendar date',
    ]);
    const dates = projectInputSchema.safeParse({
      ...project(),
      baselineDate: '2026-13-01',
      targetDate: '1850-01-01',
      benefits: [{ id: 'b-1', date: '2026-06-31', amount: 10, note: '' }],
    });
    expect(problems(dates)).toEqual([
      'baselineDate: is not a real calendar date',
      'targetDate: must be in the years 1900 to 2199',
      'benefits.0.date: is not a real calendar date',
    ]);
  });
});

describe('amounts and counts are bounded', () => {
  it('refuses money past 10 trillion, below zero, or not finite', () => {
    for (const field of ['budget', 'actualCost', 'expectedBenefit'] as const) {
      expect(projectInputSchema.safeParse({ ...project(), [field]: 1e13 }).success).toBe(true);
      for (const bad of [1.7e308, 1e13 + 1, -1, Infinity, NaN]) {
        const parsed = projectInputSchema.safeParse({ ...project(), [field]: bad });
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.path).toEqual([field]);
      }
    }
  });

  it('takes a benefit record below zero (a correction) but not past 10 trillion either way', () => {
    const record = (amount: number) => ({ id: 'b-1', date: '2026-03-01', amount, note: 'reversal' });
    expect(projectInputSchema.safeParse({ ...project(), benefits: [record(-25_000)] }).success).toBe(true);
    expect(projectInputSchema.safeParse({ ...project(), benefits: [record(-1e13)] }).success).toBe(true);
    for (const bad of [1.7e308, -1.7e308, 1e14, -1e14, Infinity, -Infinity, NaN]) {
      const parsed = projectInputSchema.safeParse({ ...project(), benefits: [record(bad)] });
      expect(problems(parsed)[0]).toMatch(/^benefits\.0\.amount: /);
    }
  });

  it('bounds a goal’s target either way (an NPS target may be below zero) and its weight', () => {
    const target = (value: number) =>
      goalInputSchema.safeParse({ ...goalInput(), target: { value, unit: 'NPS' } });
    expect(target(-20).success).toBe(true);
    expect(problems(target(1.7e308))).toEqual([
      'target.value: must be between -10,000,000,000,000 and 10,000,000,000,000',
    ]);
    expect(problems(target(-1.7e308))[0]).toMatch(/^target\.value: /);
    expect(target(Infinity).success).toBe(false);
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), weight: 1e308 }))).toEqual([
      'weight: must be a whole number',
      'weight: must be 1 to 10',
    ]);
  });

  it('bounds lists and the length of every text', () => {
    const long = (n: number) => 'x'.repeat(n);
    expect(
      problems(
        projectInputSchema.safeParse({ ...project(), tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
      ),
    ).toEqual(['tags: must be at most 20 tags']);
    expect(problems(projectInputSchema.safeParse({ ...project(), tags: [long(41)] }))).toEqual([
      'tags.0: must be at most 40 characters',
    ]);
    expect(
      problems(
        projectInputSchema.safeParse({
          ...project(),
          benefits: Array.from({ length: 501 }, (_, i) => ({
            id: `b-${i}`,
            date: '2026-01-01',
            amount: 1,
            note: '',
          })),
        }),
      ),
    ).toEqual(['benefits: must be at most 500 records']);
    expect(problems(projectInputSchema.safeParse({ ...project(), name: long(10_000) }))).toEqual([
      'name: must be at most 120 characters',
    ]);
    expect(
      problems(goalInputSchema.safeParse({ ...goalInput(), target: { value: 1, unit: long(31) } })),
    ).toEqual(['target.unit: must be at most 30 characters']);
    expect(
      problems(
        projectInputSchema.safeParse({
          ...project(),
          benefits: [{ id: 'b', date: '2026-01-01', amount: 1, note: long(501) }],
        }),
      ),
    ).toEqual(['benefits.0.note: must be at most 500 characters']);
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), description: long(4001) }))).toEqual([
      'description: must be at most 4,000 characters',
    ]);
    expect(
      problems(
        projectInputSchema.safeParse({
          ...project(),
          scope: { epicKeys: [`${'A'.repeat(300)}-1`], projectKeys: [], jql: null },
        }),
      ),
    ).toEqual(['scope.epicKeys.0: must be issue keys like PAY-12']);
    expect(problems(settingsInputSchema.safeParse({ ...SAMPLE.settings, timeZone: long(10_000) }))[0]).toBe(
      'timeZone: must be an IANA time zone like Europe/Berlin',
    );
  });
});

describe('names and free text', () => {
  it('finds control and invisible characters, naming the first', () => {
    expect(hiddenCharacter('Grow revenue', { newlines: false })).toBeUndefined();
    expect(hiddenCharacter('Café – Ünïcödé 😀 ½', { newlines: false })).toBeUndefined();
    const hidden = [
      '\u0000',
      '\u0007',
      '\t',
      '\n',
      '\r',
      '\u001B',
      '\u007F',
      '\u0085',
      '\u009F',
      '\u00AD',
      '\u200B',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u200F',
      '\u2028',
      '\u2029',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2060',
      '\u2061',
      '\u2062',
      '\u2063',
      '\u2064',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\uFEFF',
      '\u061C',
      '\u180E',
      '\u3164',
      '\u{E0041}',
      '\uD800',
    ];
    for (const c of hidden) {
      const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      expect(hiddenCharacter(`Grow${c}th`, { newlines: false })).toBe(code);
    }
    // Notes keep their line breaks, and nothing else of the kind.
    expect(hiddenCharacter('line one\nline two\r\nthree', { newlines: true })).toBeUndefined();
    for (const c of hidden.filter((c) => c !== '\n' && c !== '\r')) {
      expect(hiddenCharacter(`a${c}b`, { newlines: true })).toBeDefined();
    }
  });

  it('refuses them in names, units, tags, notes, descriptions, groups and statuses, with one message', () => {
    const message = 'contains an invisible or control character (U+200B)';
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), name: 'Gro\u200Bwth' }))).toEqual([
      `name: ${message}`,
    ]);
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), name: 'Grow\nth' }))).toEqual([
      'name: contains an invisible or control character (U+000A)',
    ]);
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), name: '\u202Eeunever' }))).toEqual([
      'name: contains an invisible or control character (U+202E)',
    ]);
    expect(
      problems(goalInputSchema.safeParse({ ...goalInput(), target: { value: 1, unit: 'EU\u200BR' } })),
    ).toEqual([`target.unit: ${message}`]);
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), description: 'a\u0007b' }))).toEqual([
      'description: contains an invisible or control character (U+0007)',
    ]);
    expect(goalInputSchema.safeParse({ ...goalInput(), description: 'two\nlines' }).success).toBe(true);
    expect(problems(projectInputSchema.safeParse({ ...project(), tags: ['ok', 'ta\u200Bg'] }))).toEqual([
      `tags.1: ${message}`,
    ]);
    expect(
      problems(
        projectInputSchema.safeParse({
          ...project(),
          benefits: [{ id: 'b', date: '2026-01-01', amount: 1, note: 'x\u200By' }],
        }),
      ),
    ).toEqual([`benefits.0.note: ${message}`]);
    expect(
      problems(settingsInputSchema.safeParse({ ...SAMPLE.settings, pmoLeadGroup: 'pmo-leads\u200B' })),
    ).toEqual([`pmoLeadGroup: ${message}`]);
    expect(
      problems(settingsInputSchema.safeParse({ ...SAMPLE.settings, waitStatuses: ['Blocked\u0000'] })),
    ).toEqual(['waitStatuses.0: contains an invisible or control character (U+0000)']);
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), ownerAccountId: 'abc\u200B' }))).toEqual([
      'ownerAccountId: must be a Jira account id',
    ]);
  });

  it('stores names NFKC-normalised with white space collapsed', () => {
    expect(cleanName('  Ｇｒｏｗ\u00A0\u00A0 revenue\u3000 ')).toBe('Grow revenue');
    expect(cleanName('ﬁnance')).toBe('finance');
    expect(cleanName('Cafe\u0301')).toBe('Café');
    expect(goalInputSchema.parse({ ...goalInput(), name: '  Ｇｒｏｗ   revenue ' }).name).toBe(
      'Grow revenue',
    );
    expect(projectInputSchema.parse({ ...project(), tags: [' ｕｒｇｅｎｔ  now '] }).tags).toEqual([
      'urgent now',
    ]);
    // Units are not NFKC: m² stays m².
    expect(goalInputSchema.parse({ ...goalInput(), target: { value: 5, unit: ' m² ' } }).target?.unit).toBe(
      'm²',
    );
    expect(problems(goalInputSchema.safeParse({ ...goalInput(), name: ' \u00A0\u3000 ' }))).toEqual([
      'name: is required',
    ]);
  });

  it('compares names case-insensitively after normalising', () => {
    expect(reexported).toBe(normalizedName);
    const same = [
      ['Growth', 'GROWTH'],
      ['Grow  revenue', ' grow revenue '],
      ['Ｇｒｏｗｔｈ', 'growth'],
      ['Straße', 'STRASSE'],
      ['Café', 'CAFE\u0301'],
      ['ﬁnance', 'Finance'],
      ['Love ❤️', 'love ❤'],
    ];
    for (const [a, b] of same) expect(normalizedName(a!)).toBe(normalizedName(b!));
    expect(normalizedName('Growth')).not.toBe(normalizedName('Growth 2'));
    expect(duplicateNames(['Growth', 'Cost', 'GROWTH', 'cost ', 'Data', 'growth'])).toEqual([
      { name: 'Growth', positions: [1, 3, 6] },
      { name: 'Cost', positions: [2, 4] },
    ]);
  });

  it('refuses a tag twice in one PMO project, and the same benefit record id twice', () => {
    expect(
      problems(projectInputSchema.safeParse({ ...project(), tags: ['Urgent', 'risk', 'URGENT '] })),
    ).toEqual(['tags: “Urgent” appears twice (tags 1 and 3)']);
    const record = { id: 'b-1', date: '2026-01-01', amount: 1, note: '' };
    expect(problems(projectInputSchema.safeParse({ ...project(), benefits: [record, record] }))).toEqual([
      'benefits: the id “b-1” appears twice (records 1 and 2)',
    ]);
  });
});

describe('an imported document', () => {
  const document = (change: (doc: typeof SAMPLE) => void) => {
    const doc = structuredClone(SAMPLE);
    change(doc);
    return doc;
  };

  it('takes the sample portfolio as it is', () => {
    expect(documentSchema.safeParse(SAMPLE).success).toBe(true);
  });

  it('names every goal and PMO project name used twice, after normalising', () => {
    const doc = document((d) => {
      d.goals[2]!.name = ` ${String(d.goals[0]!.name).toUpperCase()} `;
      d.goals[4]!.name = String(d.goals[0]!.name);
      d.goals[3]!.name = `${String(d.goals[1]!.name)}\u00A0`;
      d.projects[5]!.name = String(d.projects[1]!.name).toLowerCase();
    });
    const [g0, g1, p1] = [SAMPLE.goals[0]!.name, SAMPLE.goals[1]!.name, SAMPLE.projects[1]!.name];
    expect(problems(documentSchema.safeParse(doc))).toEqual([
      `goals: “${g0}” appears 3 times (goals 1, 3 and 5)`,
      `goals: “${g1}” appears twice (goals 2 and 4)`,
      `projects: “${p1}” appears twice (PMO projects 2 and 6)`,
    ]);
  });

  it('names an id used twice', () => {
    const doc = document((d) => {
      d.goals[1]!.id = d.goals[0]!.id;
    });
    expect(problems(documentSchema.safeParse(doc))).toEqual([
      `goals: the id “${String(SAMPLE.goals[0]!.id)}” appears twice (goals 1 and 2)`,
    ]);
  });

  it('bounds its own fields and every entry’s', () => {
    expect(problems(documentSchema.safeParse({ ...SAMPLE, exportedAt: 'x'.repeat(10_000) }))).toEqual([
      'exportedAt: must be at most 64 characters',
    ]);
    const many = document((d) => {
      d.goals = Array.from({ length: 101 }, (_, i) => ({ ...d.goals[0]!, id: `g-${i}`, name: `Goal ${i}` }));
    });
    expect(problems(documentSchema.safeParse(many))).toEqual(['goals: must be at most 100 goals']);
  });
});

describe('a refused payload names every problem', () => {
  const refusal = (payload: unknown) => {
    try {
      parsePayload(goalInputSchema, payload);
    } catch (error) {
      return error as AppFailure;
    }
    throw new Error('expected a refusal');
  };

  it('joins the problems, each with its field, and keeps the first field as the field', () => {
    const error = refusal({
      ...goalInput(),
      name: '',
      weight: 11,
      period: { start: '2026-02-30', end: '2026-03-01' },
    });
    expect(error).toBeInstanceOf(AppFailure);
    expect(error.kind).toBe('validation');
    expect(error.field).toBe('name');
    expect(error.message).toBe(
      'name: is required; weight: must be 1 to 10; period.start: is not a real calendar date',
    );
  });

  it('says one problem as before', () => {
    const error = refusal({ ...goalInput(), weight: 0 });
    expect({ field: error.field, message: error.message }).toEqual({
      field: 'weight',
      message: 'weight: must be 1 to 10',
    });
    expect(refusal('nonsense').message).toBe('payload: Invalid input: expected object, received string');
  });

  it('counts what it does not spell out', () => {
    const schema = projectInputSchema;
    let error: AppFailure | undefined;
    try {
      parsePayload(schema, { ...project(), tags: Array.from({ length: 15 }, (_, i) => `bad\u200B${i}`) });
    } catch (e) {
      error = e as AppFailure;
    }
    expect(error?.field).toBe('tags.0');
    expect(error?.message.split('; ')).toHaveLength(11);
    expect(error?.message).toMatch(/; and 5 more problems$/);
  });
});
