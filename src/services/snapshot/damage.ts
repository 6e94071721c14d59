import { readChunked } from '../../store/chunked';
import { StoreDamageError, type ChunkedKey, type Key, type Store } from '../../store/port';
import { DamagedValue } from '../errors';

/**
 * Reading back what the sync and the snapshot stored, checked. A value that cannot be read (a chunk
 * missing, JSON cut short) or is not the shape the code relies on is damage: the reader throws a
 * DamagedPart naming the key, and each caller decides how to recover (start the series again, read
 * everything from Jira again, or tell the person to refresh). The checks are structural and cheap: the
 * fields the code reads and their types, not every rule a value was made under.
 */

/** A shape check as zod's safeParse gives it. */
export interface Shape {
  safeParse(
    value: unknown,
  ): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** What is wrong with a value, in a few words (the first problem, with its path), or null when it fits. */
export function shapeProblem(value: unknown, shape: Shape): string | null {
  const parsed = shape.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  return `${at}${issue?.message ?? 'not the expected shape'}`;
}

/** A damaged stored value, as DamagedValue reports it, keeping the problem apart for notes and logs. */
export class DamagedPart extends DamagedValue {
  constructor(
    key: string,
    what: string,
    readonly problem: string,
    remedy: string,
  ) {
    super(key, what, problem, remedy);
    this.name = 'DamagedPart';
  }
}

/** A damaged stored value's key and what is wrong with it. */
export interface Damage {
  key: string;
  problem: string;
}

/** The damage a failure reports, or null when the failure is something else. */
export function damageOf(error: unknown): Damage | null {
  if (error instanceof DamagedPart || error instanceof StoreDamageError) {
    return { key: error.key, problem: error.problem };
  }
  if (error instanceof DamagedValue) return { key: error.key, problem: 'not the expected shape' };
  return null;
}

/** How a damaged value reads in a log line or a progress note: `“key” (problem)`. */
export const describeDamage = ({ key, problem }: Damage) => `“${key}” (${problem})`;

interface Described {
  /** What the value is, for a person: "The snapshot's core numbers". */
  what: string;
  /** What the person can do, or what the app does about it. */
  remedy: string;
}

function checked<T>(key: string, value: unknown, shape: Shape, described: Described): T {
  const problem = shapeProblem(value, shape);
  if (problem !== null) throw new DamagedPart(key, described.what, problem, described.remedy);
  // The check is only a check: the value is returned as stored, not copied.
  return value as T;
}

/** A plain value, checked: undefined when there is none; a DamagedPart when it is not the shape. */
export async function getChecked<T>(
  store: Store,
  key: Key<T>,
  shape: Shape,
  described: Described,
): Promise<T | undefined> {
  let value: unknown;
  try {
    value = await store.get(key);
  } catch (error) {
    if (error instanceof StoreDamageError) {
      throw new DamagedPart(key, described.what, error.problem, described.remedy);
    }
    throw error;
  }
  return value === undefined ? undefined : checked<T>(key, value, shape, described);
}

/**
 * A chunked value, checked: undefined when there is none (or, with `required`, a DamagedPart saying
 * it is missing); a DamagedPart when its chunks do not read back or it is not the shape.
 */
export async function readChecked<T>(
  store: Store,
  key: ChunkedKey<T>,
  shape: Shape,
  described: Described & { required?: boolean },
): Promise<T | undefined> {
  let value: unknown;
  try {
    value = await readChunked(store, key);
  } catch (error) {
    if (error instanceof StoreDamageError) {
      throw new DamagedPart(key, described.what, error.problem, described.remedy);
    }
    throw error;
  }
  if (value === undefined) {
    if (described.required) throw new DamagedPart(key, described.what, 'it is missing', described.remedy);
    return undefined;
  }
  return checked<T>(key, value, shape, described);
}
