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
