import type { DrillEntry, DrillNumber, DrillScope } from '../../contract/drill';
import { DRILL_FLAG, type DrillDelivery, type DrillEpic, type ScopeDrill } from '../../domain/drill';
import type { Facts } from '../../domain/facts';
import type { WorkItem } from '../../domain/work-item';
import type { SecuredIssue } from './model';

/**
 * What the snapshot keeps behind each scope's numbers, one part per scope: its work items as compact
 * tuples (key, project, Start, Done, flags, estimate), its epics, its PMO projects' deliveries and its
 * value events. No summary is kept: a list asks Jira for those as the viewer, so it shows what Jira
 * shows them now. Issues with a security level are listed with their ids, for the viewer's check.
 */
export interface DrillPart {
  /** Done items from this instant on are kept; null: every one. */
  since: number | null;
  /** Jira project keys, indexed by the items. */
  projects: string[];
  /** [key, project index, Start, Done, flags (DRILL_FLAG bits), estimate]. */
  items: [string, number, number | null, number | null, number, number | null][];
  epics: DrillEpic[];
  deliveries: DrillDelivery[];
  /** Value events; `project` is an epic's Jira project, `owner` the PMO project a benefit record belongs to. */
  value: {
    ref: string;
    source: 'epic' | 'benefit';
    at: number;
    amount: number;
    project: string | null;
    owner: string | null;
  }[];
  /** The items and epics above that carry an issue security level. */
  secured: Record<string, SecuredIssue>;
}

/**
 * The items of a drill part done before a boundary (the start of the quarter), kept apart from the rest:
 * they no longer change from one sync to the next, so a publish carries them over instead of writing
 * them again (src/services/snapshot/publish.ts). Project indexes are this list's own.
 */
export interface SettledItems {
  projects: string[];
  items: DrillPart['items'];
}

