/**
 * Sync benchmark: requests per 1,000 issues for a full sync and for an incremental sync after 1% of
 * issues changed, beside the lower bound; wall time and peak memory of a full sync. The demo Jira runs in
 * this process, each sync in a child process. Results are appended to bench/results.md.
 *
 *   npm run bench -- [--sizes 10000,100000]
 */
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startDemoJira } from '../dev/demo-jira';

interface WorkerResult {
  ms: number;
  maxRssMb: number;
  items: number;
  mode: string;
  requests: Record<string, number>;
  total: number;
  retries: number;
}

const root = resolve(__dirname, '..');

/** The demo Jira answers from this process, so the worker must run asynchronously beside it. */
async function runWorker(url: string, folder: string): Promise<WorkerResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(__dirname, 'sync-worker.ts'), url, folder],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult;
}

/** Searches at 100 issues a page (the most Jira grants with fields) + one bulk changelog request per 1,000. */
const lowerBound = (n: number) => Math.ceil(n / 100) + Math.ceil(n / 1000);
const per1000 = (requests: number, n: number) => (requests / n) * 1000;

async function measure(size: number) {
  const now = new Date();
  const demo = await startDemoJira({ seed: 42, issues: size, now });
  const folder = mkdtempSync(join(tmpdir(), 'pmo-bench-'));
  try {
    const full = await runWorker(demo.url, folder);
    // Changes land between the full sync and now, on the same clock the worker reads.
    const changed = demo.mutate({ share: 0.01, at: Date.now() });
    const incremental = await runWorker(demo.url, folder);
    const touched = changed.changed.length + changed.moved.length;
    const paging = (full.requests.searchJql ?? 0) + (full.requests.changelogBulkfetch ?? 0);
    return { size, items: full.items, full, incremental, touched, paging };
  } finally {
    await demo.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' } } });
  const sizes = values.sizes.split(',').map(Number);
  const rows: string[] = [];
  for (const size of sizes) {
    const r = await measure(size);
    const bound = lowerBound(r.items);
    const line = [
      r.items.toLocaleString('en-US'),
      `${r.full.total} (${per1000(r.full.total, r.items).toFixed(2)})`,
      `${r.paging} vs ${bound} (+${(((r.paging - bound) / bound) * 100).toFixed(1)}%)`,
      `${r.incremental.total} for ${r.touched} changed (${r.incremental.requests.searchJql ?? 0} searches, ${r.incremental.requests.changelogBulkfetch ?? 0} changelog)`,
      `${(r.full.ms / 1000).toFixed(1)} s`,
      `${r.full.maxRssMb.toFixed(0)} MB`,
      `${(r.incremental.ms / 1000).toFixed(1)} s`,
    ].join(' | ');
    console.log(line);
    rows.push(`| ${line} |`);
  }
  const header = [
    '',
    `## Sync — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    '',
    'Demo Jira in process, sync in a child process with the file store; full sync, then 1% of issues changed and an incremental sync.',
    '',
    '| issues | full: requests (per 1,000) | search + changelog requests vs lower bound | incremental: requests | full: wall time | full: peak RSS | incremental: wall time |',
    '|---|---|---|---|---|---|---|',
  ];
  appendFileSync(join(__dirname, 'results.md'), `${[...header, ...rows].join('\n')}\n`);
  console.log('Appended to bench/results.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
