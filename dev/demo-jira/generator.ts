/**
 * Longer than 400 lines: one seeded plan of two years of work; split up, the order of its random draws,
 * which keeps data sets reproducible, would be hard to follow.
 *
 * Generates the demo data set from a seed: five projects, about two years of epics and their work items,
 * each with a changelog that replays to its current state. Work is planned in work units on the team
 * calendar (see calendar.ts), then cut off at `now`: whatever was planned for later has not happened yet,
 * which leaves a realistic mix of done, in-progress and waiting work.
 *
 * Runs in O(n): one pass plans and records every issue, a second closes the epics, a third numbers
 * the issues in creation order (bucketed by day).
 */
import { buildCalendar, type TeamCalendar } from './calendar';
import {
  ISSUE_TYPE,
  ISSUE_TYPES,
  PROJECTS,
  SECURITY_LEVEL,
  SECURITY_SCHEME,
  STATUS,
  STATUSES,
} from './catalog';
import {
  businessValueItem,
  dueDateItem,
  FLAG_CLEAR_ITEM,
  FLAG_SET_ITEM,
  epicLinkItem,
  parentItem,
  RESOLUTION_CLEAR_ITEM,
  RESOLUTION_SET_ITEM,
  resolutionSetItem,
  statusItem,
  storyPointsItem,
} from './change-items';
import { SeededRandom } from './random';
import type { DemoChange, DemoChangeItem, DemoDataset, DemoIssue } from './types';
import { DEMO_USERS, teamOf } from './users';
import {
  BUG_VERBS,
  EPIC_LABEL_SETS,
  EPIC_VERBS,
  PROJECT_NOUNS,
  STORY_VERBS,
  SUBTASK_VERBS,
  TASK_VERBS,
  WORK_LABEL_SETS,
} from './vocabulary';

export interface GenerateOptions {
  seed: number;
  issues: number;
  now: Date;
}

/** Share of the issues each project gets. */
const PROJECT_WEIGHTS: Readonly<Record<string, number>> = {
  PAY: 0.24,
  MOB: 0.2,
  DATA: 0.2,
  WEB: 0.22,
  SEC: 0.14,
};
const ISSUES_PER_EPIC = 13;
const ORPHAN_SHARE = 0.06;
/** Children planned after `now` never get created; plan a little more so the count lands near the target. */
const PLAN_SURPLUS = 1.02;
const POINT_VALUES = [1, 2, 3, 5, 8, 13];
const POINT_WEIGHTS = [10, 18, 26, 24, 15, 7];
const MINUTE = 60_000;

// Status codes inside the planner, indexes into STATUS_BY_CODE.
const S_TODO = 0;
const S_PROGRESS = 1;
const S_REVIEW = 2;
const S_BLOCKED = 3;
const S_DONE = 4;
const STATUS_BY_CODE: readonly string[] = [
  STATUS.toDo,
  STATUS.inProgress,
  STATUS.inReview,
  STATUS.blocked,
  STATUS.done,
];

// Event kinds inside the planner.
const EV_STATUS = 0;
const EV_FLAG_ON = 1;
const EV_FLAG_OFF = 2;
const EV_POINTS = 3;
const EV_PARENT = 4;
const EV_DUE = 5;
const EV_VALUE = 6;

const NO_PARENT = -1;

/** A reusable, growable list of planned events: (work units, kind, argument). */
class EventBuffer {
  units = new Float64Array(64);
  kinds = new Int8Array(64);
  args = new Float64Array(64);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  add(units: number, kind: number, arg: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = units;
    this.kinds[this.length] = kind;
    this.args[this.length] = arg;
    this.length++;
  }

  /** Stable insertion sort by time: buffers hold a handful of events. */
  sort(): void {
    const { units, kinds, args } = this;
    for (let i = 1; i < this.length; i++) {
      const u = units[i] ?? 0;
      const k = kinds[i] ?? 0;
      const a = args[i] ?? 0;
      let j = i - 1;
      while (j >= 0 && (units[j] ?? 0) > u) {
        units[j + 1] = units[j] ?? 0;
        kinds[j + 1] = kinds[j] ?? 0;
        args[j + 1] = args[j] ?? 0;
        j--;
      }
      units[j + 1] = u;
      kinds[j + 1] = k;
      args[j + 1] = a;
    }
  }

