import type { Facts } from './facts';
import type { PmoProject, StrategicGoal } from './model';
import { isCurrency } from './phrasing';
import { ESTIMATE_COVERAGE } from './schedule';

/**
 * Value (METRICS-SPEC "Value", precise rules 14-17). Every amount is attributed to a (PMO project, epic)
 * pair or to a PMO project's benefit record, so PMO project, goal and portfolio totals add up: an epic
 * with a value-field amount that sits in several PMO projects is split equally between them, and the
 * portfolio counts it once.
 */
export interface ValueEvent {
  /** Instant the value counts as delivered: the epic's Done, or 00:00 of the benefit record's date. */
  at: number;
  amount: number;
  source: 'epic' | 'benefit';
  /** Epic key or benefit record id. */
  ref: string;
}

/** What each epic of a PMO project is worth to it, and how that was decided. */
export interface EpicValues {
  values: Map<string, number>;
  /** 'field' when every epic's amount came from the value field; 'expected-benefit' when shared out; 'mixed'; 'none'. */
  basis: 'field' | 'expected-benefit' | 'mixed' | 'none';
}

/**
 * Epic value (rule 14): the value field when set (split equally across the PMO projects holding the
 * epic); else the PMO project's expected benefit shared over all its epics in proportion to their child
 * items' points (or counts when fewer than 80% of the project's items are estimated), equally when every
 * weight is 0.
 */
