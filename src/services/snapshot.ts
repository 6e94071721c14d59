import { flowSummary, type FlowSummary } from '../domain/flow';
import { recentlyActiveEpics, type EpicActivity } from '../domain/pmo';
import type { WorkItem } from '../domain/work-item';
import { FLOW_WINDOWS } from '../contract';
import { chunkOps, deleteChunkedOps, readChunked, writeOps } from '../store/chunked';
import type { Store } from '../store/port';

/** What a sync publishes: every number the surfaces show, computed once. */
export interface Snapshot {
  version: string;
  generatedAt: number;
  timeZone: string;
  itemCount: number;
  projects: { key: string; name: string }[];
  flowByProject: Record<string, FlowSummary>;
  portfolio: FlowSummary;
  /** Epics active in the last 30 days, for the triage of unmapped epics. */
  recentEpics: EpicActivity[];
}

/** How recent an epic's activity must be for triage. */
export const TRIAGE_ACTIVE_DAYS = 30;

export interface SnapshotPointer {
  version: string;
  generatedAt: number;
}

export const SNAPSHOT_POINTER = 'snap:ptr';
const dataKey = (version: string) => `snap:${version}:data`;

export function buildSnapshot(input: {
  items: readonly WorkItem[];
  projects: { key: string; name: string }[];
  now: number;
  timeZone: string;
  startPolicy: 'first' | 'last';
}): Snapshot {
  const options = {
    now: input.now,
    timeZone: input.timeZone,
    windowsInWeeks: FLOW_WINDOWS,
    startPolicy: input.startPolicy,
  };
  const byProject = new Map<string, WorkItem[]>();
  for (const item of input.items) {
    const list = byProject.get(item.project) ?? [];
    list.push(item);
    byProject.set(item.project, list);
  }
  const flowByProject: Record<string, FlowSummary> = {};
  for (const project of input.projects)
    flowByProject[project.key] = flowSummary(byProject.get(project.key) ?? [], options);
  return {
    version: `v${input.now}`,
    generatedAt: input.now,
    timeZone: input.timeZone,
    itemCount: input.items.length,
    projects: input.projects,
    flowByProject,
    portfolio: flowSummary(input.items, options),
    recentEpics: recentlyActiveEpics(input.items, input.now, TRIAGE_ACTIVE_DAYS),
  };
}

/**
 * Publishes atomically: the new version's chunks are written first, then the pointer flips in one write,
 * then the previous versions are removed. A reader sees the old snapshot or the new one, never a mix.
 */
export async function publishSnapshot(store: Store, snapshot: Snapshot): Promise<void> {
  const previous = await store.get<SnapshotPointer & Record<string, unknown>>(SNAPSHOT_POINTER);
  await writeOps(store, chunkOps(dataKey(snapshot.version), snapshot));
  const pointer: SnapshotPointer = { version: snapshot.version, generatedAt: snapshot.generatedAt };
  await store.set(SNAPSHOT_POINTER, { ...pointer });
  if (previous && previous.version !== snapshot.version) {
    await writeOps(store, await deleteChunkedOps(store, dataKey(previous.version)));
  }
}

export async function readSnapshot(store: Store): Promise<Snapshot | undefined> {
  const pointer = await store.get<SnapshotPointer & Record<string, unknown>>(SNAPSHOT_POINTER);
  return pointer ? readChunked<Snapshot>(store, dataKey(pointer.version)) : undefined;
}