  private grow(): void {
    const size = this.units.length * 2;
    const units = new Float64Array(size);
    units.set(this.units);
    const kinds = new Int8Array(size);
    kinds.set(this.kinds);
    const args = new Float64Array(size);
    args.set(this.args);
    this.units = units;
    this.kinds = kinds;
    this.args = args;
  }
}

/** What the planner decided for one work item, before `now` cuts it off. */
interface WorkPlan {
  initialStatus: number;
  initialPoints: number | null;
  /** First planned entry into In Progress, NaN when the item is planned to skip it. */
  startUnits: number;
  /** First planned entry into In Review, NaN when none. */
  reviewUnits: number;
  /** When the item is planned to end in Done for good; Infinity when it ends open. */
  finishUnits: number;
}

/** What actually happened to an item up to `now`. */
interface Outcome {
  firstStartUnits: number;
  lastDoneUnits: number;
  finalParent: number;
}

interface EpicPlan {
  index: number;
  projectKey: string;
  createdUnits: number;
  startUnits: number;
  plannedFinishUnits: number;
  due: string | null;
  value: number | null;
  childCount: number;
  openChildren: number;
  firstStartUnits: number;
  lastDoneUnits: number;
}

interface PendingParentChange {
  change: DemoChange;
  from: number;
  to: number;
}

class DatasetBuilder {
  readonly issues: DemoIssue[] = [];
  /** Parent of each issue by position in `issues` (NO_PARENT for none). */
  readonly parents: number[] = [];
  readonly epics: EpicPlan[] = [];
  private readonly epicByIssue = new Map<number, EpicPlan>();
  private readonly pendingParents: PendingParentChange[] = [];
  private readonly buffer = new EventBuffer();
  private readonly plan: WorkPlan = {
    initialStatus: S_TODO,
    initialPoints: null,
    startUnits: NaN,
    reviewUnits: NaN,
    finishUnits: Infinity,
  };
  private readonly outcome: Outcome = { firstStartUnits: NaN, lastDoneUnits: NaN, finalParent: NO_PARENT };
  private readonly authors: Record<string, string[]> = {};
  private readonly statusItemLists = new Map<number, DemoChangeItem[]>();
  private changeSeq = 10000;

  constructor(
    private readonly rng: SeededRandom,
    private readonly cal: TeamCalendar,
  ) {
    const dana = DEMO_USERS.find((u) => u.email === 'dev@demo.test');
    for (const project of PROJECTS) {
      const ids = teamOf(project.key).map((m) => m.accountId);
      if (dana && dana.browse !== 'all' && dana.browse.includes(project.key)) ids.push(dana.accountId);
      this.authors[project.key] = ids;
    }
  }

  generate(totalIssues: number): void {
    for (const project of PROJECTS) {
      const budget = Math.max(
        4,
        Math.round(totalIssues * (PROJECT_WEIGHTS[project.key] ?? 0.2) * PLAN_SURPLUS),
      );
      this.generateProject(project.key, budget);
    }
    for (const epic of this.epics) this.closeEpic(epic);
  }

  // ---- pass 1: plan and record ----

  private generateProject(projectKey: string, budget: number): void {
    const { rng, cal } = this;
    const epicCount = Math.max(1, Math.round(budget / ISSUES_PER_EPIC));
    const workItems = budget - epicCount;
    const orphans = Math.round(workItems * ORPHAN_SHARE);
    const averageChildren = Math.max(1, (workItems - orphans) / epicCount);
    const first = cal.startUnits + 1;
    const span = Math.max(1, cal.nowUnits - 4 - first);
    const nouns = PROJECT_NOUNS[projectKey] ?? ['platform'];

    let previousEpic: EpicPlan | null = null;
    for (let e = 0; e < epicCount; e++) {
      const createdUnits = first + (span * (e + rng.float())) / epicCount;
      const epic = this.generateEpic(projectKey, createdUnits, averageChildren, nouns, previousEpic);
      previousEpic = epic;
    }
    for (let o = 0; o < orphans; o++) {
      const createdUnits = first + rng.float() * (cal.nowUnits - first);
      this.generateWorkItem(
        projectKey,
        createdUnits,
        createdUnits + rng.exponential(6),
        NO_PARENT,
        -1,
        NaN,
        nouns,
      );
    }
  }

