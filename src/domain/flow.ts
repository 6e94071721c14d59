import type { WorkItem } from './work-item';

/** When an item started and finished: the rule every flow metric reads, derived once per item by the facts. */
export type StartPolicy = 'first' | 'last';

export interface ItemTimes {
  /** First (or last) entry into the in-progress category from another one; null if never in progress. */
  start: number | null;
  /** Latest entry into a done status while the current status is done; null otherwise. */
  done: number | null;
}

/** Start and Done of an item, per METRICS-SPEC "Items, states, times" and precise rules 1-4. */
export function itemTimes(item: WorkItem, startPolicy: StartPolicy = 'first'): ItemTimes {
  // Entry -1 is the creation (in the initial status), then every transition; no array is built.
  const { transitions } = item;
  const at = (i: number) => (i < 0 ? item.created : transitions[i]!.at);
  const category = (i: number) => (i < 0 ? item.initialCategory : transitions[i]!.category);
  let done: number | null = null;
  if (item.statusCategory === 'done') {
    for (let i = -1; i < transitions.length; i++) if (category(i) === 'done') done = at(i);
  }
  // Only an entry into progress from another category starts an item (precise rule 20): a move between
  // two in-progress statuses (In Progress -> In Review, or into a wait status) is not a new start.
  let start: number | null = null;
  for (let i = -1; i < transitions.length; i++) {
    if (category(i) !== 'indeterminate') continue;
    if (done !== null && at(i) > done) break;
    if (i >= 0 && category(i - 1) === 'indeterminate') continue;
    if (start === null || startPolicy === 'last') start = at(i);
  }
  return { start, done };
}
