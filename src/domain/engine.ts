import type { PmoProject, StrategicGoal, Thresholds } from '../contract';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  DAY_MS,
  addLocalDays,
  completeWeeksBefore,
  completeMonthsBefore,
  localDate,
  quartersUpTo,
  startOfLocalDate,
  type Quarter,
} from './calendar';
import type { EpicFact, Facts } from './facts';
import {
  countIn,
  cycleP50Between,
  dailyDone,
  dailySamples,
  dateOf,
  flowMetrics,
  metricsClock,
  type FlowMetrics,
  trendOf,
  type FlowResult,
  type MetricsClock,
  type Trend,
} from './flow-metrics';
import { MIN_DONE_FOR_OWN_SAMPLES, SAMPLE_DAYS, simulate, summarize, type ForecastResult } from './forecast';
import {
  agingDimension,
  blockedDimension,
  dayMonth,
  overallHealth,
  pct,
  scheduleDimension,
  scopeGrowthDimension,
  type Health,
  type HealthOverride,
} from './health';
import type { PercentileResult } from './percentile';
import { hashSeed, seededRandom, type Random } from './random';
import {
  onTimeRate,
  progressOf,
  sayDo,
  scopeChange,
  slipDays,
  type OnTime,
  type Progress,
  type SayDo,
  type ScopeChange,
} from './schedule';
import {
  epicValues,
  goalShares,
  returnsOf,
  sumIn,
  valueEvents,
  type Returns,
  type ValueEvent,
} from './value';
import { backOnTrack, type HistoryPoint, type Win } from './wins';

/**
 * The metrics engine: from the facts of every synced item and the PMO model, every number of
 * METRICS-SPEC at every level it names (epic, PMO project, goal, portfolio), the wins and today's
 * history points. Pure: the clock, time zone and random source come in as parameters.
 */
export interface EngineInput {
  facts: Facts;
  goals: readonly StrategicGoal[];
  projects: readonly PmoProject[];
  /** Jira project keys that make up the portfolio besides the PMO projects' scopes (empty = everything synced). */
  portfolioProjects: readonly string[];
  thresholds: Thresholds;
  trailingDays: number;
  /** PMO project id -> ids of the issues its JQL matches, as Jira answered. */
  jqlMatches: ReadonlyMap<string, ReadonlySet<string>>;
  now: number;
  timeZone: string;
  overrides?: readonly HealthOverride[];
  /** Earlier daily points per PMO project / goal id (for "back on track" and deltas). */
  history?: ReadonlyMap<string, readonly HistoryPoint[]>;
  /** Random source per seed; seeded Mulberry32 unless a test says otherwise. */
  random?: (seed: number) => Random;
}

/** The portfolio's history id: PMO project and goal ids cannot start with an underscore. */
export const PORTFOLIO_HISTORY_ID = '_portfolio';

/** Quarters reported: the current one and the four before it. */
export const QUARTERS = 5;

export interface QuarterMetrics {
  label: string;
  from: number;
  to: number;
  /** True for the quarter containing now (partial). */
  current: boolean;
  throughput: number;
  cycleTimeP50: PercentileResult;
  epicsDelivered: number;
  projectsDelivered: number;
  onTime: OnTime;
  sayDo: SayDo;
  valueDelivered: number;
  /** Strategic alignment % (portfolio only; null elsewhere or with no done items). */
  alignment: { aligned: number; done: number; percent: number | null } | null;
}

export interface ScopeMetrics {
  id: string;
  name: string;
  /** Work items in scope (each counted once). */
  items: number;
  epics: number;
  flow: FlowMetrics;
  progress: Progress;
  quarters: QuarterMetrics[];
  /** Weekly throughput for a year and 4/12/26-week windows against the window before. */
  trend: Trend;
  /** Value delivered up to now (all time). */
  valueToDate: number;
}

export interface ProjectMetrics extends ScopeMetrics {
  goalIds: string[];
  epicKeys: string[];
  scopeChange: ScopeChange;
  target: { date: string | null; source: 'project' | 'epics' | null };
  /** Local date the PMO project finished (every scope item and epic done), or null. */
  finishedOn: string | null;
  forecast: ForecastResult;
  /** Finish (actual, else P85 forecast) minus target, days; positive = late. */
  slipDays: number | null;
  health: Health;
  value: {
    basis: 'field' | 'expected-benefit' | 'mixed' | 'none';
    expected: number | null;
    returns: Returns;
    benefitRecords: number;
  };
}

export interface GoalMetrics extends ScopeMetrics {
  status: StrategicGoal['status'];
  projectIds: string[];
  target: StrategicGoal['target'];
  /** Value delivered within the goal's period, and its share of the target (0-100+). */
  valueInPeriod: number;
  targetPercent: number | null;
  /** PMO projects of the goal by health. */
  health: Record<Health['rating'], number>;
}

