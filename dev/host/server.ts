import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import { HttpJiraAccess, type BasicCredentials } from '../../src/jira/http-transport';
import { JiraClient } from '../../src/jira/client';
import { createResolver } from '../../src/resolvers';
import { ConfigService, PORTFOLIO_KEY } from '../../src/services/config/service';
import { parseDocument } from '../../src/services/config/file';
import { runSync } from '../../src/services/sync';
import { readSnapshot } from '../../src/services/snapshot';
import { FileStore } from '../../src/store/file';
import { readManifest, type UiModule } from './modules';
import { renderShell, type ShellPage } from './shell';
import { themeCss } from './theme';

export interface HostUser {
  accountId: string;
  displayName: string;
  /** The user's own Jira credentials, so asUser calls see what this user sees; absent = the app's. */
  credentials?: BasicCredentials;
}

export interface HostOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The repository root: manifest.yml and static/app/dist. */
  rootDir: string;
  jira: { baseUrl: string; label: string; app: BasicCredentials; users: HostUser[] };
  /** Folder for the app's storage and the host's own (gadget configurations). */
  storeDir: string;
  clock?: () => number;
  /** Sync at start when there is no snapshot yet (default true), and hourly like the scheduled trigger. */
  syncOnStart?: boolean;
  hourly?: boolean;
  locale?: string;
  timeZone?: string;
  /** A portfolio document (export format) loaded on first start, when no portfolio is stored yet. */
  samplePortfolio?: string;
}

export interface Host {
  url: string;
  /** Resolves when no sync is running. */
  syncSettled(): Promise<void>;
  /** Starts a sync now (as the scheduled trigger would) and resolves when it ends. */
  syncNow(): Promise<void>;
  close(): Promise<void>;
}

const PAGES: Record<string, ShellPage> = {
  '/jira/dashboard': 'dashboard',
  '/jira/pmo-wins': 'wins',
  '/jira/settings': 'settings',
  '/confluence/page': 'confluence-page',
  '/confluence/pmo-wins': 'confluence-wins',
};

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The Content-Security-Policy Forge applies to Custom UI, with the manifest's `unsafe-inline` styles. */
const FRAME_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'self'";

