/** What each dashboard gadget's configuration holds, and its defaults (schemas: config.ts). */

/** Windows of complete ISO weeks the gadget can show. */
export const FLOW_WINDOWS = [4, 12, 26] as const;
export type FlowWindowWeeks = (typeof FLOW_WINDOWS)[number];

/** How often a gadget re-reads its numbers, in minutes; 0 = only when the dashboard loads. */
export const REFRESH_CHOICES = [0, 15, 30, 60] as const;
export type RefreshMinutes = (typeof REFRESH_CHOICES)[number];

/** The id a scope of kind 'portfolio' carries: there is one portfolio. */
export const PORTFOLIO_SCOPE_ID = 'portfolio';

/**
 * A level of the portfolio a view can be about. The resolvers refuse an id that is not the shape of one
 * (validation) or that the published snapshot does not have (not-found), naming the field.
 */
export interface ScopeRef {
  kind: 'portfolio' | 'project' | 'goal';
  /** PORTFOLIO_SCOPE_ID for the portfolio, else the PMO project's or goal's id. */
  id: string;
}

export interface HealthGadgetConfig {
  /** Only PMO projects linked to this goal; null for all. */
  goalId: string | null;
  /** 'attention' lists red and amber PMO projects only. */
  show: 'all' | 'attention';
  refresh: RefreshMinutes;
}

export interface FlowGadgetConfig {
  scope: ScopeRef;
  weeks: FlowWindowWeeks;
  /** Show the per-Jira-project table under the chart (portfolio scope only). */
  byJiraProject: boolean;
  refresh: RefreshMinutes;
}

export interface ValueGadgetConfig {
  /** 'current' quarter, the 'previous' one, or the last four quarters together. */
  period: 'current' | 'previous' | 'year';
  refresh: RefreshMinutes;
}

export interface ForecastGadgetConfig {
  /** The PMO project forecast; null until chosen (the first open one is shown). */
  projectId: string | null;
  refresh: RefreshMinutes;
}

export interface WinsGadgetConfig {
  goalId: string | null;
  /** How many wins to list. */
  count: number;
  refresh: RefreshMinutes;
}

export type GadgetKind = 'health' | 'flow' | 'value' | 'forecast' | 'wins';

export interface GadgetConfigs {
  health: HealthGadgetConfig;
  flow: FlowGadgetConfig;
  value: ValueGadgetConfig;
  forecast: ForecastGadgetConfig;
  wins: WinsGadgetConfig;
}

export const DEFAULT_GADGET_CONFIGS: GadgetConfigs = {
  health: { goalId: null, show: 'all', refresh: 30 },
  flow: {
    scope: { kind: 'portfolio', id: PORTFOLIO_SCOPE_ID },
    weeks: 12,
    byJiraProject: true,
    refresh: 30,
  },
  value: { period: 'current', refresh: 60 },
  forecast: { projectId: null, refresh: 60 },
  wins: { goalId: null, count: 5, refresh: 60 },
};
