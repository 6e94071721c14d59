/**
 * Metrics benchmark: for each size, a child process generates the work items and builds the facts, runs
 * the metrics engine over the generated PMO model, and serializes the result as the snapshot would be;
 * each step is timed, with the child's peak RSS. The child runs with a 400 MB old-space limit, like a
 * Forge function's memory budget. Results are appended to bench/results.md.
 *
 *   npm run bench:metrics -- [--sizes 10000,100000,1000000]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSync } from 'esbuild';

interface WorkerResult {
  items: number;
  workItems: number;
  epics: number;
  pmoProjects: number;
  goals: number;
  wins: number;
  epicRows: number;
  generateMs: number;
  factsMs: number;
  metricsMs: number;
  jsonMs: number;
  jsonBytes: number;
  maxRssMb: number;
}

type Run = { size: number; ok: true; result: WorkerResult } | { size: number; ok: false; reason: string };

/** Passed explicitly to every child: the V8 heap a Forge function gets, near enough. */
const NODE_FLAGS = ['--max-old-space-size=400'];

/**
 * The worker is bundled to plain JavaScript first, as a deployed function is, so the figures are the
 * engine's and not the TypeScript loader's (which alone holds about 100 MB).
 */
function bundleWorker(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'pmo-bench-')), 'metrics-worker.js');
  buildSync({
    entryPoints: [join(__dirname, 'metrics-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

/** Sizes run one after another, so each child has the machine to itself. */
function runWorker(worker: string, size: number, now: number): Run {
  const child = spawnSync(process.execPath, [...NODE_FLAGS, worker, String(size), String(now)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.error) return { size, ok: false, reason: child.error.message };
  if (child.status !== 0) {
    const stderr = child.stderr ?? '';
    const outOfMemory = /heap out of memory|Reached heap limit/i.test(stderr);
    process.stderr.write(stderr.split('\n').slice(-20).join('\n'));
    const how = child.signal ? `signal ${child.signal}` : `exit code ${child.status}`;
    return { size, ok: false, reason: outOfMemory ? `out of memory (${how})` : `failed (${how})` };
  }
  return {
    size,
    ok: true,
    result: JSON.parse(child.stdout.trim().split('\n').pop() as string) as WorkerResult,
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function row(run: Run): string {
  if (!run.ok) return `| ${count(run.size)} | ${run.reason} | | | | | | | | | | |`;
  const r = run.result;
  return `| ${[
    count(r.items),
    count(r.epics),
    count(r.pmoProjects),
    count(r.goals),
    seconds(r.generateMs),
    seconds(r.factsMs),
    seconds(r.metricsMs),
    `${seconds(r.jsonMs)}, ${mb(r.jsonBytes)}`,
    `${r.maxRssMb.toFixed(0)} MB`,
    count(r.wins),
    count(r.epicRows),
  ].join(' | ')} |`;
}

/** The issue's targets, each judged on what was measured; a size not run is said to be not measured. */
function targets(runs: Run[]): string[] {
  const at = (size: number) => runs.find((run) => run.size === size);
  const verdict = (met: boolean) => (met ? 'met' : '**not met**');
  const timeTarget = (size: number, limitMs: number) => {
    const label = `All metrics for ${count(size)} items under ${limitMs / 1000} s`;
    const run = at(size);
    if (!run) return `- ${label}: not measured (size not run).`;
    if (!run.ok) return `- ${label}: **not met**, the run ${run.reason}.`;
    const { metricsMs, factsMs } = run.result;
    return (
      `- ${label}: metrics ${seconds(metricsMs)}, ${verdict(metricsMs < limitMs)}; ` +
      `facts + metrics ${seconds(factsMs + metricsMs)}, ${verdict(factsMs + metricsMs < limitMs)}.`
    );
  };
  const memoryTarget = () => {
    const label = 'Peak memory under 300 MiB at 1,000,000 items';
    const run = at(1_000_000);
    if (!run) return `- ${label}: not measured (size not run).`;
    if (!run.ok) return `- ${label}: **not met**, the run ${run.reason}.`;
    return `- ${label}: peak RSS ${run.result.maxRssMb.toFixed(0)} MiB, ${verdict(run.result.maxRssMb < 300)}.`;
  };
  return [timeTarget(100_000, 1_000), timeTarget(1_000_000, 3_000), memoryTarget()];
}

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000,1000000' } } });
  const sizes = values.sizes.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0))
    throw new Error(`--sizes takes positive whole numbers separated by commas, not "${values.sizes}"`);
  const now = Date.now();
  const tableHead = [
    '| items | epics | PMO projects | goals | generate | facts | metrics | snapshot JSON | peak RSS | wins | epic rows |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const worker = bundleWorker();
  console.log(`Child processes: node ${NODE_FLAGS.join(' ')} bench/metrics-worker.ts (bundled with esbuild)`);
  console.log(tableHead[0]);
  const runs: Run[] = [];
  for (const size of sizes) {
    const run = runWorker(worker, size, now);
    runs.push(run);
    console.log(row(run));
  }
  const verdicts = targets(runs);
  console.log(verdicts.join('\n'));
  const section = [
    '',
    `## Metrics — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    '',
    `Each size in its own child process, \`node ${NODE_FLAGS.join(' ')}\` (a Forge function's memory budget), ` +
      "seeded items from bench/work-items.ts. generate = producing the items (the benchmark's own cost; the app reads " +
      'them from its item cache); facts = adding them to `Facts`; ' +
      'metrics = `computeMetrics` (default thresholds, 90 trailing days, Europe/London); snapshot JSON = ' +
      '`JSON.stringify` of the result, time and size; peak RSS = `process.resourceUsage().maxRSS` of the child.',
    '',
    ...tableHead,
    ...runs.map(row),
    '',
    'Targets:',
    '',
    ...verdicts,
  ];
  appendFileSync(join(__dirname, 'results.md'), `${section.join('\n')}\n`);
  console.log('Appended to bench/results.md');
}

main();
