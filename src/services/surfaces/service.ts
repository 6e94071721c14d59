import type {
  FlowGadgetConfig,
  ForecastGadgetConfig,
  HealthGadgetConfig,
  ValueGadgetConfig,
  WinsGadgetConfig,
} from '../../contract';
import type { Store } from '../../store/port';
import { browsableProjects, canConfigure, type Viewer } from '../access';
import { loadSettings } from '../configuration/settings';
import { readCuration, readOverrides } from '../curation/store';
import { notFound } from '../errors';
import { openSnapshot, type SnapshotReader } from '../snapshot';
import { readProgress } from '../sync/progress';
import { flowView, forecastView, healthView, valueView, withOverrides, type ViewInput } from './views';
import { winsPageView, winsView } from './wins';

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
    viewerProjects: new Set(),
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
    const [{ input, snapshot }, curation] = await Promise.all([
      this.open(viewer, { viewerProjects: true }),
      readCuration(this.deps.store),
    ]);
    const wins = await snapshot.wins(recentQuarters(input));
    return winsView(input, config, wins, curation);
  }

  /** A quarter's page; the current quarter when none is named. */
  async winsPage(viewer: Viewer | undefined, query: WinsPageQuery) {
    const [{ input, snapshot }, curation] = await Promise.all([
      this.open(viewer, { viewerProjects: true, canConfigure: true }),
      readCuration(this.deps.store),
    ]);
    const wins = await snapshot.wins([query.quarter ?? recentQuarters(input).at(-1)!]);
    if (
      query.goalId !== null &&
      input.snapshot &&
      !input.snapshot.metrics.goals.some((g) => g.id === query.goalId)
    ) {
      throw notFound('goalId', `goalId: no goal "${query.goalId}"`);
    }
    return winsPageView(input, query, wins, curation);
  }

  /**
   * The wins page for readers who are not known (a published Confluence page, a PDF or Word export): every
   * aggregate, curation applied, and no issue-level detail, as for a reader who may browse no project.
   * Throws ViewError for a quarter that is not reported.
   */
  async publicWinsPage(query: WinsPageQuery) {
    const snapshot = await openSnapshot(this.deps.store);
    const [input, curation] = await Promise.all([
      loadViewState(this.deps, snapshot),
      readCuration(this.deps.store),
    ]);
    const current = input.snapshot?.metrics.portfolio.quarters.at(-1)?.label;
    const wins = await snapshot.wins([query.quarter ?? current ?? '']);
    return winsPageView(input, query, wins, curation);
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
    const state = await loadViewState(this.deps, snapshot);
    const client = viewer?.asUser;
    const [viewerProjects, configurer] = await Promise.all([
      needs.viewerProjects && client ? browsableProjects(client) : Promise.resolve(new Set<string>()),
      needs.canConfigure && client ? canConfigure(client, state.pmoLeadGroup) : Promise.resolve(false),
    ]);
    return { ...state, canConfigure: configurer, viewerProjects };
  }
}

/** What of the viewer's rights a view needs asked of Jira (each is a request as the viewer). */
interface ViewerNeeds {
  viewerProjects?: boolean;
  canConfigure?: boolean;
}
