/** A tiny exact-path router: path -> method -> handler. */
import type { IncomingMessage } from 'node:http';
import type { FaultPlan, FaultSettings } from '../faults';
import type { MutateOptions, MutationResult } from '../mutate';
import type { DemoStore } from '../store';
import type { JiraRenderer } from '../render';
import type { DemoUser } from '../types';

export type Method = 'GET' | 'POST';

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
  /** The parsed JSON body of a POST (undefined for GET). */
  body: unknown;
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

  /** The handlers for a path, or undefined when nothing lives there. */
  match(path: string): Partial<Record<Method, Handler>> | undefined {
    return this.routes.get(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
  }

  private add(path: string, method: Method, handler: Handler): this {
    const methods = this.routes.get(path) ?? {};
    methods[method] = handler;
    this.routes.set(path, methods);
    return this;
  }
}
