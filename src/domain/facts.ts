import { itemTimes, type StartPolicy } from './flow';
import type { FieldChange, StatusCategory, WorkItem } from './work-item';

/**
 * The facts every metric reads, derived once per item: Start, Done, active time, whether it is blocked
 * now. Work items (hierarchy level 0) are kept in columns (plain number arrays hold unboxed doubles), so a
 * million of them take tens of megabytes and a scope is just a list of row numbers. Epics are kept as
 * objects with the history the schedule metrics need (status entries, due-date changes).
 */
export interface FactOptions {
  now: number;
  startPolicy: StartPolicy;
  /** Status names counted as waiting (in progress for Start and WIP, but not active time). */
  waitStatuses: readonly string[];
  /**
   * Resolutions that close an item without delivering it (precise rule 35): a done item resolved so is
   * discarded, not done. Default: NOT_DONE_RESOLUTIONS.
   */
  notDoneResolutions?: readonly string[];
}

/** The default of the setting `notDoneResolutions`: Jira's usual resolutions for work not delivered. */
export const NOT_DONE_RESOLUTIONS: readonly string[] = [
  "Won't Do",
  'Duplicate',
  'Cannot Reproduce',
  'Declined',
];

/** Resolution names compare without case or surrounding space ("won't do" is "Won't Do"). */
const resolutionKey = (name: string) => name.trim().toLowerCase();

export interface EpicFact {
  id: string;
  key: string;
  summary: string;
  project: string;
  status: string;
  statusCategory: StatusCategory;
  created: number;
  start: number | null;
  /** Null while open, and for a discarded epic. */
  done: number | null;
  /**
   * When the epic was closed without delivery (its Done instant, resolved as one of the not-done
   * resolutions): it leaves its PMO projects, and is never done (precise rule 35). Null otherwise.
   */
  discarded: number | null;
  /** Current due date, 'YYYY-MM-DD'. */
  due: string | null;
  dueChanges: FieldChange[];
  /** The configured value field, if set. */
  value: number | null;
  /** Status category entries, creation first, for "was it done at t". */
  entries: { at: number; category: StatusCategory }[];
}

export class Facts {
  /** Jira issue ids (numeric). */
  readonly ids: number[] = [];
  /** Index into `projects`. */
  readonly project: number[] = [];
  /** Index into `types`. */
  readonly type: number[] = [];
  /** Current parent, as an index into `parentKeys`; -1 for none. */
  readonly parent: number[] = [];
  readonly created: number[] = [];
  /** NaN when the item never started (or, for `done`, is not done: open, or discarded). */
  readonly start: number[] = [];
  readonly done: number[] = [];
  /**
   * The instant a done item resolved as not delivered (Won't Do, Duplicate…) left the scope: its Done
   * instant (precise rule 35). NaN for every other item. Until then it counts as open.
   */
  readonly discarded: number[] = [];
  /** Active milliseconds between Start and Done (NaN unless both exist). */
  readonly active: number[] = [];
  /** NaN when not estimated. */
  readonly estimate: number[] = [];
  /** 1 when flagged or in a wait status at `now`. */
  readonly blocked: number[] = [];
  /** Parent history of the rows that have one. */
  readonly parentChanges = new Map<number, FieldChange[]>();

  readonly projects: string[] = [];
  readonly types: string[] = [];
  readonly parentKeys: string[] = [];
  readonly epics: EpicFact[] = [];
  readonly epicByKey = new Map<string, EpicFact>();
  /** Epic ids (for JQL matches, which Jira answers with ids). */
  readonly epicById = new Map<string, EpicFact>();

  private readonly projectIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();
  private readonly parentIndex = new Map<string, number>();
  private readonly wait: Set<string>;
  private readonly notDone: Set<string>;
  private children?: Map<string, number[]>;
  private discardedChildren?: Map<string, number[]>;
  private formerChildren?: Map<string, number[]>;
  private rowsByProject?: number[][];
  private epicsByProject?: Map<string, EpicFact[]>;
  private rowById?: Map<number, number>;

  constructor(readonly options: FactOptions) {
    this.wait = new Set(options.waitStatuses);
    this.notDone = new Set((options.notDoneResolutions ?? NOT_DONE_RESOLUTIONS).map(resolutionKey));
  }

  /**
   * Start and Done of an item, and when it was discarded: a done item whose current resolution is one
   * of the not-done resolutions is not done; it leaves the scope at its Done instant (precise rule 35).
   */
  private timesOf(item: WorkItem): { start: number | null; done: number | null; discarded: number | null } {
    const { start, done } = itemTimes(item, this.options.startPolicy);
    if (done !== null && item.resolution !== undefined && this.notDone.has(resolutionKey(item.resolution))) {
      return { start, done: null, discarded: done };
    }
    return { start, done, discarded: null };
  }

