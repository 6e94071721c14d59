import type {
  FlowGadgetConfig,
  ForecastGadgetConfig,
  HealthGadgetConfig,
  ValueGadgetConfig,
  WinsGadgetConfig,
} from '../../contract';
import type { SurfaceView } from '../../contract';
import type { JiraAccess, JiraClientOptions } from '../../jira';
import { PrefetchedStore } from '../../store/prefetched';
import type { Key, Store } from '../../store/port';
import type { Delivery, Win } from '../../domain/wins';
import {
  browsableProjects,
  canConfigure,
  NO_SIGHT,
  visibleSecuredIssues,
  type IssueSight,
  type Viewer,
} from '../access';
import { loadSettings } from '../configuration/settings';
import { readCuration, readOverrides } from '../curation/store';
import { notFound } from '../errors';
import { KEYS } from '../keys';
import { openSnapshot, type SnapshotReader } from '../snapshot';
import { readSnapshotPointer } from '../snapshot/reader';
import { readProgress } from '../sync/progress';
import {
  configName,
  epochToken,
  keepAnswer,
  keptAnswer,
  SHARED_TTL_SECONDS,
  ViewerSight,
  type KeptSight,
  type KeptView,
} from './kept';
import {
  flowView,
  forecastView,
  healthView,
  quarterLabel,
  valueView,
  withOverrides,
  type ViewInput,
} from './views';
import { installationSalt } from './salt';
import { namedIssues, winsPageView, winsView } from './wins';

export interface SurfaceDeps {
  store: Store;
  clock: () => number;
  /**
   * Jira as the app, to look up the ids of the Jira projects a viewer's permission check names. Without
   * it (a caller that gives none), a viewer's projects are listed as the viewer.
   */
  jira?: JiraAccess;
  clientOptions?: JiraClientOptions;
}

/** Atlassian's account id format: what may stand in a storage key. */
const ACCOUNT_ID = /^[A-Za-z0-9:-]{1,128}$/;

export interface WinsPageQuery {
  quarter: string | null;
  goalId: string | null;
}

/**
 * What every view reads from the store, for a reader who is not known: no Jira project browsable and
 * nothing to configure. The surfaces fill in the viewer's rights; published pages and exports use it as is.
 */
async function loadViewState(
  deps: Pick<SurfaceDeps, 'store' | 'clock'>,
  snapshot: SnapshotReader,
): Promise<ViewInput> {
  const [core, sync, settings, overrides] = await Promise.all([
    snapshot.core(),
    readProgress(deps.store),
    loadSettings(deps.store),
    readOverrides(deps.store),
  ]);
  const now = deps.clock();
  return {
    snapshot: withOverrides(core, overrides, now),
    sync,
    now,
    staleAfterHours: settings.staleAfterHours,
    fallbackTimeZone: settings.timeZone ?? 'UTC',
    canConfigure: false,
    sight: NO_SIGHT,
    thresholds: settings.thresholds,
    pmoLeadGroup: settings.pmoLeadGroup,
  };
}

/** The labels of the quarter before this one and this one (empty before the first sync). */
function recentQuarters(input: ViewInput): string[] {
  return input.snapshot?.metrics.portfolio.quarters.slice(-2).map((q) => q.label) ?? [];
}

/**
 * The view model each surface reads, from the published snapshot only (a surface never walks Jira).
 * Every request reads one snapshot version throughout. Aggregates are the same for every viewer;
 * issue-level detail only for Jira projects the viewer may browse, asked of Jira as the viewer.
 */
export class SurfacesService {
  constructor(private readonly deps: SurfaceDeps) {}

  async health(viewer: Viewer | undefined, config: HealthGadgetConfig) {
    return this.gadget(viewer, 'health', config, false, async ({ store, state }) => {
      const input = await state(await openSnapshot(store));
      return healthView(input, config);
    });
  }

  /** Its table per Jira project (the portfolio's) lists only the projects the viewer may browse. */
  async flow(viewer: Viewer | undefined, config: FlowGadgetConfig) {
    const table = config.scope.kind === 'portfolio' && config.byJiraProject;
    return this.gadget(viewer, 'flow', config, table, async ({ store, sight, state }) => {
      const snapshot = await openSnapshot(store);
      const [input, detail] = await Promise.all([
        state(snapshot),
        config.scope.kind === 'portfolio' ? Promise.resolve(undefined) : snapshot.scope(config.scope.id),
      ]);
      if (!table || !viewer || !input.snapshot || snapshot.version === undefined) {
        return flowView(input, config, detail);
      }
      const projects = input.snapshot.jiraProjects?.map((p) => p.key) ?? [];
      const seen = await sight.of(viewer, snapshot.version, input.snapshot, projects, []);
      return flowView({ ...input, sight: seen }, config, detail);
    });
  }

