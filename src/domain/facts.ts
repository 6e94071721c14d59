import { itemTimes, type StartPolicy } from './flow';
import type { FieldChange, StatusCategory, WorkItem } from './work-item';

/**
 * The facts every metric reads, derived once per item: Start, Done, active time, whether it is blocked
 * now. Work items (hierarchy level 0) are kept in columns of typed arrays, so a million of them take about
 * 70 MB outside the garbage-collected heap (which never has to scan them) and a scope is just a list of
 * row numbers. Epics are kept as objects with the history the schedule metrics need (status entries,
 * due-date changes).
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
  /**
   * Each status entry, creation first, as its instant and 1 when it entered a done status (else 0), one
   * after the other: [at, done, at, done, …], for "was it done at t" (one array of numbers per epic
   * rather than an object per entry).
   */
  entries: number[];
}

/** The work-item columns, one entry per row. */
interface Columns {
  ids: Float64Array;
  project: Int32Array;
  type: Int32Array;
  parent: Int32Array;
  created: Float64Array;
  start: Float64Array;
  done: Float64Array;
  discarded: Float64Array;
  active: Float64Array;
  estimate: Float64Array;
  blocked: Uint8Array;
}

type Column = Columns[keyof Columns];

/** Every column through `f` (a copy into more room, or a view of the rows). */
function eachColumn(c: Columns, f: <T extends Column>(column: T) => T): Columns {
  return {
    ids: f(c.ids),
    project: f(c.project),
    type: f(c.type),
    parent: f(c.parent),
    created: f(c.created),
    start: f(c.start),
    done: f(c.done),
    discarded: f(c.discarded),
    active: f(c.active),
    estimate: f(c.estimate),
    blocked: f(c.blocked),
  };
}

function emptyColumns(capacity: number): Columns {
  const f64 = () => new Float64Array(capacity);
  const i32 = () => new Int32Array(capacity);
  return {
    ids: f64(),
    project: i32(),
    type: i32(),
    parent: i32(),
    created: f64(),
    start: f64(),
    done: f64(),
    discarded: f64(),
    active: f64(),
    estimate: f64(),
    blocked: new Uint8Array(capacity),
  };
}

/** The columns with twice the room, rows copied. */
const grown = (c: Columns): Columns =>
  eachColumn(c, (column) => {
    const bigger = new (column.constructor as new (length: number) => typeof column)(column.length * 2);
    bigger.set(column);
    return bigger;
  });

export class Facts {
  /** Parent history of the rows that have one. */
  readonly parentChanges = new Map<number, FieldChange[]>();

  readonly projects: string[] = [];
  readonly types: string[] = [];
  readonly parentKeys: string[] = [];
  readonly epics: EpicFact[] = [];
  readonly epicByKey = new Map<string, EpicFact>();
  /** Epic ids (for JQL matches, which Jira answers with ids). */
  readonly epicById = new Map<string, EpicFact>();

  /** The columns with room to grow (doubled when full); only the first `rows` entries are rows. */
  private store: Columns;
  /** The columns cut to the rows, made when first read after an item was added. */
  private view: Columns | null = null;
  private rows = 0;
  private readonly projectIndex = new Map<string, number>();
  private readonly typeIndex = new Map<string, number>();
  private readonly parentIndex = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private readonly wait: Set<string>;
  private readonly notDone: Set<string>;
  /** Rows under each parent index: current ones, and discarded ones. */
  /** Rows under each parent index: current ones, and discarded ones. */
  private children?: Groups;
  private discardedChildren?: Groups;
  private formerChildren?: Map<string, number[]>;
  private rowsByProject?: Groups;
  private epicsByProject?: Map<string, EpicFact[]>;
  private rowById?: Map<number, number>;
  private order?: { rank: Int32Array; rowAt: Int32Array } | null;
  private moved?: Uint8Array;

  /** `capacity`: rows to make room for at once, when the number of items is known. */
  constructor(
    readonly options: FactOptions,
    capacity = 1024,
  ) {
    this.wait = new Set(options.waitStatuses);
    this.notDone = new Set((options.notDoneResolutions ?? NOT_DONE_RESOLUTIONS).map(resolutionKey));
    this.store = emptyColumns(Math.max(16, capacity));
  }

