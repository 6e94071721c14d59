import { z } from 'zod';
import {
  MAX_AMOUNT,
  calendarDateProblem,
  cleanName,
  duplicateMessage,
  duplicateNames,
  hiddenCharacter,
  hiddenCharacterMessage,
  isCalendarDate,
} from '../../contract/input';
import { thresholdsSchema } from './settings';
import { hasOrderBy } from '../sync/scope';

export { normalizedName } from '../../contract/input';

/**
 * Validation of everything a PMO lead enters; messages name the field in the PMO's words. A payload that
 * fails any check is refused whole, before anything is read from Jira or written.
 */
export const LIMITS = { goals: 100, projects: 500, epicsPerProject: 500, benefits: 500, tags: 20 } as const;

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2026-02-30, no 2026-99-99), in the years 1900 to 2199: one
 * message for what is wrong with it. Every date the app takes goes through this schema.
 */
export const calendarDate = z.string().superRefine((text, ctx) => {
  const problem = calendarDateProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Text that shows as it is: no control or invisible characters (line breaks only where `newlines`). */
const visible = (newlines: boolean) =>
  z.string().superRefine((text, ctx) => {
    const found = hiddenCharacter(text, { newlines });
    if (found) ctx.addIssue({ code: 'custom', message: hiddenCharacterMessage(found) });
  });

const atMost = (max: number) => `must be at most ${max.toLocaleString('en')} characters`;

/**
 * A name (of a goal, a PMO project, a tag): visible characters only, stored NFKC-normalised with its white
 * space collapsed (cleanName), required. Compare names with normalizedName.
 */
const nameOf = (max: number) =>
  visible(false)
    .max(max * 4, atMost(max))
    .transform(cleanName)
    .pipe(z.string().min(1, 'is required').max(max, atMost(max)));
/** A unit (EUR, NPS, m²): visible characters only, white space collapsed, not NFKC (m² stays m²). */
const unit = visible(false)
  .max(120, atMost(30))
  .transform((u) => u.normalize('NFC').replace(/\s+/gu, ' ').trim())
  .pipe(z.string().min(1, 'is required').max(30, atMost(30)));
/** Notes and descriptions: several lines allowed, nothing invisible. */
export const multiline = (max: number) => visible(true).max(max, atMost(max));
/** A one-line title: visible characters only, trimmed. */
export const oneLine = (max: number) => visible(false).trim().max(max, atMost(max));
/** Names that must match Jira's exactly (a group, a status): visible characters only, trimmed. */
const jiraName = visible(false).trim().min(1, 'is required').max(255, atMost(255));

const name = nameOf(120);
const text = multiline(4000);
/** Money the PMO lead enters: budgets, costs, expected benefits. */
const money = z.number().min(0, 'cannot be negative').max(MAX_AMOUNT, 'must be at most 10,000,000,000,000');
/** An amount that may be below zero: a benefit record correcting an earlier one, a target such as an NPS. */
const signedAmount = z
  .number()
  .min(-MAX_AMOUNT, 'must be between -10,000,000,000,000 and 10,000,000,000,000')
  .max(MAX_AMOUNT, 'must be between -10,000,000,000,000 and 10,000,000,000,000');
const accountId = z
  .string()
  .trim()
  .regex(/^[\x21-\x7E]{1,128}$/, 'must be a Jira account id')
  .nullable();
export const epicKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,254}-\d{1,18}$/, 'must be issue keys like PAY-12');
export const projectKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be Jira project keys like PAY');
const id = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be a short id of lowercase letters, digits and dashes');

/** One issue per name used more than once in `names`, at `path`, naming every place it appears. */
function refuseDuplicates(
  ctx: z.RefinementCtx,
  names: readonly string[],
  path: (string | number)[],
  items: string,
) {
  for (const duplicate of duplicateNames(names)) {
    ctx.addIssue({ code: 'custom', path, message: duplicateMessage(duplicate, items) });
  }
}

/** Ids are compared as they are: one issue per id used more than once. */
function refuseDuplicateIds(
  ctx: z.RefinementCtx,
  ids: readonly string[],
  path: (string | number)[],
  items: string,
) {
  const positions = new Map<string, number[]>();
  ids.forEach((value, i) => positions.set(value, [...(positions.get(value) ?? []), i + 1]));
  for (const [value, at] of positions) {
    if (at.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `the id ${duplicateMessage({ name: value, positions: at }, items)}`,
      });
    }
  }
}

export const goalInputSchema = z
  .object({
    id: id.optional(),
    name,
    description: text.default(''),
    ownerAccountId: accountId.default(null),
    weight: z.number().int('must be a whole number').min(1, 'must be 1 to 10').max(10, 'must be 1 to 10'),
    period: z.object({ start: calendarDate, end: calendarDate }),
    target: z.object({ value: signedAmount, unit }).nullable(),
    status: z.enum(['draft', 'active', 'achieved', 'dropped'], {
      error: 'must be draft, active, achieved or dropped',
    }),
  })
  .superRefine((goal, ctx) => {
    const { start, end } = goal.period;
    if (isCalendarDate(start) && isCalendarDate(end) && end < start) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'must not be before the start' });
    }
  });

const benefitSchema = z.object({
  id: id,
  date: calendarDate,
  amount: signedAmount,
  note: multiline(500).default(''),
});

