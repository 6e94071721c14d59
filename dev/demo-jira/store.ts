/**
 * Longer than 400 lines: one index over the data set that every endpoint shares; its lookups and its
 * search cache change together.
 *
 * The data set with the lookups the endpoints need: issues by key and id, what each caller may see,
 * and JQL searches. Every issue keeps a fixed slot for the life of the store, so positions stay valid
 * while the data changes (see mutate.ts): a deleted issue leaves an empty slot, a moved issue keeps its
 * slot under a new key. Searches are cached per data version, caller and query, which lets page tokens
 * walk one ordered result without running the query again.
 */
import { compileJql, parseJql, type JqlSite, type SortOrder } from './jql';
import { keyNumber } from './jql/compile';
import type { DemoDataset, DemoIssue, DemoProject, DemoUser } from './types';
import { canBrowse, canSee, type Rights } from './users';

export class UnboundedQueryError extends Error {
  constructor() {
    super('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    this.name = 'UnboundedQueryError';
  }
}

/** At most this many cached results, and at most this many positions across them (4 bytes each). */
const CACHE_ENTRIES = 32;
const CACHE_POSITIONS = 16_000_000;
/** Key numbers per project in the key order value (2^24, far above any project's issue count). */
const KEY_SPAN = 16_777_216;

export interface SearchResult {
  /** Slots of the matching issues, in result order. */
  hits: Int32Array;
  /** The data version the result was computed at. */
  version: number;
}

export class DemoStore {
  /** Slot -> issue; null once the issue is deleted. Slots follow the original id order. */
  readonly slots: (DemoIssue | null)[];
  /** Bumped by every change to the data; cached searches are per version. */
  version = 0;
  private readonly byKey = new Map<string, number>();
  private readonly byId = new Map<string, number>();
  /** Keys an issue had before it was moved, as Jira keeps resolving them. */
  private readonly formerKeys = new Map<string, number>();
  private readonly formerKeysOf = new Map<number, string[]>();
  private readonly projectRank = new Map<string, number>();
  /** Project rank and key number in one sortable value, per slot. */
  private readonly keyOrder: Float64Array;
  /** The next unused key number per project (keys are never reused). */
  private readonly nextKey = new Map<string, number>();
  /** Slots of issues something points at as parent: never deleted or moved by mutate. */
  private readonly parentSlots = new Set<number>();
  private readonly searches = new Map<string, Int32Array>();
  private cachedPositions = 0;
  /** Slots by `updated` as of when the index was built, and the values they had then. */
  private updatedIndex: { slots: Int32Array; values: Float64Array } | null = null;
  /** Slots whose `updated` changed since the index was built. */
  private readonly touched = new Set<number>();
  private liveCount: number;
  /** Larger than every change id in the data set (the generator numbers changes from 10000 up). */
  readonly changeIdCeiling: number;

  constructor(readonly dataset: DemoDataset) {
    this.slots = dataset.issues.slice();
    this.liveCount = this.slots.length;
    [...dataset.projects]
      .sort((a, b) => a.key.localeCompare(b.key))
      .forEach((project, rank) => this.projectRank.set(project.key, rank));
    this.keyOrder = new Float64Array(this.slots.length);
    let changes = 0;
    let lastIds = 0;
    dataset.issues.forEach((issue, slot) => {
      changes += issue.history.length;
      const last = issue.history[issue.history.length - 1];
      if (last && Number(last.id) > lastIds) lastIds = Number(last.id);
      this.byKey.set(issue.key.toUpperCase(), slot);
      this.byId.set(issue.id, slot);
      const n = keyNumber(issue.key);
      this.keyOrder[slot] = this.rankOf(issue.projectKey) * KEY_SPAN + n;
      if (n >= (this.nextKey.get(issue.projectKey) ?? 1)) this.nextKey.set(issue.projectKey, n + 1);
    });
    this.changeIdCeiling = Math.max(10000 + changes, lastIds + 1);
    for (const issue of dataset.issues) {
      if (issue.parentKey === null) continue;
      const parent = this.byKey.get(issue.parentKey.toUpperCase());
      if (parent !== undefined) this.parentSlots.add(parent);
    }
  }