  /** Jira issue ids (numeric). */
  get ids(): Float64Array {
    return this.columns().ids;
  }
  /** Index into `projects`. */
  get project(): Int32Array {
    return this.columns().project;
  }
  /** Index into `types`. */
  get type(): Int32Array {
    return this.columns().type;
  }
  /** Current parent, as an index into `parentKeys`; -1 for none. */
  get parent(): Int32Array {
    return this.columns().parent;
  }
  get created(): Float64Array {
    return this.columns().created;
  }
  /** NaN when the item never started (or, for `done`, is not done: open, or discarded). */
  get start(): Float64Array {
    return this.columns().start;
  }
  get done(): Float64Array {
    return this.columns().done;
  }
  /**
   * The instant a done item resolved as not delivered (Won't Do, Duplicate…) left the scope: its Done
   * instant (precise rule 35). NaN for every other item. Until then it counts as open.
   */
  get discarded(): Float64Array {
    return this.columns().discarded;
  }
  /** Active milliseconds between Start and Done (NaN unless both exist). */
  get active(): Float64Array {
    return this.columns().active;
  }
  /** NaN when not estimated. */
  get estimate(): Float64Array {
    return this.columns().estimate;
  }
  /** 1 when flagged or in a wait status at `now`. */
  get blocked(): Uint8Array {
    return this.columns().blocked;
  }

  private columns(): Columns {
    return (this.view ??= eachColumn(this.store, (column) => column.subarray(0, this.rows) as typeof column));
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
    const facts = new Facts(options, Array.isArray(items) ? items.length : undefined);
    for (const item of items) facts.add(item);
    return facts;
  }

  get size(): number {
    return this.rows;
  }

  /** Adds one item; sub-tasks and levels above epics are not read by any metric. */
  add(item: WorkItem): void {
    if (item.level === 1) {
      this.addEpic(item);
      return;
    }
    if (item.level !== 0) return;
    const { start, done, discarded } = this.timesOf(item);
    const row = this.rows;
    if (row === this.store.ids.length) this.store = grown(this.store);
    const c = this.store;
    c.ids[row] = Number(item.id);
    c.project[row] = intern(this.projectIndex, this.projects, item.project);
    c.type[row] = intern(this.typeIndex, this.types, item.type);
    c.parent[row] = item.parent === null ? -1 : this.parentOfItem(item.parent);
    c.created[row] = item.created;
    c.start[row] = start ?? NaN;
    c.done[row] = done ?? NaN;
    c.discarded[row] = discarded ?? NaN;
    c.active[row] = start !== null && done !== null ? this.activeTime(item, start, done) : NaN;
    c.estimate[row] = item.estimate ?? NaN;
    c.blocked[row] = this.blockedNow(item) ? 1 : 0;
    if (item.parentChanges.length > 0) this.parentChanges.set(row, item.parentChanges);
    this.rows = row + 1;
    this.view = null;
    this.children = undefined;
    this.discardedChildren = undefined;
    this.rowsByProject = undefined;
    this.rowById = undefined;
    this.formerChildren = undefined;
    this.order = undefined;
    this.moved = undefined;
  }

  /** A work item's parent key as an index into `parentKeys`; an epic already read lends its key string. */
  private parentOfItem(key: string): number {
    const index = this.parentIndex.get(key);
    if (index !== undefined) return index;
    return intern(this.parentIndex, this.parentKeys, this.epicByKey.get(key)?.key ?? key);
  }

