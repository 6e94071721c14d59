/**
 * The wins of the recent-wins gadget and the wins page (and what Confluence and exports show of them):
 * curation applied, and a win that names Jira issues (an epic's key and summary) shown whole only to
 * viewers Jira shows those issues to. Everyone else gets it redacted: an opaque id, what it was delivered
 * for instead of the key and summary, and neither a PMO lead's title nor their note.
 */
import type {
  DeliveryView,
  SurfaceView,
  WinsData,
  WinsGadgetConfig,
  WinsPageData,
  WinView,
} from '../../contract';
import { localDate } from '../../domain/calendar';
import { timing as timingOf } from '../../domain/phrasing';
import { curateWins, type CuratedWin, type Delivery, type Win, type WinCuration } from '../../domain/wins';
import { maySee, type IssueSight, type NamedIssue } from '../access';
import { AppFailure } from '../errors';
import type { SecuredIssue, Snapshot } from '../snapshot';
import { opaqueWinId } from './salt';
import { byAttention, healthRow, quarterLabel, surface, type ViewInput } from './views';

/** What of a win or a delivery says which issues it names. */
type Naming = Pick<Win, 'scope' | 'jiraProjects'>;

/** The issues a win or a delivery names by key and summary: a delivered epic's. */
export function namedIssues(win: Naming): NamedIssue[] {
  const project = win.jiraProjects[0];
  return win.scope.kind === 'epic' && win.scope.id !== '' && project !== undefined
    ? [{ key: win.scope.id, project }]
    : [];
}

/** Whether a win names Jira issues at all, and so is redacted for viewers who may not see them. */
export const namesIssues = (win: Naming): boolean =>
  win.jiraProjects.length > 0 || namedIssues(win).length > 0;

/** Why a viewer may not see a win's issues, or null when they may. */
function hiddenBecause(
  win: Naming,
  sight: IssueSight,
  secured: Readonly<Record<string, SecuredIssue>> | undefined,
): 'project' | 'issue' | null {
  if (!win.jiraProjects.every((p) => sight.projects.has(p))) return 'project';
  return namedIssues(win).every((issue) => maySee(sight, secured, issue)) ? null : 'issue';
}

/**
 * A win as a viewer who may not see its issues gets it: the epic's key and summary replaced by what it
 * was delivered for, an opaque id, and no Jira project named.
 */
function redactedWin(
  win: Win,
  because: 'project' | 'issue',
  projectNames: ReadonlyMap<string, string>,
  salt: string,
): Win {
  const owners = win.projectIds
    .map((id) => projectNames.get(id))
    .filter(Boolean)
    .join(', ');
  const of = owners ? ` of ${owners}` : '';
  const slip = typeof win.numbers.slipDays === 'number' ? win.numbers.slipDays : null;
  const timing = slip === null ? '' : `, ${timingOf(slip)}`;
  const why = because === 'project' ? 'you cannot browse its Jira project' : 'Jira does not show it to you';
  return {
    ...win,
    id: opaqueWinId(salt, win.id),
    title: `An epic${of} delivered${timing}`,
    evidence: `Delivered with ${win.numbers.items ?? 'its'} items${timing}. Its key and summary are hidden: ${why}.`,
    scope: { kind: 'epic', id: '', name: 'An epic you cannot see' },
    jiraProjects: [],
  };
}

/**
 * Curation laid over the wins (by their real ids), then each win as this viewer may see it. A redacted
 * win keeps its featured and hidden marks, never a PMO lead's title or note: those may name the issue.
 */
export function viewWins(
  snapshot: Snapshot,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
  sight: IssueSight,
  salt: string,
): WinView[] {
  const projectNames = new Map(snapshot.metrics.projects.map((p) => [p.id, p.name]));
  const byId = new Map(wins.map((w) => [w.id, w]));
  return curateWins(wins, curation).map((curated: CuratedWin): WinView => {
    const original = byId.get(curated.id)!;
    const named = namesIssues(original);
    const because = named ? hiddenBecause(original, sight, snapshot.securedIssues) : null;
    if (because === null) return { ...curated, redacted: false, namesIssues: named };
    return {
      ...curated,
      ...redactedWin(original, because, projectNames, salt),
      originalTitle: null,
      note: '',
      redacted: true,
      namesIssues: true,
    };
  });
}