  static of(items: Iterable<WorkItem>, options: FactOptions): Facts {
    const facts = new Facts(options);
    for (const item of items) facts.add(item);
    return facts;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds one item; sub-tasks and levels above epics are not read by any metric. */
  add(item: WorkItem): void {
    if (item.level === 1) {
      this.addEpic(item);
      return;
    }
    if (item.level !== 0) return;
    const { start, done, discarded } = this.timesOf(item);
    const row = this.ids.length;
    this.ids.push(Number(item.id));
    this.project.push(intern(this.projectIndex, this.projects, item.project));
    this.type.push(intern(this.typeIndex, this.types, item.type));
    this.parent.push(item.parent === null ? -1 : intern(this.parentIndex, this.parentKeys, item.parent));
    this.created.push(item.created);
    this.start.push(start ?? NaN);
    this.done.push(done ?? NaN);
    this.discarded.push(discarded ?? NaN);
    this.active.push(start !== null && done !== null ? this.activeTime(item, start, done) : NaN);
    this.estimate.push(item.estimate ?? NaN);
    this.blocked.push(this.blockedNow(item) ? 1 : 0);
    if (item.parentChanges.length > 0) this.parentChanges.set(row, item.parentChanges);
    this.children = undefined;
    this.discardedChildren = undefined;
  }

  private addEpic(item: WorkItem): void {
    const { start, done, discarded } = this.timesOf(item);
    const epic: EpicFact = {
      id: item.id,
      key: item.key,
      summary: item.summary ?? item.key,
      project: item.project,
      status: item.status,
      statusCategory: item.statusCategory,
      created: item.created,
      start,
      done,
      discarded,
      due: item.due,
      dueChanges: item.dueChanges,
      value: item.value,
      entries: [
        { at: item.created, category: item.initialCategory },
        ...item.transitions.map((t) => ({ at: t.at, category: t.category })),
      ],
    };
    this.epics.push(epic);
    this.epicByKey.set(epic.key, epic);
    this.epicById.set(epic.id, epic);
  }

  /**
   * In-progress time between Start and Done that is neither flagged nor in a wait status (precise rule 2).
   * Time in a to-do or done status in between (a reopened item) is not active either.
   */
  private activeTime(item: WorkItem, start: number, done: number): number {
    const { transitions } = item;
    let active = 0;
    for (let i = -1; i < transitions.length; i++) {
      const status = i < 0 ? item.initialStatus : transitions[i]!.status;
      const category = i < 0 ? item.initialCategory : transitions[i]!.category;
      if (category !== 'indeterminate' || this.wait.has(status)) continue;
      const from = Math.max(i < 0 ? item.created : transitions[i]!.at, start);
      const to = Math.min(transitions[i + 1]?.at ?? done, done);
      if (to <= from) continue;
      let flagged = 0;
      for (const span of item.flagged) {
        const overlap = Math.min(to, span.to ?? Infinity) - Math.max(from, span.from);
        if (overlap > 0) flagged += overlap;
      }
      active += to - from - flagged;
    }
    return active;
  }

  private blockedNow(item: WorkItem): boolean {
    const now = this.options.now;
    if (item.statusCategory === 'indeterminate' && this.wait.has(item.status)) return true;
    return item.flagged.some((s) => s.from <= now && (s.to === null || s.to > now));
  }

  /** Whether a row was discarded (closed without delivery) at or before `now`: it has left every scope. */
  isDiscarded(row: number): boolean {
    return this.discarded[row]! <= this.options.now;
  }

  /** Work-item rows under each epic key (current parent), without the discarded ones (rule 35). */
  childrenOf(epicKey: string): readonly number[] {
    if (!this.children) {
      this.children = new Map();
      this.discardedChildren = new Map();
      for (let row = 0; row < this.parent.length; row++) {
        const p = this.parent[row]!;
        if (p < 0) continue;
        if (this.isDiscarded(row)) {
          const key = this.parentKeys[p]!;
          const list = this.discardedChildren.get(key);
          if (list) list.push(row);
          else this.discardedChildren.set(key, [row]);
          continue;
        }
        const key = this.parentKeys[p]!;
        const list = this.children.get(key);
        if (list) list.push(row);
        else this.children.set(key, [row]);
      }
    }
    return this.children.get(epicKey) ?? EMPTY;
  }

  /** Discarded work-item rows under each epic key (current parent): they left the scope (rule 35). */
  discardedChildrenOf(epicKey: string): readonly number[] {
    if (!this.discardedChildren) this.childrenOf(epicKey);
    return this.discardedChildren!.get(epicKey) ?? EMPTY;
  }

  /** Rows that had `epicKey` as a parent at some time but not now (for the scope baseline). */
  formerChildrenOf(epicKey: string): readonly number[] {
    if (!this.formerChildren) {
      this.formerChildren = new Map();
      for (const [row, changes] of this.parentChanges) {
        const seen = new Set<string>();
        for (const c of changes) for (const k of [c.from, c.to]) if (k !== null) seen.add(k);
        seen.delete(this.parentOf(row) ?? '');
        for (const key of seen) {
          const list = this.formerChildren.get(key);
          if (list) list.push(row);
          else this.formerChildren.set(key, [row]);
        }
      }
    }
    return this.formerChildren.get(epicKey) ?? EMPTY;
  }

  /** Rows of one Jira project. */
  rowsOfProject(projectKey: string): readonly number[] {
    if (!this.rowsByProject) {
      this.rowsByProject = this.projects.map(() => []);
      for (let row = 0; row < this.project.length; row++) this.rowsByProject[this.project[row]!]!.push(row);
    }
    const index = this.projectIndex.get(projectKey);
    return index === undefined ? EMPTY : this.rowsByProject[index]!;
  }

  /** Epics of one Jira project. */
  epicsOfProject(projectKey: string): readonly EpicFact[] {
    if (!this.epicsByProject) {
      this.epicsByProject = new Map();
      for (const epic of this.epics) {
        const list = this.epicsByProject.get(epic.project);
        if (list) list.push(epic);
        else this.epicsByProject.set(epic.project, [epic]);
      }
    }
    return this.epicsByProject.get(projectKey) ?? [];
  }

  /**
   * Rows in ascending order of Done. Sorting packed keys (whole seconds since the earliest Done * 2^22 +
   * row, exact in a double) is several times faster than sorting rows with a comparator. The seconds are
   * counted from the earliest Done, not from 1970: absolute seconds pass 2^31 in January 2038, and the
   * keys would then exceed 2^53 and lose their row bits.
   */
  sortByDone(rows: readonly number[]): number[] {
    let first = Infinity;
    let last = -Infinity;
    for (const row of rows) {
      const second = Math.floor(this.done[row]! / 1000);
      if (second < first) first = second;
      if (second > last) last = second;
    }
    if (this.ids.length > ROW_LIMIT || last - first >= SECOND_LIMIT) {
      return [...rows].sort((a, b) => this.done[a]! - this.done[b]!);
    }
    const keys = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      keys[i] = (Math.floor(this.done[rows[i]!]! / 1000) - first) * ROW_LIMIT + rows[i]!;
    }
    keys.sort();
    const sorted = new Array<number>(rows.length);
    for (let i = 0; i < keys.length; i++) sorted[i] = keys[i]! % ROW_LIMIT;
    return sorted;
  }

