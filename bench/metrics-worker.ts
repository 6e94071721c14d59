/**
 * One metrics run in its own process, so its peak memory is its own: generates the items and builds the
 * facts, computes every metric, serializes the result; prints one JSON line.
 * Usage: node --max-old-space-size=400 node_modules/tsx/dist/cli.mjs bench/metrics-worker.ts <items> <now ms>
 */
import { computeMetrics } from '../src/domain/engine';
import { Facts } from '../src/domain/facts';
import { DEFAULT_SETTINGS } from '../src/services/configuration/settings';
import { generateItems, generatePortfolio } from './work-items';

const msSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

function main(): void {
  const [count, nowArg] = process.argv.slice(2).map(Number);
  if (!count || !nowArg) throw new Error('Usage: metrics-worker <items> <now ms>');
  const now = nowArg;
  const { goals, projects } = generatePortfolio(count, now);

  // Generating the items is the benchmark's own cost (the app reads them from its item cache): a first
  // pass times it alone, so building the facts can be told apart.
  let started = process.hrtime.bigint();
  let generated = 0;
  for (const item of generateItems(count, now)) if (item.level >= 0) generated += 1;
  const generateMs = msSince(started);

  started = process.hrtime.bigint();
  // Room for every item at once, as Facts.of makes when it is handed the cached items.
  const facts = new Facts({ now, startPolicy: 'first', waitStatuses: ['Blocked'] }, count);
  let items = 0;
  for (const item of generateItems(count, now)) {
    facts.add(item);
    items += 1;
  }
  const factsMs = Math.max(0, msSince(started) - generateMs);
  if (generated !== items) throw new Error('The generator is not deterministic');

  started = process.hrtime.bigint();
  const result = computeMetrics({
    facts,
    goals,
    projects,
    portfolioProjects: [],
    thresholds: DEFAULT_SETTINGS.thresholds,
    trailingDays: 90,
    jqlMatches: new Map(),
    now,
    timeZone: 'Europe/London',
  });
  const metricsMs = msSince(started);

  started = process.hrtime.bigint();
  const json = JSON.stringify(result);
  const jsonMs = msSince(started);

  console.log(
    JSON.stringify({
      items,
      workItems: facts.size,
      epics: facts.epics.length,
      pmoProjects: projects.length,
      goals: goals.length,
      wins: result.wins.length,
      epicRows: result.epics.length,
      generateMs,
      factsMs,
      metricsMs,
      jsonMs,
      jsonBytes: Buffer.byteLength(json),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main();