  private addEpic(item: WorkItem): void {
    const { start, done, discarded } = this.timesOf(item);
    // Made at its final length: an array grown by pushes keeps room for more.
    const entries = new Array<number>(2 + 2 * item.transitions.length);
    entries[0] = item.created;
    entries[1] = item.initialCategory === 'done' ? 1 : 0;
    item.transitions.forEach((t, i) => {
      entries[2 + 2 * i] = t.at;
      entries[3 + 2 * i] = t.category === 'done' ? 1 : 0;
    });
    // Names many epics share (Jira project, status, due date) are kept once; a key already read as a
    // work item's parent is that same string.
    const parent = this.parentIndex.get(item.key);
    const epic: EpicFact = {
      id: item.id,
      key: parent === undefined ? item.key : this.parentKeys[parent]!,
      summary: item.summary ?? item.key,
      project: this.shared(item.project),
      status: this.shared(item.status),
      statusCategory: item.statusCategory,
      created: item.created,
      start,
      done,
      discarded,
      due: item.due === null ? null : this.shared(item.due),
      dueChanges: item.dueChanges.length === 0 ? NO_CHANGES : item.dueChanges,
      value: item.value,
      entries,
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

  /** One string object for every equal name (epics repeat a few project keys, statuses and dates). */
  private shared(name: string): string {
    let kept = this.names.get(name);
    if (kept === undefined) this.names.set(name, (kept = name));
    return kept;
  }

  /** Whether a row was discarded (closed without delivery) at or before `now`: it has left every scope. */
  isDiscarded(row: number): boolean {
    return this.store.discarded[row]! <= this.options.now;
  }

  /** Work-item rows under each epic key (current parent), without the discarded ones (rule 35). */
  childrenOf(epicKey: string): Int32Array {
    const { parent } = this.store;
    this.children ??= groups(this.parentKeys.length, this.rows, (row) =>
      this.isDiscarded(row) ? -1 : parent[row]!,
    );
    return this.children.of(this.parentIndex.get(epicKey) ?? -1);
  }

  /** Discarded work-item rows under each epic key (current parent): they left the scope (rule 35). */
  discardedChildrenOf(epicKey: string): Int32Array {
    const { parent } = this.store;
    this.discardedChildren ??= groups(this.parentKeys.length, this.rows, (row) =>
      this.isDiscarded(row) ? parent[row]! : -1,
    );
    return this.discardedChildren.of(this.parentIndex.get(epicKey) ?? -1);
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
  rowsOfProject(projectKey: string): Int32Array {
    const { project } = this.store;
    this.rowsByProject ??= groups(this.projects.length, this.rows, (row) => project[row]!);
    return this.rowsByProject.of(this.projectIndex.get(projectKey) ?? -1);
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

  /** Rows in ascending order of Done, to the second, rows of the same second by row number. */
  sortByDone(rows: ArrayLike<number>): number[] {
    return Array.from(this.inDoneOrder(rows));
  }

  /**
   * Rows in ascending order of Done (as sortByDone), in a typed array. Every done row is ranked once
   * (doneOrder); a scope's rows are then put in order by their ranks, as integers.
   */
  inDoneOrder(rows: ArrayLike<number>): Int32Array {
    const order = this.doneOrder();
    if (order === null) return this.sortByDoneAlone(rows);
    const { rank, rowAt } = order;
    const ranks = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rank[rows[i]!]!;
      if (r < 0) return this.sortByDoneAlone(rows);
      ranks[i] = r;
    }
    const n = ranks.length;
    if (n * Math.log2(n + 1) > rowAt.length) {
      // Many of the done rows: mark their ranks and read them in order, without a sort.
      const marked = new Uint8Array(rowAt.length);
      for (let i = 0; i < n; i++) {
        if (marked[ranks[i]!] === 1) return this.sortByDoneAlone(rows); // a row twice
        marked[ranks[i]!] = 1;
      }
      for (let r = 0, i = 0; i < n; r++) if (marked[r] === 1) ranks[i++] = rowAt[r]!;
      return ranks;
    }
    const sorted = radixSorted(ranks, null, Math.ceil(Math.log2(rowAt.length + 1)));
    for (let i = 0; i < n; i++) sorted[i] = rowAt[sorted[i]!]!;
    return sorted;
  }

  /**
   * Every done row's rank in the order of Done (to the second, then row number), and the row at each
   * rank; null when packed keys cannot hold them (see sortByDoneAlone).
   */
  private doneOrder(): { rank: Int32Array; rowAt: Int32Array } | null {
    if (this.order !== undefined) return this.order;
    const { done } = this.store;
    let count = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let row = 0; row < this.rows; row++) {
      const at = done[row]!;
      if (at !== at) continue;
      count += 1;
      const second = Math.floor(at / 1000);
      if (second < first) first = second;
      if (second > last) last = second;
    }
    if (this.rows > ROW_LIMIT || last - first >= SECOND_LIMIT) return (this.order = null);
    // Rows in ascending order, then sorted stably by their second: the order of the packed keys.
    const rows = new Int32Array(count);
    const seconds = new Int32Array(count);
    for (let row = 0, i = 0; row < this.rows; row++) {
      const at = done[row]!;
      if (at !== at) continue;
      rows[i] = row;
      seconds[i++] = Math.floor(at / 1000) - first;
    }
    const rowAt = radixSorted(rows, seconds, 31);
    const rank = new Int32Array(this.rows).fill(-1);
    for (let r = 0; r < rowAt.length; r++) rank[rowAt[r]!] = r;
    return (this.order = { rank, rowAt });
  }

  /**
   * Rows in ascending order of Done, sorted on their own. Sorting packed keys (whole seconds since the
   * earliest Done * 2^22 + row, exact in a double) is several times faster than sorting rows with a
   * comparator. The seconds are counted from the earliest Done, not from 1970: absolute seconds pass 2^31
   * in January 2038, and the keys would then exceed 2^53 and lose their row bits. Rows that do not fit
   * are sorted with a comparator.
   */
  private sortByDoneAlone(rows: ArrayLike<number>): Int32Array {
    const { done } = this.store;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < rows.length; i++) {
      const second = Math.floor(done[rows[i]!]! / 1000);
      if (second < first) first = second;
      if (second > last) last = second;
    }
    if (this.rows > ROW_LIMIT || last - first >= SECOND_LIMIT) {
      return Int32Array.from(Array.from(rows).sort((a, b) => done[a]! - done[b]!));
    }
    const keys = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      keys[i] = (Math.floor(done[rows[i]!]! / 1000) - first) * ROW_LIMIT + rows[i]!;
    }
    keys.sort();
    const sorted = new Int32Array(rows.length);
    for (let i = 0; i < keys.length; i++) sorted[i] = keys[i]! % ROW_LIMIT;
    return sorted;
  }