  async value(viewer: Viewer | undefined, config: ValueGadgetConfig) {
    return this.gadget(viewer, 'value', config, false, async ({ store, state }) => {
      const input = await state(await openSnapshot(store));
      return valueView(input, config);
    });
  }

  async forecast(viewer: Viewer | undefined, config: ForecastGadgetConfig) {
    return this.gadget(viewer, 'forecast', config, false, async ({ store, state }) => {
      const input = await state(await openSnapshot(store));
      return forecastView(input, config);
    });
  }

  /** Recent wins: those of this quarter and the one before, each as the viewer may see its issues. */
  async wins(viewer: Viewer | undefined, config: WinsGadgetConfig) {
    return this.gadget(viewer, 'wins', config, true, async ({ store, sight, state }) => {
      const snapshot = await openSnapshot(store);
      const input = await state(snapshot);
      const [wins, curation, salt] = await Promise.all([
        input.snapshot ? snapshot.wins(recentQuarters(input)) : Promise.resolve([]),
        readCuration(store),
        installationSalt(store, this.deps.clock),
      ]);
      const seen =
        viewer && input.snapshot && snapshot.version !== undefined
          ? await sight.of(
              viewer,
              snapshot.version,
              input.snapshot,
              wins.flatMap((w) => w.jiraProjects),
              wins.flatMap(namedIssues),
            )
          : NO_SIGHT;
      return winsView({ ...input, sight: seen }, config, wins, curation, salt);
    });
  }

  /** A quarter's page; the current quarter when none is named. */
  async winsPage(viewer: Viewer | undefined, query: WinsPageQuery) {
    const [{ input, wins, delivered }, curation, salt] = await Promise.all([
      this.openWins(viewer, { viewerProjects: true, canConfigure: true, delivered: true }, (state) => [
        quarterLabel(query.quarter, recentQuarters(state)) ?? '',
      ]),
      readCuration(this.deps.store),
      installationSalt(this.deps.store, this.deps.clock),
    ]);
    if (
      query.goalId !== null &&
      input.snapshot &&
      !input.snapshot.metrics.goals.some((g) => g.id === query.goalId)
    ) {
      throw notFound('goalId', `goalId: no goal "${query.goalId}"`);
    }
    return winsPageView(input, query, wins, curation, salt, delivered);
  }

  /**
   * The wins page for readers who are not known (a published Confluence page, a PDF or Word export): every
   * aggregate, curation applied, and no issue-level detail, as for a reader who may see no issue: every
   * win that names issues is redacted, a PMO lead's title and note of it included.
   * Throws ViewError for a quarter that is not reported.
   */
  async publicWinsPage(query: WinsPageQuery) {
    const snapshot = await openSnapshot(this.deps.store);
    const [input, curation, salt] = await Promise.all([
      loadViewState(this.deps, snapshot),
      readCuration(this.deps.store),
      installationSalt(this.deps.store, this.deps.clock),
    ]);
    const labels = input.snapshot?.metrics.portfolio.quarters.map((q) => q.label) ?? [];
    const quarter = [quarterLabel(query.quarter, labels) ?? ''];
    const [wins, delivered] = await Promise.all([snapshot.wins(quarter), snapshot.delivered(quarter)]);
    return winsPageView(input, query, wins, curation, salt, delivered);
  }

