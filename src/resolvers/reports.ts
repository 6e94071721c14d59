import type { Request } from '@forge/resolver';
import { z } from 'zod';
import {
  DEFAULT_GADGET_CONFIGS,
  FLOW_WINDOWS,
  REFRESH_CHOICES,
  type CuratedWin,
  type HealthRow,
  type SurfaceView,
} from '../contract';
import { localDate } from '../domain/calendar';
import { curateWins, type Win, type WinCuration } from '../domain/wins';
import { browsableProjects, canConfigure } from '../services/access';
import { loadViewState } from '../services/public-view';
import {
  CURATION_KEY,
  OVERRIDES_KEY,
  readCuration,
  readOverrides,
  readScope,
  readWins,
  readSnapshot,
} from '../services/snapshot';
import {
  flowView,
  forecastView,
  healthRow,
  healthView,
  valueView,
  ViewError,
  winsPageView,
  withOverrides,
  winsView,
  type ViewInput,
} from '../services/views';
import { ConfigService } from '../services/config/service';
import { requireConfigurer } from './authorize';
import { userClient, type AppDeps } from './deps';
import { AppFailure, callerOf, parsePayload } from './result';

const id = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be an id of lowercase letters, digits and dashes');
const refresh = z
  .union(REFRESH_CHOICES.map((r) => z.literal(r)))
  .default(DEFAULT_GADGET_CONFIGS.health.refresh);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');

/** Gadget configurations as saved by their edit views; missing keys take the defaults. */
export const gadgetSchemas = {
  health: z.object({
    goalId: id.nullable().default(null),
    show: z.enum(['all', 'attention']).default('all'),
    refresh,
  }),
  flow: z.object({
    scope: z
      .object({ kind: z.enum(['portfolio', 'project', 'goal']), id: z.string().min(1).max(64) })
      .default(DEFAULT_GADGET_CONFIGS.flow.scope),
    weeks: z.union(FLOW_WINDOWS.map((w) => z.literal(w))).default(12),
    byJiraProject: z.boolean().default(true),
    refresh,
  }),
  value: z.object({ period: z.enum(['current', 'previous', 'year']).default('current'), refresh }),
  forecast: z.object({ projectId: id.nullable().default(null), refresh }),
  wins: z.object({
    goalId: id.nullable().default(null),
    count: z.number().int().min(1, 'must be 1 to 20').max(20, 'must be 1 to 20').default(5),
    refresh,
  }),
};

const configPayload = <S extends z.ZodType>(schema: S) => z.object({ config: schema.optional() });

async function viewInput(
  deps: AppDeps,
  request: Request,
  needs: { viewerProjects?: boolean; canConfigure?: boolean },
): Promise<ViewInput> {
  const caller = callerOf(request);
  const client = caller ? userClient(deps, caller) : undefined;
  const state = await loadViewState(deps);
  const [viewerProjects, configurer] = await Promise.all([
    needs.viewerProjects && client ? browsableProjects(client) : Promise.resolve(new Set<string>()),
    needs.canConfigure && client ? canConfigure(client, state.pmoLeadGroup) : Promise.resolve(false),
  ]);
  return { ...state, canConfigure: configurer, viewerProjects };
}

/** The labels of the quarter before this one and this one (empty before the first sync). */
function recentQuarters(input: ViewInput): string[] {
  return input.snapshot?.metrics.portfolio.quarters.slice(-2).map((q) => q.label) ?? [];
}

function asValidation<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ViewError) throw new AppFailure({ kind: 'validation', message: error.message });
    throw error;
  }
}