  /** The row of an issue id, if it is a work item. */
  rowOf(id: string): number | undefined {
    if (!this.rowById) {
      this.rowById = new Map();
      const { ids } = this.store;
      for (let row = 0; row < this.rows; row++) this.rowById.set(ids[row]!, row);
    }
    return this.rowById.get(Number(id));
  }

  /** Whether a row's parent ever changed (it has a parent history), without a lookup in the history. */
  parentMoved(row: number): boolean {
    if (!this.moved) {
      this.moved = new Uint8Array(this.rows);
      for (const moved of this.parentChanges.keys()) this.moved[moved] = 1;
    }
    return this.moved[row] === 1;
  }

  /** The index in `parentKeys` of a key, or -1 when no row has it as its current parent. */
  parentIndexOf(key: string): number {
    return this.parentIndex.get(key) ?? -1;
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
    const p = this.store.parent[row]!;
    return p < 0 ? null : this.parentKeys[p]!;
  }

  /** Every work-item row. */
  allRows(): number[] {
    const rows: number[] = [];
    for (let row = 0; row < this.rows; row++) rows.push(row);
    return rows;
  }
}

/** Shared by every row-less answer; never written to (a frozen array would slow every loop over rows). */
const EMPTY: readonly number[] = [];
/** The due-date history of every epic whose due date never changed; never written to. */
const NO_CHANGES: FieldChange[] = [];

/**
 * Rows grouped by a number (their parent's, their Jira project's), all in one array, each group's rows
 * in ascending order: a million rows take 4 MB outside the heap instead of tens of thousands of arrays.
 */
class Groups {
  constructor(
    /** Group g holds rows[starts[g]] up to rows[starts[g + 1]]. */
    private readonly starts: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  /** The rows of group g (none for a group out of range). */
  of(g: number): Int32Array {
    if (!(g >= 0 && g < this.starts.length - 1)) return this.rows.subarray(0, 0);
    return this.rows.subarray(this.starts[g]!, this.starts[g + 1]!);
  }
}

/** Rows 0..rows-1 put in `count` groups by `groupOf` (-1: in none), by counting. */
function groups(count: number, rows: number, groupOf: (row: number) => number): Groups {
  const starts = new Int32Array(count + 1);
  for (let row = 0; row < rows; row++) {
    const g = groupOf(row);
    if (g >= 0) starts[g + 1]! += 1;
  }
  for (let g = 0; g < count; g++) starts[g + 1]! += starts[g]!;
  const next = starts.slice(0, count);
  const grouped = new Int32Array(starts[count]!);
  for (let row = 0; row < rows; row++) {
    const g = groupOf(row);
    if (g >= 0) grouped[next[g]!++] = row;
  }
  return new Groups(starts, grouped);
}
/**
 * `items` sorted by `keys` (non-negative integers below 2^bits, one per item; null: the items are their
 * own keys), stably, in passes of 11 bits from the lowest (a radix sort: linear time). `items` and
 * `keys` are overwritten.
 */
function radixSorted(items: Int32Array, keys: Int32Array | null, bits: number): Int32Array {
  const n = items.length;
  let from: Int32Array = items;
  let fromKeys: Int32Array = keys ?? items;
  let to: Int32Array = new Int32Array(n);
  let toKeys: Int32Array = keys ? new Int32Array(n) : to;
  const counts = new Int32Array(2049);
  for (let shift = 0; shift < bits; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((fromKeys[i]! >>> shift) & 2047) + 1]! += 1;
    for (let d = 0; d < 2048; d++) counts[d + 1]! += counts[d]!;
    for (let i = 0; i < n; i++) {
      const at = counts[(fromKeys[i]! >>> shift) & 2047]!++;
      to[at] = from[i]!;
      if (keys) toKeys[at] = fromKeys[i]!;
    }
    [from, to] = [to, from];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  return from;
}

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
export function epicsOf(facts: Facts, keys: Iterable<string>): EpicFact[] {
  const epics: EpicFact[] = [];
  for (const key of keys) {
    const epic = facts.epicByKey.get(key);
    if (epic) epics.push(epic);
  }
  return epics;
}

/**
 * Whether an epic was done at instant t: in a done-category status then. A discarded epic never was
 * (only its current resolution counts, precise rule 35).
 */
export function epicDoneAt(epic: EpicFact, t: number): boolean {
  if (epic.discarded !== null) return false;
  const { entries } = epic;
  let done = 0;
  for (let i = 0; i < entries.length; i += 2) {
    if (entries[i]! > t) break;
    done = entries[i + 1]!;
  }
  return done === 1;
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
