/**
 * The configurations the UI saves and the backend reads: one schema per dashboard gadget and one for the
 * Confluence macro, as plain data. The resolvers turn a gadget's schema into zod and refuse a payload that
 * does not fit, naming the field (src/resolvers/gadget-config.ts); the UI and the macro's export read a
 * saved configuration with the same schema, field by field, so a value that does not fit takes its
 * default instead of failing the surface.
 *
 * Plain TypeScript rather than zod: zod in every gadget bundle costs about 7 KB gzipped, more than the
 * gadgets' budget leaves.
 */
import {
  DEFAULT_GADGET_CONFIGS,
  FLOW_WINDOWS,
  REFRESH_CHOICES,
  type GadgetConfigs,
  type GadgetKind,
  type ScopeRef,
} from './gadgets';

/** What one field of a configuration may hold, and what it is when the saved value does not fit. */
export type ConfigField<T> = { default: T } & (
  | { type: 'id' }
  | { type: 'choice'; values: readonly T[] }
  | { type: 'boolean' }
  | { type: 'whole'; min: number; max: number; message: string }
  | { type: 'scope'; kinds: readonly ScopeRef['kind'][] }
  | { type: 'text'; maxLength: number }
  | { type: 'pattern'; pattern: RegExp }
);

export type ConfigSchema<C> = { [K in keyof C]-?: ConfigField<C[K]> };

/** Goal and PMO-project ids, as the PMO model makes them. */
export const ID_PATTERN = /^[a-z0-9-]{1,64}$/;
export const ID_MESSAGE = 'must be an id of lowercase letters, digits and dashes';

const refresh = (kind: GadgetKind) =>
  ({ type: 'choice', values: REFRESH_CHOICES, default: DEFAULT_GADGET_CONFIGS[kind].refresh }) as const;

export const GADGET_CONFIG_SCHEMAS: { [K in GadgetKind]: ConfigSchema<GadgetConfigs[K]> } = {
  health: {
    goalId: { type: 'id', default: null },
    show: { type: 'choice', values: ['all', 'attention'], default: 'all' },
    refresh: refresh('health'),
  },
  flow: {
    scope: {
      type: 'scope',
      kinds: ['portfolio', 'project', 'goal'],
      default: DEFAULT_GADGET_CONFIGS.flow.scope,
    },
    weeks: { type: 'choice', values: FLOW_WINDOWS, default: DEFAULT_GADGET_CONFIGS.flow.weeks },
    byJiraProject: { type: 'boolean', default: true },
    refresh: refresh('flow'),
  },
  value: {
    period: { type: 'choice', values: ['current', 'previous', 'year'], default: 'current' },
    refresh: refresh('value'),
  },
  forecast: { projectId: { type: 'id', default: null }, refresh: refresh('forecast') },
  wins: {
    goalId: { type: 'id', default: null },
    count: {
      type: 'whole',
      min: 1,
      max: 20,
      message: 'must be 1 to 20',
      default: DEFAULT_GADGET_CONFIGS.wins.count,
    },
    refresh: refresh('wins'),
  },
};

/** The Confluence macro's configuration, as saved by its configuration view (view.submit({config})). */
export interface MacroConfig {
  title: string;
  goalId: string | null;
  /**
   * 'previous': the last complete quarter (the default: a page read later shows whole quarters);
   * 'current': the quarter so far; or a fixed quarter like '2026-Q3'. A macro saved before this choice
   * existed (null) reads as 'previous'.
   */
  quarter: string;
  show: 'all' | 'headline' | 'wins';
}

export const DEFAULT_MACRO_CONFIG: MacroConfig = {
  title: 'PMO wins',
  goalId: null,
  quarter: 'previous',
  show: 'all',
};

export const MACRO_CONFIG_SCHEMA: ConfigSchema<MacroConfig> = {
  title: { type: 'text', maxLength: 120, default: DEFAULT_MACRO_CONFIG.title },
  goalId: { type: 'id', default: null },
  quarter: {
    type: 'pattern',
    pattern: /^(\d{4}-Q[1-4]|current|previous)$/,
    default: DEFAULT_MACRO_CONFIG.quarter,
  },
  show: { type: 'choice', values: ['all', 'headline', 'wins'], default: DEFAULT_MACRO_CONFIG.show },
};

/** A saved value as the field reads it, or undefined when it does not fit. */
function fieldValue(field: ConfigField<unknown>, value: unknown): unknown {
  switch (field.type) {
    case 'id':
      return typeof value === 'string' && ID_PATTERN.test(value) ? value : undefined;
    case 'choice': {
      // Numbers may come back as text; a choice of numbers reads them as numbers.
      const candidate = typeof field.values[0] === 'number' ? Number(value) : value;
      return field.values.includes(candidate) ? candidate : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'whole': {
      const n = Number(value);
      return Number.isInteger(n) ? Math.min(field.max, Math.max(field.min, n)) : undefined;
    }
    case 'scope': {
      const scope = (value ?? {}) as { kind?: unknown; id?: unknown };
      const kind = field.kinds.find((k) => k === scope.kind);
      // The portfolio is one scope whatever id it is saved with.
      return kind && kind !== 'portfolio' && typeof scope.id === 'string' && ID_PATTERN.test(scope.id)
        ? { kind, id: scope.id }
        : undefined;
    }
    case 'text':
      return typeof value === 'string' && value.trim() ? value.trim().slice(0, field.maxLength) : undefined;
    case 'pattern':
      return typeof value === 'string' && field.pattern.test(value) ? value : undefined;
  }
}

/** A saved configuration: each field its own value where that fits, else its default. */
export function readConfig<C>(schema: ConfigSchema<C>, raw: unknown): C {
  const saved = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const fields = Object.entries(schema) as [string, ConfigField<unknown>][];
  return Object.fromEntries(
    fields.map(([key, field]) => [key, fieldValue(field, saved[key]) ?? field.default]),
  ) as C;
}

export const readGadgetConfig = <K extends GadgetKind>(kind: K, raw: unknown): GadgetConfigs[K] =>
  readConfig(GADGET_CONFIG_SCHEMAS[kind], raw);

export const readMacroConfig = (raw: unknown): MacroConfig => readConfig(MACRO_CONFIG_SCHEMA, raw);
