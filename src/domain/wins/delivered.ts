import type { EpicMetrics, ProjectMetrics } from '../results';
import { dayMonth, flat, plural, timing } from '../phrasing';
import type { WinContext } from './input';
import type { Delivery, DeliveryTiming, Win } from './types';

/**
 * Every delivery of the lookback, on time or late (the "Delivered" list): the epics of PMO projects that
 * have an epic row, and the PMO projects, that reached done. Epics of the portfolio's Jira projects that
 * belong to no PMO project are left out (precise rule 25). Newest first.
 */
export function deliveries(w: Omit<WinContext, 'delivered'>): Delivery[] {
  const recent = (finishedOn: string | null) => finishedOn !== null && finishedOn >= w.oldest;
  const goalIdsOf = goalsOfProjects(w);
  return [
    ...w.epics
      .filter((e) => recent(e.finishedOn) && (w.epicProjects.get(e.key) ?? []).length > 0)
      .map((epic) => epicDelivery(w, epic, goalIdsOf)),
    ...w.projects
      .map((p) => p.metrics)
      .filter((p) => recent(p.finishedOn))
      .map((p) => projectDelivery(w, p)),
  ].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

/**
 * 1. Delivered on time: the deliveries done on or before their date (precise rule 12), and the PMO
 * projects done without a target date. Late deliveries and epics without a due date are no wins.
 */
export function deliveredWins(w: WinContext): Win[] {
  return w.delivered
    .filter((d) => d.win)
    .map(({ id, title, date, evidence, numbers, scope, projectIds, goalIds, jiraProjects }) => ({
      id,
      kind: 'delivered' as const,
      title,
      date,
      evidence,
      numbers,
      scope,
      projectIds,
      goalIds,
      jiraProjects,
    }));
}

export const timingOf = (slipDays: number | null): DeliveryTiming =>
  slipDays === null ? 'no-date' : slipDays < 0 ? 'early' : slipDays === 0 ? 'on-time' : 'late';

/** "delivered, 3 days late", "delivered, on time"; "delivered" without a date. */
const delivered = (slipDays: number | null) => `delivered${slipDays === null ? '' : `, ${timing(slipDays)}`}`;

/**
 * The goal ids of the PMO projects with these ids, in the order of the PMO projects, each once: the
 * PMO projects' places are looked up by id rather than every PMO project tested for each epic.
 */
function goalsOfProjects(w: Pick<WinContext, 'projects'>): (projectIds: readonly string[]) => Set<string> {
  const places = new Map<string, number[]>();
  w.projects.forEach(({ metrics }, i) => {
    const list = places.get(metrics.id);
    if (list) list.push(i);
    else places.set(metrics.id, [i]);
  });
  return (projectIds) => {
    const at = [...new Set(projectIds.flatMap((id) => places.get(id) ?? []))].sort((a, b) => a - b);
    return new Set(at.flatMap((i) => w.projects[i]!.metrics.goalIds));
  };
}

function epicDelivery(
  w: Omit<WinContext, 'delivered'>,
  epic: EpicMetrics,
  goalIdsOf: (projectIds: readonly string[]) => Set<string>,
): Delivery {
  const finishedOn = epic.finishedOn!;
  const projectIds = [...(w.epicProjects.get(epic.key) ?? [])];
  const goalIds = goalIdsOf(projectIds);
  const slipDays = epic.due === null ? null : epic.slipDays;
  return {
    id: `delivered:epic:${epic.key}`,
    title: flat`${epic.key} ${epic.summary} ${delivered(slipDays)}`,
    date: finishedOn,
    evidence: flat`Delivered on ${dayMonth(finishedOn)}: ${plural(epic.progress.total, 'item')}${
      epic.due ? `; due ${dayMonth(epic.due)} (${timing(slipDays)})` : '; no due date'
    }`,
    due: epic.due,
    slipDays,
    timing: timingOf(slipDays),
    win: slipDays !== null && slipDays <= 0,
    items: epic.progress.total,
    numbers: { items: epic.progress.total, due: epic.due, slipDays },
    scope: { kind: 'epic', id: epic.key, name: flat`${epic.key} ${epic.summary}` },
    projectIds,
    goalIds: [...goalIds],
    jiraProjects: [epic.jiraProject],
  };
}

function projectDelivery(w: Omit<WinContext, 'delivered'>, p: ProjectMetrics): Delivery {
  const finishedOn = p.finishedOn!;
  const slipDays = p.target.date === null ? null : p.slipDays;
  // The oldest kept forecast before the finish: how far ahead the delivery date was called.
  const earlier = (w.history.get(p.id) ?? []).find((h) => h.forecastP85 !== null && h.date < finishedOn);
  return {
    id: `delivered:project:${p.id}`,
    title: flat`${p.name} ${delivered(slipDays)}`,
    date: finishedOn,
    evidence: flat`Delivered on ${dayMonth(finishedOn)}: ${plural(p.items, 'item')} in ${plural(p.epics, 'epic')}${
      p.target.date ? `; target ${dayMonth(p.target.date)} (${timing(slipDays)})` : '; no target date'
    }${earlier ? `; P85 forecast on ${dayMonth(earlier.date)} was ${dayMonth(earlier.forecastP85!)}` : ''}`,
    due: p.target.date,
    slipDays,
    timing: timingOf(slipDays),
    // A PMO project done without a target date is a win too (METRICS-SPEC "Wins" 1).
    win: slipDays === null || slipDays <= 0,
    items: p.items,
    numbers: {
      items: p.items,
      epics: p.epics,
      target: p.target.date,
      slipDays,
      forecastP85: earlier?.forecastP85 ?? null,
    },
    scope: { kind: 'project', id: p.id, name: p.name },
    projectIds: [p.id],
    goalIds: p.goalIds,
    jiraProjects: [],
  };
}
