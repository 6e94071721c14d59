/**
 * The compact, normalized form of a Jira issue that every metric reads. Times are epoch milliseconds
 * (instants); calendar dates (due dates) stay 'YYYY-MM-DD' strings, read in the configured time zone.
 */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** An entry into a status, from the changelog. */
export interface StatusEntry {
  at: number;
  status: string;
  category: StatusCategory;
}

/** A value change of a single-valued field (parent epic key, due date), from the changelog. */
export interface FieldChange {
  at: number;
  from: string | null;
  to: string | null;
}

/** A time span; `to` is null while it is still open. */
export interface Interval {
  from: number;
  to: number | null;
}

export interface WorkItem {
  id: string;
  key: string;
  /** Jira project key. */
  project: string;
  /** Summary, kept for epics and above only (for pickers and triage); null for work items. */
  summary: string | null;
  /** Issue type name (Story, Bug, Epic…). */
  type: string;
  /** Jira hierarchy level: -1 sub-task, 0 work item, 1 epic, 2+ above epics. */
  level: number;
  /** Current parent key (an epic for work items), or null. */
  parent: string | null;
  /** Current status name and its category. */
  status: string;
  statusCategory: StatusCategory;
  created: number;
  updated: number;
  /** Status the item was created in (before any transition). */
  initialStatus: string;
  initialCategory: StatusCategory;
  /** Every later entry into a status, oldest first. */
  transitions: StatusEntry[];
  /** Current due date, 'YYYY-MM-DD'. */
  due: string | null;
  /** Estimate in the configured estimate field (story points), if any. */
  estimate: number | null;
  /** Value in the configured business-value field, if any. */
  value: number | null;
  labels: string[];
  /** Jira component names. */
  components: string[];
  /** Spans during which the Flagged field was set. */
  flagged: Interval[];
  parentChanges: FieldChange[];
  dueChanges: FieldChange[];
  /**
   * The name of the resolution while it has one (Done, Won't Do, Duplicate…). A done issue
   * resolved as one of the setting `notDoneResolutions` is discarded, not done (precise rule 35).
   * Absent while unresolved, and on items synced before it was read.
   */
  resolution?: string;
  /**
   * The id of the security level, when it has one: Jira shows the issue only to members of the
   * level (who may also browse its project). Not a metric input; surfaces use it to decide who may see
   * the key and summary. Absent on items synced before it was read, until the next full sync.
   */
  security?: string;
}