  private generateEpic(
    projectKey: string,
    createdUnits: number,
    averageChildren: number,
    nouns: readonly string[],
    previousEpic: EpicPlan | null,
  ): EpicPlan {
    const { rng, cal } = this;
    const startUnits = createdUnits + rng.range(0, 10);
    const children = Math.max(1, Math.round(averageChildren * rng.range(0.35, 1.65)));
    const plannedSpan = children * rng.range(1.6, 3.2);
    const hasDue = rng.chance(0.9);
    const value = rng.chance(0.72) ? rng.int(5, 150) * 5000 : null;
    const index = this.addIssue(
      projectKey,
      ISSUE_TYPE.epic,
      `${rng.pick(EPIC_VERBS)} ${rng.pick(nouns)}`,
      cal.toMs(createdUnits),
      NO_PARENT,
      rng.pick(EPIC_LABEL_SETS),
    );
    const issue = this.issueAt(index);
    issue.startDate = cal.toDate(startUnits);
    const epic: EpicPlan = {
      index,
      projectKey,
      createdUnits,
      startUnits,
      plannedFinishUnits: 0,
      due: hasDue ? cal.toDate(startUnits + plannedSpan * rng.range(1.0, 1.6) + 4) : null,
      value,
      childCount: 0,
      openChildren: 0,
      firstStartUnits: NaN,
      lastDoneUnits: NaN,
    };
    this.epics.push(epic);
    this.epicByIssue.set(index, epic);

    for (let c = 0; c < children; c++) {
      let childCreated: number;
      let ready: number;
      if (c > 0 && rng.chance(0.2)) {
        // Scope added once the epic is under way.
        childCreated = startUnits + plannedSpan * rng.range(0.15, 0.85);
        ready = childCreated + rng.exponential(2);
      } else {
        childCreated = createdUnits + rng.range(0, startUnits - createdUnits + 2);
        ready = Math.max(
          childCreated + 0.2,
          startUnits + ((plannedSpan * c) / children) * rng.range(0.7, 1.1),
        );
      }
      if (childCreated >= cal.nowUnits) continue;
      let initialParent = index;
      let moveTo = -1;
      let moveAt = NaN;
      const roll = rng.float();
      if (roll < 0.035 && previousEpic) {
        // Re-planned into the previous epic before anyone started on it.
        moveTo = previousEpic.index;
        moveAt = childCreated + (ready - childCreated) * rng.range(0.2, 0.9);
      } else if (roll < 0.05) {
        // Created loose, linked to the epic later.
        initialParent = NO_PARENT;
        moveTo = index;
        moveAt = childCreated + (ready - childCreated) * rng.range(0.2, 0.9);
      }
      const finish = this.generateWorkItem(
        projectKey,
        childCreated,
        ready,
        initialParent,
        moveTo,
        moveAt,
        nouns,
      );
      if (finish > epic.plannedFinishUnits && Number.isFinite(finish)) epic.plannedFinishUnits = finish;
    }
    return epic;
  }

  /** Plans, records and returns the planned finish (Infinity when planned to end open). */
  private generateWorkItem(
    projectKey: string,
    createdUnits: number,
    readyUnits: number,
    initialParent: number,
    moveTo: number,
    moveAt: number,
    nouns: readonly string[],
  ): number {
    const { rng, cal } = this;
    if (createdUnits >= cal.nowUnits) return Infinity;
    const typeRoll = rng.float();
    const typeId = typeRoll < 0.65 ? ISSUE_TYPE.story : typeRoll < 0.85 ? ISSUE_TYPE.bug : ISSUE_TYPE.task;
    const verbs =
      typeId === ISSUE_TYPE.story ? STORY_VERBS : typeId === ISSUE_TYPE.bug ? BUG_VERBS : TASK_VERBS;
    const estimated = rng.chance(typeId === ISSUE_TYPE.story ? 0.9 : typeId === ISSUE_TYPE.task ? 0.7 : 0.5);
    const points = estimated ? (POINT_VALUES[rng.weighted(POINT_WEIGHTS)] ?? 3) : null;
    let createdMs = cal.toMs(createdUnits);
    if (typeId === ISSUE_TYPE.bug && rng.chance(0.15)) {
      // Incidents get logged at any hour.
      createdMs += rng.int(9, 14) * 3_600_000;
    }
    const index = this.addIssue(
      projectKey,
      typeId,
      `${rng.pick(verbs)} ${rng.pick(nouns)}`,
      Math.min(createdMs, cal.nowMs),
      initialParent,
      rng.pick(WORK_LABEL_SETS),
    );
    this.planWorkItem(createdUnits, readyUnits, points);
    if (moveTo >= 0 && moveAt < this.plan.startUnits) this.buffer.add(moveAt, EV_PARENT, moveTo);
    const plan = this.plan;
    const startUnits = plan.startUnits;
    const reviewUnits = plan.reviewUnits;
    const finish = plan.finishUnits;
    this.record(index, plan.initialStatus, plan.initialPoints, initialParent, createdUnits);
    const out = this.outcome;
    const epic = out.finalParent >= 0 ? this.epicByIssue.get(out.finalParent) : undefined;
    if (epic) {
      epic.childCount++;
      if (this.issueAt(index).statusId !== STATUS.done) epic.openChildren++;
      if (!(out.firstStartUnits >= epic.firstStartUnits)) epic.firstStartUnits = out.firstStartUnits;
      if (!(out.lastDoneUnits <= epic.lastDoneUnits)) epic.lastDoneUnits = out.lastDoneUnits;
    }
    if (typeId === ISSUE_TYPE.story && rng.chance(0.03) && reviewUnits > startUnits) {
      const count = rng.int(1, 2);
      for (let s = 0; s < count; s++) this.generateSubtask(projectKey, index, startUnits, reviewUnits, nouns);
    }
    return finish;
  }

