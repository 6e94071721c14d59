// Longer than 400 lines: the host's routes, frame contexts and first-start steps are one small server,
// best read top to bottom.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import type { BasicCredentials } from '../../src/jira/http-transport';
import { storeKey, type Store } from '../../src/store/port';
import { FileStore } from '../../src/store/file';
import { ForgeRuntime, InvocationError, type RuntimeOptions } from '../forge-runtime/runtime';
import type { UiModuleSpec as UiModule } from '../forge-runtime/manifest';
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
  /** Folder for the app's storage (the runtime's KVS) and the host's own (gadget configurations). */
  storeDir: string;
  /** The app's clock starts at clock() and runs on from there (reproducible demos and tests). */
  clock?: () => number;
  /** Sync at start when there is no snapshot yet (default true), and hourly like the scheduled trigger. */
  syncOnStart?: boolean;
  hourly?: boolean;
  /** Runtime settings for tests: shorter function limits, storage unit budgets. */
  runtime?: Pick<RuntimeOptions, 'timeoutOverrides' | 'storage'>;
  locale?: string;
  timeZone?: string;
  /** A portfolio document (export format) loaded on first start, when no portfolio is stored yet. */
  samplePortfolio?: string;
}

export interface Host {
  url: string;
  runtime: ForgeRuntime;
  /** A read-only look at the app's storage, for tests. */
  appStorage(): Store;
  /** Resolves when no sync job is queued or running. */
  syncSettled(): Promise<void>;
  /** Fires the hourly trigger now and resolves when the sync jobs it queued have ended. */
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

/** What the host keeps of its own, as Jira and Confluence would: each gadget's and macro's saved configuration. */
const savedConfig = (kind: 'gadget' | 'macro', instance: string) =>
  storeKey<Record<string, unknown>>(`${kind}:${instance}`);

/**
 * The local Forge host: a Jira-like shell whose frames load the built Custom UI with a bridge shim. Every
 * call a frame makes goes to the local Forge runtime, which runs the production bundle's handlers as Forge
 * would (resolvers, the queue consumer, triggers) with the app's storage in the runtime's KVS.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const distDir = resolve(options.rootDir, 'static/app/dist');
  const macroConfigDir = resolve(options.rootDir, 'static/app/dist-macro-config');
  const hostStore = await FileStore.open(join(options.storeDir, 'host'));
  const users = options.jira.users;
  const credentials: Record<string, BasicCredentials> = {};
  for (const u of users) if (u.credentials) credentials[u.accountId] = u.credentials;
  const runtime = new ForgeRuntime({
    rootDir: options.rootDir,
    site: { jiraUrl: options.jira.baseUrl, app: options.jira.app, users: credentials },
    storageFile: join(options.storeDir, 'kvs.jsonl'),
    ...options.runtime,
    clockOffsetMs: options.clock ? options.clock() - Date.now() : 0,
    scheduleTriggers: options.hourly !== false,
  });
  const manifest = { modules: runtime.manifest.ui };

  const moduleOf = (key: string | null): UiModule | undefined => manifest.modules.find((m) => m.key === key);
  /** The signed-in demo user (the shell's user switch sets the cookie); nobody when it names no user. */
  const currentUser = (req: IncomingMessage) => {
    const chosen = cookies(req).pmo_user;
    return users.find((u) => u.accountId === chosen);
  };
  const colorMode = (req: IncomingMessage): 'light' | 'dark' =>
    cookies(req).pmo_theme === 'dark' ? 'dark' : 'light';

