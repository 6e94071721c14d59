/**
 * The PMO model on the wire: strategic goals, PMO projects and their Jira scope are the domain's
 * (src/domain/model.ts); the PMO's settings and what configuration screens send and receive are the
 * contract's.
 */
import type { PmoProject, StrategicGoal, Thresholds } from '../domain/model';
import type { Result } from './result';

export type {
  AlignmentLevel,
  BenefitRecord,
  GoalLink,
  GoalStatus,
  JiraScope,
  PmoProject,
  StrategicGoal,
  Thresholds,
} from '../domain/model';

export interface PmoSettings {
  version: number;
  /** IANA time zone; null = the Jira site's. */
  timeZone: string | null;
  /** Jira project keys that make up the portfolio besides the PMO projects' scopes. */
  portfolioProjects: string[];
  /** Status names counted as waiting time (e.g. Blocked). */
  waitStatuses: string[];
  /** Resolutions of issues closed without delivery (Won't Do, Duplicate…): not done. Absent: unchanged. */
  notDoneResolutions?: string[];
  pmoLeadGroup: string;
  startPolicy: 'first' | 'last';
  /** Trailing window for cycle-time statistics and the SLE, days. */
  trailingDays: number;
  thresholds: Thresholds;
}

/** What a save sends: the entity without its version; `expectedVersion` null creates. */
export type GoalInput = Omit<StrategicGoal, 'id' | 'version'> & { id?: string };
export type PmoProjectInput = Omit<PmoProject, 'id' | 'version'> & { id?: string };
export type PmoSettingsInput = Omit<PmoSettings, 'version'>;

export interface PortfolioConfigView {
  goals: StrategicGoal[];
  projects: PmoProject[];
  settings: PmoSettings;
  canConfigure: boolean;
  /**
   * Money (budgets, costs, benefits) and JQL filters are left out, and epics and Jira projects the
   * viewer cannot browse: only PMO leads and Jira administrators see the whole configuration.
   */
  redacted: boolean;
  /**
   * What of the stored configuration cannot be read, and what to do (import a portfolio file to replace
   * it); null when all is well. What is damaged is shown empty or at its defaults.
   */
  damage: string | null;
  limits: { goals: number; projects: number };
}

export interface AuditEntry {
  at: number;
  accountId: string;
  action: 'create' | 'update' | 'delete' | 'import';
  entity: 'goal' | 'project' | 'settings' | 'portfolio' | 'win' | 'health';
  entityId: string | null;
  name: string;
  /** Fields that changed, by name. */
  changed: string[];
  /** What the author said about the change: the reason of a re-baseline. */
  note?: string;
}

export interface EpicSummary {
  key: string;
  summary: string;
  projectKey: string;
  status: string;
}

export interface UnmappedEpic extends EpicSummary {
  /** Last change to the epic or any of its items (epoch ms). */
  lastActivity: number;
  items: number;
}

export interface JqlCheck {
  valid: boolean;
  /** Jira's parser messages when invalid. */
  errors: string[];
}

/** The export/import file: the same JSON the command line takes with --config. */
export interface PortfolioDocument {
  format: 'pmo-wins/portfolio';
  formatVersion: 1;
  exportedAt?: string;
  goals: Array<Omit<StrategicGoal, 'version'>>;
  projects: Array<Omit<PmoProject, 'version'>>;
  settings: PmoSettingsInput;
}

export type ConfigDefs = {
  'config/get': () => Result<PortfolioConfigView>;
  'config/saveGoal': (payload: { goal: GoalInput; expectedVersion: number | null }) => Result<StrategicGoal>;
  'config/deleteGoal': (payload: { id: string; expectedVersion: number }) => Result<{ id: string }>;
  'config/saveProject': (payload: {
    project: PmoProjectInput;
    expectedVersion: number | null;
  }) => Result<PmoProject>;
  'config/deleteProject': (payload: { id: string; expectedVersion: number }) => Result<{ id: string }>;
  'config/saveSettings': (payload: {
    settings: PmoSettingsInput;
    expectedVersion: number;
  }) => Result<PmoSettings>;
  'config/validateJql': (payload: { jql: string }) => Result<JqlCheck>;
  'config/searchEpics': (payload: { query: string }) => Result<EpicSummary[]>;
  'config/unmappedEpics': () => Result<UnmappedEpic[]>;
  'config/dismissEpic': (payload: { key: string }) => Result<{ key: string }>;
  'config/export': () => Result<PortfolioDocument>;
  'config/import': (payload: { document: unknown }) => Result<PortfolioConfigView>;
  'config/audit': () => Result<AuditEntry[]>;
};
