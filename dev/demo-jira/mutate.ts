/**
 * Moves the demo site forward in time so an incremental sync has something to find: the clock advances,
 * some issues get one more step of realistic work (recorded in their changelog), some are deleted and some
 * are moved to another project. Everything follows from the data set's seed and a mutation counter, and
 * the cost is proportional to the number of issues touched, not to the size of the data set.
 */
import { z } from 'zod';
import { ISSUE_TYPE, securityLevelsOf, STATUS, statusOf } from './catalog';
import {
  dueDateItem,
  FLAG_CLEAR_ITEM,
  FLAG_SET_ITEM,
  RESOLUTION_CLEAR_ITEM,
  RESOLUTION_SET_ITEM,
  statusItem,
  storyPointsItem,
} from './change-items';
import { deletedEvent, updatedEvent, type DemoEventSink } from './events';
import { SeededRandom } from './random';
import type { DemoStore } from './store';
import type { DemoChangeItem, DemoIssue } from './types';
import { DEMO_USERS, teamOf } from './users';

export interface MutateOptions {
  /** How many issues get new history. Give this or `share`; neither means 1% of the issues. */
  count?: number;
  /** Share (0..1) of all issues that get new history. */
  share?: number;
  /** How many issues to delete. Default 0. */
  deletes?: number;
  /** How many issues to move to another project. Default 0. */
  moves?: number;
  /** The new `now`, epoch ms, later than the current one. Default: one hour after it. */
  at?: number;
}

/** Issue ids, each list in id order; no issue is in two lists. */
export interface MutationResult {
  changed: string[];
  deleted: string[];
  moved: string[];
}

export const MutateOptionsSchema = z
  .strictObject({
    count: z.number().int().min(0).optional(),
    share: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
    deletes: z.number().int().min(0).optional(),
    moves: z.number().int().min(0).optional(),
    at: z.number().int().positive().optional(),
  })
  .refine((o) => o.count === undefined || o.share === undefined, {
    message: 'give count or share, not both',
    path: ['share'],
  });

/** A mutation request that cannot be carried out; `field` names the option at fault. */
export class MutationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MutationError';
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEFAULT_SHARE = 0.01;
const POINT_VALUES = [1, 2, 3, 5, 8, 13];

/** One step of work: its changelog items and what it does to the issue's fields. */
interface Step {
  items: DemoChangeItem[];
  byPmo?: boolean;
  apply(issue: DemoIssue, at: number): void;
}

export class DatasetMutator {
  /** Told of every issue changed, moved or deleted, as Jira tells subscribed apps (./events.ts). */
  sink: DemoEventSink | null = null;
  private counter = 0;
  private nextChangeId = -1;
  private readonly authors = new Map<string, string[]>();

  constructor(private readonly store: DemoStore) {
    const dana = DEMO_USERS.find((u) => u.email === 'dev@demo.test');
    for (const project of store.dataset.projects) {
      const ids = teamOf(project.key).map((m) => m.accountId);
      if (dana && dana.browse !== 'all' && dana.browse.includes(project.key)) ids.push(dana.accountId);
      this.authors.set(project.key, ids);
    }
  }

  mutate(options: MutateOptions = {}): MutationResult {
    const parsed = MutateOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MutationError(String(issue?.path[0] ?? 'options'), issue?.message ?? 'invalid');
    }
    const opts = parsed.data;
    const { store } = this;
    const dataset = store.dataset;
    const before = dataset.now;
    const at = opts.at ?? before + HOUR;
    if (!(at > before)) {
      throw new MutationError(
        'at',
        `must be later than the current now (${new Date(before).toISOString()}), got ${new Date(at).toISOString()}`,
      );
    }
    this.counter++;
    const random = new SeededRandom(
      Math.imul(dataset.seed, 0x9e3779b1) ^ Math.imul(this.counter, 0x85ebca6b),
    );
    const live = store.size;
    const deletes = Math.min(opts.deletes ?? 0, live);
    const moves = Math.min(opts.moves ?? 0, live - deletes);
    const wanted = opts.count ?? Math.round((opts.share ?? DEFAULT_SHARE) * live);
    const changes = Math.min(wanted, live - deletes - moves);
    const when = () => before + 1 + Math.floor(random.float() * (at - before));

    dataset.now = at;
    const taken = new Set<number>();
    const always = () => 1;
    const deleted = this.choose(random, deletes, taken, always, (slot) => !store.isParent(slot));
    const moved = this.choose(
      random,
      moves,
      taken,
      always,
      (slot, issue) => !store.isParent(slot) && issue.issueTypeId !== ISSUE_TYPE.subtask,
    );
    const changed = this.choose(
      random,
      changes,
      taken,
      (issue) => appeal(issue, before),
      (_slot, issue) => this.canStep(issue),
    );

