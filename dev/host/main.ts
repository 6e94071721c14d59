/**
 * `npm start`: the local Forge host with the embedded demo Jira (default) or a real Jira Cloud site
 * (JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN; read-only, one identity).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_USERS, startDemoJira, type DemoJira } from '../demo-jira';
import { HttpJiraTransport } from '../../src/jira/http-transport';
import { JiraClient } from '../../src/jira/client';
import { myself } from '../../src/jira/api';
import { startHost, type HostOptions } from './server';

const root = resolve(__dirname, '../..');

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function jiraFromEnv(): Promise<{
  jira: HostOptions['jira'];
  /** The embedded demo Jira, if that is the site. */
  demo?: DemoJira;
  close: () => Promise<void>;
}> {
  const baseUrl = process.env.JIRA_BASE_URL;
  if (baseUrl) {
    const email = process.env.JIRA_EMAIL;
    const apiToken = process.env.JIRA_API_TOKEN;
    if (!email || !apiToken) {
      console.error(
        'JIRA_BASE_URL is set: set JIRA_EMAIL and JIRA_API_TOKEN too (an API token from id.atlassian.com).',
      );
      process.exit(2);
    }
    const credentials = { email, apiToken };
    const me = await myself(new JiraClient(new HttpJiraTransport(baseUrl, credentials)));
    return {
      jira: {
        baseUrl,
        label: new URL(baseUrl).host,
        app: credentials,
        users: [{ accountId: me.accountId, displayName: me.displayName ?? email, credentials }],
      },
      close: async () => undefined,
    };
  }
  const demo = await startDemoJira({
    port: numberFromEnv('DEMO_JIRA_PORT', 0),
    seed: numberFromEnv('DEMO_SEED', 42),
    issues: numberFromEnv('DEMO_ISSUES', 800),
  });
  const app = DEMO_USERS.find((u) => u.accountType === 'app');
  if (!app) throw new Error('The demo Jira has no app user');
  const people = DEMO_USERS.filter((u) => u.accountType !== 'app').sort(
    (a, b) => Number(b.groups.includes('pmo-leads')) - Number(a.groups.includes('pmo-leads')),
  );
  return {
    demo,
    jira: {
      baseUrl: demo.url,
      label: `demo Jira ${demo.url}`,
      app: { email: app.email, apiToken: app.apiToken },
      users: people.map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName,
        credentials: { email: u.email, apiToken: u.apiToken },
      })),
    },
    close: () => demo.close(),
  };
}

async function main(): Promise<void> {
  if (!existsSync(resolve(root, 'static/app/dist/index.html'))) {
    console.error('The UI is not built yet: run `npm run build` (npm start does it for you).');
    process.exit(1);
  }
  const { jira, demo, close } = await jiraFromEnv();
  const host = await startHost({
    port: numberFromEnv('PORT', 3000),
    rootDir: root,
    jira,
    storeDir: resolve(root, process.env.PMO_STORE ?? '.pmo-wins/local'),
    // The demo starts with a sample portfolio so every page has something to show.
    samplePortfolio: process.env.JIRA_BASE_URL
      ? undefined
      : resolve(root, 'dev/demo-jira/sample-portfolio.json'),
  });
  // The demo's issue events reach the app's triggers as Jira's reach a Forge app (POST /__demo/mutate).
  demo?.setEventSink(host.runtime.jiraEventSink());
  console.log(`PMO Wins local host: ${host.url}/jira/dashboard`);
  console.log(`Jira: ${jira.label}`);
  console.log(
    'Pages: /jira/dashboard  /jira/pmo-wins  /jira/settings  /confluence/page  /confluence/pmo-wins',
  );
  const stop = async () => {
    await host.close();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