  /** Fills the buffer and `plan` with one item's intended workflow. */
  private planWorkItem(createdUnits: number, readyUnits: number, points: number | null): void {
    const { rng, buffer, plan } = this;
    buffer.reset();
    plan.initialStatus = S_TODO;
    plan.initialPoints = points;
    plan.startUnits = NaN;
    plan.reviewUnits = NaN;
    plan.finishUnits = Infinity;

    if (rng.chance(0.05)) {
      // Closed straight from the backlog: already fixed, a duplicate, a quick admin task.
      const at = readyUnits + rng.exponential(2);
      buffer.add(at, EV_STATUS, S_DONE);
      plan.finishUnits = at;
      this.planEstimateChange(createdUnits, at, points);
      return;
    }
    let u: number;
    if (rng.chance(0.03)) {
      plan.initialStatus = S_PROGRESS;
      u = createdUnits;
    } else {
      u = Math.max(readyUnits, createdUnits + rng.exponential(1.5));
      buffer.add(u, EV_STATUS, S_PROGRESS);
    }
    plan.startUnits = u;
    this.planEstimateChange(createdUnits, u, points);

    let work = rng.logNormal(1.2 + 0.8 * (points ?? 3), 0.5);
    const stalled = rng.chance(0.04);
    if (stalled) work *= rng.range(3, 8);
    let extra = 0;
    if (rng.chance(0.12)) {
      const blockedAt = u + work * rng.range(0.2, 0.7);
      const blockedFor = rng.range(1, 7);
      buffer.add(blockedAt, EV_STATUS, S_BLOCKED);
      buffer.add(blockedAt + blockedFor, EV_STATUS, S_PROGRESS);
      extra += blockedFor;
    }
    let flagOn = NaN;
    let flagFor = 0;
    if (stalled ? rng.chance(0.5) : rng.chance(0.1)) {
      flagOn = u + work * rng.range(0.1, 0.8);
      flagFor = rng.range(0.5, 6);
      extra += flagFor * 0.7;
    }
    u += work + extra;
    if (flagFor > 0) {
      buffer.add(flagOn, EV_FLAG_ON, 0);
      buffer.add(Math.min(flagOn + flagFor, u - 0.01), EV_FLAG_OFF, 0);
    }
    buffer.add(u, EV_STATUS, S_REVIEW);
    plan.reviewUnits = u;
    this.planCurrentImpediment(plan.startUnits, u);
    u += rng.logNormal(0.6, 0.5);
    if (rng.chance(0.2)) {
      // Review sent it back.
      buffer.add(u, EV_STATUS, S_PROGRESS);
      u += rng.logNormal(1.2, 0.5);
      buffer.add(u, EV_STATUS, S_REVIEW);
      u += rng.logNormal(0.4, 0.5);
    }
    buffer.add(u, EV_STATUS, S_DONE);
    plan.finishUnits = u;

    if (rng.chance(0.07)) {
      u += rng.range(1, 15);
      const reopenedTo = rng.chance(0.5) ? S_TODO : S_PROGRESS;
      buffer.add(u, EV_STATUS, reopenedTo);
      plan.finishUnits = Infinity;
      // Old reopened items were mostly finished again; recent ones may still be open.
      if (rng.chance(u > this.cal.nowUnits - 80 ? 0.6 : 0.95)) {
        if (reopenedTo === S_TODO) {
          u += rng.exponential(2);
          buffer.add(u, EV_STATUS, S_PROGRESS);
        }
        u += rng.logNormal(1.5, 0.5);
        buffer.add(u, EV_STATUS, S_REVIEW);
        u += rng.logNormal(0.4, 0.5);
        buffer.add(u, EV_STATUS, S_DONE);
        plan.finishUnits = u;
      }
    }
  }

