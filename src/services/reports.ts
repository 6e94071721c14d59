import type { PercentileResult } from '../domain/percentile';
import {
  DEFAULT_PORTFOLIO_HEALTH_CONFIG,
  type PercentileView,
  type PortfolioHealthConfig,
  type PortfolioHealthView,
  type ProjectFlowRow,
  type SyncProgress,
} from '../contract';
import type { Snapshot } from './snapshot';

const HOUR_MS = 3_600_000;

const percentileView = (p: PercentileResult): PercentileView => ({
  n: p.n,
  value: p.value,
  minSamples: p.minSamples,
});

function compareRows(sortBy: PortfolioHealthConfig['sortBy']) {
  return (a: ProjectFlowRow, b: ProjectFlowRow): number => {
    if (sortBy === 'name') return a.projectName.localeCompare(b.projectName);
    if (sortBy === 'cycleTime') {
      // Fastest first; projects without enough data go last.
      const av = a.cycleTimeP50.value ?? Number.POSITIVE_INFINITY;
      const bv = b.cycleTimeP50.value ?? Number.POSITIVE_INFINITY;
      return av - bv || a.projectName.localeCompare(b.projectName);
    }
    return b.throughput - a.throughput || a.projectName.localeCompare(b.projectName);
  };
}

/**
 * The portfolio-health gadget's view model, shaped from the published snapshot only (never from Jira).
 * Rows are limited to the projects the viewer may browse.
 */
export function portfolioHealthView(input: {
  snapshot: Snapshot | undefined;
  config: PortfolioHealthConfig;
  viewerProjects: ReadonlySet<string>;
  sync: SyncProgress;
  now: number;
  staleAfterHours: number;
  fallbackTimeZone: string;
}): PortfolioHealthView {
  const { snapshot, config, sync } = input;
  if (!snapshot) {
    return {
      state: 'no-snapshot',
      generatedAt: null,
      timeZone: input.fallbackTimeZone,
      windowWeeks: config.windowWeeks,
      period: null,
      rows: [],
      availableProjects: [],
      sync,
      stale: false,
    };
  }
  const visible = snapshot.projects.filter((p) => input.viewerProjects.has(p.key));
  const chosen = config.projects.length ? visible.filter((p) => config.projects.includes(p.key)) : visible;
  let period: { from: number; to: number } | null = null;
  const rows = chosen.flatMap((project): ProjectFlowRow[] => {
    const window = snapshot.flowByProject[project.key]?.windows.find((w) => w.weeks === config.windowWeeks);
    if (!window) return [];
    period = window.period;
    return [
      {
        projectKey: project.key,
        projectName: project.name,
        throughput: window.throughput,
        weekly: window.weekly.map((w) => w.count),
        cycleTimeP50: percentileView(window.cycleTime.p50),
        cycleTimeP85: percentileView(window.cycleTime.p85),
        wip: snapshot.flowByProject[project.key]?.wip ?? 0,
      },
    ];
  });
  rows.sort(compareRows(config.sortBy));
  return {
    state: 'ready',
    generatedAt: snapshot.generatedAt,
    timeZone: snapshot.timeZone,
    windowWeeks: config.windowWeeks,
    period: period ?? snapshot.portfolio.windows.find((w) => w.weeks === config.windowWeeks)?.period ?? null,
    rows,
    availableProjects: visible,
    sync,
    stale: input.now - snapshot.generatedAt > input.staleAfterHours * HOUR_MS,
  };
}

export { DEFAULT_PORTFOLIO_HEALTH_CONFIG };