    const result: MutationResult = { changed: [], deleted: [], moved: [] };
    const gone = deleted.map((slot) => store.issueAt(slot) as DemoIssue);
    for (const issue of gone) result.deleted.push(issue.id);
    store.deleteIssues(deleted);
    for (const slot of moved) {
      const issue = store.issueAt(slot) as DemoIssue;
      this.move(random, slot, issue, when());
      result.moved.push(issue.id);
    }
    for (const slot of changed) {
      const issue = store.issueAt(slot) as DemoIssue;
      const step = this.step(random, issue);
      if (!step) continue;
      const time = when();
      step.apply(issue, time);
      this.record(random, slot, issue, time, step.items, step.byPmo === true);
      result.changed.push(issue.id);
    }
    store.changed();
    this.announce(gone, [...result.moved, ...result.changed]);
    const byId = (a: string, b: string) => Number(a) - Number(b);
    result.changed.sort(byId);
    result.deleted.sort(byId);
    result.moved.sort(byId);
    return result;
  }

  /** Sends the events of a mutation, once its changes are in place (deletions by the PMO lead). */
  private announce(deleted: readonly DemoIssue[], updatedIds: readonly string[]): void {
    const sink = this.sink;
    if (!sink) return;
    const { projects } = this.store.dataset;
    const lead = DEMO_USERS[1]?.accountId ?? '';
    for (const issue of deleted) sink(deletedEvent(issue, projects, lead));
    for (const id of updatedIds) {
      const issue = this.store.lookup(id);
      if (issue) sink(updatedEvent(issue, projects));
    }
  }

  /**
   * Picks up to `count` distinct live slots: each sampled slot is taken with the chance `appeal` gives it
   * (1 = always), then only if `fits`. Sampling costs O(count) on any realistic request; one pass over the
   * slots is the fallback when sampling keeps missing.
   */
  private choose(
    random: SeededRandom,
    count: number,
    taken: Set<number>,
    appeal: (issue: DemoIssue) => number,
    fits: (slot: number, issue: DemoIssue) => boolean,
  ): number[] {
    const { slots } = this.store;
    const chosen: number[] = [];
    if (count <= 0 || slots.length === 0) return chosen;
    let attempts = 40 * count + 200;
    while (chosen.length < count && attempts-- > 0) {
      const slot = Math.floor(random.float() * slots.length);
      const issue = slots[slot];
      if (!issue || taken.has(slot)) continue;
      const chance = appeal(issue);
      if (chance <= 0 || (chance < 1 && !(random.float() < chance)) || !fits(slot, issue)) continue;
      taken.add(slot);
      chosen.push(slot);
    }
    if (chosen.length < count) {
      // Weighted sampling without replacement over everything left: the smallest -ln(u)/weight win.
      const rest: { slot: number; rank: number }[] = [];
      for (let slot = 0; slot < slots.length; slot++) {
        const issue = slots[slot];
        if (!issue || taken.has(slot)) continue;
        const chance = appeal(issue);
        if (chance > 0 && fits(slot, issue))
          rest.push({ slot, rank: -Math.log(1 - random.float()) / chance });
      }
      rest.sort((a, b) => a.rank - b.rank || a.slot - b.slot);
      for (const { slot } of rest.slice(0, count - chosen.length)) {
        taken.add(slot);
        chosen.push(slot);
      }
    }
    return chosen;
  }

  private canStep(issue: DemoIssue): boolean {
    if (issue.statusId !== STATUS.done) return true;
    // Done epics and sub-tasks stay done; other items reopen only under an epic that is still open.
    if (issue.issueTypeId === ISSUE_TYPE.epic || issue.issueTypeId === ISSUE_TYPE.subtask) return false;
    const parent = issue.parentKey === null ? undefined : this.store.issueByKey(issue.parentKey);
    return parent?.statusId !== STATUS.done;
  }

  /** The next piece of work on an issue, as a team would do it. */
  private step(random: SeededRandom, issue: DemoIssue): Step | null {
    if (!this.canStep(issue)) return null;
    const r = random.float();
    const status = issue.statusId;
    if (issue.issueTypeId === ISSUE_TYPE.epic) {
      if (status === STATUS.toDo && r < 0.7) return moveStatus(status, STATUS.inProgress);
      return this.dueDateStep(random, issue);
    }
    if (issue.issueTypeId === ISSUE_TYPE.subtask) {
      return moveStatus(status, status === STATUS.toDo ? STATUS.inProgress : STATUS.done);
    }
    switch (status) {
      case STATUS.toDo:
        return r < 0.75 ? moveStatus(status, STATUS.inProgress) : pointsStep(random, issue);
      case STATUS.inProgress:
        if (r < 0.55) return issue.flagged ? flagStep(false) : moveStatus(status, STATUS.inReview);
        if (r < 0.72) return flagStep(!issue.flagged);
        if (r < 0.82) return moveStatus(status, STATUS.blocked);
        return pointsStep(random, issue);
      case STATUS.blocked:
        return moveStatus(status, STATUS.inProgress);
      case STATUS.inReview:
        if (issue.flagged) return flagStep(false);
        return moveStatus(status, r < 0.8 ? STATUS.done : STATUS.inProgress);
      default:
        return moveStatus(status, r < 0.5 ? STATUS.toDo : STATUS.inProgress);
    }
  }

  /** A due date pushed out (or set, if there was none), by the PMO lead as in the generated history. */
  private dueDateStep(random: SeededRandom, issue: DemoIssue): Step {
    const from = issue.duedate;
    const base = from === null ? this.store.dataset.now + 30 * DAY : Date.parse(from);
    const to = new Date(base + random.int(1, 4) * 7 * DAY).toISOString().slice(0, 10);
    return {
      items: [dueDateItem(from, to)],
      byPmo: true,
      apply(target) {
        target.duedate = to;
      },
    };
  }

  private move(random: SeededRandom, slot: number, issue: DemoIssue, at: number): void {
    const { projects } = this.store.dataset;
    const from = projects.find((p) => p.key === issue.projectKey);
    const targets = projects.filter((p) => p.key !== issue.projectKey);
    const to = targets[Math.floor(random.float() * targets.length)];
    if (!from || !to) return;
    const oldKey = issue.key;
    const newKey = this.store.moveIssue(slot, to.key);
    // A level of a scheme the new project does not use cannot stay on the issue (Jira asks for one of
    // the new project's levels; the demo moves it unsecured).
    if (!securityLevelsOf(to.key).some((l) => l.id === issue.securityLevelId)) issue.securityLevelId = null;
    const items: DemoChangeItem[] = [
      {
        field: 'project',
        fieldtype: 'jira',
        fieldId: 'project',
        from: from.id,
        fromString: from.name,
        to: to.id,
        toString: to.name,
      },
      {
        field: 'Key',
        fieldtype: 'jira',
        fieldId: 'issuekey',
        from: null,
        fromString: oldKey,
        to: null,
        toString: newKey,
      },
    ];
    this.record(random, slot, issue, at, items, true);
  }

  private record(
    random: SeededRandom,
    slot: number,
    issue: DemoIssue,
    at: number,
    items: DemoChangeItem[],
    byPmo: boolean,
  ): void {
    const team = this.authors.get(issue.projectKey) ?? [];
    const pmo = DEMO_USERS[1]?.accountId ?? '';
    const author = byPmo || team.length === 0 ? pmo : (team[random.int(0, team.length - 1)] as string);
    issue.history.push({ id: String(this.changeId()), at, authorAccountId: author, items });
    issue.updated = at;
    this.store.touch(slot);
  }

  /** Change ids continue after every id in the data set. */
  private changeId(): number {
    if (this.nextChangeId < 0) this.nextChangeId = this.store.changeIdCeiling;
    return this.nextChangeId++;
  }
}