  /**
   * Calls from a frame are JSON, from this host's own pages, by a signed-in user. A page of another site
   * can make a browser send a form or a plain-text POST here, but not a JSON one without asking first
   * (which this host never allows), and its Origin names the other site.
   */
  const refusePost = (req: IncomingMessage): { status: number; message: string } | null => {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return { status: 415, message: 'Calls to the host are JSON (Content-Type: application/json)' };
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      if (host !== req.headers.host) return { status: 403, message: `Calls from ${origin} are not accepted` };
    }
    if (!currentUser(req))
      return { status: 401, message: 'Nobody is signed in: open a page of the host first' };
    return null;
  };

  async function extensionContext(module: UiModule, instance: string, entry: string | null) {
    const base = { type: module.type };
    switch (module.type) {
      case 'jira:dashboardGadget':
        return {
          ...base,
          gadgetConfiguration: (await hostStore.get(savedConfig('gadget', instance))) ?? {},
          ...(entry === 'edit' ? { entryPoint: 'edit' } : {}),
          gadget: { id: instance },
          dashboard: { id: 'local-dashboard' },
        };
      case 'macro':
        return {
          ...base,
          config: (await hostStore.get(savedConfig('macro', instance))) ?? {},
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
      // The first visit signs in as the first user (the PMO lead in the demo), as a browser session would.
      const user = currentUser(req) ?? users[0];
      const page = renderShell({
        page: PAGES[path],
        modules: manifest.modules,
        users,
        currentUser: user?.accountId ?? '',
        colorMode: colorMode(req),
        jiraLabel: options.jira.label,
      });
      const signIn =
        user && !currentUser(req)
          ? { 'Set-Cookie': `pmo_user=${encodeURIComponent(user.accountId)}; Path=/; SameSite=Strict` }
          : undefined;
      return send(res, 200, page, 'text/html; charset=utf-8', signIn);
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
      return sendJson(res, 200, { ok: true, queuedEvents: runtime.queues.waiting });
    }
    if (req.method === 'POST' && path.startsWith('/__forge/')) {
      const refusal = refusePost(req);
      if (refusal) return sendJson(res, refusal.status, { message: refusal.message });
    }
    if (req.method === 'POST' && path === '/__forge/invoke') {
      const body = await readJson(req);
      const module = moduleOf(typeof body.module === 'string' ? body.module : null);
      if (!module?.resolverFunction)
        return sendJson(res, 400, { message: 'This module has no resolver in manifest.yml' });
      if (typeof body.functionKey !== 'string')
        return sendJson(res, 400, { message: 'functionKey must be a string' });
      const context = await forgeContext(
        req,
        module,
        String(body.instance ?? ''),
        typeof body.entry === 'string' ? body.entry : null,
      );
      const { accountId, ...withoutCaller } = context;
      try {
        const result = await runtime.invokeResolver(
          module.key,
          { functionKey: body.functionKey, payload: body.payload },
          withoutCaller,
          accountId,
        );
        return sendJson(res, 200, { body: result });
      } catch (error) {
        if (!(error instanceof InvocationError)) throw error;
        // What the bridge's invoke rejects with: the invocation failed on the platform.
        return sendJson(res, error.outcome === 'refused' ? 429 : 500, { message: error.message });
      }
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
        await hostStore.set(savedConfig('macro', String(body.instance)), config as Record<string, unknown>);
        return sendJson(res, 200, { ok: true });
      }
      if (module?.type !== 'jira:dashboardGadget' || body.entry !== 'edit') {
        return sendJson(res, 400, { message: 'Only a gadget edit view or a macro configuration can submit' });
      }
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
        return sendJson(res, 400, { message: 'view.submit takes an object of gadget settings' });
      }
      await hostStore.set(savedConfig('gadget', String(body.instance)), payload as Record<string, unknown>);
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

  await prepareInstallation(runtime, options);

  return {
    url,
    runtime,
    appStorage: () => runtime.kvs.inspector(),
    syncSettled: () => runtime.queuesIdle(),
    syncNow: async () => {
      await runtime.fireScheduledTrigger(HOURLY_TRIGGER);
      await runtime.queuesIdle();
    },
    // A sync job under way is stopped with the runtime; its run resumes from its last step next time.
    close: async () => {
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const HOURLY_TRIGGER = 'hourly-sync';

/**
 * A first start is an installation: the PMO lead loads the sample portfolio (through the app's own import,
 * as that user) and the platform sends the installed event, whose trigger starts the first sync. A later
 * start with no published data yet, or with a run the last stop interrupted, fires the hourly trigger.
 */
async function prepareInstallation(runtime: ForgeRuntime, options: HostOptions): Promise<void> {
  const lead = options.jira.users[0];
  const firstStart = runtime.kvs.size().keys === 0;
  const call = async <T>(functionKey: string, payload: unknown = {}): Promise<T> => {
    const answer = (await runtime.invokeResolver(
      'pmo-settings',
      { functionKey, payload },
      { moduleKey: 'pmo-settings', extension: { type: 'jira:adminPage' } },
      lead?.accountId,
    )) as { ok: boolean; data?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(`${functionKey}: ${answer.error?.message ?? 'failed'}`);
    return answer.data as T;
  };
  if (options.samplePortfolio && firstStart && lead) {
    const document: unknown = JSON.parse(await readFile(options.samplePortfolio, 'utf8'));
    // The import checks every key against Jira: when Jira cannot be reached, start without the sample.
    await call('config/import', { document }).catch((error: unknown) =>
      console.error(`The sample portfolio was not loaded: ${(error as Error).message}`),
    );
  }
  if (options.syncOnStart === false) return;
  if (firstStart) {
    await runtime.emitEvent('avi:forge:installed:app', {
      id: runtime.installationId,
      installerAccountId: lead?.accountId,
      app: { id: runtime.manifest.appId, version: 'local' },
      environment: { id: 'local' },
      context: runtime.installContext,
    });
    return;
  }
  // No data yet, or a run stopped with the host: the hourly trigger's job starts or resumes it.
  const status = await call<{ lastSuccessAt: number | null; phase: string }>('sync/status');
  if (status.lastSuccessAt === null || status.phase !== 'idle')
    await runtime.fireScheduledTrigger(HOURLY_TRIGGER);
}