  /** Issues that exist now. */
  get size(): number {
    return this.liveCount;
  }

  /** Slot of an issue by key (any case, former keys included) or id, whoever asks. */
  indexOf(ref: string): number | undefined {
    if (/^\d+$/.test(ref)) return this.byId.get(ref);
    const upper = ref.toUpperCase();
    return this.byKey.get(upper) ?? this.formerKeys.get(upper);
  }

  issueAt(slot: number): DemoIssue | undefined {
    return this.slots[slot] ?? undefined;
  }

  /** An issue by key, id or former key, whoever asks. */
  lookup(ref: string): DemoIssue | undefined {
    const slot = this.indexOf(ref);
    return slot === undefined ? undefined : this.issueAt(slot);
  }

  issueByKey(key: string): DemoIssue | undefined {
    const slot = this.byKey.get(key) ?? this.byKey.get(key.toUpperCase());
    return slot === undefined ? undefined : this.issueAt(slot);
  }

  isParent(slot: number): boolean {
    return this.parentSlots.has(slot);
  }

  visibleProjects(user: Rights): DemoProject[] {
    return this.dataset.projects.filter((p) => canBrowse(user, p.key));
  }

  /** An issue the caller may see (its project browsable, its security level theirs), by key, id or former key. */
  findVisibleIssue(user: Rights, ref: string): DemoIssue | undefined {
    const issue = this.lookup(ref);
    return issue && canSee(user, issue) ? issue : undefined;
  }

  site(user: Rights): JqlSite {
    return {
      now: this.dataset.now,
      projects: this.visibleProjects(user),
      findIssue: (ref) => this.findVisibleIssue(user, ref),
    };
  }

  /**
   * Slots of the issues a search returns, in result order, at the current data version or (for a page
   * token) at an earlier one while it is still cached. Throws JqlSyntaxError, JqlValidationError or
   * UnboundedQueryError.
   */
  search(user: DemoUser, jql: string, version = this.version): SearchResult {
    const cached = this.cached(version, user, jql);
    if (cached) return { hits: cached, version };
    const hits = this.run(user, jql);
    this.remember(this.cacheKey(this.version, user, jql), hits);
    return { hits, version: this.version };
  }

  // ---- changes (see mutate.ts) ----

  /** Gives an issue a new project and key; the old key keeps resolving to it. */
  moveIssue(slot: number, projectKey: string): string {
    const issue = this.issueAt(slot);
    if (!issue) throw new Error(`No issue in slot ${slot}`);
    const number = this.nextKey.get(projectKey) ?? 1;
    this.nextKey.set(projectKey, number + 1);
    const key = `${projectKey}-${number}`;
    this.byKey.delete(issue.key.toUpperCase());
    this.formerKeys.set(issue.key.toUpperCase(), slot);
    this.formerKeysOf.set(slot, [...(this.formerKeysOf.get(slot) ?? []), issue.key.toUpperCase()]);
    issue.key = key;
    issue.projectKey = projectKey;
    this.byKey.set(key.toUpperCase(), slot);
    this.keyOrder[slot] = this.rankOf(projectKey) * KEY_SPAN + number;
    return key;
  }

