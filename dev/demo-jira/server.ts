/** The HTTP server: auth, routing, JSON in and out, request counting, injected faults. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { emptyFaultCounts, type FaultCounts, type FaultKind, type FaultPlan } from './faults';
import { authenticate } from './http/auth';
import { readJsonBody } from './http/body';
import { errorCollection, HttpError } from './http/errors';
import type { DemoControl, Method, RequestContext } from './http/router';
import { JiraRenderer } from './render';
import { buildRouter } from './routes';
import type { DemoStore } from './store';

export interface RequestStats {
  /** Requests received, by path (query string left out), whatever their outcome. */
  requests: Record<string, number>;
  /** Faults injected, by kind. */
  faults: FaultCounts;
  reset(): void;
}

export function createStats(): RequestStats {
  const stats: RequestStats = {
    requests: {},
    faults: emptyFaultCounts(),
    reset() {
      for (const key of Object.keys(stats.requests)) delete stats.requests[key];
      for (const kind of Object.keys(stats.faults) as FaultKind[]) stats.faults[kind] = 0;
    },
  };
  return stats;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function send(response: ServerResponse, answer: Answer, truncate = false): void {
  let bytes = Buffer.from(JSON.stringify(answer.body), 'utf8');
  // A cut answer keeps honest headers for the bytes it does send, which are not valid JSON.
  if (truncate) bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
  response.writeHead(answer.status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache, no-store, no-transform',
    ...answer.headers,
  });
  response.end(bytes);
}

/** The answer Jira Cloud gives for each failing kind of fault. */
function faultAnswer(kind: FaultKind, plan: FaultPlan): Answer | null {
  const retryAfter = String(plan.settings.retryAfterSeconds);
  switch (kind) {
    case '429':
      return {
        status: 429,
        body: errorCollection(['Rate limit exceeded. Wait before retrying this request.']),
        headers: { 'Retry-After': retryAfter, 'RateLimit-Reason': plan.settings.rateLimitReason },
      };
    case '503':
      return {
        status: 503,
        body: errorCollection(['The service is temporarily unavailable. Try again later.']),
        headers: { 'Beta-Retry-After': retryAfter },
      };
    case '500':
      return {
        status: 500,
        body: errorCollection(['Internal server error. Please try again later.']),
      };
    default:
      return null;
  }
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const chunk of request) void chunk;
}

export function createDemoServer(
  store: DemoStore,
  stats: RequestStats,
  baseUrl: () => string,
  control?: DemoControl,
): Server {
  const router = buildRouter();
  let render: JiraRenderer | null = null;

  async function answer(request: IncomingMessage, url: URL): Promise<Answer> {
    const base = baseUrl();
    const matched = router.match(url.pathname);
    if (!matched) throw new HttpError(404, errorCollection([`No demo Jira resource at ${url.pathname}.`]));
    const { methods, params } = matched;
    const handler = methods[request.method as Method];
    if (!handler) {
      const allow = Object.keys(methods).join(', ');
      throw new HttpError(
        405,
        errorCollection([`Method ${request.method} is not allowed here; use ${allow}.`]),
        {
          Allow: allow,
        },
      );
    }
    const user = authenticate(request.headers.authorization, handler.anonymous === true);
    if (handler.siteAdminOnly === true && !user.siteAdmin) {
      throw new HttpError(403, errorCollection(['Only site administrators may use this resource.']));
    }
    const body =
      request.method === 'POST' || request.method === 'PUT' ? await readJsonBody(request) : undefined;
    render ??= new JiraRenderer(base, store);
    const ctx: RequestContext = { user, url, body, params, store, render, request, control };
    const reply = await handler(ctx);
    return { status: reply.status ?? 200, body: reply.body };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', baseUrl());
    stats.requests[url.pathname] = (stats.requests[url.pathname] ?? 0) + 1;
    const plan = control?.faults() ?? null;
    const fault = plan ? plan.next(url.pathname) : null;
    if (plan && fault) {
      stats.faults[fault]++;
      if (fault === 'drop') {
        request.socket.destroy();
        return;
      }
      const failure = faultAnswer(fault, plan);
      if (failure) {
        await drain(request);
        send(response, failure);
        return;
      }
      if (fault === 'slow') await sleep(plan.settings.slowMs, undefined, { ref: false });
    }
    let reply: Answer;
    try {
      reply = await answer(request, url);
    } catch (error) {
      reply =
        error instanceof HttpError
          ? { status: error.status, body: error.body, headers: error.headers }
          : {
              status: 500,
              body: errorCollection([`Internal error in the demo Jira: ${(error as Error).message}`]),
            };
    }
    if (!response.destroyed) send(response, reply, fault === 'truncated');
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        send(response, {
          status: 500,
          body: errorCollection([`Internal error in the demo Jira: ${(error as Error).message}`]),
        });
      }
    });
  });
}
