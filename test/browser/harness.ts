import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { demoUser, startDemoJira, type DemoJira } from '../../dev/demo-jira';

export { demoUser };
import { startHost, type Host, type HostOptions } from '../../dev/host/server';
import { launchChromium } from './chromium';

export const ROOT = resolve(__dirname, '../..');
export const SCREENSHOTS = resolve(ROOT, 'test-artifacts/screenshots');

export interface Stack {
  demo: DemoJira;
  host: Host;
  browser: Browser;
  storeDir: string;
  close(): Promise<void>;
}

/** The demo Jira, the local host over it (fixed clock) and headless Chromium, started for one suite. */
export async function startStack(options: {
  now: number;
  seed: number;
  issues: number;
  syncOnStart?: boolean;
  jiraBaseUrl?: string;
  /** false: start with no portfolio, as a new installation does; a path: start with that portfolio file. */
  samplePortfolio?: false | string;
}): Promise<Stack> {
  const demo = await startDemoJira({
    seed: options.seed,
    issues: options.issues,
    now: new Date(options.now),
  });
  const storeDir = await mkdtemp(join(tmpdir(), 'pmo-host-'));
  const app = demoUser('app@demo.test');
  const people = ['pmo@demo.test', 'admin@demo.test', 'dev@demo.test'].map(demoUser);
  const jira: HostOptions['jira'] = {
    baseUrl: options.jiraBaseUrl ?? demo.url,
    label: 'demo Jira',
    app: { email: app.email, apiToken: app.apiToken },
    users: people.map((u) => ({
      accountId: u.accountId,
      displayName: u.displayName,
      credentials: { email: u.email, apiToken: u.apiToken },
    })),
  };
  const host = await startHost({
    rootDir: ROOT,
    jira,
    storeDir,
    clock: () => options.now,
    syncOnStart: options.syncOnStart ?? true,
    hourly: false,
    locale: 'en-GB',
    timeZone: 'UTC',
    samplePortfolio:
      options.samplePortfolio === false
        ? undefined
        : (options.samplePortfolio ?? join(ROOT, 'dev/demo-jira/sample-portfolio.json')),
  });
  const browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    demo,
    host,
    browser,
    storeDir,
    close: async () => {
      await browser.close();
      await host.close();
      await demo.close();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

export async function openAs(
  stack: Stack,
  email: string,
  path: string,
  colorMode: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const url = new URL(stack.host.url);
  await context.addCookies([
    { name: 'pmo_user', value: demoUser(email).accountId, domain: url.hostname, path: '/' },
    { name: 'pmo_theme', value: colorMode, domain: url.hostname, path: '/' },
  ]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`Page error: ${error.message}`));
  await page.goto(`${stack.host.url}${path}`);
  return { context, page };
}

/** The app frame whose instance id starts with `prefix` (frames are recreated when a gadget switches views). */
export async function appFrame(page: Page, prefix: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-instance^="${prefix}"]`);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`No frame for ${prefix}`);
  return frame;
}

/** A surface's frame once its numbers are on screen (its "Updated" line is drawn last). */
export async function readyFrame(page: Page, prefix: string): Promise<Frame> {
  const frame = await appFrame(page, prefix);
  await frame.waitForSelector('[data-testid="updated"]', { timeout: 60_000 });
  return frame;
}

/** A headline's raw value (its data-value) inside a surface. */
export const headline = (frame: Frame, testId: string) =>
  frame.getAttribute(`[data-testid="${testId}"] [data-testid="value"]`, 'data-value');

/** Screenshots the whole shell once every frame has reported its content height. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('iframe')].every((f) => f.style.height !== ''),
  );
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Calls a resolver the way a frame's bridge does, as the given demo user (the host reads the user from
 * the `pmo_user` cookie), and returns what the host answered.
 */
export async function invokeAs<T = unknown>(
  stack: Stack,
  email: string,
  functionKey: string,
  payload: unknown = {},
  target: { module: string; instance: string } = { module: 'pmo-settings', instance: 'page-pmo-settings' },
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.host.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `pmo_user=${demoUser(email).accountId}` },
    body: JSON.stringify({ ...target, functionKey, payload }),
  });
  const json = (await response.json()) as { body: T };
  return { status: response.status, body: json.body };
}
