/**
 * `pmo-wins`: the app's sync from the command line, on the same code path as the Forge app, against any
 * Jira Cloud site (or the demo Jira). Its store is a folder (./.pmo-wins unless --store says otherwise).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JiraClient } from '../jira/client';
import { HttpJiraTransport } from '../jira/http-transport';
import { JIRA_ENDPOINTS } from '../jira/transport';
import { DocumentError, parseDocument } from '../services/configuration/file';
import { documentProblem } from '../services/configuration/jira-checks';
import { ConfigService } from '../services/configuration/portfolio';
import { runSync } from '../services/sync';
import { ScopeError, scopeJql, type SyncScope } from '../services/sync/scope';
import { FileStore } from '../store/file';
import type { Store } from '../store/port';
import { metricsFromStore, NoDataError } from '../services/metrics';
import { metricsReport, metricsTables } from './metrics-report';
import { isValid, parseISO } from 'date-fns';
import { progressReporter } from './progress-bar';

const HELP = `Usage: pmo-wins <command> [options]

Commands:
  sync      Read the scope's issues and history from Jira and publish a metrics snapshot.
            The first run reads everything; later runs read only what changed.
  metrics   Print portfolio, goal, PMO-project and epic metrics and the wins, as a table or
            as JSON (schema: docs/cli.md). With --jira it syncs first; without, it uses the
            data the last sync stored.

Options for sync:
  --jira <url>          Jira site, e.g. https://your-site.atlassian.net (required)
  --jql <query>         Sync the issues this JQL matches (no ORDER BY)
  --projects <KEYS>     Sync these Jira projects, comma-separated
  --config <pmo.json>   Load this portfolio (the PMO Wins export format) and sync its scope
                        (default scope: the stored portfolio, else every project you can see)
  --store <dir>         Where to keep data (default: ./.pmo-wins)
  --full                Read everything even if only changes would do
  -h, --help            Show this help

Options for metrics (besides --jira, --config, --store and --full above):
  --now <ISO date>      Compute as of this instant (e.g. 2026-11-25 or 2026-11-25T12:00:00Z),
                        so results are reproducible; default: now
  --json                Print JSON instead of tables

Credentials come from JIRA_EMAIL and JIRA_API_TOKEN (an API token from id.atlassian.com;
for the demo Jira: JIRA_EMAIL=app@demo.test JIRA_API_TOKEN=demo-app-token).`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      jira: { type: 'string' },
      jql: { type: 'string' },
      projects: { type: 'string' },
      config: { type: 'string' },
      store: { type: 'string' },
      full: { type: 'boolean', default: false },
      now: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { values, command: positionals[0], extra: positionals.slice(1) };
}

function scopeFrom(values: { jql?: string; projects?: string; config?: string }): SyncScope | undefined {
  const given = [values.jql, values.projects, values.config].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError('Give one of --jql, --projects or --config');
  if (values.jql !== undefined) {
    const scope: SyncScope = { kind: 'jql', jql: values.jql };
    scopeJql(scope);
    return scope;
  }
  if (values.projects !== undefined) {
    const keys = values.projects
      .split(',')
      .map((k) => k.trim().toUpperCase())
      .filter(Boolean);
    const bad = keys.find((k) => !/^[A-Z][A-Z0-9_]*$/.test(k));
    if (bad !== undefined || keys.length === 0)
      throw new UsageError(`--projects takes Jira project keys like PAY,MOB; got "${values.projects}"`);
    return { kind: 'projects', keys };
  }
  return undefined;
}

type Values = ReturnType<typeof parse>['values'];

/** The Jira client and the store for --jira/--store, with --config loaded into the store. */
async function connect(values: Values, out: (line: string) => void) {
  if (!values.jira) throw new UsageError('--jira <url> is required');
  let base: URL;
  try {
    base = new URL(values.jira);
  } catch {
    throw new UsageError(`--jira must be a URL like https://your-site.atlassian.net; got "${values.jira}"`);
  }
  const email = process.env.JIRA_EMAIL;
  const apiToken = process.env.JIRA_API_TOKEN;
  if (!email || !apiToken)
    throw new UsageError('Set JIRA_EMAIL and JIRA_API_TOKEN to an account and its API token');
  const folder = resolve(values.store ?? '.pmo-wins');
  const store = await FileStore.open(folder);
  const jira = new JiraClient(new HttpJiraTransport(base.toString(), { email, apiToken }));
  if (values.config !== undefined) {
    const document = await readConfig(values.config);
    const problem = await documentProblem(jira, document, values.config);
    if (problem) throw new UsageError(`${problem.field}: ${problem.message}`);
    await new ConfigService({ store, clock: () => Date.now() }).importDocument(document, `cli:${email}`);
    out(
      `Loaded ${document.goals.length} goals and ${document.projects.length} PMO projects from ${values.config}.`,
    );
  }
  return { base, store, jira, folder };
}

