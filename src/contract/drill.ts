/**
 * Drill-through: the list of items behind a number a surface shows. A number is named by the scope it
 * belongs to and what it counts; the list is worked out from the published snapshot with the rules that
 * made the number (docs/metrics.md, "Drill-through").
 */
import type { Result } from './result';

export interface DrillScope {
  kind: 'portfolio' | 'goal' | 'project' | 'jira';
  /** 'portfolio', a goal or PMO project id, or a Jira project key. */
  id: string;
}

/** What a number counts. Periods are instants, [from, to), as the snapshot's numbers carry them. */
export type DrillNumber =
  /** Items done in the period (throughput of a week, window or quarter). */
  | { kind: 'done'; from: number; to: number }
  /** Items done in the period with a Start: the samples of a cycle-time percentile. */
  | { kind: 'cycle'; from: number; to: number }
  /** Items in progress now; those blocked now; those in progress for longer than the SLE. */
  | { kind: 'wip' }
  | { kind: 'blocked' }
  | { kind: 'aging' }
  /** A PMO project's items, done and open (progress); those not done (the forecast's remaining work). */
  | { kind: 'progress' }
  | { kind: 'remaining' }
  /** Items that joined a PMO project after its baseline (scope growth). */
  | { kind: 'added' }
  /** Epics delivered in the period. */
  | { kind: 'epics'; from: number; to: number }
  /** Epics and PMO projects delivered in the period with a due or target date (the on-time rate). */
  | { kind: 'on-time'; from: number; to: number }
  /** Epics committed to a quarter (say/do), done by its end or not. */
  | { kind: 'say-do'; quarter: string }
  /** What makes up the value delivered in the period: epics done and benefit records. */
  | { kind: 'value'; from: number; to: number }
  /** PMO projects delivered in the period. */
  | { kind: 'projects'; from: number; to: number }
  /** Items done in the period, and whether each serves an active goal (strategic alignment). */
  | { kind: 'aligned'; from: number; to: number };

export type DrillKind = DrillNumber['kind'];

/** One entry of a list, as the snapshot knows it (no summary: Jira is asked for that, as the viewer). */
export interface DrillEntry {
  kind: 'item' | 'epic' | 'project' | 'benefit';
  /** Issue key of an item or epic; null for a PMO project or a benefit record. */
  key: string | null;
  /** Jira project key of an item or epic. */
  project: string | null;
  /** A PMO project's name, or the PMO project a benefit record belongs to. */
  name: string | null;
  /** Start and Done instants (items); Done (epics, PMO projects, benefit records). */
  start: number | null;
  done: number | null;
  /** Local date of Done (epics and PMO projects), as on-time compares it. */
  doneOn: string | null;
  /** Due date (epics) or target date (PMO projects). */
  due: string | null;
  /** Cycle time (done lists) or age (in progress), days. */
  days: number | null;
  /** Value counted (value lists). */
  amount: number | null;
  /** How the entry counts toward the number: 'on time', 'late', 'done', 'not done', 'aligned', … */
  verdict: string | null;
}

/** An entry as one viewer gets it: with the summary and status as Jira shows them to the viewer. */
export interface DrillRow extends DrillEntry {
  summary: string | null;
  status: string | null;
}

export interface DrillData {
  /** Entries behind the number in all, whoever may see them. */
  total: number;
  /** Of those, items and epics in projects the viewer cannot browse (or issues Jira does not show them). */
  hidden: number;
  /** Benefit records, counted but listed for PMO leads only. */
  withheld: number;
  /** This page of the entries the viewer may see. */
  rows: DrillRow[];
  page: number;
  pages: number;
  pageSize: number;
  /** The snapshot the list comes from. */
  generatedAt: number | null;
}

export interface DrillInput {
  scope: DrillScope;
  number: DrillNumber;
  /** 1-based page of the visible entries. */
  page?: number;
}

export type DrillDefs = {
  'reports/drill': (payload: DrillInput) => Result<DrillData>;
};
