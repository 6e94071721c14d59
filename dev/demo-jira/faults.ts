/**
 * Fault injection: a share of the matching requests fail the way Jira Cloud fails under load (rate limits,
 * errors, slow or cut answers, dropped connections). Which request fails, and how, follows from the seed
 * and the order of the matching requests alone, so a run can be repeated exactly.
 */
import { z } from 'zod';
import { SeededRandom } from './random';

export type FaultKind = '429' | '500' | '503' | 'slow' | 'truncated' | 'drop';

export const FAULT_KINDS: readonly FaultKind[] = ['429', '500', '503', 'slow', 'truncated', 'drop'];

export interface FaultSettings {
  /** Share (0..1) of the matching requests that fail. */
  rate: number;
  /** Picked uniformly for each injected fault. */
  kinds: FaultKind[];
  /** Sent in Retry-After (429) and Beta-Retry-After (503). Default 1. */
  retryAfterSeconds?: number;
  /** Sent in RateLimit-Reason with a 429 (Jira's values: jira-burst-based, jira-quota-tenant-based…). */
  rateLimitReason?: string;
  /** How long a `slow` answer waits. Default 1500. */
  slowMs?: number;
  /** Default 1. */
  seed?: number;
  /** The first `after` matching requests are answered normally (a fault in the middle of a run). Default 0. */
  after?: number;
  /** Path prefixes that may fail. Default ['/rest/api/3/']. The /__demo/ control paths never fail. */
  paths?: string[];
}

export const FAULT_DEFAULTS = {
  retryAfterSeconds: 1,
  rateLimitReason: 'jira-burst-based',
  slowMs: 1500,
  seed: 1,
  after: 0,
  paths: ['/rest/api/3/'],
} as const;

export const FaultSettingsSchema = z.strictObject({
  rate: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
  kinds: z
    .array(z.enum(FAULT_KINDS as [FaultKind, ...FaultKind[]]))
    .min(1, 'at least one fault kind is required'),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  rateLimitReason: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'a RateLimit-Reason is lower-case letters, digits and dashes')
    .optional(),
  slowMs: z.number().int().min(0).max(600_000).optional(),
  seed: z.number().int().optional(),
  after: z.number().int().min(0).optional(),
  paths: z.array(z.string().startsWith('/', "a path prefix starts with '/'")).min(1).optional(),
});

/** Validates settings given in code; throws an Error naming the field. */
export function checkFaultSettings(settings: FaultSettings): FaultSettings {
  const result = FaultSettingsSchema.safeParse(settings);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`Invalid fault settings: ${issue?.path.join('.') || 'settings'}: ${issue?.message ?? ''}`);
}

export type FaultCounts = Record<FaultKind, number>;

export function emptyFaultCounts(): FaultCounts {
  return { '429': 0, '500': 0, '503': 0, slow: 0, truncated: 0, drop: 0 };
}

/**
 * Decides request by request. Every matching request draws from the seeded source the same way, hit or
 * miss, so the n-th matching request's fate depends only on the seed and n.
 */
export class FaultPlan {
  readonly settings: Required<FaultSettings>;
  private readonly random: SeededRandom;
  private sequence = 0;

  constructor(settings: FaultSettings) {
    const checked = checkFaultSettings(settings);
    this.settings = {
      rate: checked.rate,
      kinds: [...checked.kinds],
      retryAfterSeconds: checked.retryAfterSeconds ?? FAULT_DEFAULTS.retryAfterSeconds,
      rateLimitReason: checked.rateLimitReason ?? FAULT_DEFAULTS.rateLimitReason,
      slowMs: checked.slowMs ?? FAULT_DEFAULTS.slowMs,
      seed: checked.seed ?? FAULT_DEFAULTS.seed,
      after: checked.after ?? FAULT_DEFAULTS.after,
      paths: [...(checked.paths ?? FAULT_DEFAULTS.paths)],
    };
    this.random = new SeededRandom(this.settings.seed);
  }

  /** Matching requests seen so far. */
  get seen(): number {
    return this.sequence;
  }

  applies(path: string): boolean {
    return !path.startsWith('/__demo/') && this.settings.paths.some((prefix) => path.startsWith(prefix));
  }

  /** The fault for the next request to `path`, or null when it is answered normally. */
  next(path: string): FaultKind | null {
    if (!this.applies(path)) return null;
    this.sequence++;
    const roll = this.random.float();
    const pick = this.random.float();
    const { rate, kinds, after } = this.settings;
    if (this.sequence <= after || !(roll < rate)) return null;
    return kinds[Math.floor(pick * kinds.length)] ?? null;
  }
}