export function epicValues(input: {
  facts: Facts;
  project: PmoProject;
  epicKeys: readonly string[];
  /** Scope rows of the project (for the 80% estimate coverage rule). */
  rows: readonly number[];
  /** How many PMO projects hold each epic. */
  holders: ReadonlyMap<string, number>;
}): EpicValues {
  const { facts, project, epicKeys, rows, holders } = input;
  const values = new Map<string, number>();
  let fromField = 0;
  let shared = 0;
  let estimated = 0;
  const estimates = facts.estimate;
  for (let i = 0; i < rows.length; i++) if (estimates[rows[i]!]! === estimates[rows[i]!]!) estimated += 1;
  const byPoints = rows.length > 0 && (estimated / rows.length) * 100 >= ESTIMATE_COVERAGE;
  const weights = epicKeys.map((key) => {
    let w = 0;
    for (const row of facts.childrenOf(key)) {
      const e = estimates[row]!;
      w += byPoints ? (e === e ? e : 0) : 1;
    }
    return w;
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  epicKeys.forEach((key, i) => {
    const field = facts.epicByKey.get(key)?.value ?? null;
    if (field !== null) {
      values.set(key, field / (holders.get(key) ?? 1));
      fromField += 1;
    } else if (project.expectedBenefit !== null && epicKeys.length > 0) {
      const share = totalWeight > 0 ? weights[i]! / totalWeight : 1 / epicKeys.length;
      values.set(key, project.expectedBenefit * share);
      shared += 1;
    }
  });
  const basis =
    fromField > 0 && shared > 0
      ? 'mixed'
      : fromField > 0
        ? 'field'
        : shared > 0
          ? 'expected-benefit'
          : 'none';
  return { values, basis };
}

/** The value events of a PMO project: its epics' Done instants and its benefit records. */
export function valueEvents(input: {
  facts: Facts;
  epicValues: EpicValues;
  benefits: PmoProject['benefits'];
  benefitInstant: (date: string) => number;
  now: number;
}): ValueEvent[] {
  const events: ValueEvent[] = [];
  for (const [key, amount] of input.epicValues.values) {
    const done = input.facts.epicByKey.get(key)?.done ?? null;
    if (done !== null && done <= input.now) events.push({ at: done, amount, source: 'epic', ref: key });
  }
  for (const b of input.benefits) {
    const at = input.benefitInstant(b.date);
    if (at <= input.now) events.push({ at, amount: b.amount, source: 'benefit', ref: b.id });
  }
  return events.sort((a, b) => a.at - b.at);
}

export const sumIn = (events: readonly ValueEvent[], from: number, to: number): number =>
  events.reduce((sum, e) => (e.at >= from && e.at < to ? sum + e.amount : sum), 0);

/** Level * weight shares of each goal a PMO project links to (rule 15); unknown goals are skipped. */
export function goalShares(
  project: PmoProject,
  goals: ReadonlyMap<string, StrategicGoal>,
): Map<string, number> {
  const parts = project.goals.flatMap((link) => {
    const goal = goals.get(link.goalId);
    return goal ? [[link.goalId, link.level * goal.weight] as const] : [];
  });
  const total = parts.reduce((sum, [, w]) => sum + w, 0);
  return new Map(parts.map(([id, w]) => [id, total > 0 ? w / total : 0]));
}

/** A PMO project's value: its events in time order, how its epics were valued, and its share of each goal. */
export interface ProjectValue {
  events: ValueEvent[];
  basis: EpicValues['basis'];
  goalShares: Map<string, number>;
}

/** Every PMO project's value (by id), and each epic's value summed over the PMO projects holding it. */
export function portfolioValue(input: {
  facts: Facts;
  scopes: readonly { project: PmoProject; epicKeys: readonly string[]; rows: readonly number[] }[];
  /** PMO project ids per epic key. */
  epicProjects: ReadonlyMap<string, readonly string[]>;
  goals: ReadonlyMap<string, StrategicGoal>;
  benefitInstant: (date: string) => number;
  now: number;
}): { byProject: Map<string, ProjectValue>; byEpic: Map<string, number> } {
  const { facts, benefitInstant, now } = input;
  const holders = new Map([...input.epicProjects].map(([key, ids]) => [key, ids.length]));
  const byProject = new Map<string, ProjectValue>();
  const byEpic = new Map<string, number>();
  for (const { project, epicKeys, rows } of input.scopes) {
    const values = epicValues({ facts, project, epicKeys, rows, holders });
    for (const [key, v] of values.values) byEpic.set(key, (byEpic.get(key) ?? 0) + v);
    byProject.set(project.id, {
      events: valueEvents({ facts, epicValues: values, benefits: project.benefits, benefitInstant, now }),
      basis: values.basis,
      goalShares: goalShares(project, input.goals),
    });
  }
  return { byProject, byEpic };
}

/** A goal's value events: each of its PMO projects' events times the project's share of the goal, in time order. */
export const goalValueEvents = (goalId: string, projects: readonly ProjectValue[]): ValueEvent[] =>
  projects
    .flatMap((p) => {
      const share = p.goalShares.get(goalId) ?? 0;
      // Shares are fractions (3/11…): amounts are kept to a millionth of the unit, so a share that is
      // exact in money (110,000 × 3/11 = 30,000) is exact here too.
      return share > 0
        ? p.events.map((e) => ({ ...e, amount: Math.round(e.amount * share * 1e6) / 1e6 }))
        : [];
    })
    .sort((a, b) => a.at - b.at);

/**
 * A goal's target is a value target (compared with value delivered, with milestones) when it is a
 * positive amount in a currency (EUR, USD…); targets in other units (NPS, %) are shown as entered.
 */
export const isValueTarget = (target: StrategicGoal['target']): boolean =>
  target !== null && target.value > 0 && isCurrency(target.unit);

export interface Returns {
  realized: number;
  /** (realized - actual cost) / actual cost * 100, or null when not entered (rule 17). */
  roi: number | null;
  /** realized / expected benefit * 100, or null when not entered. */
  realization: number | null;
  planned: number | null;
  cost: number | null;
}

/**
 * ROI and benefit realization (rules 17 and 23): realized benefit counts the benefit records dated on or
 * before now (00:00 of the record's date, as value delivered counts them); a record dated later is planned,
 * not realized, and alone does not make the figures "entered".
 */
export function returnsOf(
  project: PmoProject,
  asOf: { now: number; benefitInstant: (date: string) => number },
): Returns {
  const counted = project.benefits.filter((b) => asOf.benefitInstant(b.date) <= asOf.now);
  const realized = counted.reduce((sum, b) => sum + b.amount, 0);
  const hasRecords = counted.length > 0;
  const cost = project.actualCost;
  const planned = project.expectedBenefit;
  return {
    realized,
    roi: hasRecords && cost !== null && cost !== 0 ? ((realized - cost) / cost) * 100 : null,
    realization: hasRecords && planned !== null && planned !== 0 ? (realized / planned) * 100 : null,
    planned,
    cost,
  };
}
