/**
 * `npm run bench:forge [-- --issues N] [-- --ci]`: what the app costs on Forge, measured by the local Forge
 * runtime's meter while the production bundle runs against the demo Jira: a full sync, an hourly sync with
 * nothing changed, an incremental sync after 1% of the issues changed, a dashboard of the five gadgets
 * opened by one viewer (first, then again), the same dashboard opened twice by each of 50 viewers with
 * different rights (the demo's DEMO_VIEWERS; each viewer's five gadgets at once, one viewer after
 * another), and the wins page; then how long a change in Jira takes to reach a gadget through Jira's
 * issue events. Appends the figures to bench/results.md and ends with lines scripts can
 * read. Default 100,000 issues; --ci 10,000.
 */
import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_VIEWERS } from '../dev/demo-jira';
import { Meter, type InvocationRecord } from '../dev/forge-runtime/meter';
import type { FlowData, SurfaceView } from '../src/contract';
import { startRuntimeStack, ROOT, type RuntimeStack } from '../test/runtime/harness';

const { values } = parseArgs({
  options: { issues: { type: 'string' }, ci: { type: 'boolean' }, 'no-record': { type: 'boolean' } },
});
const issues = Number(values.issues ?? (values.ci ? 10_000 : 100_000));
const NOW = Date.parse('2026-11-16T09:00:00Z');

interface Row {
  scenario: string;
  invocations: number;
  jira: number;
  readUnits: number;
  writeUnits: number;
  throttled: number;
  peakMB: number;
  seconds: number;
}

async function measure(stack: RuntimeStack, scenario: string, run: () => Promise<void>): Promise<Row> {
  const mark = stack.runtime.meter.mark();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const records: InvocationRecord[] = stack.runtime.meter.since(mark);
  const failed = records.filter((r) => r.outcome !== 'ok');
  if (failed.length > 0)
    console.warn(`${scenario}: ${failed.length} invocation(s) failed: ${failed[0]?.error}`);
  const t = Meter.totals(records);
  return {
    scenario,
    invocations: t.invocations,
    jira: t.jiraRequests + t.confluenceRequests,
    readUnits: t.kvsReadUnits,
    writeUnits: t.kvsWriteUnits,
    throttled: t.kvsThrottled,
    peakMB: t.peakHeapMB,
    seconds,
  };
}

const GADGETS: Array<[string, string]> = [
  ['portfolio-health-gadget', 'reports/health'],
  ['delivery-flow-gadget', 'reports/flow'],
  ['value-by-goal-gadget', 'reports/value'],
  ['forecast-gadget', 'reports/forecast'],
  ['recent-wins-gadget', 'reports/wins'],
];

/**
 * Freshness: the demo Jira sends its issue events to the runtime, a few issues change, and the delivery
 * flow gadget is asked every second until it shows a snapshot computed after the change. Returns the
 * seconds from the change to the updated gadget (the debounce of the events' sync included).
 */
async function measureFreshness(stack: RuntimeStack, clockOffset: number): Promise<number> {
  const flow = async () => {
    const result = await stack.call<SurfaceView<FlowData>>(
      'reports/flow',
      'pmo@demo.test',
      { config: {} },
      'delivery-flow-gadget',
    );
    return result.ok ? result.data.generatedAt : null;
  };
  const before = await flow();
  stack.demo.setEventSink(stack.runtime.jiraEventSink());
  // Changes at the app's now (or just after the demo's, if an earlier scenario moved it further).
  const at = Math.max(Date.now() + clockOffset - 1_000, stack.demo.dataset.now + 1_000);
  stack.demo.mutate({ count: 20, at });
  const changed = performance.now();
  for (;;) {
    await new Promise((done) => setTimeout(done, 1_000));
    const shown = await flow();
    if (shown !== null && shown !== before) break;
    if (performance.now() - changed > 600_000) throw new Error('The change did not reach the gadget');
  }
  const seconds = (performance.now() - changed) / 1000;
  stack.demo.setEventSink(null);
  await stack.runtime.queuesIdle();
  return seconds;
}

async function main(): Promise<void> {
  const clockOffset = NOW - Date.now();
  const stack = await startRuntimeStack({ seed: 42, issues, now: NOW });
  let freshness = Number.NaN;
  const rows: Row[] = [];
  try {
    await stack.importSample();
    rows.push(await measure(stack, 'full sync', () => stack.syncByTrigger()));
    rows.push(await measure(stack, 'hourly sync, nothing changed', () => stack.syncByTrigger()));
    stack.demo.mutate({ share: 0.01, at: NOW + 10 * 60_000 });
    rows.push(await measure(stack, 'incremental sync, 1% changed', () => stack.syncByTrigger()));
    const dashboard = (email: string) =>
      Promise.all(GADGETS.map(([module, key]) => stack.call(key, email, { config: {} }, module)));
    rows.push(
      await measure(stack, 'dashboard of five gadgets, one viewer', () => dashboard('pmo@demo.test').then()),
    );
    rows.push(
      await measure(stack, 'dashboard of five gadgets, one viewer returning', () =>
        dashboard('pmo@demo.test').then(),
      ),
    );
    rows.push(
      await measure(stack, 'dashboard of five gadgets, 50 viewers, first view', async () => {
        for (const viewer of DEMO_VIEWERS) await dashboard(viewer.email);
      }),
    );
    rows.push(
      await measure(stack, 'dashboard of five gadgets, 50 viewers, returning view', async () => {
        for (const viewer of DEMO_VIEWERS) await dashboard(viewer.email);
      }),
    );
    rows.push(
      await measure(stack, 'wins page, one viewer', async () => {
        await stack.call('reports/winsPage', 'pmo@demo.test', { quarter: null }, 'pmo-wins-page');
      }),
    );
    freshness = await measureFreshness(stack, clockOffset);
  } finally {
    await stack.close();
  }

  const size = stack.runtime.kvs.size();
  const table = [
    '| scenario | invocations | Jira requests | storage read units | storage write units | throttled | peak heap MB | seconds |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.invocations} | ${r.jira} | ${r.readUnits} | ${r.writeUnits} | ${r.throttled} | ${r.peakMB} | ${r.seconds.toFixed(1)} |`,
    ),
  ].join('\n');
  const heading =
    `\n## Forge economy, ${issues.toLocaleString('en-US')} issues (${new Date().toISOString().slice(0, 10)}, ` +
    `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node})\n\n`;
  const footer =
    `\nStored after the runs: ${size.keys} keys, ${(size.bytes / 1048576).toFixed(1)} MB. ` +
    `Freshness: ${freshness.toFixed(1)} s from a Jira change to the updated gadget.\n`;
  console.log(heading + table + footer);
  if (!values['no-record']) appendFileSync(join(ROOT, 'bench/results.md'), heading + table + footer);
  const noChange = rows[1] as Row;
  const dashboard = rows[3] as Row;
  const returning = rows[4] as Row;
  const many = rows[6] as Row;
  console.log(
    `forge-economy: no-change sync ${noChange.readUnits} read units, ${noChange.writeUnits} write units, ${noChange.jira} Jira requests`,
  );
  console.log(
    `forge-economy: dashboard view ${dashboard.readUnits} read units, ${dashboard.jira} Jira requests`,
  );
  console.log(
    `forge-economy: returning dashboard view ${returning.readUnits} read units, ${returning.jira} Jira requests`,
  );
  console.log(
    `forge-economy: 50 viewers' returning dashboard views ${many.readUnits} read units, ${many.jira} Jira requests`,
  );
  console.log(`freshness: ${freshness.toFixed(1)} s from a Jira change to the updated gadget`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
