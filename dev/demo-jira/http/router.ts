/** A tiny exact-path router: path -> method -> handler. */
import type { IncomingMessage } from 'node:http';
import type { FaultPlan, FaultSettings } from '../faults';
import type { MutateOptions, MutationResult } from '../mutate';
import type { DemoStore } from '../store';
import type { JiraRenderer } from '../render';
import type { DemoUser } from '../types';

export type Method = 'GET' | 'POST' | 'PUT';

/** What the /__demo/ control endpoints act on. */
export interface DemoControl {
  /** The active fault plan, or null when no faults are injected. */
  faults(): FaultPlan | null;
  setFaults(settings: FaultSettings | null): void;
  mutate(options: MutateOptions): MutationResult;
}

export interface RequestContext {
  user: DemoUser;
  url: URL;
  /** The parsed JSON body of a POST or PUT (undefined for GET). */
  body: unknown;
  /** Path parameters of a templated route. */
  params: Record<string, string>;
  store: DemoStore;
  render: JiraRenderer;
  request: IncomingMessage;
  /** Present when the server was started with control over faults and changes. */
  control?: DemoControl;
}

export interface Reply {
  status?: number;
  body: unknown;
}

export type Handler = ((ctx: RequestContext) => Reply | Promise<Reply>) & {
  /** Answers without credentials too (wrong credentials still get a 401). */
  anonymous?: boolean;
  /** Only site administrators may call it (403 for anyone else, before the body is read). */
  siteAdminOnly?: boolean;
};

export class Router {
  private readonly routes = new Map<string, Partial<Record<Method, Handler>>>();

  get(path: string, handler: Handler): this {
    return this.add(path, 'GET', handler);
  }

  post(path: string, handler: Handler): this {
    return this.add(path, 'POST', handler);
  }

  put(path: string, handler: Handler): this {
    return this.add(path, 'PUT', handler);
  }

  /**
   * The handlers for a path, or undefined when nothing lives there. A route ending in `/{id}` matches
   * one more path segment, handed to the handler as `ctx.params.id`.
   */
  match(
    path: string,
  ): { methods: Partial<Record<Method, Handler>>; params: Record<string, string> } | undefined {
    const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const exact = this.routes.get(clean);
    if (exact) return { methods: exact, params: {} };
    const cut = clean.lastIndexOf('/');
    const templated = this.routes.get(`${clean.slice(0, cut)}/{id}`);
    return templated
      ? { methods: templated, params: { id: decodeURIComponent(clean.slice(cut + 1)) } }
      : undefined;
  }

  private add(path: string, method: Method, handler: Handler): this {
    const methods = this.routes.get(path) ?? {};
    methods[method] = handler;
    this.routes.set(path, methods);
    return this;
  }
}
