import {
  DEFAULT_GADGET_CONFIGS,
  FLOW_WINDOWS,
  REFRESH_CHOICES,
  type GadgetConfigs,
  type GadgetKind,
  type RefreshMinutes,
} from '../../../../../src/contract';

/** Which gadget a module key is. */
export const GADGET_KINDS: Record<string, GadgetKind> = {
  'portfolio-health-gadget': 'health',
  'delivery-flow-gadget': 'flow',
  'value-by-goal-gadget': 'value',
  'forecast-gadget': 'forecast',
  'recent-wins-gadget': 'wins',
};

const oneOf = <T>(values: readonly T[], value: unknown, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;
const idOrNull = (value: unknown) =>
  typeof value === 'string' && /^[a-z0-9-]{1,64}$/.test(value) ? value : null;

/**
 * A saved gadget configuration, keeping only known keys with valid values (a new gadget has none). The
 * resolvers validate again; this only keeps the edit view and the gadget in step.
 */
export function readConfig<K extends GadgetKind>(
  kind: K,
  raw: Record<string, unknown> | undefined,
): GadgetConfigs[K] {
  const r = raw ?? {};
  const refresh = oneOf<RefreshMinutes>(
    REFRESH_CHOICES,
    Number(r.refresh),
    DEFAULT_GADGET_CONFIGS[kind].refresh,
  );
  const configs: { [P in GadgetKind]: () => GadgetConfigs[P] } = {
    health: () => ({
      goalId: idOrNull(r.goalId),
      show: oneOf(['all', 'attention'] as const, r.show, 'all'),
      refresh,
    }),
    flow: () => {
      const scope = r.scope as { kind?: unknown; id?: unknown } | undefined;
      const kindOf = oneOf(['portfolio', 'project', 'goal'] as const, scope?.kind, 'portfolio');
      return {
        scope:
          kindOf === 'portfolio' || idOrNull(scope?.id) === null
            ? { kind: 'portfolio', id: 'portfolio' }
            : { kind: kindOf, id: idOrNull(scope?.id)! },
        weeks: oneOf(FLOW_WINDOWS, Number(r.weeks), 12),
        byJiraProject: r.byJiraProject !== false,
        refresh,
      };
    },
    value: () => ({ period: oneOf(['current', 'previous', 'year'] as const, r.period, 'current'), refresh }),
    forecast: () => ({ projectId: idOrNull(r.projectId), refresh }),
    wins: () => ({
      goalId: idOrNull(r.goalId),
      count: Math.min(20, Math.max(1, Number.isInteger(Number(r.count)) ? Number(r.count) : 5)),
      refresh,
    }),
  };
  return configs[kind]() as GadgetConfigs[K];
}
