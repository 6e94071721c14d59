/**
 * The wins of the recent-wins gadget and the wins page (and what Confluence and exports show of them):
 * curation applied, and an epic's key and summary only for viewers who may browse its Jira project.
 */
import type { SurfaceView, WinsData, WinsGadgetConfig, WinsPageData } from '../../contract';
import { localDate } from '../../domain/calendar';
import { curateWins, type CuratedWin, type Win, type WinCuration } from '../../domain/wins';
import { AppFailure } from '../errors';
import type { Snapshot } from '../snapshot';
import { byAttention, healthRow, surface, type ViewInput } from './views';

/**
 * A win as a viewer may see it: an epic's key and summary are replaced by what it was delivered for
 * unless the viewer may browse the epic's Jira project.
 */
export function visibleWin(
  win: Win,
  viewerProjects: ReadonlySet<string>,
  projectNames: Map<string, string>,
): Win {
  if (win.jiraProjects.every((p) => viewerProjects.has(p))) return win;
  const owners = win.projectIds
    .map((id) => projectNames.get(id))
    .filter(Boolean)
    .join(', ');
  const of = owners ? ` of ${owners}` : '';
  const slip = typeof win.numbers.slipDays === 'number' ? win.numbers.slipDays : null;
  const timing =
    slip === null
      ? ''
      : slip < 0
        ? `, early by ${-slip} days`
        : slip === 0
          ? ', on time'
          : `, ${slip} days late`;
  return {
    ...win,
    title: `An epic${of} delivered${timing}`,
    evidence: `Delivered with ${win.numbers.items ?? 'its'} items${timing}. Its key and summary are hidden: you cannot browse its Jira project.`,
    scope: { kind: 'epic', id: '', name: 'An epic you cannot browse' },
  };
}

function curated(
  snapshot: Snapshot,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
  input: ViewInput,
): { visible: CuratedWin[]; hidden: number } {
  const names = new Map(snapshot.metrics.projects.map((p) => [p.id, p.name]));
  const all = curateWins(
    wins.map((w) => visibleWin(w, input.viewerProjects, names)),
    curation,
  );
  const hidden = all.filter((w) => w.hidden).length;
  // Hidden wins stay listed (marked) for those who curate; everyone else does not see them.
  return { visible: input.canConfigure ? all : all.filter((w) => !w.hidden), hidden };
}

export function winsView(
  input: ViewInput,
  config: WinsGadgetConfig,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
): SurfaceView<WinsData> {
  return surface(input, (snapshot) => {
    const { visible, hidden } = curated(snapshot, wins, curation, input);
    return {
      wins: visible
        .filter((w) => !w.hidden && (config.goalId === null || w.goalIds.includes(config.goalId)))
        .slice(0, config.count),
      hidden,
    };
  });
}

export function winsPageView(
  input: ViewInput,
  query: { quarter: string | null; goalId: string | null },
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
): SurfaceView<WinsPageData> {
  return surface(input, (snapshot) => {
    const m = snapshot.metrics;
    const goal = query.goalId === null ? undefined : m.goals.find((g) => g.id === query.goalId);
    const scope = goal ?? m.portfolio;
    const series = scope.quarters;
    let at = series.length - 1;
    if (query.quarter !== null) {
      at = series.findIndex((q) => q.label === query.quarter);
      if (at < 0) {
        throw new ViewError(
          `quarter must be one of ${series.map((q) => q.label).join(', ')}; got "${query.quarter}"`,
        );
      }
    }
    const current = series[at]!;
    const first = current.from;
    const { visible, hidden } = curated(snapshot, wins, curation, input);
    const projects = m.projects
      .filter((p) => !goal || p.goalIds.includes(goal.id))
      .map(healthRow)
      .sort(byAttention);
    return {
      quarter: current.label,
      quarters: series.map((q) => q.label),
      scope: goal
        ? { kind: 'goal', id: goal.id, name: goal.name }
        : { kind: 'portfolio', id: 'portfolio', name: 'Portfolio' },
      current,
      previous: at > 0 ? series[at - 1]! : null,
      series,
      projects,
      wins: visible.filter(
        (w) =>
          (!goal || w.goalIds.includes(goal.id)) &&
          w.date >= localDay(first, snapshot.timeZone) &&
          w.date < localDay(current.to, snapshot.timeZone),
      ),
      hidden,
    };
  });
}

const localDay = (t: number, timeZone: string) => localDate(t, timeZone);

/** A query naming something the snapshot does not have. */
export class ViewError extends AppFailure {
  constructor(message: string) {
    super('validation', message);
  }
}
