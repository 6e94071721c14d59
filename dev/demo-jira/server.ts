/** The HTTP server: auth, routing, JSON in and out, request counting. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { authenticate } from './http/auth';
import { readJsonBody } from './http/body';
import { errorCollection, HttpError } from './http/errors';
import type { Method, RequestContext } from './http/router';
import { JiraRenderer } from './render';
import { buildRouter } from './routes';
import type { DemoStore } from './store';

export interface RequestStats {
  /** Requests received, by path (query string left out), whatever their outcome. */
  requests: Record<string, number>;
  reset(): void;
}

export function createStats(): RequestStats {
  const stats: RequestStats = {
    requests: {},
    reset() {
      for (const key of Object.keys(stats.requests)) delete stats.requests[key];
    },
  };
  return stats;
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, no-store, no-transform',
    ...headers,
  });
  response.end(text);
}

export function createDemoServer(store: DemoStore, stats: RequestStats, baseUrl: () => string): Server {
  const router = buildRouter();
  let render: JiraRenderer | null = null;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const base = baseUrl();
    const url = new URL(request.url ?? '/', base);
    stats.requests[url.pathname] = (stats.requests[url.pathname] ?? 0) + 1;
    const methods = router.match(url.pathname);
    if (!methods) throw new HttpError(404, errorCollection([`No demo Jira resource at ${url.pathname}.`]));
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
    const body = request.method === 'POST' ? await readJsonBody(request) : undefined;
    render ??= new JiraRenderer(base, store);
    const ctx: RequestContext = { user, url, body, store, render, request };
    const reply = await handler(ctx);
    send(response, reply.status ?? 200, reply.body);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        send(response, error.status, error.body, error.headers);
      } else {
        send(
          response,
          500,
          errorCollection([`Internal error in the demo Jira: ${(error as Error).message}`]),
        );
      }
    });
  });
}
