/**
 * The PMO model the metrics are about: strategic goals, PMO projects with their goal links and Jira scope,
 * benefit records, and the health thresholds. The resolver contract re-exports these shapes, so the UI and
 * the stored configuration speak the domain's words.
 */

export type GoalStatus = 'draft' | 'active' | 'achieved' | 'dropped';
/** 1 = supports, 2 = contributes, 3 = drives. */
export type AlignmentLevel = 1 | 2 | 3;

export interface StrategicGoal {
  id: string;
  /** Increments on every save; a save must name the version it started from. */
  version: number;
  name: string;
  description: string;
  /** Jira accountId of the goal's owner, or null. */
  ownerAccountId: string | null;
  /** Relative weight, 1-10, for splitting value across goals. */
  weight: number;
  /** 'YYYY-MM-DD' dates, inclusive. */
  period: { start: string; end: string };
  target: { value: number; unit: string } | null;
  status: GoalStatus;
}

export interface GoalLink {
  goalId: string;
  level: AlignmentLevel;
}

export interface BenefitRecord {
  id: string;
  /** 'YYYY-MM-DD' */
  date: string;
  amount: number;
  note: string;
}

/** Which Jira issues belong to a PMO project: any of these, combined. */
export interface JiraScope {
  epicKeys: string[];
  projectKeys: string[];
  /** A JQL filter (no ORDER BY), or null. */
  jql: string | null;
}

export interface PmoProject {
  id: string;
  version: number;
  name: string;
  ownerAccountId: string | null;
  description: string;
  goals: GoalLink[];
  scope: JiraScope;
  /** 'YYYY-MM-DD' */
  baselineDate: string | null;
  /** Why the baseline date was last moved (a re-baseline); absent or null when it never was. */
  baselineReason?: string | null;
  targetDate: string | null;
  budget: number | null;
  actualCost: number | null;
  expectedBenefit: number | null;
  benefits: BenefitRecord[];
  tags: string[];
}

export interface Thresholds {
  /** Health bands from the metrics specification (percent). */
  scheduleGreen: number;
  scheduleAmber: number;
  scopeGrowthGreen: number;
  scopeGrowthAmber: number;
  agingGreen: number;
  agingAmber: number;
  blockedGreen: number;
  blockedAmber: number;
}