  /**
   * Work that is in progress at `now` is sometimes impeded right now: flagged, or parked in Blocked.
   * Both end when the item moves to review, which has not happened yet.
   */
  private planCurrentImpediment(startUnits: number, reviewUnits: number): void {
    const { rng, buffer, cal } = this;
    if (!(startUnits < cal.nowUnits && cal.nowUnits < reviewUnits)) return;
    const earliest = startUnits + 0.05;
    if (rng.chance(0.5)) {
      buffer.add(Math.max(earliest, cal.nowUnits - rng.range(0.3, 6)), EV_FLAG_ON, 0);
      buffer.add(reviewUnits - 0.01, EV_FLAG_OFF, 0);
    }
    if (rng.chance(0.12)) {
      buffer.add(Math.max(earliest, cal.nowUnits - rng.range(0.3, 4)), EV_STATUS, S_BLOCKED);
      buffer.add(reviewUnits - 0.02, EV_STATUS, S_PROGRESS);
    }
  }

  /** Some estimates arrive after creation, some get revised before work starts. */
  private planEstimateChange(createdUnits: number, beforeUnits: number, points: number | null): void {
    const { rng, buffer, plan } = this;
    if (points === null || !rng.chance(0.12)) return;
    const at = createdUnits + (beforeUnits - createdUnits) * rng.range(0.1, 0.9);
    if (rng.chance(0.5)) {
      plan.initialPoints = null;
    } else {
      const i = POINT_VALUES.indexOf(points);
      const neighbour =
        POINT_VALUES[i > 0 && rng.chance(0.6) ? i - 1 : Math.min(i + 1, POINT_VALUES.length - 1)];
      plan.initialPoints = neighbour === points ? null : (neighbour ?? null);
    }
    buffer.add(at, EV_POINTS, points);
  }

  private generateSubtask(
    projectKey: string,
    storyIndex: number,
    storyStart: number,
    storyReview: number,
    nouns: readonly string[],
  ): void {
    const { rng, cal, buffer } = this;
    const story = this.issueAt(storyIndex);
    const createdUnits = Math.max(storyStart - rng.range(0, 0.5), 0);
    if (createdUnits >= cal.nowUnits) return;
    const createdMs = Math.max(cal.toMs(createdUnits), story.created + MINUTE);
    if (createdMs > cal.nowMs) return;
    const index = this.addIssue(
      projectKey,
      ISSUE_TYPE.subtask,
      `${rng.pick(SUBTASK_VERBS)} ${rng.pick(nouns)}`,
      createdMs,
      storyIndex,
      WORK_LABEL_SETS[0] ?? [],
    );
    const window = storyReview - storyStart;
    const start = storyStart + window * rng.range(0.05, 0.4);
    buffer.reset();
    buffer.add(start, EV_STATUS, S_PROGRESS);
    buffer.add(start + window * rng.range(0.2, 0.55), EV_STATUS, S_DONE);
    this.record(index, S_TODO, null, storyIndex, createdUnits);
  }

  private addIssue(
    projectKey: string,
    issueTypeId: string,
    summary: string,
    created: number,
    parent: number,
    labels: readonly string[],
  ): number {
    const issue: DemoIssue = {
      id: '',
      key: '',
      projectKey,
      issueTypeId,
      summary,
      parentKey: null,
      created,
      updated: created,
      statusId: STATUS.toDo,
      resolutiondate: null,
      duedate: null,
      storyPoints: null,
      businessValue: null,
      startDate: null,
      flagged: false,
      labels: labels as string[],
      securityLevelId: null,
      history: [],
    };
    this.issues.push(issue);
    this.parents.push(parent);
    return this.issues.length - 1;
  }

  private issueAt(index: number): DemoIssue {
    const issue = this.issues[index];
    if (!issue) throw new Error(`No issue at ${index}`);
    return issue;
  }

  private author(projectKey: string): string {
    return this.rng.pick(this.authors[projectKey] ?? []);
  }

