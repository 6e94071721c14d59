/**
 * Demo Jira: a loopback HTTP server speaking the Jira Cloud REST subset PMO Wins uses, over a seeded,
 * generated data set. See README.md in this folder.
 */
import type { AddressInfo } from 'node:net';
import { FaultPlan, type FaultSettings } from './faults';
import { generateDataset } from './generator';
import type { DemoControl } from './http/router';
import type { DemoEventSink } from './events';
import { DatasetMutator, type MutateOptions, type MutationResult } from './mutate';
import { createDemoServer, createStats, type RequestStats } from './server';
import { DemoStore } from './store';
import type { DemoDataset, DemoUser } from './types';
import { DEMO_USERS } from './users';

export { DEMO_FIELDS } from './catalog';
export { DEMO_ACCOUNTS, DEMO_USERS, DEMO_VIEWERS, demoUser } from './users';
export { generateDataset } from './generator';
export type { RequestStats } from './server';
export { FAULT_KINDS, FaultPlan, type FaultKind, type FaultSettings } from './faults';
export { MutationError, type MutateOptions, type MutationResult } from './mutate';
export type { DemoEventSink, DemoIssueEvent, DemoIssueEventType } from './events';
export type {
  DemoChange,
  DemoChangeItem,
  DemoDataset,
  DemoIssue,
  DemoIssueType,
  DemoProject,
  DemoStatus,
  DemoUser,
  StatusCategoryKey,
} from './types';

export interface DemoJiraOptions {
  /** 0 = any free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 42. */
  seed?: number;
  /** Approximate total issue count, epics included. Default 800. */
  issues?: number;
  /** End of the generated history. Default: the current time. */
  now?: Date;
  /** Fail a share of the requests from the start; see setFaults. */
  faults?: FaultSettings;
  /** Where issue events go when the data changes (the local Forge runtime's `jiraEventSink()`). */
  events?: DemoEventSink;
}

export interface DemoJira {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  dataset: DemoDataset;
  users: DemoUser[];
  /** Requests received per path and faults injected per kind; reset() starts counting again. */
  stats: RequestStats;
  /**
   * Starts failing a share of the matching requests (429, 500, 503, slow, truncated, dropped), chosen
   * from the seed and the order of the requests; null stops it. Each call starts a new sequence.
   */
  setFaults(settings: FaultSettings | null): void;
  /**
   * Advances `dataset.now` and changes, deletes and moves issues, as a team working for a while would.
   * Deterministic for a given seed and number of earlier calls. Returns the ids touched.
   */
  mutate(options?: MutateOptions): MutationResult;
  /**
   * Sends every issue event (created, updated, deleted) of later changes to `sink`, as Jira sends them to
   * a Forge app's triggers; null stops it.
   */
  setEventSink(sink: DemoEventSink | null): void;
  close(): Promise<void>;
}

export async function startDemoJira(opts: DemoJiraOptions = {}): Promise<DemoJira> {
  const host = opts.host ?? '127.0.0.1';
  const dataset = generateDataset({
    seed: opts.seed ?? 42,
    issues: opts.issues ?? 800,
    now: opts.now ?? new Date(),
  });
  const store = new DemoStore(dataset);
  const stats = createStats();
  const mutator = new DatasetMutator(store);
  mutator.sink = opts.events ?? null;
  let plan: FaultPlan | null = opts.faults ? new FaultPlan(opts.faults) : null;
  const control: DemoControl = {
    faults: () => plan,
    setFaults: (settings) => {
      plan = settings ? new FaultPlan(settings) : null;
    },
    mutate: (options) => mutator.mutate(options),
  };
  let url = '';
  const server = createDemoServer(store, stats, () => url, control);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    dataset,
    users: DEMO_USERS,
    stats,
    setFaults: control.setFaults,
    mutate: (options = {}) => mutator.mutate(options),
    setEventSink: (sink) => {
      mutator.sink = sink;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