export interface EpicMetrics {
  key: string;
  summary: string;
  jiraProject: string;
  status: string;
  projectIds: string[];
  progress: Progress;
  due: string | null;
  finishedOn: string | null;
  onTime: boolean | null;
  forecast: ForecastResult;
  slipDays: number | null;
  /** Attributed value (summed over the PMO projects holding it). */
  value: number | null;
}

export interface PortfolioMetrics extends ScopeMetrics {
  /** Portfolio-wide forecast samples, borrowed by scopes with little history. */
  jiraProjects: string[];
}

export interface MetricsResult {
  generatedAt: number;
  timeZone: string;
  today: string;
  trailingDays: number;
  portfolio: PortfolioMetrics;
  goals: GoalMetrics[];
  projects: ProjectMetrics[];
  epics: EpicMetrics[];
  wins: Win[];
  /** Today's point for each PMO project and goal id. */
  historyPoints: Record<string, HistoryPoint>;
}

interface ProjectScopeRows {
  project: PmoProject;
  rows: number[];
  directRows: Set<number>;
  epicKeys: string[];
}

/** Resolves each PMO project's epics and work-item rows (precise rule 11), each row once per project. */
function resolveProjectRows(input: EngineInput): ProjectScopeRows[] {
  const { facts, jqlMatches } = input;
  const stamp = new Int32Array(facts.size);
  return input.projects.map((project, index) => {
    const mark = index + 1;
    const jql = jqlMatches.get(project.id);
    const epicKeys = new Set(project.scope.epicKeys);
    for (const key of project.scope.projectKeys)
      for (const epic of facts.epicsOfProject(key)) epicKeys.add(epic.key);
    for (const id of jql ?? []) {
      const epic = facts.epicById.get(id);
      if (epic) epicKeys.add(epic.key);
    }
    const rows: number[] = [];
    const directRows = new Set<number>();
    const take = (row: number, direct: boolean) => {
      if (direct) directRows.add(row);
      if (stamp[row] === mark) return;
      stamp[row] = mark;
      rows.push(row);
    };
    for (const key of project.scope.projectKeys) for (const row of facts.rowsOfProject(key)) take(row, true);
    if (jql) {
      for (const id of jql) {
        const row = facts.rowOf(id);
        if (row !== undefined) take(row, true);
      }
    }
    for (const key of epicKeys) for (const row of facts.childrenOf(key)) take(row, false);
    return { project, rows, directRows, epicKeys: [...epicKeys].sort() };
  });
}

/** Unions of row lists, each row once; one marker array serves every union of a computation. */
function unions(facts: Facts) {
  const seen = new Int32Array(facts.size);
  let mark = 0;
  return (lists: Iterable<readonly number[]>): number[] => {
    mark += 1;
    const rows: number[] = [];
    for (const list of lists) {
      for (const row of list) {
        if (seen[row] === mark) continue;
        seen[row] = mark;
        rows.push(row);
      }
    }
    return rows;
  };
}

