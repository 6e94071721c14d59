/**
 * One sync in its own process, so its wall time and peak memory are its own: prints one JSON line.
 * Usage: tsx bench/sync-worker.ts <jira url> <store dir>
 */
import { JiraClient } from '../src/jira/client';
import { HttpJiraTransport } from '../src/jira/http-transport';
import { readProgress, runSync } from '../src/services/sync';
import { FileStore } from '../src/store/file';

async function main(): Promise<void> {
  const [url, folder] = process.argv.slice(2);
  if (!url || !folder) throw new Error('Usage: sync-worker <jira url> <store dir>');
  const store = await FileStore.open(folder);
  const jira = new JiraClient(
    new HttpJiraTransport(url, { email: 'app@demo.test', apiToken: 'demo-app-token' }),
  );
  const started = process.hrtime.bigint();
  const snapshot = await runSync({ store, jira, clock: () => Date.now() });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const progress = await readProgress(store);
  console.log(
    JSON.stringify({
      ms,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      items: snapshot.itemCount,
      mode: progress.mode,
      requests: jira.stats.requests,
      total: jira.stats.total,
      retries: jira.stats.retries,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
