/**
 * A seeded generator of normalized work items (and a PMO model over them) for the metrics benchmark:
 * items are produced one at a time, so a million of them never sit in memory together as objects.
 * Shapes follow the demo Jira: two years of history, epics of ~20 items, a share of items reopened,
 * flagged, blocked, moved between epics, and epics whose due dates moved.
 */
import type { PmoProject, StrategicGoal } from '../src/contract';
import { seededRandom } from '../src/domain/random';
import type { StatusEntry, WorkItem } from '../src/domain/work-item';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface GeneratedPortfolio {
  goals: StrategicGoal[];
  projects: PmoProject[];
  /** Jira project keys used. */
  jiraProjects: string[];
}

export function benchShape(items: number) {
  const jiraProjects = Math.max(5, Math.min(200, Math.round(items / 5_000)));
  const epics = Math.max(10, Math.round(items / 20));
  const pmoProjects = Math.max(10, Math.min(500, Math.round(items / 2_000)));
  const goals = Math.max(3, Math.min(100, Math.round(pmoProjects / 5)));
  return { items, jiraProjects, epics, pmoProjects, goals };
}

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every item (epics first, then work items), generated on demand. */
export function* generateItems(count: number, now: number, seed = 7): Generator<WorkItem> {
  const random = seededRandom(seed);
  const shape = benchShape(count);
  const projectKey = (i: number) => `P${i}`;
  const epicProject = (e: number) => e % shape.jiraProjects;
  const epicStart = (e: number) => now - 700 * DAY + Math.floor((e / shape.epics) * 650 * DAY);
  for (let e = 0; e < shape.epics; e++) {
    const created = epicStart(e);
    const done =
      created + 60 * DAY < now - 5 * DAY && random() < 0.8 ? created + (30 + random() * 60) * DAY : null;
    const due = isoDate(created + (45 + random() * 40) * DAY);
    const moved = random() < 0.2;
    const key = `${projectKey(epicProject(e))}-E${e}`;
    yield item({
      id: String(e + 1),
      key,
      project: projectKey(epicProject(e)),
      level: 1,
      summary: `Epic ${e}`,
      created,
      path:
        done === null
          ? [[created + 5 * DAY, 'In Progress', 'indeterminate']]
          : [
              [created + 5 * DAY, 'In Progress', 'indeterminate'],
              [Math.min(done, now - HOUR), 'Done', 'done'],
            ],
      due,
      dueChanges: moved ? [{ at: created + 20 * DAY, from: isoDate(created + 40 * DAY), to: due }] : [],
      value: random() < 0.3 ? Math.round(random() * 100) * 1_000 : null,
    });
  }
  for (let i = 0; i < count - shape.epics; i++) {
    const e = Math.floor(random() * shape.epics);
    const epicCreated = epicStart(e);
    const created = Math.min(now - HOUR, epicCreated + random() * 40 * DAY);
    const path: [number, string, StatusEntry['category']][] = [];
    let t = created + random() * 10 * DAY;
    const blocked = random() < 0.05;
    if (t < now) {
      path.push([t, 'In Progress', 'indeterminate']);
      if (blocked) {
        t += random() * 4 * DAY;
        path.push([t, 'Blocked', 'indeterminate']);
        t += random() * 4 * DAY;
        path.push([t, 'In Progress', 'indeterminate']);
      }
      t += random() * 6 * DAY;
      path.push([t, 'In Review', 'indeterminate']);
      t += random() * 3 * DAY;
      if (random() < 0.9) path.push([t, 'Done', 'done']);
      if (random() < 0.03) {
        t += random() * 5 * DAY;
        path.push([t, 'In Progress', 'indeterminate']);
      }
    }
    const kept = path.filter(([at]) => at < now);
    const moved = random() < 0.03;
    const parent = `${projectKey(epicProject(e))}-E${e}`;
    const flaggedFrom = created + random() * 5 * DAY;
    yield item({
      id: String(shape.epics + i + 1),
      key: `${projectKey(epicProject(e))}-${i}`,
      project: projectKey(epicProject(e)),
      level: 0,
      summary: null,
      created,
      path: kept,
      parent,
      type: random() < 0.2 ? 'Bug' : random() < 0.1 ? 'Task' : 'Story',
      estimate: random() < 0.7 ? [1, 2, 3, 5, 8][Math.floor(random() * 5)]! : null,
      flagged:
        random() < 0.04 && flaggedFrom < now
          ? [{ from: flaggedFrom, to: random() < 0.5 ? null : Math.min(now, flaggedFrom + 2 * DAY) }]
          : [],
      parentChanges: moved
        ? [
            {
              at: created + DAY,
              from: `${projectKey(epicProject((e + 1) % shape.epics))}-E${(e + 1) % shape.epics}`,
              to: parent,
            },
          ]
        : [],
    });
  }
}