export function computeMetrics(input: EngineInput): MetricsResult {
  const { facts, now, timeZone, thresholds } = input;
  const clock = metricsClock(now, timeZone, input.trailingDays);
  const today = localDate(now, timeZone);
  const randomFor = input.random ?? seededRandom;
  const quarters = quartersUpTo(now, QUARTERS, timeZone);
  const weeks52 = completeWeeksBefore(now, 52, timeZone);
  const goalById = new Map(input.goals.map((g) => [g.id, g]));
  const overrides = new Map((input.overrides ?? []).map((o) => [o.projectId, o]));
  const benefitInstant = (date: string) => startOfLocalDate(date, timeZone);

  // --- scopes
  const union = unions(facts);
  const scoped = resolveProjectRows(input);
  const holders = new Map<string, number>();
  for (const s of scoped) for (const key of s.epicKeys) holders.set(key, (holders.get(key) ?? 0) + 1);
  const portfolioRows =
    input.portfolioProjects.length === 0
      ? facts.allRows()
      : union([...input.portfolioProjects.map((k) => facts.rowsOfProject(k)), ...scoped.map((s) => s.rows)]);
  const portfolioEpics = new Set<string>(scoped.flatMap((s) => s.epicKeys));
  const portfolioJira = new Set(input.portfolioProjects);
  for (const epic of facts.epics) {
    if (input.portfolioProjects.length === 0 || portfolioJira.has(epic.project)) portfolioEpics.add(epic.key);
  }

  // --- portfolio flow first: its samples are the fallback for every forecast
  const portfolioFlow = flowMetrics(facts, portfolioRows, clock);
  const portfolioSamples = dailySamples(portfolioFlow.daily, clock.grid, SAMPLE_DAYS);
  const simulations = new Map<string, ReturnType<typeof simulate>>();
  const forecastFor = (
    _scope: string,
    history: { daily: Int32Array; done: number },
    remaining: number,
    target: string | null,
    quantiles = false,
  ): ForecastResult => {
    const own = history.done >= MIN_DONE_FOR_OWN_SAMPLES;
    const samples = own ? dailySamples(history.daily, clock.grid, SAMPLE_DAYS) : portfolioSamples;
    if (remaining <= 0) return { state: 'done' };
    // Trials depend only on the samples and Remaining: scopes sharing both (epics borrowing the
    // portfolio's samples) share one simulation, seeded by what it depends on and the day.
    const key = `${own ? samples.join(',') : 'portfolio'}|${remaining}`;
    let finishes = simulations.get(key);
    if (finishes === undefined) {
      finishes = simulate({ remaining, samples, random: randomFor(hashSeed(`${today}|${key}`)) });
      simulations.set(key, finishes);
    }
    return summarize(finishes, {
      remaining,
      samplesFrom: own ? 'scope' : 'portfolio',
      today,
      target,
      quantiles,
    });
  };

  // --- epics (those in a PMO project)
  const epicFacts = (keys: Iterable<string>): EpicFact[] =>
    [...keys].flatMap((k) => {
      const e = facts.epicByKey.get(k);
      return e ? [e] : [];
    });
  const epicProjects = new Map<string, string[]>();
  for (const s of scoped) {
    for (const key of s.epicKeys) {
      const list = epicProjects.get(key) ?? [];
      list.push(s.project.id);
      epicProjects.set(key, list);
    }
  }

  // --- value per PMO project
  const valueByProject = new Map<
    string,
    { events: ValueEvent[]; basis: ProjectMetrics['value']['basis']; epicValue: Map<string, number> }
  >();
  const epicValueTotal = new Map<string, number>();
  for (const s of scoped) {
    const values = epicValues({ facts, project: s.project, epicKeys: s.epicKeys, rows: s.rows, holders });
    for (const [key, v] of values.values) epicValueTotal.set(key, (epicValueTotal.get(key) ?? 0) + v);
    valueByProject.set(s.project.id, {
      events: valueEvents({ facts, epicValues: values, benefits: s.project.benefits, benefitInstant, now }),
      basis: values.basis,
      epicValue: values.values,
    });
  }

  const quarterDates = quarters.map((q) => ({
    first: localDate(q.from, timeZone),
    last: localDate(q.to - 1, timeZone),
  }));

  // --- PMO projects
  const projectFinish = new Map<string, number | null>();
  const projectTargets = new Map<string, string | null>();
  const projects: ProjectMetrics[] = [];
  const projectFlows = new Map<string, FlowResult>();
  const epicsOut = new Map<string, EpicMetrics>();
  for (const s of scoped) {
    const { project, rows } = s;
    const flow = flowMetrics(facts, rows, clock);
    projectFlows.set(project.id, flow);
    const epics = epicFacts(s.epicKeys);
    const progress = progressOf(facts, rows);
    // Done when the scope is non-empty and every item and epic is done; finished at the latest Done.
    let finished: number | null = null;
    if (
      rows.length + epics.length > 0 &&
      progress.done === rows.length &&
      epics.every((e) => e.done !== null)
    ) {
      // A loop, not Math.max(...rows): a scope may hold more items than a call takes arguments.
      finished = -Infinity;
      for (const r of rows) finished = Math.max(finished, facts.done[r]!);
      for (const e of epics) finished = Math.max(finished, e.done!);
    }
    projectFinish.set(project.id, finished);
    const epicDues = epics
      .map((e) => e.due)
      .filter((d): d is string => d !== null)
      .sort();
    const target =
      project.targetDate !== null
        ? { date: project.targetDate, source: 'project' as const }
        : epicDues.length > 0
          ? { date: epicDues[epicDues.length - 1]!, source: 'epics' as const }
          : { date: null, source: null };
    projectTargets.set(project.id, target.date);
    const forecast: ForecastResult =
      finished !== null
        ? { state: 'done' }
        : forecastFor(
            `project:${project.id}`,
            { daily: flow.daily, done: flow.metrics.throughput.allTime },
            rows.length - progress.done,
            target.date,
            true,
          );
    const finishedOn = finished === null ? null : dateOf(clock, finished);
    const finishDate = finishedOn ?? (forecast.state === 'forecast' ? forecast.p85 : null);
    const slip = target.date !== null && finishDate !== null ? slipDays(finishDate, target.date) : null;
    const change = scopeChange({
      facts,
      rows,
      directRows: s.directRows,
      epicKeys: new Set(s.epicKeys),
      baselineDate: project.baselineDate,
      baselineAt: project.baselineDate === null ? null : startOfLocalDate(project.baselineDate, timeZone),
    });
    const health = overallHealth(
      [
        scheduleDimension(
          {
            done: finished !== null,
            finishedOn,
            target: target.date,
            today,
            probability: forecast.state === 'forecast' ? forecast.probability : null,
            p85: forecast.state === 'forecast' ? forecast.p85 : null,
            slipDays: slip,
            noThroughput: forecast.state === 'no-throughput',
            nothingRemains: forecast.state === 'done',
            emptyScope: rows.length === 0,
          },
          thresholds,
        ),
        scopeGrowthDimension(
          {
            percent: change.percent,
            added: change.added,
            baseline: change.baseline,
            baselineDate: project.baselineDate,
          },
          thresholds,
        ),
        agingDimension(flow.metrics.aging, flow.metrics.wip, flow.metrics.sle, thresholds),
        blockedDimension(flow.metrics.blocked, flow.metrics.wip, thresholds),
      ],
      overrides.get(project.id) ?? null,
      today,
    );
    const value = valueByProject.get(project.id)!;
    projects.push({
      id: project.id,
      name: project.name,
      items: rows.length,
      epics: s.epicKeys.length,
      flow: flow.metrics,
      progress,
      quarters: [],
      trend: trendOf(facts, flow, clock, weeks52),
      valueToDate: value.events.reduce((sum, e) => sum + e.amount, 0),
      goalIds: project.goals.map((g) => g.goalId).filter((id) => goalById.has(id)),
      epicKeys: s.epicKeys,
      scopeChange: change,
      target,
      finishedOn,
      forecast,
      slipDays: slip,
      health,
      value: {
        basis: value.basis,
        expected: project.expectedBenefit,
        returns: returnsOf(project),
        benefitRecords: project.benefits.length,
      },
    });
    // Epic rows: open epics and those done within the reported quarters (older ones are history).
    for (const epic of epics) {
      if (epicsOut.has(epic.key) || (epic.done !== null && epic.done < quarters[0]!.from)) continue;
      epicsOut.set(epic.key, epicMetrics(epic));
    }
  }

  function epicMetrics(epic: EpicFact): EpicMetrics {
    const rows = facts.childrenOf(epic.key);
    const progress = progressOf(facts, rows);
    const finishedOn = epic.done === null ? null : dateOf(clock, epic.done);
    let forecast: ForecastResult = { state: 'done' };
    if (epic.done === null) {
      forecast = forecastFor(
        `epic:${epic.key}`,
        dailyDone(facts, rows, clock),
        rows.length - progress.done,
        epic.due,
      );
    }
    const finishDate = finishedOn ?? (forecast.state === 'forecast' ? forecast.p85 : null);
    return {
      key: epic.key,
      summary: epic.summary,
      jiraProject: epic.project,
      status: epic.status,
      projectIds: epicProjects.get(epic.key) ?? [],
      progress,
      due: epic.due,
      finishedOn,
      onTime: finishedOn !== null && epic.due !== null ? finishedOn <= epic.due : null,
      forecast,
      slipDays: epic.due !== null && finishDate !== null ? slipDays(finishDate, epic.due) : null,
      value: epicValueTotal.get(epic.key) ?? null,
    };
  }

  // --- quarters for a scope
  const quarterMetrics = (
    flow: FlowResult,
    epicKeys: Iterable<string>,
    projectIds: readonly string[],
    value: (from: number, to: number) => number,
  ): QuarterMetrics[] => {
    const epics = epicFacts(epicKeys);
    return quarters.map((q, i) => {
      let epicsDelivered = 0;
      let onTime = 0;
      let withDate = 0;
      for (const e of epics) {
        if (e.done === null || e.done < q.from || e.done >= q.to || e.done > now) continue;
        epicsDelivered += 1;
        if (e.due !== null) {
          withDate += 1;
          if (dateOf(clock, e.done) <= e.due) onTime += 1;
        }
      }
      let projectsDelivered = 0;
      for (const id of projectIds) {
        const finished = projectFinish.get(id) ?? null;
        if (finished === null || finished < q.from || finished >= q.to) continue;
        projectsDelivered += 1;
        const target = projectTargets.get(id) ?? null;
        if (target !== null) {
          withDate += 1;
          if (dateOf(clock, finished) <= target) onTime += 1;
        }
      }
      return {
        label: q.label,
        from: q.from,
        to: q.to,
        current: i === quarters.length - 1,
        throughput: countIn(flow.daily, clock.grid, q),
        cycleTimeP50: cycleP50Between(facts, flow.doneRows, q.from, Math.min(q.to, now)),
        epicsDelivered,
        projectsDelivered,
        onTime: onTimeRate(onTime, withDate),
        sayDo: sayDo(epics, q, quarterDates[i]!),
        valueDelivered: value(q.from, Math.min(q.to, now + 1)),
        alignment: null,
      };
    });
  };

  for (const p of projects) {
    const events = valueByProject.get(p.id)!.events;
    p.quarters = quarterMetrics(projectFlows.get(p.id)!, p.epicKeys, [p.id], (from, to) =>
      sumIn(events, from, to),
    );
  }

  // --- goals
  const shares = new Map(scoped.map((s) => [s.project.id, goalShares(s.project, goalById)]));
  const goalEvents = (goalId: string): ValueEvent[] =>
    scoped
      .flatMap((s) => {
        const share = shares.get(s.project.id)!.get(goalId) ?? 0;
        return share > 0
          ? valueByProject.get(s.project.id)!.events.map((e) => ({ ...e, amount: e.amount * share }))
          : [];
      })
      .sort((a, b) => a.at - b.at);
  const goals: GoalMetrics[] = [];
  const goalFlows = new Map<string, FlowResult>();
  const goalEventLists = new Map<string, ValueEvent[]>();
  for (const goal of input.goals) {
    const members = scoped.filter((s) => s.project.goals.some((l) => l.goalId === goal.id));
    const rows = union(members.map((s) => s.rows));
    const flow = flowMetrics(facts, rows, clock);
    goalFlows.set(goal.id, flow);
    const epicKeys = new Set(members.flatMap((s) => s.epicKeys));
    const events = goalEvents(goal.id);
    goalEventLists.set(goal.id, events);
    const periodFrom = startOfLocalDate(goal.period.start, timeZone);
    const periodTo = startOfLocalDate(addLocalDays(goal.period.end, 1), timeZone);
    const valueInPeriod = sumIn(events, periodFrom, Math.min(periodTo, now + 1));
    const health: GoalMetrics['health'] = { green: 0, amber: 0, red: 0, done: 0, unknown: 0 };
    for (const m of members) health[projects.find((p) => p.id === m.project.id)!.health.rating] += 1;
    goals.push({
      id: goal.id,
      name: goal.name,
      status: goal.status,
      items: rows.length,
      epics: epicKeys.size,
      flow: flow.metrics,
      progress: progressOf(facts, rows),
      trend: trendOf(facts, flow, clock, weeks52),
      quarters: quarterMetrics(
        flow,
        epicKeys,
        members.map((m) => m.project.id),
        (from, to) => sumIn(events, from, to),
      ),
      valueToDate: events.reduce((sum, e) => sum + e.amount, 0),
      projectIds: members.map((m) => m.project.id),
      target: goal.target,
      valueInPeriod,
      targetPercent: isValueTarget(goal.target) ? (valueInPeriod / goal.target!.value) * 100 : null,
      health,
    });
  }

  // --- portfolio
  const allEvents = scoped
    .flatMap((s) => valueByProject.get(s.project.id)!.events)
    .sort((a, b) => a.at - b.at);
  const aligned = new Uint8Array(facts.size);
  for (const s of scoped) {
    const active = s.project.goals.some((l) => goalById.get(l.goalId)?.status === 'active');
    if (active) for (const row of s.rows) aligned[row] = 1;
  }
  const portfolioQuarters = quarterMetrics(
    portfolioFlow,
    portfolioEpics,
    scoped.map((s) => s.project.id),
    (from, to) => sumIn(allEvents, from, to),
  );
  for (const q of portfolioQuarters) {
    let done = 0;
    let alignedDone = 0;
    for (const row of portfolioFlow.doneRows) {
      const at = facts.done[row]!;
      if (at < q.from || at >= q.to) continue;
      done += 1;
      alignedDone += aligned[row]!;
    }
    q.alignment = { aligned: alignedDone, done, percent: done === 0 ? null : (alignedDone / done) * 100 };
  }
  const portfolio: PortfolioMetrics = {
    id: 'portfolio',
    name: 'Portfolio',
    items: portfolioRows.length,
    epics: portfolioEpics.size,
    flow: portfolioFlow.metrics,
    progress: progressOf(facts, portfolioRows),
    quarters: portfolioQuarters,
    trend: trendOf(facts, portfolioFlow, clock, weeks52),
    valueToDate: allEvents.reduce((sum, e) => sum + e.amount, 0),
    jiraProjects: [...new Set(portfolioRows.map((r) => facts.projects[facts.project[r]!]!))].sort(),
  };

  // --- history points for today
  const historyPoints: Record<string, HistoryPoint> = {};
  const since28 = clock.grid.starts[clock.grid.today - 28]!;
  const point = (
    flow: FlowResult,
    progress: Progress,
    health: HistoryPoint['health'],
    forecast: ForecastResult | null,
    valueToDate: number,
  ): HistoryPoint => ({
    date: today,
    health,
    progress: progress.percent,
    throughput28d: countIn(flow.daily, clock.grid, {
      from: since28,
      to: clock.grid.starts[clock.grid.today]!,
    }),
    cycleP50: flow.metrics.cycleTime.trailing.p50.value,
    forecastP85: forecast?.state === 'forecast' ? forecast.p85 : null,
    valueToDate,
  });
  for (const p of projects) {
    // The computed rating, not an override: a PMO lead's override must not make a "back on track" win.
    historyPoints[p.id] = point(
      projectFlows.get(p.id)!,
      p.progress,
      p.health.computed,
      p.forecast,
      p.valueToDate,
    );
  }
  historyPoints[PORTFOLIO_HISTORY_ID] = point(
    portfolioFlow,
    portfolio.progress,
    'unknown',
    null,
    portfolio.valueToDate,
  );
  for (const g of goals)
    historyPoints[g.id] = point(goalFlows.get(g.id)!, g.progress, 'unknown', null, g.valueToDate);

  const wins = findWins({
    facts,
    clock,
    today,
    quarters,
    projects,
    goals,
    portfolio,
    projectFlows,
    goalFlows,
    portfolioFlow,
    epics: [...epicsOut.values()],
    epicProjects,
    goalEventLists,
    goalById,
    history: input.history ?? new Map(),
    todayPoints: historyPoints,
  });

  return {
    generatedAt: now,
    timeZone,
    today,
    trailingDays: input.trailingDays,
    portfolio,
    goals,
    projects,
    epics: [...epicsOut.values()].sort((a, b) => KEY_ORDER.compare(a.key, b.key)),
    wins,
    historyPoints,
  };
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * A goal's target is a value target (compared with value delivered, with milestones) when it is a
 * positive amount in a currency (EUR, USD…); targets in other units (NPS, %) are shown as entered.
 */
export const isValueTarget = (target: StrategicGoal['target']): boolean =>
  target !== null && target.value > 0 && CURRENCIES.has(target.unit.toUpperCase());

/** Issue keys in their natural order (PAY-9 before PAY-10). */
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

// ---------------------------------------------------------------------------------------------------
// Wins

/** Faster flow: P50 over the last 90 days at least 20% below the 90 days before, n >= 10 in both. */
export const FASTER_FLOW = { days: 90, improvement: 20, minSamples: 10 } as const;
/** Weeks of done history a scope needs before its best week can be called a record. */
export const RECORD_MIN_HISTORY_WEEKS = 12;
/** Wins are looked for over this many days. */
export const WIN_LOOKBACK_DAYS = 400;

interface WinInput {
  facts: Facts;
  clock: MetricsClock;
  today: string;
  quarters: Quarter[];
  projects: ProjectMetrics[];
  goals: GoalMetrics[];
  portfolio: PortfolioMetrics;
  projectFlows: Map<string, FlowResult>;
  goalFlows: Map<string, FlowResult>;
  portfolioFlow: FlowResult;
  epics: EpicMetrics[];
  epicProjects: Map<string, string[]>;
  goalEventLists: Map<string, ValueEvent[]>;
  goalById: Map<string, StrategicGoal>;
  history: ReadonlyMap<string, readonly HistoryPoint[]>;
  todayPoints: Record<string, HistoryPoint>;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const timing = (slip: number | null) =>
  slip === null ? '' : slip < 0 ? `early by ${days(-slip)}` : slip === 0 ? 'on time' : `${days(slip)} late`;

function findWins(w: WinInput): Win[] {
  const wins: Win[] = [];
  const { clock, today, facts } = w;
  const tz = clock.timeZone;
  const oldest = addLocalDays(today, -WIN_LOOKBACK_DAYS);
  const goalsOfProjects = (ids: readonly string[]) => [
    ...new Set(w.projects.filter((p) => ids.includes(p.id)).flatMap((p) => p.goalIds)),
  ];
  const scopes: {
    kind: 'project' | 'goal' | 'portfolio';
    id: string;
    name: string;
    flow: FlowResult;
    quarters: QuarterMetrics[];
    projectIds: string[];
    goalIds: string[];
  }[] = [
    ...w.projects.map((p) => ({
      kind: 'project' as const,
      id: p.id,
      name: p.name,
      flow: w.projectFlows.get(p.id)!,
      quarters: p.quarters,
      projectIds: [p.id],
      goalIds: p.goalIds,
    })),
    ...w.goals.map((g) => ({
      kind: 'goal' as const,
      id: g.id,
      name: g.name,
      flow: w.goalFlows.get(g.id)!,
      quarters: g.quarters,
      projectIds: g.projectIds,
      goalIds: [g.id],
    })),
    {
      kind: 'portfolio' as const,
      id: 'portfolio',
      name: 'Portfolio',
      flow: w.portfolioFlow,
      quarters: w.portfolio.quarters,
      projectIds: [],
      goalIds: [],
    },
  ];

  // 1. Delivered: epics of PMO projects and PMO projects that reached done.
  for (const epic of w.epics) {
    if (epic.finishedOn === null || epic.finishedOn < oldest) continue;
    const projectIds = w.epicProjects.get(epic.key) ?? [];
    wins.push({
      id: `delivered:epic:${epic.key}`,
      kind: 'delivered',
      title: `${epic.key} ${epic.summary} delivered${epic.onTime === null ? '' : `, ${timing(epic.slipDays)}`}`,
      date: epic.finishedOn,
      evidence: `Delivered on ${dayMonth(epic.finishedOn)}: ${epic.progress.total} item${epic.progress.total === 1 ? '' : 's'}${
        epic.due ? `; due ${dayMonth(epic.due)} (${timing(epic.slipDays)})` : ''
      }`,
      numbers: { items: epic.progress.total, due: epic.due, slipDays: epic.slipDays },
      scope: { kind: 'epic', id: epic.key, name: `${epic.key} ${epic.summary}` },
      projectIds,
      goalIds: goalsOfProjects(projectIds),
      jiraProjects: [epic.jiraProject],
    });
  }
  for (const p of w.projects) {
    if (p.finishedOn === null || p.finishedOn < oldest) continue;
    const earlier = (w.history.get(p.id) ?? []).find((h) => h.forecastP85 !== null && h.date < p.finishedOn!);
    wins.push({
      id: `delivered:project:${p.id}`,
      kind: 'delivered',
      title: `${p.name} delivered${p.target.date ? `, ${timing(p.slipDays)}` : ''}`,
      date: p.finishedOn,
      evidence: `Delivered on ${dayMonth(p.finishedOn)}: ${p.items} items in ${p.epics} epic${p.epics === 1 ? '' : 's'}${
        p.target.date ? `; target ${dayMonth(p.target.date)} (${timing(p.slipDays)})` : ''
      }${earlier ? `; P85 forecast on ${dayMonth(earlier.date)} was ${dayMonth(earlier.forecastP85!)}` : ''}`,
      numbers: {
        items: p.items,
        epics: p.epics,
        target: p.target.date,
        slipDays: p.slipDays,
        forecastP85: earlier?.forecastP85 ?? null,
      },
      scope: { kind: 'project', id: p.id, name: p.name },
      projectIds: [p.id],
      goalIds: p.goalIds,
      jiraProjects: [],
    });
  }

  // 2. Faster flow, judged at the end of each complete quarter and now.
  const ends = [
    ...w.quarters.slice(0, -1).map((q) => ({ label: q.label, at: q.to })),
    { label: w.quarters[w.quarters.length - 1]!.label, at: clock.now },
  ];
  for (const s of scopes) {
    for (const end of ends) {
      const span = FASTER_FLOW.days * DAY_MS;
      const recent = cycleP50Between(facts, s.flow.doneRows, end.at - span, end.at);
      const before = cycleP50Between(facts, s.flow.doneRows, end.at - 2 * span, end.at - span);
      if (recent.n < FASTER_FLOW.minSamples || before.n < FASTER_FLOW.minSamples) continue;
      if (recent.value === null || before.value === null || before.value === 0) continue;
      const drop = ((before.value - recent.value) / before.value) * 100;
      if (drop < FASTER_FLOW.improvement) continue;
      const date = end.at === clock.now ? today : localDate(end.at - 1, tz);
      if (date < oldest) continue;
      wins.push({
        id: `faster-flow:${s.kind}:${s.id}:${end.label}`,
        kind: 'faster-flow',
        title: `${s.name}: ${Math.round(drop)}% faster cycle time`,
        date,
        evidence: `P50 cycle time ${recent.value.toFixed(1)} days over the 90 days to ${dayMonth(date)} (n = ${recent.n}), down from ${before.value.toFixed(1)} days the 90 days before (n = ${before.n})`,
        numbers: {
          p50Recent: recent.value,
          p50Before: before.value,
          nRecent: recent.n,
          nBefore: before.n,
          improvement: drop,
        },
        scope: { kind: s.kind, id: s.id, name: s.name },
        projectIds: s.projectIds,
        goalIds: s.goalIds,
        jiraProjects: [],
      });
    }
  }

  // 3. Throughput record: the best complete ISO week (and month) of the last 12 months, if it beat every
  //    earlier week (month) in the 12 months before it and the scope had 12 weeks of history by then.
  const weeksBefore = memo((t, n) => completeWeeksBefore(t, n, tz));
  const monthsBefore = memo((t, n) => completeMonthsBefore(t, n, tz));
  const weeks = weeksBefore(clock.now, 52);
  const months = monthsBefore(clock.now, 12);
  for (const s of scopes) {
    const firstDone = s.flow.doneRows.length > 0 ? facts.done[s.flow.doneRows[0]!]! : null;
    if (firstDone === null) continue;
    for (const [unit, periods, lookback] of [
      ['week', weeks, 52],
      ['month', months, 12],
    ] as const) {
      const counts = periods.map((p) => countIn(s.flow.daily, clock.grid, p));
      let best = -1;
      counts.forEach((c, i) => {
        if (c > 0 && (best < 0 || c > counts[best]!)) best = i;
      });
      if (best < 0) continue;
      const period = periods[best]!;
      if (firstDone > period.from - RECORD_MIN_HISTORY_WEEKS * 7 * DAY_MS) continue;
      // The 12 months before the record period must hold nothing better.
      const earlier =
        unit === 'week' ? weeksBefore(period.from, lookback) : monthsBefore(period.from, lookback);
      const beaten = earlier.every((p) => countIn(s.flow.daily, clock.grid, p) < counts[best]!);
      if (!beaten) continue;
      const label =
        unit === 'week' ? format(new TZDate(period.from, tz), "RRRR-'W'II") : (period as Quarter).label;
      const date = localDate(period.to - 1, tz);
      wins.push({
        id: `throughput-record:${s.kind}:${s.id}:${unit}:${label}`,
        kind: 'throughput-record',
        title: `${s.name}: best ${unit} in 12 months`,
        date,
        evidence: `${counts[best]} items done in the ${unit} ${label}, the most of any ${unit} in the 12 months before it`,
        numbers: { count: counts[best]!, period: label },
        scope: { kind: s.kind, id: s.id, name: s.name },
        projectIds: s.projectIds,
        goalIds: s.goalIds,
        jiraProjects: [],
      });
    }
  }

  // 4. Predictable quarter: say/do >= 90% in a complete quarter.
  for (const s of scopes) {
    for (const q of s.quarters) {
      if (q.current || q.sayDo.rate === null || q.sayDo.rate < 90) continue;
      wins.push({
        id: `predictable-quarter:${s.kind}:${s.id}:${q.label}`,
        kind: 'predictable-quarter',
        title: `${s.name}: ${pct(q.sayDo.rate)} say/do in ${q.label}`,
        date: localDate(q.to - 1, tz),
        evidence: `${q.sayDo.done} of ${q.sayDo.committed} epics due in ${q.label} (as of its first day) were done by its end`,
        numbers: { committed: q.sayDo.committed, done: q.sayDo.done, rate: q.sayDo.rate },
        scope: { kind: s.kind, id: s.id, name: s.name },
        projectIds: s.projectIds,
        goalIds: s.goalIds,
        jiraProjects: [],
      });
    }
  }

  // 5. Back on track, from each PMO project's daily history (today's point included).
  for (const p of w.projects) {
    const points = [...(w.history.get(p.id) ?? []).filter((h) => h.date < today), w.todayPoints[p.id]!];
    for (const turn of backOnTrack(points)) {
      if (turn.wonOn < oldest) continue;
      wins.push({
        id: `back-on-track:project:${p.id}:${turn.greenFrom}`,
        kind: 'back-on-track',
        title: `${p.name} is back on track`,
        date: turn.wonOn,
        evidence: `Off track (red or amber) from ${dayMonth(turn.offFrom)}, green since ${dayMonth(turn.greenFrom)}`,
        numbers: { offFrom: turn.offFrom, greenFrom: turn.greenFrom },
        scope: { kind: 'project', id: p.id, name: p.name },
        projectIds: [p.id],
        goalIds: p.goalIds,
        jiraProjects: [],
      });
    }
  }

  // 6. Value milestones: a goal's value delivered within its period crossing each 25% of its target.
  for (const g of w.goals) {
    const goal = w.goalById.get(g.id)!;
    if (!isValueTarget(goal.target)) continue;
    const target = goal.target!;
    const from = startOfLocalDate(goal.period.start, tz);
    const to = startOfLocalDate(addLocalDays(goal.period.end, 1), tz);
    let sum = 0;
    let next = 1;
    for (const e of w.goalEventLists.get(g.id) ?? []) {
      if (e.at < from || e.at >= to) continue;
      sum += e.amount;
      while (next <= 4 && sum >= (target.value * next) / 4) {
        const share = next * 25;
        const date = localDate(e.at, tz);
        if (date >= oldest) {
          wins.push({
            id: `value-milestone:goal:${g.id}:${share}`,
            kind: 'value-milestone',
            title: share === 100 ? `${g.name}: target reached` : `${g.name}: ${share}% of target`,
            date,
            evidence: `${formatAmount(sum)} ${target.unit} delivered since ${dayMonth(goal.period.start)}, ${share}% of the ${formatAmount(target.value)} ${target.unit} target`,
            numbers: { delivered: sum, target: target.value, milestone: share },
            scope: { kind: 'goal', id: g.id, name: g.name },
            projectIds: g.projectIds,
            goalIds: [g.id],
            jiraProjects: [],
          });
        }
        next += 1;
      }
    }
  }

  return wins.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

const formatAmount = (n: number) => Math.round(n).toLocaleString('en-US');

/** Calendar periods are the same for every scope: computed once per instant and count. */
function memo<T>(compute: (t: number, count: number) => T) {
  const cache = new Map<string, T>();
  return (t: number, count: number): T => {
    const key = `${t}:${count}`;
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(t, count);
      cache.set(key, value);
    }
    return value;
  };
}