/** The start (UTC) of the calendar quarter of an instant: items done before it are settled. */
export function settledBefore(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

/** Splits a part into the items done before `before` and the rest of the part. */
export function splitDrill(part: DrillPart, before: number): { recent: DrillPart; settled: SettledItems } {
  const settled: SettledItems = { projects: [], items: [] };
  const index = new Map<string, number>();
  const items: DrillPart['items'] = [];
  for (const t of part.items) {
    if (t[3] === null || t[3] >= before) {
      items.push(t);
      continue;
    }
    const key = part.projects[t[1]]!;
    let p = index.get(key);
    if (p === undefined) {
      p = settled.projects.length;
      settled.projects.push(key);
      index.set(key, p);
    }
    settled.items.push([t[0], p, t[2], t[3], t[4], t[5]]);
  }
  return { recent: { ...part, items }, settled };
}

/** The part whole again: the settled items (first, in their order), then the rest. */
export function joinDrill(recent: DrillPart, settled: SettledItems | undefined): DrillPart {
  if (!settled || settled.items.length === 0) return recent;
  const projects = [...recent.projects];
  const index = new Map(projects.map((key, i) => [key, i]));
  const remap = settled.projects.map((key) => {
    let p = index.get(key);
    if (p === undefined) {
      p = projects.length;
      projects.push(key);
      index.set(key, p);
    }
    return p;
  });
  const items: DrillPart['items'] = settled.items.map((t) => [t[0], remap[t[1]]!, t[2], t[3], t[4], t[5]]);
  return { ...recent, projects, items: [...items, ...recent.items] };
}

/** The part's name within a version: 'portfolio', 'goal:<id>', 'project:<id>' or 'jira:<KEY>'. */
export const drillName = (scope: DrillScope): string =>
  scope.kind === 'portfolio' ? 'portfolio' : `${scope.kind}:${scope.id}`;

/** The engine's drill by scope id, as the snapshot's parts by name. */
export function drillParts(
  drill: Readonly<Record<string, ScopeDrill>>,
  facts: Facts,
  items: readonly WorkItem[],
  scopeKinds: { goals: ReadonlySet<string>; projects: ReadonlySet<string> },
  /** Benefit record id -> the name of the PMO project it belongs to. */
  benefitOwners: ReadonlyMap<string, string>,
): Record<string, DrillPart> {
  const byId = new Map<number, WorkItem>();
  for (const item of items) if (item.level === 0) byId.set(Number(item.id), item);
  const secured = new Map<string, SecuredIssue>();
  for (const item of items) {
    if (item.security !== undefined) {
      secured.set(item.key, { id: item.id, project: item.project, level: item.security });
    }
  }
  const parts: Record<string, DrillPart> = {};
  for (const [id, scope] of Object.entries(drill)) {
    const name =
      id === 'portfolio' || id.startsWith('jira:')
        ? id
        : scopeKinds.projects.has(id)
          ? `project:${id}`
          : scopeKinds.goals.has(id)
            ? `goal:${id}`
            : null;
    if (name === null) continue;
    parts[name] = partOf(scope, facts, byId, secured, benefitOwners);
  }
  return parts;
}

function partOf(
  scope: ScopeDrill,
  facts: Facts,
  byId: ReadonlyMap<number, WorkItem>,
  securedByKey: ReadonlyMap<string, SecuredIssue>,
  benefitOwners: ReadonlyMap<string, string>,
): DrillPart {
  const projects: string[] = [];
  const projectIndex = new Map<string, number>();
  const secured: Record<string, SecuredIssue> = {};
  const note = (key: string) => {
    const entry = securedByKey.get(key);
    if (entry) secured[key] = entry;
  };
  const items: DrillPart['items'] = [];
  for (const r of scope.rows) {
    const item = byId.get(facts.ids[r.row]!);
    if (!item) continue;
    let p = projectIndex.get(item.project);
    if (p === undefined) {
      p = projects.length;
      projects.push(item.project);
      projectIndex.set(item.project, p);
    }
    const estimate = facts.estimate[r.row]!;
    items.push([item.key, p, r.start, r.done, r.flags, estimate === estimate ? estimate : null]);
    note(item.key);
  }
  for (const epic of scope.epics) note(epic.key);
  const epicProject = new Map(scope.epics.map((e) => [e.key, e.project]));
  return {
    since: scope.since,
    projects,
    items,
    epics: scope.epics,
    deliveries: scope.deliveries,
    value: scope.value.map((e) => ({
      ref: e.ref,
      source: e.source,
      at: e.at,
      amount: e.amount,
      project:
        e.source === 'epic' ? (epicProject.get(e.ref) ?? facts.epicByKey.get(e.ref)?.project ?? null) : null,
      owner: e.source === 'benefit' ? (benefitOwners.get(e.ref) ?? null) : null,
    })),
    secured,
  };
}

const DAY_MS = 86_400_000;

const blank: Omit<DrillEntry, 'kind'> = {
  key: null,
  project: null,
  name: null,
  start: null,
  done: null,
  doneOn: null,
  due: null,
  days: null,
  amount: null,
  verdict: null,
};

const within = (t: number | null, from: number, to: number) => t !== null && t >= from && t < to;

/**
 * The entries behind one number of a scope, in the order a reader wants them: newest done first; the
 * longest in progress first; what is not done before what is. `now` ages the items in progress.
 * Throws a RangeError for a number the part cannot answer (a period before what it keeps).
 */
export function drillEntries(part: DrillPart, number: DrillNumber, now: number): DrillEntry[] {
  const item = (t: DrillPart['items'][number], verdict: string | null = null): DrillEntry => {
    const [key, p, start, done] = t;
    return {
      ...blank,
      kind: 'item',
      key,
      project: part.projects[p] ?? null,
      start,
      done,
      days:
        done !== null
          ? start === null
            ? null
            : (done - start) / DAY_MS
          : start === null
            ? null
            : (now - start) / DAY_MS,
      verdict,
    };
  };
  const epic = (e: DrillEpic, verdict: string | null = null): DrillEntry => ({
    ...blank,
    kind: 'epic',
    key: e.key,
    project: e.project,
    done: e.done,
    doneOn: e.doneOn,
    due: e.due,
    verdict,
  });
  const newestDone = (a: DrillEntry, b: DrillEntry) =>
    (b.done ?? -Infinity) - (a.done ?? -Infinity) ||
    (a.key ?? a.name ?? '').localeCompare(b.key ?? b.name ?? '');
  const oldestStart = (a: DrillEntry, b: DrillEntry) =>
    (a.start ?? Infinity) - (b.start ?? Infinity) || (a.key ?? '').localeCompare(b.key ?? '');
  const has = (flag: number) => part.items.filter((t) => (t[4] & flag) !== 0);
  const period = (from: number) => {
    if (part.since !== null && from < part.since) {
      throw new RangeError('the period starts before the oldest one the published numbers report');
    }
  };

  switch (number.kind) {
    case 'done':
    case 'cycle':
    case 'aligned': {
      period(number.from);
      return part.items
        .filter((t) => within(t[3], number.from, number.to) && (number.kind !== 'cycle' || t[2] !== null))
        .map((t) =>
          item(
            t,
            number.kind === 'aligned'
              ? (t[4] & DRILL_FLAG.aligned) !== 0
                ? 'aligned'
                : 'not aligned'
              : null,
          ),
        )
        .sort(newestDone);
    }
    case 'wip':
      return has(DRILL_FLAG.wip)
        .map((t) => item(t, (t[4] & DRILL_FLAG.blocked) !== 0 ? 'blocked' : null))
        .sort(oldestStart);
    case 'blocked':
      return has(DRILL_FLAG.blocked)
        .map((t) => item(t, 'blocked'))
        .sort(oldestStart);
    case 'aging':
      return has(DRILL_FLAG.aging)
        .map((t) => item(t, 'aging'))
        .sort(oldestStart);
    case 'added':
      return has(DRILL_FLAG.added)
        .map((t) => item(t, t[3] === null ? 'open' : 'done'))
        .sort(newestDone);
    case 'progress':
    case 'remaining': {
      if (part.since !== null) throw new RangeError('progress is kept for PMO projects only');
      const listed = number.kind === 'remaining' ? part.items.filter((t) => t[3] === null) : part.items;
      return listed
        .map((t) => item(t, t[3] === null ? 'open' : 'done'))
        .sort((a, b) => Number(a.done !== null) - Number(b.done !== null) || newestDone(a, b));
    }
    case 'epics':
      period(number.from);
      return part.epics
        .filter((e) => within(e.done, number.from, number.to))
        .map((e) => epic(e))
        .sort(newestDone);
    case 'on-time': {
      period(number.from);
      const verdict = (doneOn: string | null, due: string) =>
        doneOn !== null && doneOn <= due ? 'on time' : 'late';
      const epics = part.epics
        .filter((e) => within(e.done, number.from, number.to) && e.due !== null)
        .map((e) => epic(e, verdict(e.doneOn, e.due!)));
      const projects = part.deliveries
        .filter((d) => within(d.finished, number.from, number.to) && d.target !== null)
        .map((d) => delivery(d, verdict(d.finishedOn, d.target!)));
      return [...epics, ...projects].sort(newestDone);
    }
    case 'say-do':
      return part.epics
        .filter((e) => e.committed.includes(number.quarter))
        .map((e) => epic(e, e.doneBy.includes(number.quarter) ? 'done' : 'not done'))
        .sort(
          (a, b) =>
            Number(a.verdict === 'done') - Number(b.verdict === 'done') ||
            (a.key ?? '').localeCompare(b.key ?? ''),
        );
    case 'projects':
      period(number.from);
      return part.deliveries
        .filter((d) => within(d.finished, number.from, number.to))
        .map((d) => delivery(d, null))
        .sort(newestDone);
    case 'value': {
      period(number.from);
      // An epic shared by PMO projects is one entry, its shares added up.
      const epics = new Map(part.epics.map((x) => [x.key, x]));
      const byRef = new Map<string, DrillEntry>();
      for (const e of part.value) {
        if (!within(e.at, number.from, number.to)) continue;
        const id = `${e.source}:${e.ref}`;
        const known = byRef.get(id);
        if (known) {
          known.amount = (known.amount ?? 0) + e.amount;
          continue;
        }
        const found = e.source === 'epic' ? epics.get(e.ref) : undefined;
        byRef.set(
          id,
          e.source === 'epic'
            ? {
                ...(found
                  ? epic(found)
                  : { ...blank, kind: 'epic' as const, key: e.ref, project: e.project }),
                done: e.at,
                amount: e.amount,
              }
            : {
                ...blank,
                kind: 'benefit',
                name: e.owner,
                done: e.at,
                amount: e.amount,
                verdict: 'benefit recorded',
              },
        );
      }
      return [...byRef.values()].sort(newestDone);
    }
  }
}

function delivery(d: DrillDelivery, verdict: string | null): DrillEntry {
  return {
    ...blank,
    kind: 'project',
    name: d.name,
    done: d.finished,
    doneOn: d.finishedOn,
    due: d.target,
    verdict,
  };
}
