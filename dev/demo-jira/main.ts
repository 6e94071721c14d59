/** `npm run demo-jira -- --port 8081 --seed 42 --issues 800 [--now 2025-06-30T17:00:00Z]` */
import { parseArgs } from 'node:util';
import { DEMO_USERS, startDemoJira } from './index';

const USAGE = `Usage: npm run demo-jira -- [options]

Serves a demo Jira Cloud REST API over generated data until interrupted (Ctrl+C).

Options:
  --port <n>     TCP port on 127.0.0.1 (0 = any free port)       default 8081
  --seed <n>     seed of the generated data set                  default 42
  --issues <n>   approximate number of issues, epics included    default 800
  --now <iso>    end of the generated history (ISO date-time)    default: now
  --host <addr>  address to listen on                            default 127.0.0.1
  --help         show this help`;

class ArgumentError extends Error {}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ArgumentError(`--${name} must be a whole number, got '${raw}'.`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ArgumentError(`--${name} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

function readOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        issues: { type: 'string' },
        now: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime()))
      throw new ArgumentError(`--now must be an ISO date-time, got '${values.now}'.`);
  }
  return {
    help: values.help === true,
    port: integer('port', values.port, 8081, 0, 65535),
    seed: integer('seed', values.seed, 42, 0, 2 ** 31 - 1),
    issues: integer('issues', values.issues, 800, 10, 5_000_000),
    host: values.host ?? '127.0.0.1',
    now,
  };
}

async function main(): Promise<void> {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    process.stderr.write(`demo-jira: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const started = performance.now();
  const demo = await startDemoJira(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const user = DEMO_USERS[1];
  const lines = [
    `Demo Jira listening on ${demo.url}`,
    `  ${demo.dataset.issues.length} issues in ${demo.dataset.projects.map((p) => p.key).join(', ')}` +
      ` (seed ${options.seed}, history up to ${new Date(demo.dataset.now).toISOString()}, ready in ${seconds} s)`,
    '',
    'Users (basic auth email:apiToken):',
    ...DEMO_USERS.map(
      (u) =>
        `  ${u.email.padEnd(16)} ${u.apiToken.padEnd(17)} ${u.displayName}` +
        `${u.siteAdmin ? ', site admin' : ''}${u.browse === 'all' ? '' : `, browses ${u.browse.join(', ')}`}`,
    ),
    '',
    'Try:',
    `  curl -s -u ${user?.email}:${user?.apiToken} -H 'Content-Type: application/json' \\`,
    `    -d '{"jql":"project = PAY AND statusCategory = Done ORDER BY resolved DESC","fields":["summary","status"],"maxResults":5}' \\`,
    `    ${demo.url}/rest/api/3/search/jql`,
    '',
    'Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal}: closing the demo Jira...\n`);
    demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`demo-jira: close failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`demo-jira: ${(error as Error).message}\n`);
  process.exit(1);
});