  private statusItems(from: number, to: number): DemoChangeItem[] {
    const cacheKey = from * 8 + to;
    let items = this.statusItemLists.get(cacheKey);
    if (!items) {
      const move = statusItem(STATUS_BY_CODE[from] ?? '', STATUS_BY_CODE[to] ?? '');
      items = Object.freeze(
        to === S_DONE
          ? [move, RESOLUTION_SET_ITEM]
          : from === S_DONE
            ? [move, RESOLUTION_CLEAR_ITEM]
            : [move],
      ) as DemoChangeItem[];
      this.statusItemLists.set(cacheKey, items);
    }
    return items;
  }

  /**
   * Turns the buffered plan into the issue's changelog, dropping whatever falls at or after `now`,
   * and sets the issue's current fields from what happened.
   */
  private record(
    index: number,
    initialStatus: number,
    initialPoints: number | null,
    initialParent: number,
    createdUnits: number,
  ): void {
    const { buffer, cal, rng, outcome } = this;
    const issue = this.issueAt(index);
    buffer.sort();
    let status = initialStatus;
    let points = initialPoints;
    let flagged = false;
    let parent = initialParent;
    let previousMs = issue.created;
    let doneAt: number | null = null;
    outcome.firstStartUnits = initialStatus === S_PROGRESS ? createdUnits : NaN;
    outcome.lastDoneUnits = NaN;
    const history = issue.history;
    for (let i = 0; i < buffer.length; i++) {
      const u = buffer.units[i] ?? 0;
      if (u >= cal.nowUnits) break;
      const kind = buffer.kinds[i];
      const arg = buffer.args[i] ?? 0;
      let items: DemoChangeItem[];
      let pendingFrom = NO_PARENT;
      switch (kind) {
        case EV_STATUS:
          if (arg === status) continue;
          items = this.statusItems(status, arg);
          break;
        case EV_FLAG_ON:
          if (flagged) continue;
          items = [FLAG_SET_ITEM];
          break;
        case EV_FLAG_OFF:
          if (!flagged) continue;
          items = [FLAG_CLEAR_ITEM];
          break;
        case EV_POINTS:
          if (arg === points) continue;
          items = [storyPointsItem(points, arg)];
          break;
        case EV_PARENT:
          if (arg === parent) continue;
          pendingFrom = parent;
          items = [];
          break;
        default:
          continue;
      }
      let at = cal.toMs(u);
      if (at <= previousMs) at = previousMs + rng.int(1, 20) * MINUTE;
      if (at > cal.nowMs) break;
      const change: DemoChange = {
        id: String(this.changeSeq++),
        at,
        authorAccountId: this.author(issue.projectKey),
        items,
      };
      history.push(change);
      previousMs = at;
      switch (kind) {
        case EV_STATUS:
          if (arg !== S_TODO && arg !== S_DONE && !(outcome.firstStartUnits >= 0))
            outcome.firstStartUnits = u;
          if (arg === S_DONE) {
            doneAt = at;
            outcome.lastDoneUnits = u;
          } else if (status === S_DONE) {
            doneAt = null;
            outcome.lastDoneUnits = NaN;
          }
          status = arg;
          break;
        case EV_FLAG_ON:
          flagged = true;
          break;
        case EV_FLAG_OFF:
          flagged = false;
          break;
        case EV_POINTS:
          points = arg;
          break;
        case EV_PARENT:
          this.pendingParents.push({ change, from: pendingFrom, to: arg });
          parent = arg;
          break;
      }
    }
    issue.statusId = STATUS_BY_CODE[status] ?? STATUS.toDo;
    issue.resolutiondate = status === S_DONE ? doneAt : null;
    issue.storyPoints = points;
    issue.flagged = flagged;
    issue.updated = previousMs;
    this.parents[index] = parent;
    outcome.finalParent = parent;
  }

  // ---- pass 2: epics follow their children ----

