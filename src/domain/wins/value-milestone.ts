import { addLocalDays, localDate, startOfLocalDate } from '../calendar';
import type { StrategicGoal } from '../model';
import { dayMonth, money, pct } from '../phrasing';
import type { GoalMetrics } from '../results';
import { isValueTarget, type ValueEvent } from '../value';
import type { WinContext } from './input';
import type { Win } from './types';

/** Milestones per target: one at each quarter of it. */
const MILESTONES = 4;

/**
 * 6. Value milestones: an active goal's value delivered within its period crossing each 25% of its target,
 * dated the day of the value event that crossed it; reaching a milestone exactly counts (precise rule 29).
 */
export function valueMilestoneWins(w: WinContext): Win[] {
  return w.goals.flatMap(({ metrics, events }) => {
    const goal = w.goalById.get(metrics.id)!;
    return goal.status === 'active' && isValueTarget(goal.target) ? milestones(w, metrics, goal, events) : [];
  });
}

function milestones(
  w: WinContext,
  g: GoalMetrics,
  goal: StrategicGoal,
  events: readonly ValueEvent[],
): Win[] {
  const tz = w.clock.timeZone;
  const target = goal.target!;
  // A period runs from 00:00 of its first day to 00:00 after its last; a goal without one counts all time.
  const from = goal.period?.start ? startOfLocalDate(goal.period.start, tz) : -Infinity;
  const to = goal.period?.end ? startOfLocalDate(addLocalDays(goal.period.end, 1), tz) : Infinity;
  const wins: Win[] = [];
  let sum = 0;
  let next = 1;
  for (const e of events) {
    if (e.at < from || e.at >= to) continue;
    sum += e.amount;
    // One delivery may cross several milestones at once: each gets its win, dated by that delivery.
    // Compared without dividing, so that exactly 25% of the target counts.
    // A goal's share of a PMO project's value is a fraction (3/11…), so sums carry rounding noise: a
    // sum within a billionth of the milestone has reached it.
    for (; next <= MILESTONES && sum * MILESTONES >= target.value * next * (1 - 1e-9); next++) {
      const share = (next * 100) / MILESTONES;
      const date = localDate(e.at, tz);
      if (date < w.oldest) continue;
      wins.push({
        id: `value-milestone:goal:${g.id}:${share}`,
        kind: 'value-milestone',
        title: share === 100 ? `${g.name}: target reached` : `${g.name}: ${pct(share)} of target`,
        date,
        evidence: `${money(sum, target.unit)} delivered${goal.period?.start ? ` since ${dayMonth(goal.period.start)}` : ''}, ${pct(share)} of the ${money(target.value, target.unit)} target`,
        numbers: { delivered: sum, target: target.value, milestone: share },
        scope: { kind: 'goal', id: g.id, name: g.name },
        projectIds: g.projectIds,
        goalIds: [g.id],
        jiraProjects: [],
      });
    }
  }
  return wins;
}
