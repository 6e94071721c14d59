import { TZDate } from '@date-fns/tz';
import type { DemoDataset, DemoIssue } from '../../dev/demo-jira';

/**
 * An independent reading of the demo data set's raw histories (not the app's normalization or domain
 * code), used to check the numbers the app shows: throughput and nearest-rank P50 cycle time per project
 * over the last `weeks` complete ISO weeks.
 */
export interface ExpectedFlow {
  throughput: number;
  cycleTimes: number[];
  p50: number | null;
}

function mondayBefore(now: number, timeZone: string, weeksBack: number): number {
  const local = new TZDate(now, timeZone);
  const sinceMonday = (local.getDay() + 6) % 7;
  return new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - sinceMonday - 7 * weeksBack,
    0,
    0,
    0,
    timeZone,
  ).getTime();
}

function startAndDone(
  issue: DemoIssue,
  category: Map<string, string>,
): { start: number | null; done: number | null } {
  const statusChanges = issue.history.flatMap((h) =>
    h.items.filter((i) => i.fieldId === 'status').map((i) => ({ at: h.at, item: i })),
  );
  const initialId = statusChanges[0]?.item.from ?? issue.statusId;
  const entries = [
    { at: issue.created, id: initialId },
    ...statusChanges.map((c) => ({ at: c.at, id: c.item.to ?? '' })),
  ];
  let done: number | null = null;
  // Closed as Won't Do or Duplicate: discarded, never done (METRICS-SPEC precise rule 35).
  if (category.get(issue.statusId) === 'done' && issue.resolutionName === undefined) {
    for (const e of entries) if (category.get(e.id) === 'done') done = e.at;
  }
  const firstProgress = entries.find(
    (e) => category.get(e.id) === 'indeterminate' && (done === null || e.at <= done),
  );
  return { start: firstProgress?.at ?? null, done };
}

export function expectedFlow(
  dataset: DemoDataset,
  projectKey: string,
  options: { now: number; timeZone: string; weeks: number },
): ExpectedFlow {
  const category = new Map(dataset.statuses.map((s) => [s.id, s.categoryKey]));
  const level = new Map(dataset.issueTypes.map((t) => [t.id, t.hierarchyLevel]));
  const from = mondayBefore(options.now, options.timeZone, options.weeks);
  const to = mondayBefore(options.now, options.timeZone, 0);
  let throughput = 0;
  const cycleTimes: number[] = [];
  for (const issue of dataset.issues) {
    if (issue.projectKey !== projectKey || level.get(issue.issueTypeId) !== 0) continue;
    const { start, done } = startAndDone(issue, category);
    if (done === null || done < from || done >= to) continue;
    throughput += 1;
    if (start !== null) cycleTimes.push((done - start) / 86_400_000);
  }
  cycleTimes.sort((a, b) => a - b);
  const p50 = cycleTimes.length >= 5 ? (cycleTimes[Math.ceil(cycleTimes.length / 2) - 1] as number) : null;
  return { throughput, cycleTimes, p50 };
}
