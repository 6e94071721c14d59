import { z } from 'zod';
import type { PmoProject, StrategicGoal } from '../../contract';
import { checkStored, DamagedValue } from '../errors';
import type { ModelHead, Stored } from './model';

/**
 * The shapes configuration values must have when read back. They check structure (what the code reads
 * and the types it relies on), not the rules a person's input must meet: a value saved under older rules
 * still reads. A value that fails is reported by key, with what to do.
 */
const text = z.string();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date');
const amount = z.number().finite().nullable();

const goal: z.ZodType<StrategicGoal> = z.object({
  id: text,
  version: z.number().int().nonnegative(),
  name: text,
  description: text,
  ownerAccountId: text.nullable(),
  weight: z.number().finite(),
  period: z.object({ start: day, end: day }),
  target: z.object({ value: z.number().finite(), unit: text }).nullable(),
  status: z.enum(['draft', 'active', 'achieved', 'dropped']),
});

const project: z.ZodType<PmoProject> = z.object({
  id: text,
  version: z.number().int().nonnegative(),
  name: text,
  ownerAccountId: text.nullable(),
  description: text,
  goals: z.array(z.object({ goalId: text, level: z.union([z.literal(1), z.literal(2), z.literal(3)]) })),
  scope: z.object({ epicKeys: z.array(text), projectKeys: z.array(text), jql: text.nullable() }),
  baselineDate: day.nullable(),
  baselineReason: text.nullable().optional(),
  targetDate: day.nullable(),
  budget: amount,
  actualCost: amount,
  expectedBenefit: amount,
  benefits: z.array(z.object({ id: text, date: day, amount: z.number().finite(), note: text })),
  tags: z.array(text),
});

const stored = <T>(value: z.ZodType<T>): z.ZodType<Stored<T>> =>
  z.object({ seq: z.number().int().nonnegative(), value });

export const STORED = {
  head: z.object({
    gen: z.string().regex(/^[A-Za-z0-9]+$/),
    revision: z.number().int().nonnegative(),
    nextSeq: z.number().int().nonnegative(),
  }) satisfies z.ZodType<ModelHead>,
  goal: stored(goal),
  project: stored(project),
  dismissed: z.array(text),
};

export const IMPORT_REMEDY =
  'Import a portfolio file (Settings → Import and export) to replace the goals and PMO projects.';

export const checkHead = (key: string, value: unknown) =>
  checkStored(key, value, STORED.head, 'The list of goals and PMO projects', IMPORT_REMEDY);
export const checkGoal = (key: string, value: unknown) =>
  checkStored(key, value, STORED.goal, 'A goal', IMPORT_REMEDY);
export const checkProject = (key: string, value: unknown) =>
  checkStored(key, value, STORED.project, 'A PMO project', IMPORT_REMEDY);
export const checkDismissed = (key: string, value: unknown) =>
  checkStored(key, value, STORED.dismissed, 'The dismissed epics of the triage', IMPORT_REMEDY);

/** Whether a failure is a damaged stored value, which an import or a fresh save may replace. */
export const isDamage = (error: unknown): error is DamagedValue => error instanceof DamagedValue;

/** A read that may meet damage: the value, or `fallback` when it is damaged. */
export async function orWhenDamaged<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isDamage(error)) return fallback;
    throw error;
  }
}