  private closeEpic(epic: EpicPlan): void {
    const { rng, cal, buffer } = this;
    const issue = this.issueAt(epic.index);
    buffer.reset();
    if (epic.childCount > 0 && epic.firstStartUnits >= 0) {
      buffer.add(Math.max(epic.firstStartUnits, epic.createdUnits) + 0.01, EV_STATUS, S_PROGRESS);
      if (epic.openChildren === 0 && epic.lastDoneUnits >= 0) {
        buffer.add(epic.lastDoneUnits + rng.range(0.05, 2.5), EV_STATUS, S_DONE);
      }
    }
    // Due dates: planned at creation; late epics often get them pushed out while running.
    const dues: string[] = [];
    if (epic.due !== null) {
      dues.push(epic.due);
      let current = epic.due;
      let slipAfter = epic.startUnits + 0.5;
      for (let slip = 0; slip < 2; slip++) {
        const dueEnd = cal.dateToUnits(cal.addDays(current, 1));
        const late = epic.plannedFinishUnits > dueEnd;
        if (!late || !rng.chance(slip === 0 ? 0.6 : 0.3)) break;
        const at = Math.max(slipAfter, dueEnd - rng.range(0.5, 6));
        let next = cal.toDate(epic.plannedFinishUnits + rng.range(-2, 6));
        if (next <= current) next = cal.addDays(current, 7);
        buffer.add(at, EV_DUE, dues.length);
        dues.push(next);
        current = next;
        slipAfter = at + 0.5;
      }
    }
    // A few business values get re-estimated early on.
    let initialValue = epic.value;
    if (epic.value !== null && rng.chance(0.12)) {
      initialValue = Math.max(5000, Math.round((epic.value * rng.range(0.6, 1.4)) / 5000) * 5000);
      if (initialValue !== epic.value) {
        buffer.add(epic.createdUnits + rng.range(0.5, 8), EV_VALUE, 0);
      } else {
        initialValue = epic.value;
      }
    }
    buffer.sort();
    let status = S_TODO;
    let due = epic.due;
    let value = initialValue;
    let previousMs = issue.created;
    let doneAt: number | null = null;
    for (let i = 0; i < buffer.length; i++) {
      const u = buffer.units[i] ?? 0;
      if (u >= cal.nowUnits) break;
      const kind = buffer.kinds[i];
      const arg = buffer.args[i] ?? 0;
      let at = cal.toMs(u);
      if (at <= previousMs) at = previousMs + rng.int(1, 20) * MINUTE;
      if (at > cal.nowMs) break;
      let items: DemoChangeItem[];
      let author = this.author(epic.projectKey);
      if (kind === EV_STATUS) {
        if (arg === status) continue;
        items = this.statusItems(status, arg);
        if (arg === S_DONE) doneAt = at;
        status = arg;
      } else if (kind === EV_DUE) {
        const next = dues[arg] ?? due;
        items = [dueDateItem(due, next)];
        due = next;
        author = DEMO_USERS[1]?.accountId ?? author;
      } else if (kind === EV_VALUE) {
        items = [businessValueItem(value, epic.value)];
        value = epic.value;
        author = DEMO_USERS[1]?.accountId ?? author;
      } else {
        continue;
      }
      issue.history.push({ id: String(this.changeSeq++), at, authorAccountId: author, items });
      previousMs = at;
    }
    issue.statusId = STATUS_BY_CODE[status] ?? STATUS.toDo;
    issue.resolutiondate = status === S_DONE ? doneAt : null;
    issue.duedate = due;
    issue.businessValue = value;
    issue.updated = previousMs;
  }

  // ---- pass 3: ids and keys in creation order ----