export function reportResolvers(deps: AppDeps) {
  return {
    'reports/health': async (request: Request) => {
      const { config } = parsePayload(configPayload(gadgetSchemas.health), request.payload);
      const input = await viewInput(deps, request, {});
      return healthView(input, config ?? DEFAULT_GADGET_CONFIGS.health);
    },
    'reports/flow': async (request: Request) => {
      const { config } = parsePayload(configPayload(gadgetSchemas.flow), request.payload);
      const chosen = config ?? DEFAULT_GADGET_CONFIGS.flow;
      const [input, detail] = await Promise.all([
        viewInput(deps, request, { viewerProjects: true }),
        chosen.scope.kind === 'portfolio'
          ? Promise.resolve(undefined)
          : readScope(deps.store, chosen.scope.id),
      ]);
      return flowView(input, chosen, detail);
    },
    'reports/value': async (request: Request) => {
      const { config } = parsePayload(configPayload(gadgetSchemas.value), request.payload);
      return valueView(await viewInput(deps, request, {}), config ?? DEFAULT_GADGET_CONFIGS.value);
    },
    'reports/forecast': async (request: Request) => {
      const { config } = parsePayload(configPayload(gadgetSchemas.forecast), request.payload);
      return forecastView(await viewInput(deps, request, {}), config ?? DEFAULT_GADGET_CONFIGS.forecast);
    },
    'reports/wins': async (request: Request) => {
      const { config } = parsePayload(configPayload(gadgetSchemas.wins), request.payload);
      const [input, curation] = await Promise.all([
        viewInput(deps, request, { viewerProjects: true }),
        readCuration(deps.store),
      ]);
      // Recent wins: those of this quarter and the one before.
      const wins = await readWins(deps.store, recentQuarters(input));
      return winsView(input, config ?? DEFAULT_GADGET_CONFIGS.wins, wins, curation);
    },
    'reports/winsPage': async (request: Request) => {
      const query = parsePayload(
        z.object({
          quarter: z
            .string()
            .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q3')
            .nullable()
            .default(null),
          goalId: id.nullable().default(null),
        }),
        request.payload,
      );
      const [input, curation] = await Promise.all([
        viewInput(deps, request, { viewerProjects: true, canConfigure: true }),
        readCuration(deps.store),
      ]);
      const wins = await readWins(deps.store, [query.quarter ?? recentQuarters(input).at(-1)!]);
      if (
        query.goalId !== null &&
        input.snapshot &&
        !input.snapshot.metrics.goals.some((g) => g.id === query.goalId)
      ) {
        throw new AppFailure({
          kind: 'not-found',
          field: 'goalId',
          message: `goalId: no goal "${query.goalId}"`,
        });
      }
      return asValidation(() => winsPageView(input, query, wins, curation));
    },
    'wins/curate': async (request: Request): Promise<CuratedWin> => {
      const input = parsePayload(
        z.object({
          id: z.string().min(1).max(300),
          featured: z.boolean(),
          hidden: z.boolean(),
          note: z.string().max(1000, 'must be at most 1,000 characters'),
          title: z
            .string()
            .trim()
            .min(1, 'cannot be empty (send null for the generated title)')
            .max(200)
            .nullable(),
        }),
        request.payload,
      );
      const { caller } = await requireConfigurer(deps, request, 'curate wins');
      const wins = await readWins(deps.store);
      const win = wins.find((w: Win) => w.id === input.id);
      if (!win)
        throw new AppFailure({
          kind: 'not-found',
          field: 'id',
          message: `id: no win "${input.id}" in the current numbers`,
        });
      const entry: WinCuration = {
        featured: input.featured,
        hidden: input.hidden,
        note: input.note,
        title: input.title,
        by: caller,
        at: deps.clock(),
      };
      const curation = await readCuration(deps.store);
      const plain = !entry.featured && !entry.hidden && entry.note === '' && entry.title === null;
      const next = { ...curation };
      if (plain) delete next[input.id];
      else next[input.id] = entry;
      await deps.store.set(CURATION_KEY, { wins: next });
      return curateWins([win], next)[0]!;
    },
    'health/override': async (request: Request): Promise<HealthRow> => {
      const input = parsePayload(
        z.union([
          z.object({ projectId: id, clear: z.literal(true) }),
          z.object({
            projectId: id,
            rating: z.enum(['green', 'amber', 'red']),
            comment: z.string().trim().min(1, 'is required: say why').max(1000),
            expires: isoDate,
          }),
        ]),
        request.payload,
      );
      const { caller } = await requireConfigurer(deps, request, 'override health');
      const [portfolio, snapshot, overrides] = await Promise.all([
        new ConfigService(deps.store, deps.clock).load(),
        readSnapshot(deps.store),
        readOverrides(deps.store),
      ]);
      if (!portfolio.projects.some((p) => p.id === input.projectId)) {
        throw new AppFailure({
          kind: 'not-found',
          field: 'projectId',
          message: `projectId: no PMO project "${input.projectId}"`,
        });
      }
      const today = localDate(deps.clock(), snapshot?.timeZone ?? 'UTC');
      const rest = overrides.filter((o) => o.projectId !== input.projectId);
      let next = rest;
      if (!('clear' in input)) {
        if (input.expires < today) {
          throw new AppFailure({
            kind: 'validation',
            field: 'expires',
            message: `expires: must be today (${today}) or later`,
          });
        }
        next = [...rest, { ...input, by: caller, at: deps.clock() }];
      }
      await deps.store.set(OVERRIDES_KEY, { list: next });
      const project = withOverrides(snapshot, next, deps.clock())?.metrics.projects.find(
        (p) => p.id === input.projectId,
      );
      if (!project) {
        throw new AppFailure({
          kind: 'not-found',
          field: 'projectId',
          message: 'projectId: the PMO project has no numbers until the next refresh',
        });
      }
      return healthRow(project);
    },
  } satisfies Record<string, (request: Request) => Promise<SurfaceView<unknown> | CuratedWin | HealthRow>>;
}
