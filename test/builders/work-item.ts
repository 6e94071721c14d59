import type { FieldChange, Interval, StatusCategory, WorkItem } from '../../src/domain/work-item';

/** Status names used in fixtures, with their categories (Blocked is a wait status in progress). */
export const CATEGORY: Record<string, StatusCategory> = {
  'To Do': 'new',
  'In Progress': 'indeterminate',
  'In Review': 'indeterminate',
  Blocked: 'indeterminate',
  Done: 'done',
};

const categoryOf = (status: string): StatusCategory => {
  const category = CATEGORY[status];
  if (!category) throw new Error(`Unknown fixture status "${status}"`);
  return category;
};

let sequence = 0;

type Instant = number | string;
const at = (t: Instant) => (typeof t === 'number' ? t : Date.parse(t));
const changes = (list: Array<[Instant, string | null, string | null]> = []): FieldChange[] =>
  list.map(([t, from, to]) => ({ at: at(t), from, to }));

/**
 * Builds a WorkItem from the statuses it passed through: `path` is [instant, status] pairs after creation.
 * The current status is the last one in the path (or `initial`).
 */
export function buildItem(params: {
  key?: string;
  project?: string;
  level?: number;
  created: number | string;
  initial?: string;
  path?: Array<[number | string, string]>;
  parent?: string | null;
  estimate?: number | null;
  /** Issue type name; default 'Epic' for level 1, else 'Story'. */
  type?: string;
  summary?: string | null;
  /** Current due date, 'YYYY-MM-DD'. */
  due?: string | null;
  /** Due-date history: [instant, from, to], oldest first. */
  dueChanges?: Array<[Instant, string | null, string | null]>;
  /** The business-value field. */
  value?: number | null;
  /** Spans during which the Flagged field was set: [from, to] (to null while still flagged). */
  flagged?: Array<[Instant, Instant | null]>;
  /** Parent (epic) history: [instant, from, to], oldest first. */
  parentChanges?: Array<[Instant, string | null, string | null]>;
  /** Current resolution name (Done, Won't Do…); none when not given. */
  resolution?: string;
}): WorkItem {
  const initial = params.initial ?? 'To Do';
  const transitions = (params.path ?? []).map(([t, status]) => ({
    at: at(t),
    status,
    category: categoryOf(status),
  }));
  const current = transitions[transitions.length - 1]?.status ?? initial;
  sequence += 1;
  return {
    id: String(10_000 + sequence),
    key: params.key ?? `T-${sequence}`,
    project: params.project ?? 'T',
    summary:
      params.summary !== undefined
        ? params.summary
        : params.level !== undefined && params.level >= 1
          ? `Epic ${sequence}`
          : null,
    type: params.type ?? (params.level === 1 ? 'Epic' : 'Story'),
    level: params.level ?? 0,
    parent: params.parent ?? null,
    status: current,
    statusCategory: categoryOf(current),
    created: at(params.created),
    updated: transitions[transitions.length - 1]?.at ?? at(params.created),
    initialStatus: initial,
    initialCategory: categoryOf(initial),
    transitions,
    due: params.due ?? null,
    estimate: params.estimate ?? null,
    value: params.value ?? null,
    labels: [],
    components: [],
    flagged: (params.flagged ?? []).map(([from, to]): Interval => ({
      from: at(from),
      to: to === null ? null : at(to),
    })),
    parentChanges: changes(params.parentChanges),
    dueChanges: changes(params.dueChanges),
    ...(params.resolution !== undefined ? { resolution: params.resolution } : {}),
  };
}

/** An item that went To Do -> In Progress -> Done at the given instants. */
export const doneItem = (
  started: string,
  done: string,
  extra: Partial<Parameters<typeof buildItem>[0]> = {},
) =>
  buildItem({
    created: Date.parse(started) - 86_400_000,
    path: [
      [started, 'In Progress'],
      [done, 'Done'],
    ],
    ...extra,
  });

/**
 * `count` epics E-1, E-2… created 5 Jan 2026 and due 15 May 2026, so committed to 2026-Q2 as of its
 * first day, all started 2 March; the first `done` of them done on 10 May.
 */
export const epicsDueInMay = (count: number, done: number) =>
  Array.from({ length: count }, (_, i) =>
    buildItem({
      key: `E-${i + 1}`,
      project: 'E',
      level: 1,
      created: '2026-01-05T12:00:00Z',
      due: '2026-05-15',
      path:
        i < done
          ? [
              ['2026-03-02T12:00:00Z', 'In Progress'],
              ['2026-05-10T12:00:00Z', 'Done'],
            ]
          : [['2026-03-02T12:00:00Z', 'In Progress']],
    }),
  );
