import type { EpicMetrics, ProjectMetrics } from '../results';
import { dayMonth, plural, timing } from '../phrasing';
import type { WinContext } from './input';
import type { Win } from './types';

/** 1. Delivered: epics with an epic row and PMO projects that reached done, with their timing. */
export function deliveredWins(w: WinContext): Win[] {
  const recent = (finishedOn: string | null) => finishedOn !== null && finishedOn >= w.oldest;
  return [
    ...w.epics.filter((e) => recent(e.finishedOn)).map((epic) => epicDelivered(w, epic)),
    ...w.projects
      .map((p) => p.metrics)
      .filter((p) => recent(p.finishedOn))
      .map((p) => projectDelivered(w, p)),
  ];
}

function epicDelivered(w: WinContext, epic: EpicMetrics): Win {
  const finishedOn = epic.finishedOn!;
  const projectIds = [...(w.epicProjects.get(epic.key) ?? [])];
  const goalIds = new Set(
    w.projects.filter((p) => projectIds.includes(p.metrics.id)).flatMap((p) => p.metrics.goalIds),
  );
  return {
    id: `delivered:epic:${epic.key}`,
    kind: 'delivered',
    title: `${epic.key} ${epic.summary} delivered${epic.onTime === null ? '' : `, ${timing(epic.slipDays)}`}`,
    date: finishedOn,
    evidence: `Delivered on ${dayMonth(finishedOn)}: ${plural(epic.progress.total, 'item')}${
      epic.due ? `; due ${dayMonth(epic.due)} (${timing(epic.slipDays)})` : ''
    }`,
    numbers: { items: epic.progress.total, due: epic.due, slipDays: epic.slipDays },
    scope: { kind: 'epic', id: epic.key, name: `${epic.key} ${epic.summary}` },
    projectIds,
    goalIds: [...goalIds],
    jiraProjects: [epic.jiraProject],
  };
}

function projectDelivered(w: WinContext, p: ProjectMetrics): Win {
  const finishedOn = p.finishedOn!;
  // The oldest kept forecast before the finish: how far ahead the delivery date was called.
  const earlier = (w.history.get(p.id) ?? []).find((h) => h.forecastP85 !== null && h.date < finishedOn);
  return {
    id: `delivered:project:${p.id}`,
    kind: 'delivered',
    title: `${p.name} delivered${p.target.date ? `, ${timing(p.slipDays)}` : ''}`,
    date: finishedOn,
    evidence: `Delivered on ${dayMonth(finishedOn)}: ${p.items} items in ${plural(p.epics, 'epic')}${
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
  };
}
