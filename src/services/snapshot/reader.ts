import { z } from 'zod';
import type { EpicMetrics } from '../../domain/engine';
import type { Delivery, Win } from '../../domain/wins';
import type { Store } from '../../store/port';
import { KEYS } from '../keys';
import { damageOf, describeDamage, getChecked, readChecked } from './damage';
import { joinDrill, type DrillPart } from './drill';
import type { ScopeDetail, Snapshot, SnapshotPointer } from './model';

/**
 * The published snapshot as one request sees it: the pointer is read once, when the reader opens, and
 * every part comes from that version, so a request never mixes two syncs. A publish keeps the version
 * it replaces until the next one, so the parts stay readable while the request lasts.
 *
 * Every part is checked as it is read. A damaged pointer counts as no snapshot (the views say there are
 * no numbers yet, and the next sync publishes a sound one); a damaged or missing part the pointer names
 * fails the request with a DamagedValue naming the part and saying to press Refresh now.
 */
export interface SnapshotReader {
  /** Undefined before the first sync has published. */
  readonly version: string | undefined;
  /** When the version was computed (from the pointer: no part is read for it); null before the first sync. */
  readonly generatedAt: number | null;
  /** The core: read once, however many times it is asked for. */
  core(): Promise<Snapshot | undefined>;
  epics(): Promise<EpicMetrics[] | undefined>;
  /** The flow detail of one PMO project or goal. */
  scope(id: string): Promise<ScopeDetail | undefined>;
  /** Wins of the given quarters (every quarter when none are named), newest first. */
  wins(quarters?: readonly string[]): Promise<Win[]>;
  /** The quarters that have wins stored, in the order they were stored. */
  readonly winQuarters: readonly string[];
  /**
   * The Delivered list of the given quarters (every quarter when none are named), newest first; empty in
   * a version published before it was kept.
   */
  delivered(quarters?: readonly string[]): Promise<Delivery[]>;
  /**
   * What lies behind one scope's numbers (drill-through); undefined for a scope the version has none of
   * (one added since, or a version published before the lists were kept).
   */
  drill(name: string): Promise<DrillPart | undefined>;
}

/** What a person can do about a damaged part: a sync writes every part anew. */
export const REFRESH_REMEDY = 'Press Refresh now to rebuild the numbers from Jira.';

const ids = z.array(z.string());
const published = {
  version: z.string().min(1),
  scopeIds: ids.optional(),
  winQuarters: ids.optional(),
  deliveredQuarters: ids.optional(),
  drillScopes: ids.optional(),
  drillSettled: z.boolean().optional(),
  carried: z.record(z.string(), z.string()).optional(),
};

/** A drill part's item tuples: [key, project index, Start, Done, flags, estimate]. */
const DRILL_ITEMS = z.array(
  z.tuple([
    z.string(),
    z.number(),
    z.number().nullable(),
    z.number().nullable(),
    z.number(),
    z.number().nullable(),
  ]),
);

/** The shapes read back: what the readers of each part rely on, not every field of every number. */
export const SNAPSHOT_SHAPES = {
  pointer: z.object({
    ...published,
    generatedAt: z.number(),
    previous: z.object(published).optional(),
  }),
  /** The version and time, and, where there are metrics, the lists every view walks. */
  core: z.object({
    version: z.string(),
    generatedAt: z.number(),
    timeZone: z.string().optional(),
    itemCount: z.number().optional(),
    jiraProjects: z.array(z.object({ key: z.string() })).optional(),
    recentEpics: z.array(z.object({ key: z.string() })).optional(),
    warnings: z.array(z.string()).optional(),
    metrics: z
      .object({
        portfolio: z.object({ quarters: z.array(z.object({ label: z.string() })) }),
        projects: z.array(z.object({ id: z.string(), name: z.string() })),
        goals: z.array(z.object({ id: z.string(), name: z.string() })),
      })
      .optional(),
  }),
  epics: z.array(z.object({ key: z.string(), projectIds: ids })),
  scope: z.object({ flow: z.object({}), trend: z.object({}) }),
  wins: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      date: z.string(),
      scope: z.object({ kind: z.string(), id: z.string() }),
      projectIds: ids,
      jiraProjects: ids,
    }),
  ),
  drill: z.object({
    since: z.number().nullable(),
    projects: z.array(z.string()),
    items: DRILL_ITEMS,
    epics: z.array(z.object({ key: z.string(), committed: ids, doneBy: ids })),
    deliveries: z.array(z.object({ id: z.string(), name: z.string() })),
    value: z.array(z.object({ ref: z.string(), at: z.number(), amount: z.number() })),
    secured: z.record(z.string(), z.object({ id: z.string(), project: z.string(), level: z.string() })),
  }),
  settled: z.object({ projects: z.array(z.string()), items: DRILL_ITEMS }),
  delivered: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      date: z.string(),
      slipDays: z.number().nullable(),
      scope: z.object({ kind: z.string(), id: z.string() }),
      projectIds: ids,
      goalIds: ids,
      jiraProjects: ids,
    }),
  ),
};