  /**
   * A gadget's answer: the kept one when it may still be used (kept.ts), else computed and kept. One
   * batch read brings the snapshot pointer, the sync's progress, the views' epoch, the kept answer and,
   * for an answer that depends on the viewer, what the viewer may see; computing reads those from the
   * batch again at no cost. An answer that depends on the viewer is kept per viewer, and only for a
   * viewer whose account id can name a key.
   */
  private async gadget<T>(
    viewer: Viewer | undefined,
    name: string,
    config: unknown,
    personal: boolean,
    compute: (request: GadgetRequest) => Promise<SurfaceView<T>>,
  ): Promise<SurfaceView<T>> {
    const { clock } = this.deps;
    const account = viewer && ACCOUNT_ID.test(viewer.accountId) ? viewer.accountId : undefined;
    const request = (store: Store) => {
      let staleAfterHours: number | undefined;
      const state = async (snapshot: SnapshotReader) => {
        const input = await loadViewState({ store, clock }, snapshot);
        staleAfterHours = input.staleAfterHours;
        return input;
      };
      return {
        store,
        sight: new ViewerSight({ ...this.deps, store }),
        state,
        staleAfterHours: () => staleAfterHours,
      };
    };
    if (personal && account === undefined) return compute(request(this.deps.store));
    const keptKey: Key<KeptView> =
      personal && account !== undefined
        ? KEYS.views.personal(account, name, configName(config))
        : KEYS.views.shared(name, configName(config));
    const sightKeys: Key<KeptSight>[] = personal && account !== undefined ? [KEYS.views.sight(account)] : [];
    const { store, values } = await PrefetchedStore.open(this.deps.store, [
      KEYS.snapshot.pointer,
      KEYS.views.epoch,
      keptKey,
      KEYS.sync.state,
      ...sightKeys,
    ] as const);
    const [, epochValue, keptValue] = values;
    const epoch = epochToken(epochValue);
    const pointer = await readSnapshotPointer(store);
    const now = clock();
    const kept = keptAnswer<T>(keptValue, {
      at: now,
      version: pointer?.version,
      epoch,
      sync: await readProgress(store),
    });
    if (kept) return kept;

    const computing = request(store);
    const view = await compute(computing);
    const staleAfterHours = computing.staleAfterHours();
    // Kept only what was computed from the version the pointer named (before the first sync: nothing).
    if (pointer && view.generatedAt !== null && staleAfterHours !== undefined) {
      await keepAnswer(this.deps.store, keptKey, view, {
        version: pointer.version,
        epoch,
        now,
        until: Math.min(now + SHARED_TTL_SECONDS * 1000, computing.sight.until),
        staleAfterHours,
      });
    }
    return view;
  }

  /**
   * A view of wins: the view state, the wins of the quarters it names, and what the viewer may see of
   * the issues those wins name. The viewer's projects are asked of Jira while the store is read; the
   * secured issues among the wins' issues, if any, once the wins are read, in one bulk request. So a
   * view costs one request for projects (more only past 100 browsable projects), at most one for
   * secured issues (none when its wins name no secured issue), and, on the wins page, the two that
   * decide whether the viewer may curate.
   */
  private async openWins(
    viewer: Viewer | undefined,
    needs: ViewerNeeds,
    quarters: (state: ViewInput) => string[],
  ): Promise<{ input: ViewInput; wins: Win[]; delivered: Delivery[] }> {
    const snapshot = await openSnapshot(this.deps.store);
    const client = viewer?.asUser;
    const state = loadViewState(this.deps, snapshot);
    const [rights, { wins, delivered, securedVisible }] = await Promise.all([
      this.rights(viewer, needs, state),
      (async () => {
        const view = await state;
        const [found, deliveries] = view.snapshot
          ? await Promise.all([
              snapshot.wins(quarters(view)),
              needs.delivered ? snapshot.delivered(quarters(view)) : Promise.resolve([]),
            ])
          : [[], []];
        const named = [...found.flatMap(namedIssues), ...deliveries.flatMap(namedIssues)];
        const visible = client
          ? await visibleSecuredIssues(client, view.snapshot?.securedIssues, named)
          : new Set<string>();
        return { wins: found, delivered: deliveries, securedVisible: visible };
      })(),
    ]);
    const sight: IssueSight = { projects: rights.projects, securedVisible };
    return { input: { ...(await state), canConfigure: rights.canConfigure, sight }, wins, delivered };
  }

  /** The viewer's rights a view needs, asked of Jira as the viewer (each is a request). */
  private async rights(
    viewer: Viewer | undefined,
    needs: ViewerNeeds,
    state: Promise<ViewInput>,
  ): Promise<{ projects: ReadonlySet<string>; canConfigure: boolean }> {
    const client = viewer?.asUser;
    const [projects, configurer] = await Promise.all([
      needs.viewerProjects && client ? browsableProjects(client) : Promise.resolve(new Set<string>()),
      needs.canConfigure && client
        ? state.then((s) => canConfigure(client, s.pmoLeadGroup))
        : Promise.resolve(false),
    ]);
    return { projects, canConfigure: configurer };
  }
}

/** What a gadget's answer is computed with: the request's store and the viewer's sight, kept. */
interface GadgetRequest {
  store: Store;
  sight: ViewerSight;
  /** The view state from the snapshot (its staleness setting noted for the answer kept). */
  state: (snapshot: SnapshotReader) => Promise<ViewInput>;
}

/** What of the viewer's rights a view needs asked of Jira (each is a request as the viewer). */
interface ViewerNeeds {
  viewerProjects?: boolean;
  canConfigure?: boolean;
  /** The wins page's Delivered list (read with the wins, its epics checked with theirs). */
  delivered?: boolean;
}
