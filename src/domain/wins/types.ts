/**
 * Wins found in the data (METRICS-SPEC "Wins"). Each has a stable id built from what it is about (kind,
 * scope, period), so a PMO lead's curation keyed by that id survives every re-sync.
 */
export type WinKind =
  | 'delivered'
  | 'faster-flow'
  | 'throughput-record'
  | 'predictable-quarter'
  | 'back-on-track'
  | 'value-milestone';

export interface WinScope {
  kind: 'epic' | 'project' | 'goal' | 'portfolio';
  id: string;
  name: string;
}

export interface Win {
  id: string;
  kind: WinKind;
  title: string;
  /** Local date the win happened ('YYYY-MM-DD'). */
  date: string;
  /** The evidence in one sentence, with its numbers. */
  evidence: string;
  /** The numbers behind it, by name. */
  numbers: Record<string, number | string | null>;
  scope: WinScope;
  /** PMO projects and goals it belongs to. */
  projectIds: string[];
  goalIds: string[];
  /** Jira projects whose issues the win names (an epic's key and summary): only their browsers see those. */
  jiraProjects: string[];
}

/** How a delivery went against its date: a win when on time or early, or a PMO project without a target. */
export type DeliveryTiming = 'early' | 'on-time' | 'late' | 'no-date';

/**
 * An epic of a PMO project or a PMO project that reached done, on time or late (METRICS-SPEC "Wins":
 * every delivery is reported, with its slip, in "Delivered"). Its id is the id of its "delivered" win,
 * when it is one.
 */
export interface Delivery {
  id: string;
  title: string;
  /** Local date it reached done ('YYYY-MM-DD'). */
  date: string;
  evidence: string;
  /** The epic's due date or the PMO project's target date, or null. */
  due: string | null;
  /** Done date minus `due`, in days (positive = late), or null without a date. */
  slipDays: number | null;
  timing: DeliveryTiming;
  /** Listed among the wins too ("delivered on time"). */
  win: boolean;
  /** Work items in its scope. */
  items: number;
  /** The numbers behind it, by name (those of its win). */
  numbers: Record<string, number | string | null>;
  scope: WinScope;
  projectIds: string[];
  goalIds: string[];
  /** Jira projects whose issues it names (an epic's key and summary). */
  jiraProjects: string[];
}