  /** The row of an issue id, if it is a work item. */
  rowOf(id: string): number | undefined {
    if (!this.rowById) {
      this.rowById = new Map();
      for (let row = 0; row < this.ids.length; row++) this.rowById.set(this.ids[row]!, row);
    }
    return this.rowById.get(Number(id));
  }

  /** The parent of a row as it stood at instant t, from the parent history. */
  parentAt(row: number, t: number): string | null {
    const changes = this.parentChanges.get(row);
    if (!changes) return this.parentOf(row);
    let parent: string | null = changes[0]!.from;
    for (const change of changes) {
      if (change.at > t) break;
      parent = change.to;
    }
    return parent;
  }

  /** The current parent key of a row. */
  parentOf(row: number): string | null {
    const p = this.parent[row]!;
    return p < 0 ? null : this.parentKeys[p]!;
  }

  /** Every work-item row. */
  allRows(): number[] {
    return Array.from({ length: this.ids.length }, (_, i) => i);
  }
}

/** Shared by every row-less answer; never written to (a frozen array would slow every loop over rows). */
const EMPTY: readonly number[] = [];
/** 2^22: rows per packed sort key. */
const ROW_LIMIT = 4_194_304;
/** 2^31: seconds a packed sort key can span (2^31 * 2^22 = 2^53), about 68 years. */
const SECOND_LIMIT = 2_147_483_648;

function intern(index: Map<string, number>, list: string[], value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = list.length;
    list.push(value);
    index.set(value, i);
  }
  return i;
}

/** The synced epics of these keys (a PMO project may map a key that names no synced epic). */
export const epicsOf = (facts: Facts, keys: Iterable<string>): EpicFact[] =>
  [...keys].flatMap((key) => {
    const epic = facts.epicByKey.get(key);
    return epic ? [epic] : [];
  });

/**
 * Whether an epic was done at instant t: in a done-category status then. A discarded epic never was
 * (only its current resolution counts, precise rule 35).
 */
export function epicDoneAt(epic: EpicFact, t: number): boolean {
  if (epic.discarded !== null) return false;
  let category: StatusCategory = 'new';
  for (const entry of epic.entries) {
    if (entry.at > t) break;
    category = entry.category;
  }
  return category === 'done';
}

/** An epic's due date as it stood at instant t, from the due-date history. */
export function dueAt(epic: EpicFact, t: number): string | null {
  if (epic.dueChanges.length === 0) return epic.due;
  let due = epic.dueChanges[0]!.from;
  for (const change of epic.dueChanges) {
    if (change.at > t) break;
    due = change.to;
  }
  return due;
}
