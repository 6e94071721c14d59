/** The Confluence macro's configuration, as saved by its configuration view (view.submit({config})). */
export interface MacroConfig {
  title: string;
  goalId: string | null;
  /** 'current' or 'previous' quarter, or a fixed quarter like '2026-Q3' (null: the current one). */
  quarter: string | null;
  show: 'all' | 'headline' | 'wins';
}

export const DEFAULT_MACRO_CONFIG: MacroConfig = {
  title: 'PMO wins',
  goalId: null,
  quarter: null,
  show: 'all',
};

export function readMacroConfig(raw: unknown): MacroConfig {
  const r = (raw ?? {}) as Record<string, unknown>;
  const title =
    typeof r.title === 'string' && r.title.trim() ? r.title.trim().slice(0, 120) : DEFAULT_MACRO_CONFIG.title;
  const goalId = typeof r.goalId === 'string' && /^[a-z0-9-]{1,64}$/.test(r.goalId) ? r.goalId : null;
  const quarter = typeof r.quarter === 'string' && /^\d{4}-Q[1-4]$/.test(r.quarter) ? r.quarter : null;
  const show = r.show === 'headline' || r.show === 'wins' ? r.show : 'all';
  return { title, goalId, quarter, show };
}