  /** Removes issues from every lookup and from `dataset.issues` (one pass, whatever the count). */
  deleteIssues(slots: readonly number[]): void {
    const gone = new Set<DemoIssue>();
    for (const slot of slots) {
      const issue = this.issueAt(slot);
      if (!issue) continue;
      gone.add(issue);
      this.slots[slot] = null;
      this.liveCount--;
      this.byId.delete(issue.id);
      this.byKey.delete(issue.key.toUpperCase());
      for (const key of this.formerKeysOf.get(slot) ?? []) this.formerKeys.delete(key);
      this.formerKeysOf.delete(slot);
    }
    const list = this.dataset.issues;
    if (gone.size > 64) {
      let kept = 0;
      for (const issue of list) if (!gone.has(issue)) list[kept++] = issue;
      list.length = kept;
      return;
    }
    // dataset.issues is in id order: find each issue by binary search on its numeric id and cut it out.
    for (const issue of gone) {
      const id = Number(issue.id);
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = Number((list[mid] as DemoIssue).id);
        if (at === id) {
          list.splice(mid, 1);
          break;
        }
        if (at < id) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  }

  /** Records that an issue's `updated` changed (mutate calls this for every issue it touches). */
  touch(slot: number): void {
    if (this.updatedIndex) this.touched.add(slot);
  }

  /** Marks the data as changed: new searches see the change, cached ones serve their page tokens. */
  changed(): void {
    // An index that has gone this stale is rebuilt on its next use.
    if (this.touched.size > this.slots.length / 8) {
      this.updatedIndex = null;
      this.touched.clear();
    }
    this.version++;
  }

  // ---- internals ----

  private rankOf(projectKey: string): number {
    return this.projectRank.get(projectKey) ?? this.projectRank.size;
  }

  /** Per site time too: relative dates ("-70m", startOfDay()) select other issues as the clock moves. */
  private cacheKey(version: number, user: DemoUser, jql: string): string {
    return `${version}\n${this.dataset.now}\n${user.accountId}\n${jql}`;
  }

  private cached(version: number, user: DemoUser, jql: string): Int32Array | undefined {
    const key = this.cacheKey(version, user, jql);
    const hits = this.searches.get(key);
    if (hits) {
      this.searches.delete(key);
      this.searches.set(key, hits);
    }
    return hits;
  }

  private remember(key: string, hits: Int32Array): void {
    this.searches.set(key, hits);
    this.cachedPositions += hits.length;
    while (
      this.searches.size > 1 &&
      (this.searches.size > CACHE_ENTRIES || this.cachedPositions > CACHE_POSITIONS)
    ) {
      const [oldest, dropped] = this.searches.entries().next().value as [string, Int32Array];
      this.searches.delete(oldest);
      this.cachedPositions -= dropped.length;
    }
  }

  private run(user: DemoUser, jql: string): Int32Array {
    const compiled = compileJql(parseJql(jql), this.site(user));
    if (!compiled.bounded) throw new UnboundedQueryError();
    const { slots } = this;
    let hits = new Int32Array(1024);
    let count = 0;
    const consider = (slot: number): void => {
      const issue = slots[slot];
      if (!issue || !canSee(user, issue) || !compiled.matches(issue)) return;
      if (count === hits.length) {
        const grown = new Int32Array(hits.length * 2);
        grown.set(hits);
        hits = grown;
      }
      hits[count++] = slot;
    };
    if (compiled.updatedFrom !== null) {
      // Only issues updated since the bound can match: those after it in the index, and those touched
      // since the index was built (whose indexed value may be stale).
      const index = this.updatedIndexNow();
      const first = lowerBound(index.values, Math.floor(compiled.updatedFrom / 1000));
      for (let i = first; i < index.slots.length; i++) {
        const slot = index.slots[i] as number;
        if (!this.touched.has(slot)) consider(slot);
      }
      for (const slot of this.touched) consider(slot);
    } else {
      for (let slot = 0; slot < slots.length; slot++) consider(slot);
    }
    const result = hits.slice(0, count);
    if (compiled.sort.length > 0) this.order(result, compiled.sort);
    else if (compiled.updatedFrom !== null) result.sort();
    return result;
  }

  /**
   * Builds the `updated` index on first use (one sort), then keeps it usable through touch(). Values are
   * whole seconds, so searches round their bound down and the matcher makes the final call.
   */
  private updatedIndexNow(): { slots: Int32Array; values: Float64Array } {
    if (this.updatedIndex) return this.updatedIndex;
    const { slots } = this;
    // One pass over the issues; everything after works on typed arrays.
    const bySlot = new Float64Array(slots.length);
    const order = new Int32Array(slots.length);
    let live = 0;
    for (let slot = 0; slot < slots.length; slot++) {
      const issue = slots[slot];
      if (!issue) continue;
      bySlot[slot] = Math.floor(issue.updated / 1000);
      order[live++] = slot;
    }
    const sorted = order.slice(0, live);
    const seconds = new Float64Array(live);
    for (let i = 0; i < live; i++) seconds[i] = bySlot[sorted[i] as number] as number;
    if (!packedSort(sorted, seconds, false)) {
      sorted.sort((x, y) => (bySlot[x] as number) - (bySlot[y] as number) || x - y);
    }
    const values = new Float64Array(live);
    for (let i = 0; i < live; i++) values[i] = bySlot[sorted[i] as number] as number;
    this.touched.clear();
    this.updatedIndex = { slots: sorted, values };
    return this.updatedIndex;
  }

  /**
   * Sorts slots by the given keys, then by slot (id order). Empty values count as larger than any value.
   * The sort values are read once per hit into columns, so comparisons touch only typed arrays.
   */
  private order(hits: Int32Array, order: SortOrder[]): void {
    const [only] = order;
    if (order.length === 1 && only) {
      const values = new Float64Array(hits.length);
      hits.forEach((slot, i) => (values[i] = this.sortValue(slot, only.field)));
      if (packedSort(hits, values, only.descending)) return;
    }
    const columns = order.map(({ field, descending }) => {
      const column = new Float64Array(this.slots.length);
      for (const slot of hits) column[slot] = this.sortValue(slot, field);
      return { column, sign: descending ? -1 : 1 };
    });
    hits.sort((a, b) => {
      for (const { column, sign } of columns) {
        const x = column[a] as number;
        const y = column[b] as number;
        if (x === y) continue;
        return x < y ? -sign : sign;
      }
      return a - b;
    });
  }

  private sortValue(slot: number, field: SortOrder['field']): number {
    const issue = this.slots[slot] as DemoIssue;
    switch (field) {
      case 'id':
        return slot;
      case 'key':
        return this.keyOrder[slot] as number;
      case 'created':
        return issue.created;
      case 'updated':
        return issue.updated;
      case 'resolved':
        return issue.resolutiondate ?? Infinity;
      case 'duedate':
        return issue.duedate === null ? Infinity : Date.parse(issue.duedate);
    }
  }
}

/** The first position in an ascending array whose value is at least `bound`. */
function lowerBound(values: Float64Array, bound: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sorts slots by one integer value each (`values[i]` belongs to `slots[i]`; Infinity is an empty value,
 * larger than any other), ties by slot, in place. Value and slot are packed into one number, so the
 * typed array's native sort does the work without a comparator. Returns false, leaving `slots` alone,
 * when the values do not fit (not integers, or too wide a range).
 */
function packedSort(slots: Int32Array, values: Float64Array, descending: boolean): boolean {
  let min = Infinity;
  let max = -Infinity;
  let maxSlot = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value !== Infinity) {
      if (!Number.isInteger(value)) return false;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if ((slots[i] as number) > maxSlot) maxSlot = slots[i] as number;
  }
  if (min === Infinity) min = max = 0;
  const empty = max - min + 1;
  const shift = 2 ** Math.ceil(Math.log2(maxSlot + 2));
  if ((empty + 1) * shift > Number.MAX_SAFE_INTEGER) return false;
  const packed = new Float64Array(slots.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const rank = value === Infinity ? empty : value - min;
    packed[i] = (descending ? empty - rank : rank) * shift + (slots[i] as number);
  }
  packed.sort();
  for (let i = 0; i < packed.length; i++) slots[i] = (packed[i] as number) % shift;
  return true;
}