const PUBLIC_DIR = join(__dirname, 'public');

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name) out[name] = decodeURIComponent(rest.join('='));
  }
  return out;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 500 * 1024) throw new Error('Request body over the 500 KB Forge invocation limit');
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if (!parsed || typeof parsed !== 'object') throw new Error('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

/**
 * The local Forge host: a Jira-like shell whose frames load the built Custom UI with a bridge shim, and
 * whose invoke calls the real resolver definitions over HTTP Jira transport and a file store.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const clock = options.clock ?? (() => Date.now());
  const distDir = resolve(options.rootDir, 'static/app/dist');
  const macroConfigDir = resolve(options.rootDir, 'static/app/dist-macro-config');
  const manifest = readManifest(resolve(options.rootDir, 'manifest.yml'));
  const [appStore, hostStore] = await Promise.all([
    FileStore.open(join(options.storeDir, 'app')),
    FileStore.open(join(options.storeDir, 'host')),
  ]);
  const users = options.jira.users;
  const credentials: Record<string, BasicCredentials> = {};
  for (const u of users) if (u.credentials) credentials[u.accountId] = u.credentials;
  const access = new HttpJiraAccess(options.jira.baseUrl, options.jira.app, credentials);

  let running: Promise<void> | null = null;
  const requestSync = async (): Promise<void> => {
    running ??= runSync({ store: appStore, jira: new JiraClient(access.asApp()), clock })
      .then(
        () => undefined,
        (error: unknown) => console.error(`Sync failed: ${(error as Error).message}`),
      )
      .finally(() => {
        running = null;
      });
  };
  const handlers: Record<string, ReturnType<typeof createResolver>> = {
    'index.resolver': createResolver({ store: appStore, jira: access, clock, requestSync }),
  };

  const moduleOf = (key: string | null): UiModule | undefined => manifest.modules.find((m) => m.key === key);
  const currentUser = (req: IncomingMessage) => {
    const chosen = cookies(req).pmo_user;
    return users.find((u) => u.accountId === chosen) ?? users[0];
  };
  const colorMode = (req: IncomingMessage): 'light' | 'dark' =>
    cookies(req).pmo_theme === 'dark' ? 'dark' : 'light';

  async function extensionContext(module: UiModule, instance: string, entry: string | null) {
    const base = { type: module.type };
    switch (module.type) {
      case 'jira:dashboardGadget':
        return {
          ...base,
          gadgetConfiguration: (await hostStore.get<Record<string, unknown>>(`gadget:${instance}`)) ?? {},
          ...(entry === 'edit' ? { entryPoint: 'edit' } : {}),
          gadget: { id: instance },
          dashboard: { id: 'local-dashboard' },
        };
      case 'macro':
        return {
          ...base,
          config: (await hostStore.get<Record<string, unknown>>(`macro:${instance}`)) ?? {},
          ...(entry === 'config' ? { entryPoint: 'config' } : {}),
          content: { id: 'local-page', type: 'page' },
          space: { key: 'PMO', id: 'local-space' },
        };
      default:
        return base;
    }
  }

  async function forgeContext(
    req: IncomingMessage,
    module: UiModule,
    instance: string,
    entry: string | null,
  ) {
    return {
      accountId: currentUser(req)?.accountId,
      cloudId: 'local-cloud',
      localId: instance,
      moduleKey: module.key,
      siteUrl: url,
      environmentType: 'DEVELOPMENT',
      environmentId: 'local',
      locale: options.locale ?? 'en-US',
      timezone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      theme: { colorMode: colorMode(req) },
      extension: await extensionContext(module, instance, entry),
    };
  }

  const themeStylesheet = themeCss();

  async function serveFile(
    res: ServerResponse,
    root: string,
    relative: string,
    headers: Record<string, string> = {},
  ) {
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return send(res, 404, 'Not found', 'text/plain');
    try {
      const ext = file.slice(file.lastIndexOf('.'));
      send(res, 200, await readFile(file), CONTENT_TYPES[ext] ?? 'application/octet-stream', headers);
    } catch {
      send(res, 404, 'Not found', 'text/plain');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', 'http://localhost');
    const path = requestUrl.pathname;
    const q = requestUrl.searchParams;
    if (req.method === 'GET' && path === '/') {
      res.writeHead(302, { Location: '/jira/dashboard' });
      return void res.end();
    }
    if (req.method === 'GET' && PAGES[path]) {
      const page = renderShell({
        page: PAGES[path],
        modules: manifest.modules,
        users,
        currentUser: currentUser(req)?.accountId ?? '',
        colorMode: colorMode(req),
        jiraLabel: options.jira.label,
      });
      return send(res, 200, page, 'text/html; charset=utf-8');
    }
    if (req.method === 'GET' && path === '/frame') {
      if (!moduleOf(q.get('module')))
        return send(res, 404, `No UI module "${q.get('module')}" in manifest.yml`, 'text/plain');
      let html: string;
      try {
        // A macro's configuration view is the resource manifest.yml names for it.
        const configView = moduleOf(q.get('module'))?.type === 'macro' && q.get('entry') === 'config';
        html = await readFile(join(configView ? macroConfigDir : distDir, 'index.html'), 'utf8');
      } catch {
        return send(res, 503, 'The UI is not built: run `npm run build`.', 'text/plain');
      }
      // The bridge shim must run before the module bundle imports @forge/bridge.
      const withShim = html.replace('<head>', '<head>\n    <script src="/__forge/bridge.js"></script>');
      return send(res, 200, withShim, 'text/html; charset=utf-8', { 'Content-Security-Policy': FRAME_CSP });
    }
    if (req.method === 'GET' && path.startsWith('/assets/')) return serveFile(res, distDir, path.slice(1));
    if (req.method === 'GET' && path === '/__forge/bridge.js')
      return serveFile(res, PUBLIC_DIR, 'bridge-shim.js');
    if (req.method === 'GET' && path === '/__host/shell.js') return serveFile(res, PUBLIC_DIR, 'shell.js');
    if (req.method === 'GET' && path === '/__host/shell.css') return serveFile(res, PUBLIC_DIR, 'shell.css');
    if (req.method === 'GET' && path === '/__forge/theme.css')
      return send(res, 200, themeStylesheet, 'text/css; charset=utf-8');
    if (req.method === 'GET' && path === '/__forge/context') {
      const module = moduleOf(q.get('module'));
      if (!module) return sendJson(res, 404, { message: `Unknown module "${q.get('module')}"` });
      return sendJson(res, 200, await forgeContext(req, module, q.get('instance') ?? '', q.get('entry')));
    }
    if (req.method === 'GET' && path === '/__host/health') {
      const snapshot = await readSnapshot(appStore);
      return sendJson(res, 200, {
        ok: true,
        snapshot: snapshot ? snapshot.version : null,
        syncing: running !== null,
      });
    }
    if (req.method === 'POST' && path === '/__forge/invoke') {
      const body = await readJson(req);
      const module = moduleOf(typeof body.module === 'string' ? body.module : null);
      if (!module?.resolverFunction)
        return sendJson(res, 400, { message: 'This module has no resolver in manifest.yml' });
      const handler = handlers[manifest.functions[module.resolverFunction] ?? ''];
      if (!handler)
        return sendJson(res, 500, { message: `No local handler for function "${module.resolverFunction}"` });
      if (typeof body.functionKey !== 'string')
        return sendJson(res, 400, { message: 'functionKey must be a string' });
      const context = await forgeContext(
        req,
        module,
        String(body.instance ?? ''),
        typeof body.entry === 'string' ? body.entry : null,
      );
      const { accountId, ...withoutCaller } = context;
      const result = await handler(
        { call: { functionKey: body.functionKey, payload: body.payload as never }, context: withoutCaller },
        {
          principal: accountId ? { accountId } : undefined,
          installContext: 'ari:cloud:jira::site/local-cloud',
        },
      );
      return sendJson(res, 200, { body: result });
    }
    if (req.method === 'POST' && path === '/__forge/submit') {
      const body = await readJson(req);
      const module = moduleOf(typeof body.module === 'string' ? body.module : null);
      const payload = body.payload;
      // A macro's configuration view submits {config}, as Confluence expects.
      if (module?.type === 'macro' && body.entry === 'config') {
        const config = (payload as { config?: unknown } | null)?.config;
        if (!config || typeof config !== 'object' || Array.isArray(config)) {
          return sendJson(res, 400, { message: 'A macro configuration submits {config: {...}}' });
        }
        await hostStore.set(`macro:${String(body.instance)}`, config as Record<string, unknown>);
        return sendJson(res, 200, { ok: true });
      }
      if (module?.type !== 'jira:dashboardGadget' || body.entry !== 'edit') {
        return sendJson(res, 400, { message: 'Only a gadget edit view or a macro configuration can submit' });
      }
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
        return sendJson(res, 400, { message: 'view.submit takes an object of gadget settings' });
      }
      await hostStore.set(`gadget:${String(body.instance)}`, payload as Record<string, unknown>);
      return sendJson(res, 200, { ok: true });
    }
    send(res, 404, 'Not found', 'text/plain');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { message: (error as Error).message });
      else res.end();
    });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done));
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  if (options.samplePortfolio && !(await appStore.get(PORTFOLIO_KEY))) {
    const document = parseDocument(await readFile(options.samplePortfolio, 'utf8'), options.samplePortfolio);
    await new ConfigService(appStore, clock).importDocument(document, 'sample-portfolio');
  }
  if (options.syncOnStart !== false && !(await readSnapshot(appStore))) await requestSync();
  const hourly = options.hourly === false ? null : setInterval(() => void requestSync(), 3_600_000);
  hourly?.unref();

  return {
    url,
    syncSettled: async () => {
      while (running) await running;
    },
    syncNow: async () => {
      await requestSync();
      while (running) await running;
    },
    close: async () => {
      if (hourly) clearInterval(hourly);
      while (running) await running;
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
