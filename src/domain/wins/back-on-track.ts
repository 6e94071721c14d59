import { calendarDaysBetween } from '../calendar';
import type { HistoryPoint } from '../history';
import { RATING_LABELS } from '../health';
import { dayMonth } from '../phrasing';
import type { WinContext } from './input';
import type { Win } from './types';

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

/** 5. Back on track, from each PMO project's daily history (today's point included). */
export function backOnTrackWins(w: WinContext): Win[] {
  return w.projects.flatMap(({ metrics: p }) => {
    const points = [...(w.history.get(p.id) ?? []).filter((h) => h.date < w.today), w.todayPoints[p.id]!];
    return backOnTrack(points)
      .filter((turn) => turn.wonOn >= w.oldest)
      .map((turn): Win => ({
        id: `back-on-track:project:${p.id}:${turn.greenFrom}`,
        kind: 'back-on-track',
        title: `${p.name} is back on track`,
        date: turn.wonOn,
        evidence: `${RATING_LABELS.amber} or ${RATING_LABELS.red} from ${dayMonth(turn.offFrom)}, ${RATING_LABELS.green} since ${dayMonth(turn.greenFrom)}`,
        numbers: { offFrom: turn.offFrom, greenFrom: turn.greenFrom },
        scope: { kind: 'project', id: p.id, name: p.name },
        projectIds: [p.id],
        goalIds: p.goalIds,
        jiraProjects: [],
      }));
  });
}
