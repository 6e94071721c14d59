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
   * The handlers for a path, or undefined when nothing lives there. An exact route wins; otherwise a
   * route with `{name}` segments matches one path segment for each, handed to the handler in
   * `ctx.params` (e.g. `/wiki/api/v2/pages/{id}`, `/rest/api/3/project/{projectKeyOrId}/securitylevel`).
   */
  match(
    path: string,
  ): { methods: Partial<Record<Method, Handler>>; params: Record<string, string> } | undefined {
    const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const exact = this.routes.get(clean);
    if (exact) return { methods: exact, params: {} };
    const segments = clean.split('/');
    for (const [template, methods] of this.routes) {
      if (!template.includes('{')) continue;
      const parts = template.split('/');
      if (parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = parts.every((part, i) => {
        const segment = segments[i] as string;
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return part === segment;
        if (segment === '') return false;
        params[name] = decodeURIComponent(segment);
        return true;
      });
      if (fits) return { methods, params };
    }
    return undefined;
  }

  private add(path: string, method: Method, handler: Handler): this {
    const methods = this.routes.get(path) ?? {};
    methods[method] = handler;
    this.routes.set(path, methods);
    return this;
  }
}
