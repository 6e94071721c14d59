import type {
  FlowGadgetConfig,
  ForecastGadgetConfig,
  HealthGadgetConfig,
  ValueGadgetConfig,
  WinsGadgetConfig,
} from '../../contract';
import type { Store } from '../../store/port';
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
import { openSnapshot, type SnapshotReader } from '../snapshot';
import { readProgress } from '../sync/progress';
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
}

export interface WinsPageQuery {
  quarter: string | null;
  goalId: string | null;
}

/**
 * What every view reads from the store, for a reader who is not known: no Jira project browsable and
 * nothing to configure. The surfaces fill in the viewer's rights; published pages and exports use it as is.
 */
async function loadViewState(deps: SurfaceDeps, snapshot: SnapshotReader): Promise<ViewInput> {
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
    const { input } = await this.open(viewer, {});
    return healthView(input, config);
  }

  async flow(viewer: Viewer | undefined, config: FlowGadgetConfig) {
    const snapshot = await openSnapshot(this.deps.store);
    const [input, detail] = await Promise.all([
      this.viewInput(snapshot, viewer, { viewerProjects: true }),
      config.scope.kind === 'portfolio' ? Promise.resolve(undefined) : snapshot.scope(config.scope.id),
    ]);
    return flowView(input, config, detail);
  }

  async value(viewer: Viewer | undefined, config: ValueGadgetConfig) {
    const { input } = await this.open(viewer, {});
    return valueView(input, config);
  }

  async forecast(viewer: Viewer | undefined, config: ForecastGadgetConfig) {
    const { input } = await this.open(viewer, {});
    return forecastView(input, config);
  }

  /** Recent wins: those of this quarter and the one before. */
  async wins(viewer: Viewer | undefined, config: WinsGadgetConfig) {
    const [{ input, wins }, curation, salt] = await Promise.all([
      this.openWins(viewer, { viewerProjects: true }, (state) => recentQuarters(state)),
      readCuration(this.deps.store),
      installationSalt(this.deps.store, this.deps.clock),
    ]);
    return winsView(input, config, wins, curation, salt);
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

  private async open(viewer: Viewer | undefined, needs: ViewerNeeds) {
    const snapshot = await openSnapshot(this.deps.store);
    return { snapshot, input: await this.viewInput(snapshot, viewer, needs) };
  }

  private async viewInput(
    snapshot: SnapshotReader,
    viewer: Viewer | undefined,
    needs: ViewerNeeds,
  ): Promise<ViewInput> {
    const state = loadViewState(this.deps, snapshot);
    const [input, rights] = await Promise.all([state, this.rights(viewer, needs, state)]);
    return { ...input, canConfigure: rights.canConfigure, sight: { ...NO_SIGHT, projects: rights.projects } };
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

/** What of the viewer's rights a view needs asked of Jira (each is a request as the viewer). */
interface ViewerNeeds {
  viewerProjects?: boolean;
  canConfigure?: boolean;
  /** The wins page's Delivered list (read with the wins, its epics checked with theirs). */
  delivered?: boolean;
}
