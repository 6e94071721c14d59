/** What the local runtime reads from manifest.yml: functions and the modules that invoke them. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INVOCATION_LIMITS } from './limits';

export type InvokerKind = 'ui' | 'consumer' | 'scheduledTrigger' | 'trigger' | 'adfExport';

export interface FunctionSpec {
  key: string;
  /** "index.resolver": the bundle file and its export. */
  module: string;
  exportName: string;
  timeoutSeconds: number;
  memoryMB: number;
  /** The kinds of module that invoke it (its time limit follows from them). */
  invokers: InvokerKind[];
}

export interface UiModuleSpec {
  type: string;
  key: string;
  title: string;
  resource: string;
  resolverFunction: string | null;
  hasEdit: boolean;
  adfExportFunction: string | null;
}

/** A trigger module: the events it subscribes to, each with the filter that applies to it. */
export interface TriggerSpec {
  key: string;
  function: string;
  events: string[];
  /** Per event type: leave out events the app caused itself (`filter.ignoreSelf`). */
  ignoreSelf: Record<string, boolean>;
}

export interface RuntimeManifest {
  appId: string;
  functions: Map<string, FunctionSpec>;
  ui: UiModuleSpec[];
  consumers: Array<{ key: string; queue: string; function: string }>;
  scheduledTriggers: Array<{ key: string; function: string; interval: string }>;
  triggers: TriggerSpec[];
  scopes: string[];
  /** The Node major version of `app.runtime.name` (nodejs22.x -> 22). */
  nodeMajor: number | null;
}

const UI_TYPES = [
  'jira:dashboardGadget',
  'jira:globalPage',
  'jira:adminPage',
  'macro',
  'confluence:globalPage',
];

type Raw = Record<string, unknown>;

interface TriggerFilter {
  ignoreSelf?: boolean;
  expression?: string;
  onError?: string;
}

export function readRuntimeManifest(file: string): RuntimeManifest {
  const manifest = parse(readFileSync(file, 'utf8')) as {
    modules: Record<string, Raw[]>;
    app: { id: string; runtime?: { memoryMB?: number; name?: string } };
    permissions?: { scopes?: string[] };
  };
  const modules = manifest.modules;
  const invokers = new Map<string, Set<InvokerKind>>();
  const invokedBy = (fn: unknown, kind: InvokerKind) => {
    if (typeof fn !== 'string') return;
    const set = invokers.get(fn) ?? new Set<InvokerKind>();
    set.add(kind);
    invokers.set(fn, set);
  };

  const ui: UiModuleSpec[] = [];
  for (const type of UI_TYPES) {
    for (const m of modules[type] ?? []) {
      const resolver = m.resolver as { function?: string } | undefined;
      const adfExport = m.adfExport as { function?: string } | undefined;
      invokedBy(resolver?.function, 'ui');
      invokedBy(adfExport?.function, 'adfExport');
      ui.push({
        type,
        key: String(m.key),
        title: String(m.title),
        resource: String(m.resource),
        resolverFunction: resolver?.function ?? null,
        hasEdit: m.edit !== undefined,
        adfExportFunction: adfExport?.function ?? null,
      });
    }
  }
  const consumers = (modules.consumer ?? []).map((m) => ({
    key: String(m.key),
    queue: String(m.queue),
    function: String(m.function),
  }));
  consumers.forEach((c) => invokedBy(c.function, 'consumer'));
  const scheduledTriggers = (modules.scheduledTrigger ?? []).map((m) => ({
    key: String(m.key),
    function: String(m.function),
    interval: String(m.interval),
  }));
  scheduledTriggers.forEach((t) => invokedBy(t.function, 'scheduledTrigger'));
  const triggers = (modules.trigger ?? []).map((m): TriggerSpec => {
    const key = String(m.key);
    const moduleFilter = m.filter as TriggerFilter | undefined;
    const events: string[] = [];
    const ignoreSelf: Record<string, boolean> = {};
    // `events` lists event types, or `{eventType, filter}` entries whose filter replaces the module's.
    for (const entry of (m.events ?? []) as Array<string | { eventType: string; filter?: TriggerFilter }>) {
      const eventType = typeof entry === 'string' ? entry : entry.eventType;
      const filter = (typeof entry === 'string' ? undefined : entry.filter) ?? moduleFilter;
      if (filter?.expression !== undefined) {
        throw new Error(
          `manifest.yml: trigger "${key}" filters ${eventType} with an expression, which the local runtime does not evaluate`,
        );
      }
      events.push(eventType);
      ignoreSelf[eventType] = filter?.ignoreSelf === true;
    }
    return { key, function: String(m.function), events, ignoreSelf };
  });
  triggers.forEach((t) => invokedBy(t.function, 'trigger'));

  const appMemory = manifest.app.runtime?.memoryMB ?? INVOCATION_LIMITS.memoryMB;
  const functions = new Map<string, FunctionSpec>();
  for (const f of modules.function ?? []) {
    const key = String(f.key);
    const [module, exportName] = String(f.handler).split('.');
    if (!module || !exportName)
      throw new Error(`manifest.yml: function "${key}" has no "file.export" handler`);
    const kinds = [...(invokers.get(key) ?? [])];
    // Only consumers and scheduled triggers may run past 25 s, and a function shared with another module
    // gets the lowest limit of them all.
    const background = kinds.length > 0 && kinds.every((k) => k === 'consumer' || k === 'scheduledTrigger');
    const timeoutSeconds = background
      ? Math.min(
          Number(f.timeoutSeconds ?? INVOCATION_LIMITS.backgroundDefaultSeconds),
          INVOCATION_LIMITS.backgroundMaxSeconds,
        )
      : INVOCATION_LIMITS.uiSeconds;
    const runtime = f.runtime as { memoryMB?: number } | undefined;
    functions.set(key, {
      key,
      module,
      exportName,
      timeoutSeconds,
      memoryMB: runtime?.memoryMB ?? appMemory,
      invokers: kinds,
    });
  }
  return {
    appId: String(manifest.app.id),
    functions,
    ui,
    consumers,
    scheduledTriggers,
    triggers,
    scopes: manifest.permissions?.scopes ?? [],
    nodeMajor: Number(/^nodejs(\d+)/.exec(manifest.app.runtime?.name ?? '')?.[1] ?? NaN) || null,
  };
}