/**
 * The Delivered list as a viewer may see it: the same redaction as the wins. An epic the viewer may not
 * see keeps its date, slip and item count, under an opaque id, without its key and summary.
 */
export function viewDeliveries(
  snapshot: Snapshot,
  delivered: readonly Delivery[],
  sight: IssueSight,
  salt: string,
): DeliveryView[] {
  const projectNames = new Map(snapshot.metrics.projects.map((p) => [p.id, p.name]));
  return delivered.map((d): DeliveryView => {
    const because = namesIssues(d) ? hiddenBecause(d, sight, snapshot.securedIssues) : null;
    if (because === null) return { ...d, redacted: false };
    const owners = d.projectIds
      .map((id) => projectNames.get(id))
      .filter(Boolean)
      .join(', ');
    const timing = d.slipDays === null ? '' : `, ${timingOf(d.slipDays)}`;
    const why = because === 'project' ? 'you cannot browse its Jira project' : 'Jira does not show it to you';
    return {
      ...d,
      id: opaqueWinId(salt, d.id),
      title: `An epic${owners ? ` of ${owners}` : ''} delivered${timing}`,
      evidence: `Delivered with ${d.items} items${timing}. Its key and summary are hidden: ${why}.`,
      scope: { kind: 'epic', id: '', name: 'An epic you cannot see' },
      jiraProjects: [],
      redacted: true,
    };
  });
}

function curated(
  snapshot: Snapshot,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
  input: ViewInput,
  salt: string,
): { visible: WinView[]; hidden: number } {
  const all = viewWins(snapshot, wins, curation, input.sight, salt);
  const hidden = all.filter((w) => w.hidden).length;
  // Hidden wins stay listed (marked) for those who curate; everyone else does not see them.
  return { visible: input.canConfigure ? all : all.filter((w) => !w.hidden), hidden };
}

export function winsView(
  input: ViewInput,
  config: WinsGadgetConfig,
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
  salt: string,
): SurfaceView<WinsData> {
  return surface(input, (snapshot) => {
    const { visible, hidden } = curated(snapshot, wins, curation, input, salt);
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
  salt: string,
  delivered: readonly Delivery[] = [],
): SurfaceView<WinsPageData> {
  return surface(input, (snapshot) => {
    const m = snapshot.metrics;
    const goal = query.goalId === null ? undefined : m.goals.find((g) => g.id === query.goalId);
    const scope = goal ?? m.portfolio;
    const series = scope.quarters;
    const chosen = quarterLabel(
      query.quarter,
      series.map((q) => q.label),
    );
    let at = series.length - 1;
    if (chosen !== null) {
      at = series.findIndex((q) => q.label === chosen);
      if (at < 0) {
        throw new ViewError(
          `quarter must be one of ${series.map((q) => q.label).join(', ')}; got "${query.quarter}"`,
        );
      }
    }
    const current = series[at]!;
    const first = current.from;
    const { visible, hidden } = curated(snapshot, wins, curation, input, salt);
    const from = localDay(first, snapshot.timeZone);
    const to = localDay(current.to, snapshot.timeZone);
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
      goalProgress: goal
        ? {
            target: goal.target,
            period: goal.period,
            valueInPeriod: goal.valueInPeriod,
            targetPercent: goal.targetPercent,
          }
        : null,
      current,
      previous: at > 0 ? series[at - 1]! : null,
      series,
      projects,
      wins: visible.filter((w) => (!goal || w.goalIds.includes(goal.id)) && w.date >= from && w.date < to),
      hidden,
      delivered: viewDeliveries(
        snapshot,
        delivered.filter((d) => (!goal || d.goalIds.includes(goal.id)) && d.date >= from && d.date < to),
        input.sight,
        salt,
      ),
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
