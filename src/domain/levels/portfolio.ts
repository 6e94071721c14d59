import type { Quarter } from '../calendar';
import type { Computation } from '../context';
import { doneSpan, trendOf, type FlowResult } from '../flow-metrics';
import type { PortfolioScope, ProjectScope } from '../pmo';
import { quarterMetrics, type Delivery } from '../quarters';
import type { Alignment, PortfolioMetrics } from '../results';
import { sumIn, type ProjectValue, type ValueEvent } from '../value';

/**
 * The portfolio: its own scope (every PMO project's and the portfolio's Jira projects), all value
 * counted once, and per quarter the strategic alignment of the items done.
 */
export function portfolioMetrics(
  ctx: Computation,
  portfolio: {
    scope: PortfolioScope;
    flow: FlowResult;
    scopes: readonly ProjectScope[];
    deliveries: ReadonlyMap<string, Delivery>;
    /** Every PMO project's value events in time order (portfolioEvents). */
    events: readonly ValueEvent[];
  },
): PortfolioMetrics {
  const { facts, clock } = ctx;
  const { scope, flow, scopes, events } = portfolio;
  return {
    id: 'portfolio',
    name: 'Portfolio',
    items: scope.rows.length,
    epics: scope.epicKeys.size,
    flow: flow.metrics,
    progress: flow.progress,
    quarters: quarterMetrics(ctx, {
      flow,
      // Discarded epics too: never delivered, but say/do counts them committed and not done (rule 35).
      epicKeys: scope.committedEpicKeys,
      deliveries: scopes.map((s) => portfolio.deliveries.get(s.project.id)!),
      value: (from, to) => sumIn(events, from, to),
      alignment: alignmentOf(ctx, flow, scopes),
    }),
    trend: trendOf(facts, flow, clock, ctx.weeks52),
    valueToDate: events.reduce((sum, e) => sum + e.amount, 0),
    jiraProjects: jiraProjectsOf(facts, scope.rows),
  };
}

/** The Jira projects of some rows, each once, sorted. */
function jiraProjectsOf(facts: Computation['facts'], rows: ArrayLike<number>): string[] {
  const { project } = facts;
  const seen = new Uint8Array(facts.projects.length);
  for (let i = 0; i < rows.length; i++) seen[project[rows[i]!]!] = 1;
  return facts.projects.filter((_, p) => seen[p] === 1).sort();
}

/** Strategic alignment: of the portfolio's items done in a quarter, those in a PMO project serving an active goal. */
function alignmentOf(
  ctx: Computation,
  flow: FlowResult,
  scopes: readonly ProjectScope[],
): (quarter: Quarter) => Alignment {
  const { facts } = ctx;
  const aligned = alignedRows(ctx, scopes);
  const { done: dones } = facts;
  const { doneRows } = flow;
  return (q) => {
    let done = 0;
    let alignedDone = 0;
    // Only the done rows near the quarter (they are in order of Done).
    const { lo, end } = doneSpan(dones, doneRows, q.from, q.to);
    for (let i = lo; i < end; i++) {
      const row = doneRows[i]!;
      const at = dones[row]!;
      if (at < q.from || at >= q.to) continue;
      done += 1;
      alignedDone += aligned[row]!;
    }
    return { aligned: alignedDone, done, percent: done === 0 ? null : (alignedDone / done) * 100 };
  };
}

/** 1 for each row in a PMO project serving an active goal: one flag per row, as the portfolio may hold a million. */
export function alignedRows(ctx: Computation, scopes: readonly ProjectScope[]): Uint8Array {
  const aligned = new Uint8Array(ctx.facts.size);
  for (const s of scopes) {
    const active = s.project.goals.some((l) => ctx.goalById.get(l.goalId)?.status === 'active');
    if (active) for (const row of s.rows) aligned[row] = 1;
  }
  return aligned;
}

/** The portfolio's value: every PMO project's value events (each amount counted once), in time order. */
export const portfolioEvents = (
  scopes: readonly ProjectScope[],
  values: ReadonlyMap<string, ProjectValue>,
): ValueEvent[] => scopes.flatMap((s) => values.get(s.project.id)!.events).sort((a, b) => a.at - b.at);
