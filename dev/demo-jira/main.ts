/** `npm run demo-jira -- --port 8081 --seed 42 --issues 800 [--now 2025-06-30T17:00:00Z] [--faults 0.1]` */
import { ArgumentError, readOptions, USAGE } from './cli';
import { DEMO_USERS, startDemoJira } from './index';

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
    ...(options.faults
      ? [
          `  failing ${options.faults.rate * 100}% of /rest/api/3/ requests with ${options.faults.kinds.join(', ')}`,
        ]
      : []),
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