export const projectInputSchema = z
  .object({
    id: id.optional(),
    name,
    ownerAccountId: accountId.default(null),
    description: text.default(''),
    goals: z
      .array(
        z.object({
          goalId: id,
          level: z.literal([1, 2, 3], { error: 'must be 1 (supports), 2 (contributes) or 3 (drives)' }),
        }),
      )
      .max(LIMITS.goals, `must be at most ${LIMITS.goals} goals`),
    scope: z.object({
      epicKeys: z
        .array(epicKey)
        .max(LIMITS.epicsPerProject, `must be at most ${LIMITS.epicsPerProject} epics`),
      projectKeys: z.array(projectKey).max(50, 'must be at most 50 Jira projects'),
      jql: z
        .string()
        .trim()
        .max(4000, atMost(4000))
        .nullable()
        .transform((j) => (j === '' ? null : j))
        .refine((j) => j === null || !hasOrderBy(j), 'must not have ORDER BY: it only selects issues'),
    }),
    baselineDate: calendarDate.nullable(),
    baselineReason: multiline(500)
      .nullable()
      .optional()
      .transform((r) => (r === undefined || r === null || r.trim() === '' ? null : r.trim())),
    targetDate: calendarDate.nullable(),
    budget: money.nullable(),
    actualCost: money.nullable(),
    expectedBenefit: money.nullable(),
    benefits: z.array(benefitSchema).max(LIMITS.benefits, `must be at most ${LIMITS.benefits} records`),
    tags: z.array(nameOf(40)).max(LIMITS.tags, `must be at most ${LIMITS.tags} tags`),
  })
  .superRefine((project, ctx) => {
    const { epicKeys, projectKeys, jql } = project.scope;
    if (epicKeys.length === 0 && projectKeys.length === 0 && !jql) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'needs at least one epic, Jira project or JQL filter',
      });
    }
    const { baselineDate, targetDate } = project;
    if (
      baselineDate &&
      targetDate &&
      isCalendarDate(baselineDate) &&
      isCalendarDate(targetDate) &&
      targetDate < baselineDate
    ) {
      ctx.addIssue({ code: 'custom', path: ['targetDate'], message: 'must not be before the baseline date' });
    }
    const goalIds = project.goals.map((g) => g.goalId);
    if (new Set(goalIds).size !== goalIds.length) {
      ctx.addIssue({ code: 'custom', path: ['goals'], message: 'links the same goal twice' });
    }
    refuseDuplicates(ctx, project.tags, ['tags'], 'tags');
    refuseDuplicateIds(
      ctx,
      project.benefits.map((b) => b.id),
      ['benefits'],
      'records',
    );
  });

export const settingsInputSchema = z
  .object({
    timeZone: z
      .string()
      .trim()
      .max(64, 'must be an IANA time zone like Europe/Berlin')
      .nullable()
      .transform((t) => (t === '' ? null : t))
      .refine((t) => t === null || isTimeZone(t), 'must be an IANA time zone like Europe/Berlin'),
    portfolioProjects: z.array(projectKey).max(200, 'must be at most 200 Jira projects'),
    waitStatuses: z.array(jiraName).max(50, 'must be at most 50 statuses'),
    // Optional: a save or an import without it keeps the current list.
    notDoneResolutions: z.array(jiraName).max(50, 'must be at most 50 resolutions').optional(),
    pmoLeadGroup: jiraName,
    startPolicy: z.enum(['first', 'last'], { error: 'must be first or last' }),
    trailingDays: z
      .number()
      .int('must be a whole number of days')
      .min(7, 'must be at least 7 days')
      .max(730, 'must be at most 730 days'),
    thresholds: thresholdsSchema,
  })
  .superRefine((s, ctx) => {
    const pairs: Array<[keyof typeof s.thresholds, keyof typeof s.thresholds, 'higher' | 'lower']> = [
      ['scheduleGreen', 'scheduleAmber', 'higher'],
      ['scopeGrowthGreen', 'scopeGrowthAmber', 'lower'],
      ['agingGreen', 'agingAmber', 'lower'],
      ['blockedGreen', 'blockedAmber', 'lower'],
    ];
    for (const [green, amber, better] of pairs) {
      const ok =
        better === 'higher'
          ? s.thresholds[green] >= s.thresholds[amber]
          : s.thresholds[green] <= s.thresholds[amber];
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', amber],
          message: `must be ${better === 'higher' ? 'at most' : 'at least'} the green threshold`,
        });
      }
    }
  });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An export file (import, the command line's --config). Besides each entry's own checks: no two goals and
 * no two PMO projects with the same name (after normalising, see normalizedName) or the same id, each
 * duplicate named with every place it appears.
 */
export const documentSchema = z
  .object({
    format: z.literal('pmo-wins/portfolio', {
      error: 'must be "pmo-wins/portfolio": this is not a PMO Wins export',
    }),
    formatVersion: z.literal(1, { error: 'must be 1' }),
    exportedAt: z.string().max(64, atMost(64)).optional(),
    goals: z
      .array(goalInputSchema.and(z.object({ id })))
      .max(LIMITS.goals, `must be at most ${LIMITS.goals} goals`),
    projects: z
      .array(projectInputSchema.and(z.object({ id })))
      .max(LIMITS.projects, `must be at most ${LIMITS.projects} PMO projects`),
    settings: settingsInputSchema,
  })
  .superRefine((document, ctx) => {
    refuseDuplicates(
      ctx,
      document.goals.map((g) => g.name),
      ['goals'],
      'goals',
    );
    refuseDuplicateIds(
      ctx,
      document.goals.map((g) => g.id),
      ['goals'],
      'goals',
    );
    refuseDuplicates(
      ctx,
      document.projects.map((p) => p.name),
      ['projects'],
      'PMO projects',
    );
    refuseDuplicateIds(
      ctx,
      document.projects.map((p) => p.id),
      ['projects'],
      'PMO projects',
    );
  });