const part = (what: string) => ({ what, remedy: REFRESH_REMEDY, required: true });

const NO_SNAPSHOT: SnapshotReader = {
  version: undefined,
  generatedAt: null,
  core: async () => undefined,
  epics: async () => undefined,
  scope: async () => undefined,
  wins: async () => [],
  winQuarters: [],
  delivered: async () => [],
  drill: async () => undefined,
};

/** The published pointer; undefined when there is none, or when it is damaged (logged by key). */
export async function readSnapshotPointer(store: Store): Promise<SnapshotPointer | undefined> {
  try {
    return await getChecked(store, KEYS.snapshot.pointer, SNAPSHOT_SHAPES.pointer, {
      what: 'The pointer to the published snapshot',
      remedy: REFRESH_REMEDY,
    });
  } catch (error) {
    const damage = damageOf(error);
    if (!damage) throw error;
    console.warn(`The snapshot pointer ${describeDamage(damage)} is damaged: it counts as no snapshot`);
    return undefined;
  }
}

export async function openSnapshot(store: Store): Promise<SnapshotReader> {
  const pointer = await readSnapshotPointer(store);
  if (!pointer) return NO_SNAPSHOT;
  const { version } = pointer;
  /** The version whose keys hold a part: its own, or the one an unchanged part was carried from. */
  const at = (name: string) => pointer.carried?.[name] ?? version;
  const stored = pointer.winQuarters ?? [];
  const storedDelivered = pointer.deliveredQuarters ?? [];
  let core: Promise<Snapshot | undefined> | undefined;
  return {
    version,
    generatedAt: pointer.generatedAt,
    winQuarters: stored,
    core: () =>
      (core ??= readChecked(
        store,
        KEYS.snapshot.core(at('data')),
        SNAPSHOT_SHAPES.core,
        part('The published numbers'),
      )),
    epics: () =>
      readChecked(
        store,
        KEYS.snapshot.epics(at('epics')),
        SNAPSHOT_SHAPES.epics,
        part('The published epic rows'),
      ),
    // A PMO project or goal the version has no detail of (one added since) has none; one it names must be there.
    scope: (id) =>
      readChecked(store, KEYS.snapshot.scope(at(`scope:${id}`), id), SNAPSHOT_SHAPES.scope, {
        ...part(`The published detail of “${id}”`),
        required: pointer.scopeIds?.includes(id) ?? false,
      }),
    wins: async (quarters) => {
      const labels = (quarters ?? stored).filter((q) => stored.includes(q));
      const parts = await Promise.all(
        labels.map((q) =>
          readChecked(
            store,
            KEYS.snapshot.wins(at(`wins:${q}`), q),
            SNAPSHOT_SHAPES.wins,
            part(`The published wins of ${q}`),
          ),
        ),
      );
      return parts
        .flatMap((p) => p ?? [])
        .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
    },
    drill: async (name) => {
      const named = pointer.drillScopes?.includes(name) ?? false;
      const [recent, settled] = await Promise.all([
        readChecked(store, KEYS.snapshot.drill(at(`drill:${name}`), name), SNAPSHOT_SHAPES.drill, {
          ...part(`The published lists behind the numbers of “${name}”`),
          required: named,
        }) as Promise<DrillPart | undefined>,
        pointer.drillSettled
          ? readChecked(store, KEYS.snapshot.settled(at(`settled:${name}`), name), SNAPSHOT_SHAPES.settled, {
              ...part(`The published lists behind the numbers of “${name}” (items done before the quarter)`),
              required: named,
            })
          : undefined,
      ]);
      return recent && joinDrill(recent, settled);
    },
    delivered: async (quarters) => {
      const labels = (quarters ?? storedDelivered).filter((q) => storedDelivered.includes(q));
      const parts = await Promise.all(
        labels.map((q) =>
          readChecked(
            store,
            KEYS.snapshot.delivered(at(`delivered:${q}`), q),
            SNAPSHOT_SHAPES.delivered,
            part(`The published deliveries of ${q}`),
          ),
        ),
      );
      return parts
        .flatMap((p) => p ?? [])
        .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
    },
  };
}

/** The current snapshot's core, for a caller that reads nothing else of it. */
export async function readSnapshot(store: Store): Promise<Snapshot | undefined> {
  return (await openSnapshot(store)).core();
}