  finish(): DemoIssue[] {
    const { issues, cal } = this;
    const dayMs = 86_400_000;
    const origin = cal.toMs(cal.startUnits) - dayMs;
    const bucketCount = Math.ceil((cal.nowMs - origin) / dayMs) + 2;
    const counts = new Int32Array(bucketCount + 1);
    const dayOf = (created: number): number =>
      Math.min(bucketCount - 1, Math.max(0, Math.floor((created - origin) / dayMs)));
    for (const issue of issues) {
      const b = dayOf(issue.created) + 1;
      counts[b] = (counts[b] ?? 0) + 1;
    }
    for (let b = 1; b <= bucketCount; b++) counts[b] = (counts[b] ?? 0) + (counts[b - 1] ?? 0);
    const order = new Int32Array(issues.length);
    const cursor = counts.slice(0, bucketCount);
    for (let i = 0; i < issues.length; i++) {
      const bucket = dayOf(this.issueAt(i).created);
      const slot = cursor[bucket] ?? 0;
      order[slot] = i;
      cursor[bucket] = slot + 1;
    }
    // Within a day, order by creation time (stable on ties).
    for (let b = 0; b < bucketCount; b++) {
      const from = counts[b] ?? 0;
      const to = counts[b + 1] ?? 0;
      if (to - from > 1) {
        const slice = Array.from(order.subarray(from, to));
        slice.sort((x, y) => this.issueAt(x).created - this.issueAt(y).created || x - y);
        order.set(slice, from);
      }
    }
    const counters: Record<string, number> = {};
    const ordered: DemoIssue[] = new Array<DemoIssue>(issues.length);
    for (let rank = 0; rank < order.length; rank++) {
      const issue = this.issueAt(order[rank] ?? 0);
      const n = (counters[issue.projectKey] ?? 0) + 1;
      counters[issue.projectKey] = n;
      issue.id = String(10001 + rank);
      issue.key = `${issue.projectKey}-${n}`;
      ordered[rank] = issue;
    }
    for (let i = 0; i < issues.length; i++) {
      const parent = this.parents[i] ?? NO_PARENT;
      this.issueAt(i).parentKey = parent >= 0 ? this.issueAt(parent).key : null;
    }
    // Every fourth parent move is written in the older shape (an "Epic Link" item without a fieldId), so
    // the sync must read both shapes to get the same parent history. Chosen by position: no random draw,
    // so the data set is otherwise unchanged.
    this.pendingParents.forEach((pending, i) => {
      const from = pending.from >= 0 ? this.issueAt(pending.from) : null;
      const shape = i % 4 === 1 ? epicLinkItem : parentItem;
      pending.change.items = [shape(from, this.issueAt(pending.to))];
    });
    for (const issue of ordered) closeWithoutDelivery(issue);
    return ordered;
  }
}

/**
 * About one in fifty done work items (stories, bugs, tasks; never epics) was closed without delivery:
 * resolved "Won't Do" or "Duplicate" instead of "Done". Chosen by id, with no random draw, so the rest of
 * the data set is unchanged; the metrics count these as discarded, not done.
 */
function closeWithoutDelivery(issue: DemoIssue): void {
  if (issue.resolutiondate === null) return;
  if (issue.issueTypeId === ISSUE_TYPE.epic || issue.issueTypeId === ISSUE_TYPE.subtask) return;
  const n = Number(issue.id) % 100;
  const name = n === 17 ? "Won't Do" : n === 67 ? 'Duplicate' : null;
  if (name === null) return;
  issue.resolutionName = name;
  for (let i = issue.history.length - 1; i >= 0; i--) {
    const change = issue.history[i]!;
    if (!change.items.includes(RESOLUTION_SET_ITEM)) continue;
    change.items = change.items.map((item) =>
      item === RESOLUTION_SET_ITEM ? resolutionSetItem(name) : item,
    );
    return;
  }
}

export function generateDataset(opts: GenerateOptions): DemoDataset {
  const nowMs = opts.now.getTime();
  if (!Number.isFinite(nowMs)) throw new Error('generateDataset: now is not a valid date');
  const rng = new SeededRandom(opts.seed);
  const calendar = buildCalendar(nowMs, rng);
  const builder = new DatasetBuilder(rng, calendar);
  builder.generate(Math.max(10, Math.floor(opts.issues)));
  return {
    now: nowMs,
    seed: opts.seed,
    projects: PROJECTS.map((p) => ({ ...p })),
    issueTypes: ISSUE_TYPES.map((t) => ({ ...t })),
    statuses: STATUSES.map((s) => ({ ...s })),
    issues: secureIssues(builder.finish()),
  };
}

/**
 * Puts every third epic of the secured project (its 2nd, 5th, 8th… in key order), with everything under
 * it, at the "Executives only" level. Decided from the generated issues alone, after generation, so the
 * random draws (and every other field) are the same as without a security scheme.
 */
function secureIssues(issues: DemoIssue[]): DemoIssue[] {
  const [project] = SECURITY_SCHEME.projects;
  const secured = new Set<string>();
  let epics = 0;
  for (const issue of issues) {
    if (issue.projectKey !== project || issue.issueTypeId !== ISSUE_TYPE.epic) continue;
    if (epics++ % 3 === 1) secured.add(issue.key);
  }
  // Epics, then their items, then the items' sub-tasks (an item may be older than the epic it was later
  // linked to, so each level is its own pass).
  for (let level = 0; level < 3; level++) {
    for (const issue of issues) {
      if (issue.parentKey !== null && secured.has(issue.parentKey)) secured.add(issue.key);
    }
  }
  for (const issue of issues) {
    if (secured.has(issue.key)) issue.securityLevelId = SECURITY_LEVEL.executives;
  }
  return issues;
}