/** How likely a team is to touch an issue next: open and recent work first, old closed work rarely. */
function appeal(issue: DemoIssue, now: number): number {
  if (issue.statusId === STATUS.done) {
    if (issue.issueTypeId === ISSUE_TYPE.epic || issue.issueTypeId === ISSUE_TYPE.subtask) return 0;
    return (issue.resolutiondate ?? 0) > now - 14 * DAY ? 0.05 : 0.003;
  }
  return issue.updated > now - 90 * DAY ? 1 : 0.5;
}

function moveStatus(from: string, to: string): Step {
  const items = [statusItem(from, to)];
  if (to === STATUS.done) items.push(RESOLUTION_SET_ITEM);
  else if (from === STATUS.done) items.push(RESOLUTION_CLEAR_ITEM);
  return {
    items,
    apply(issue, at) {
      issue.statusId = to;
      if (statusOf(to).categoryKey === 'done') issue.resolutiondate = at;
      else issue.resolutiondate = null;
      // Moved into Done it is resolved "Done"; moved out, unresolved.
      delete issue.resolutionName;
    },
  };
}

function flagStep(on: boolean): Step {
  return {
    items: [on ? FLAG_SET_ITEM : FLAG_CLEAR_ITEM],
    apply(issue) {
      issue.flagged = on;
    },
  };
}

/** An estimate given or revised to a neighbouring value. */
function pointsStep(random: SeededRandom, issue: DemoIssue): Step {
  const from = issue.storyPoints;
  let to: number;
  if (from === null) {
    to = POINT_VALUES[random.int(1, 4)] as number;
  } else {
    const i = Math.max(0, POINT_VALUES.indexOf(from));
    const down = i > 0 && (i === POINT_VALUES.length - 1 || random.chance(0.4));
    to = POINT_VALUES[down ? i - 1 : i + 1] as number;
  }
  return {
    items: [storyPointsItem(from, to)],
    apply(target) {
      target.storyPoints = to;
    },
  };
}
