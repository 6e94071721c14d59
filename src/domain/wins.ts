import { calendarDaysBetween } from './calendar';
import type { Rating } from './health';

/**
 * Wins found in the data (METRICS-SPEC "Wins"). Each has a stable id built from what it is about (kind,
 * scope, period), so a PMO lead's curation keyed by that id survives every re-sync.
 */
export type WinKind =
  | 'delivered'
  | 'faster-flow'
  | 'throughput-record'
  | 'predictable-quarter'
  | 'back-on-track'
  | 'value-milestone';

export interface WinScope {
  kind: 'epic' | 'project' | 'goal' | 'portfolio';
  id: string;
  name: string;
}

export interface Win {
  id: string;
  kind: WinKind;
  title: string;
  /** Local date the win happened ('YYYY-MM-DD'). */
  date: string;
  /** The evidence in one sentence, with its numbers. */
  evidence: string;
  /** The numbers behind it, by name. */
  numbers: Record<string, number | string | null>;
  scope: WinScope;
  /** PMO projects and goals it belongs to. */
  projectIds: string[];
  goalIds: string[];
  /** Jira projects whose issues the win names (an epic's key and summary): only their browsers see those. */
  jiraProjects: string[];
}

export interface WinCuration {
  featured: boolean;
  hidden: boolean;
  note: string;
  /** A PMO lead's title instead of the generated one, or null. */
  title: string | null;
  by: string;
  at: number;
}

export interface CuratedWin extends Win {
  /** The generated title, when a PMO lead renamed the win. */
  originalTitle: string | null;
  featured: boolean;
  hidden: boolean;
  note: string;
}

/** Applies the curation overlay; featured wins first, then newest first. Hidden wins stay (marked) for curators. */
export function curateWins(
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
): CuratedWin[] {
  return wins
    .map((win) => {
      const c = curation[win.id];
      return {
        ...win,
        title: c?.title ?? win.title,
        originalTitle: c?.title ? win.title : null,
        featured: c?.featured ?? false,
        hidden: c?.hidden ?? false,
        note: c?.note ?? '',
      };
    })
    .sort(
      (a, b) =>
        Number(b.featured) - Number(a.featured) || b.date.localeCompare(a.date) || a.id.localeCompare(b.id),
    );
}

/** One day of a PMO project's or goal's history (METRICS-SPEC "History"). */
export interface HistoryPoint {
  date: string;
  health: Rating | 'done' | 'unknown';
  /** Progress, 0-100. */
  progress: number | null;
  /** Items done in the 28 days before the day. */
  throughput28d: number;
  /** P50 cycle time over the trailing window, days. */
  cycleP50: number | null;
  /** P85 forecast finish date. */
  forecastP85: string | null;
  /** Value delivered up to the day. */
  valueToDate: number;
}

/** Days a status must hold on each side of a "back on track" turn. */
export const BACK_ON_TRACK_DAYS = 14;

/**
 * "Back on track": red or amber for 14+ days, then green for 14+ days. Returns the first green day of
 * each such turn and how long the project had been off track. Days without a point (no sync) are
 * bridged: a status holds until the next point says otherwise.
 */
export function backOnTrack(
  points: readonly HistoryPoint[],
): { greenFrom: string; offFrom: string; wonOn: string }[] {
  const found: { greenFrom: string; offFrom: string; wonOn: string }[] = [];
  let offFrom: string | null = null;
  let offTo: string | null = null;
  let greenFrom: string | null = null;
  let reported = false;
  for (const point of [...points].sort((a, b) => a.date.localeCompare(b.date))) {
    const bad = point.health === 'red' || point.health === 'amber';
    if (bad) {
      if (greenFrom !== null || offFrom === null) {
        offFrom = point.date;
        greenFrom = null;
        reported = false;
      }
      offTo = null;
    } else if (point.health === 'green') {
      if (offFrom !== null && greenFrom === null) {
        greenFrom = point.date;
        offTo = point.date;
      }
      if (
        !reported &&
        offFrom !== null &&
        greenFrom !== null &&
        offTo !== null &&
        calendarDaysBetween(offFrom, offTo) >= BACK_ON_TRACK_DAYS &&
        calendarDaysBetween(greenFrom, point.date) + 1 >= BACK_ON_TRACK_DAYS
      ) {
        found.push({ greenFrom, offFrom, wonOn: point.date });
        reported = true;
      }
    } else {
      offFrom = null;
      greenFrom = null;
      offTo = null;
      reported = false;
    }
  }
  return found;
}