async function readConfig(path: string) {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`--config: cannot read ${file}`);
  }
  return parseDocument(text, path);
}

async function sync(values: Values): Promise<void> {
  const scope = scopeFrom(values);
  const { base, store, jira, folder } = await connect(values, (line) => console.log(line));
  const reporter = progressReporter(process.stderr);
  const started = Date.now();
  try {
    const snapshot = await runSync({
      store,
      jira,
      clock: () => Date.now(),
      scope,
      forceFull: values.full,
      onProgress: (p) => reporter.update(p),
    });
    reporter.end();
    const seconds = (Date.now() - started) / 1000;
    const twelve = snapshot.metrics.portfolio.trend.windows.find((w) => w.weeks === 12)?.current;
    console.log(
      `Synced ${snapshot.itemCount.toLocaleString('en-US')} issues from ${base.host} in ${seconds.toFixed(1)} s.`,
    );
    console.log(`Store: ${folder}`);
    console.log('Jira requests:');
    for (const [endpoint, count] of Object.entries(jira.stats.requests)) {
      console.log(
        `  ${String(count).padStart(7)}  ${JIRA_ENDPOINTS[endpoint as keyof typeof JIRA_ENDPOINTS]}`,
      );
    }
    console.log(`  ${String(jira.stats.total).padStart(7)}  in all, ${jira.stats.retries} retries`);
    if (twelve) {
      console.log(
        `Portfolio: ${twelve.throughput} items done in the last 12 complete weeks; P50 cycle time ${
          twelve.cycleTime.p50.value === null
            ? `— too few items (${twelve.cycleTime.p50.n}) for a P50; ${twelve.cycleTime.p50.minSamples} needed`
            : `${twelve.cycleTime.p50.value.toFixed(1)} days`
        }.`,
      );
    }
  } catch (error) {
    reporter.end();
    throw error;
  }
}

/** Parses --now: a date (midnight UTC) or an ISO instant. */
function nowFrom(value: string | undefined): number {
  if (value === undefined) return Date.now();
  const parsed = parseISO(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !isValid(parsed)) {
    throw new UsageError(
      `--now must be an ISO date or instant like 2026-11-25 or 2026-11-25T12:00:00Z; got "${value}"`,
    );
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : parsed.getTime();
}

async function metrics(values: Values): Promise<void> {
  const now = nowFrom(values.now);
  // Progress and notes go to stderr so that --json output stays clean on stdout.
  const note = (line: string) => console.error(line);
  let store: Store;
  if (values.jira !== undefined) {
    const connected = await connect(values, note);
    store = connected.store;
    const reporter = progressReporter(process.stderr);
    try {
      await runSync({
        store,
        jira: connected.jira,
        clock: () => Date.now(),
        forceFull: values.full,
        onProgress: (p) => reporter.update(p),
      });
    } finally {
      reporter.end();
    }
  } else {
    if (values.config !== undefined) {
      throw new UsageError('--config needs --jira: the PMO model is checked against Jira when it is loaded');
    }
    store = await FileStore.open(resolve(values.store ?? '.pmo-wins'));
  }
  const result = await metricsFromStore(store, now);
  const report = metricsReport(result, now);
  console.log(values.json ? JSON.stringify(report, null, 2) : metricsTables(report));
}

export async function main(argv: string[]): Promise<number> {
  try {
    const { values, command, extra } = parse(argv);
    if (values.help || command === undefined) {
      console.log(HELP);
      return values.help ? 0 : 2;
    }
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    if (command === 'sync') await sync(values);
    else if (command === 'metrics') await metrics(values);
    else throw new UsageError(`Unknown command "${command}"; try: pmo-wins --help`);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ScopeError ||
      error instanceof DocumentError ||
      error instanceof NoDataError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`pmo-wins: ${(error as Error).message}`);
      console.error('Run pmo-wins --help for usage.');
      return 2;
    }
    console.error(`pmo-wins: failed: ${(error as Error).message}`);
    return 1;
  }
}

if (
  require.main === module ||
  process.argv[1]?.endsWith('pmo-wins.js') ||
  process.argv[1]?.endsWith('pmo-wins')
) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
