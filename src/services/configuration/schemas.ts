import { isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import { thresholdsSchema } from './settings';
import { hasOrderBy } from '../sync/scope';

/** Validation of everything a PMO lead enters; messages name the field in the PMO's words. */
export const LIMITS = { goals: 100, projects: 500, epicsPerProject: 500, benefits: 500, tags: 20 } as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine((d) => isValid(parseISO(d)), 'is not a real calendar date');
const name = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');
const text = z.string().max(4000, 'must be at most 4,000 characters');
const money = z.number().finite().min(0, 'cannot be negative').max(1e13, 'is too large');
const accountId = z.string().trim().min(1).max(128).nullable();
export const epicKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be issue keys like PAY-12');
export const projectKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'must be Jira project keys like PAY');
const id = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'must be a short id of lowercase letters, digits and dashes');

export const goalInputSchema = z
  .object({
    id: id.optional(),
    name,
    description: text.default(''),
    ownerAccountId: accountId.default(null),
    weight: z.number().int('must be a whole number').min(1, 'must be 1 to 10').max(10, 'must be 1 to 10'),
    period: z.object({ start: isoDate, end: isoDate }),
    target: z
      .object({ value: z.number().finite(), unit: z.string().trim().min(1, 'is required').max(30) })
      .nullable(),
    status: z.enum(['draft', 'active', 'achieved', 'dropped']),
  })
  .superRefine((goal, ctx) => {
    if (goal.period.end < goal.period.start) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'must not be before the start' });
    }
  });

const benefitSchema = z.object({
  id: id,
  date: isoDate,
  amount: z.number().finite(),
  note: z.string().max(500).default(''),
});

export const projectInputSchema = z
  .object({
    id: id.optional(),
    name,
    ownerAccountId: accountId.default(null),
    description: text.default(''),
    goals: z
      .array(z.object({ goalId: id, level: z.union([z.literal(1), z.literal(2), z.literal(3)]) }))
      .max(LIMITS.goals),
    scope: z.object({
      epicKeys: z
        .array(epicKey)
        .max(LIMITS.epicsPerProject, `must be at most ${LIMITS.epicsPerProject} epics`),
      projectKeys: z.array(projectKey).max(50),
      jql: z
        .string()
        .trim()
        .max(4000)
        .nullable()
        .transform((j) => (j === '' ? null : j))
        .refine((j) => j === null || !hasOrderBy(j), 'must not have ORDER BY: it only selects issues'),
    }),
    baselineDate: isoDate.nullable(),
    targetDate: isoDate.nullable(),
    budget: money.nullable(),
    actualCost: money.nullable(),
    expectedBenefit: money.nullable(),
    benefits: z.array(benefitSchema).max(LIMITS.benefits),
    tags: z.array(z.string().trim().min(1).max(40)).max(LIMITS.tags),
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
    if (project.baselineDate && project.targetDate && project.targetDate < project.baselineDate) {
      ctx.addIssue({ code: 'custom', path: ['targetDate'], message: 'must not be before the baseline date' });
    }
    const goalIds = project.goals.map((g) => g.goalId);
    if (new Set(goalIds).size !== goalIds.length) {
      ctx.addIssue({ code: 'custom', path: ['goals'], message: 'links the same goal twice' });
    }
  });

export const settingsInputSchema = z
  .object({
    timeZone: z
      .string()
      .trim()
      .nullable()
      .transform((t) => (t === '' ? null : t))
      .refine((t) => t === null || isTimeZone(t), 'must be an IANA time zone like Europe/Berlin'),
    portfolioProjects: z.array(projectKey).max(200),
    waitStatuses: z.array(z.string().trim().min(1).max(255)).max(50),
    pmoLeadGroup: z.string().trim().min(1, 'is required').max(255),
    startPolicy: z.enum(['first', 'last']),
    trailingDays: z.number().int().min(7, 'must be at least 7 days').max(730, 'must be at most 730 days'),
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

export const documentSchema = z.object({
  format: z.literal('pmo-wins/portfolio', {
    error: 'must be "pmo-wins/portfolio": this is not a PMO Wins export',
  }),
  formatVersion: z.literal(1, { error: 'must be 1' }),
  exportedAt: z.string().optional(),
  goals: z
    .array(goalInputSchema.and(z.object({ id })))
    .max(LIMITS.goals, `must be at most ${LIMITS.goals} goals`),
  projects: z
    .array(projectInputSchema.and(z.object({ id })))
    .max(LIMITS.projects, `must be at most ${LIMITS.projects} PMO projects`),
  settings: settingsInputSchema,
});