function item(p: {
  id: string;
  key: string;
  project: string;
  level: number;
  summary: string | null;
  created: number;
  path: [number, string, StatusEntry['category']][];
  parent?: string;
  type?: string;
  estimate?: number | null;
  flagged?: WorkItem['flagged'];
  parentChanges?: WorkItem['parentChanges'];
  due?: string;
  dueChanges?: WorkItem['dueChanges'];
  value?: number | null;
}): WorkItem {
  const transitions = p.path.map(([at, status, category]) => ({ at, status, category }));
  const last = transitions[transitions.length - 1];
  return {
    id: p.id,
    key: p.key,
    project: p.project,
    summary: p.summary,
    type: p.type ?? (p.level === 1 ? 'Epic' : 'Story'),
    level: p.level,
    parent: p.parent ?? null,
    status: last?.status ?? 'To Do',
    statusCategory: last?.category ?? 'new',
    created: p.created,
    updated: last?.at ?? p.created,
    initialStatus: 'To Do',
    initialCategory: 'new',
    transitions,
    due: p.due ?? null,
    estimate: p.estimate ?? null,
    value: p.value ?? null,
    labels: [],
    components: [],
    flagged: p.flagged ?? [],
    parentChanges: p.parentChanges ?? [],
    dueChanges: p.dueChanges ?? [],
  };
}

/** A PMO model over the generated items: PMO projects mapping epic ranges or whole Jira projects, linked to goals. */
export function generatePortfolio(count: number, now: number, seed = 11): GeneratedPortfolio {
  const random = seededRandom(seed);
  const shape = benchShape(count);
  const year = new Date(now).getUTCFullYear();
  const goals: StrategicGoal[] = Array.from({ length: shape.goals }, (_, g) => ({
    id: `g${g}`,
    version: 1,
    name: `Goal ${g}`,
    description: '',
    ownerAccountId: null,
    weight: 1 + Math.floor(random() * 10),
    period: { start: `${year - 1}-01-01`, end: `${year}-12-31` },
    target: { value: 1_000_000 + Math.round(random() * 4_000_000), unit: 'EUR' },
    status: random() < 0.8 ? 'active' : 'draft',
  }));
  const perProject = Math.max(1, Math.floor(shape.epics / shape.pmoProjects));
  const projects: PmoProject[] = Array.from({ length: shape.pmoProjects }, (_, p) => {
    const epicKeys = Array.from({ length: Math.min(perProject, 500) }, (_, k) => {
      const e = p * perProject + k;
      return `P${e % shape.jiraProjects}-E${e}`;
    });
    const linked = 1 + Math.floor(random() * 3);
    return {
      id: `p${p}`,
      version: 1,
      name: `PMO project ${p}`,
      ownerAccountId: null,
      description: '',
      goals: Array.from({ length: linked }, (_, l) => ({
        goalId: `g${(p + l * 7) % shape.goals}`,
        level: (1 + ((p + l) % 3)) as 1 | 2 | 3,
      })).filter((link, i, all) => all.findIndex((x) => x.goalId === link.goalId) === i),
      scope: { epicKeys, projectKeys: p % 25 === 0 ? [`P${p % shape.jiraProjects}`] : [], jql: null },
      baselineDate: isoDate(now - 200 * DAY),
      targetDate: isoDate(now + (random() - 0.3) * 200 * DAY),
      budget: null,
      actualCost: random() < 0.5 ? 100_000 + Math.round(random() * 500_000) : null,
      expectedBenefit: 200_000 + Math.round(random() * 800_000),
      benefits:
        random() < 0.3
          ? [{ id: `b${p}`, date: isoDate(now - 30 * DAY), amount: 50_000, note: 'Measured saving' }]
          : [],
      tags: [],
    };
  });
  return { goals, projects, jiraProjects: Array.from({ length: shape.jiraProjects }, (_, i) => `P${i}`) };
}
