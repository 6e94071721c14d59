import {
  DEFAULT_PORTFOLIO_HEALTH_CONFIG,
  FLOW_WINDOWS,
  type FlowWindowWeeks,
  type PortfolioHealthConfig,
  type PortfolioSort,
} from '../../../../src/contract';

const SORTS: PortfolioSort[] = ['throughput', 'cycleTime', 'name'];

/** Reads a saved gadget configuration, keeping only known keys with valid values (a new gadget has none). */
export function readGadgetConfig(raw: Record<string, unknown> | undefined): PortfolioHealthConfig {
  const window = Number(raw?.windowWeeks);
  const projects = Array.isArray(raw?.projects)
    ? raw.projects.filter((p): p is string => typeof p === 'string')
    : [];
  const sortBy = SORTS.find((s) => s === raw?.sortBy);
  return {
    windowWeeks: (FLOW_WINDOWS as readonly number[]).includes(window)
      ? (window as FlowWindowWeeks)
      : DEFAULT_PORTFOLIO_HEALTH_CONFIG.windowWeeks,
    projects,
    sortBy: sortBy ?? DEFAULT_PORTFOLIO_HEALTH_CONFIG.sortBy,
  };
}
