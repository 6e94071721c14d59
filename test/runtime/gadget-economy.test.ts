/**
 * What a dashboard of the five gadgets costs on the local Forge runtime, by its meter: a viewer who opens
 * it again pays one small storage read per gadget and asks Jira nothing; a viewer with fewer rights gets
 * answers of their own, never the PMO lead's; a new snapshot version, or a PMO lead's write, is never
 * answered from what was kept before it.
 */
import { Meter, type InvocationRecord } from '../../dev/forge-runtime/meter';
import type { FlowData, HealthData, SurfaceView, WinsData } from '../../src/contract';
import type { SnapshotPointer } from '../../src/services/snapshot/model';
import { KEYS } from '../../src/services/keys';
import type { KeptSight, KeptView } from '../../src/services/surfaces/kept';
import { keyPrefix, queryAll } from '../../src/store/port';
import { forbiddenFor } from '../builders/forbidden';
import { demoUser, ok, startRuntimeStack, type RuntimeStack } from './harness';

jest.setTimeout(180_000);

const NOW = Date.parse('2026-11-16T09:00:00Z');
const PMO = 'pmo@demo.test';
/** Browses PAY, MOB, WEB and DATA, not SEC; not in the Executives level of PAY's secured epics. */
const DANA = 'dev@demo.test';

/** Each gadget with its saved configuration (the wins gadget lists as many as it may). */
const GADGETS = [
  ['portfolio-health-gadget', 'reports/health', {}],
  ['delivery-flow-gadget', 'reports/flow', {}],
  ['value-by-goal-gadget', 'reports/value', {}],
  ['forecast-gadget', 'reports/forecast', {}],
  ['recent-wins-gadget', 'reports/wins', { count: 20 }],
] as const;

interface Dashboard {
  health: SurfaceView<HealthData>;
  flow: SurfaceView<FlowData>;
  value: SurfaceView<unknown>;
  forecast: SurfaceView<unknown>;
  wins: SurfaceView<WinsData>;
  records: InvocationRecord[];
  totals: ReturnType<typeof Meter.totals>;
}

describe('a dashboard of the five gadgets on the local Forge runtime', () => {
  let stack: RuntimeStack;

  /** The five gadgets at once, as a dashboard opens them, with what they cost together. */
  async function open(email: string): Promise<Dashboard> {
    const mark = stack.runtime.meter.mark();
    const answers = await Promise.all(
      GADGETS.map(([module, key, config]) =>
        stack.call<SurfaceView<unknown>>(key, email, { config }, module),
      ),
    );
    const records = stack.runtime.meter.since(mark);
    const [health, flow, value, forecast, wins] = answers.map((a) => ok(a));
    return {
      health: health as SurfaceView<HealthData>,
      flow: flow as SurfaceView<FlowData>,
      value: value!,
      forecast: forecast!,
      wins: wins as SurfaceView<WinsData>,
      records,
      totals: Meter.totals(records),
    };
  }

  const answersOf = (d: Dashboard) => [d.health, d.flow, d.value, d.forecast, d.wins];
  /** What is kept under a viewer's account id, by gadget (or `sight`). */
  const keptOf = async (email: string) => {
    const prefix = `view:acct:${demoUser(email).accountId}:`;
    const entries = await queryAll(stack.runtime.kvs.inspector(), keyPrefix<KeptView | KeptSight>(prefix));
    return entries.map((e) => ({ gadget: e.key.slice(prefix.length).split(':')[0], value: e.value }));
  };
  const pointer = async () =>
    (await stack.runtime.kvs.inspector().get(KEYS.snapshot.pointer)) as SnapshotPointer | undefined;

  beforeAll(async () => {
    stack = await startRuntimeStack({ seed: 11, issues: 1200, now: NOW });
    await stack.importSample();
    await stack.syncByTrigger();
  });
  afterAll(() => stack.close());

  it('a returning viewer pays at most 5 storage read units and 1 Jira request for the five gadgets', async () => {
    const first = await open(PMO);
    expect(first.totals.failures).toBe(0);
    const again = await open(PMO);
    expect(again.totals.failures).toBe(0);
    expect(again.totals.invocations).toBe(5);
    expect(again.totals.kvsReadUnits).toBeLessThanOrEqual(5);
    expect(again.totals.jiraRequests).toBeLessThanOrEqual(1);
    // One batch read per gadget, and nothing written.
    expect(again.records.map((r) => r.kvsRequests)).toEqual([1, 1, 1, 1, 1]);
    expect(again.totals.kvsWriteUnits).toBe(0);
    // The kept answers are the answers.
    expect(answersOf(again)).toEqual(answersOf(first));
  });

  it('a viewer with fewer rights gets their own answers, redacted, and pays as little when returning', async () => {
    const lead = await open(PMO);
    const dana = await open(DANA);
    expect(dana.totals.failures).toBe(0);
    const danaAgain = await open(DANA);
    expect(danaAgain.totals.kvsReadUnits).toBeLessThanOrEqual(5);
    expect(danaAgain.totals.jiraRequests).toBeLessThanOrEqual(1);
    expect(answersOf(danaAgain)).toEqual(answersOf(dana));

    // Aggregates are everyone's; the flow table and the wins are hers.
    expect(dana.health).toEqual(lead.health);
    expect(dana.flow.data!.comparison).toEqual(lead.flow.data!.comparison);
    const leadProjects = lead.flow.data!.byJiraProject!.map((r) => r.projectKey);
    const danaProjects = dana.flow.data!.byJiraProject!.map((r) => r.projectKey);
    expect(leadProjects).toContain('SEC');
    expect(danaProjects).not.toContain('SEC');
    expect(danaProjects.length).toBeGreaterThan(0);

    const forbidden = forbiddenFor(stack.demo.dataset.issues);
    for (const answer of [...answersOf(dana), ...answersOf(danaAgain)]) {
      expect(forbidden.find(JSON.stringify(answer))).toEqual([]);
    }
    // The search finds what the lead may see, so it works.
    expect(forbidden.find(JSON.stringify(answersOf(lead))).length).toBeGreaterThan(0);
    expect(dana.wins.data!.wins.some((w) => w.redacted)).toBe(true);
    expect(lead.wins.data!.wins.every((w) => !w.redacted)).toBe(true);

    // Kept per viewer: the wins and the flow table under each one's account id, with what Jira said.
    const leadKept = await keptOf(PMO);
    const danaKept = await keptOf(DANA);
    for (const kept of [leadKept, danaKept]) {
      expect(kept.map((e) => e.gadget).sort()).toEqual(['flow', 'sight', 'wins']);
    }
    const winsOf = (kept: typeof leadKept) => kept.find((e) => e.gadget === 'wins')!.value;
    expect(winsOf(danaKept)).not.toEqual(winsOf(leadKept));
  });

  it('after a new snapshot version, nothing kept from the version before is used', async () => {
    await open(PMO);
    await open(DANA);
    const before = (await pointer())!;
    stack.demo.mutate({ share: 0.05, at: NOW + 10 * 60_000 });
    await stack.syncByTrigger();
    const after = (await pointer())!;
    expect(after.version).not.toBe(before.version);

    for (const email of [PMO, DANA]) {
      const fresh = await open(email);
      expect(fresh.totals.failures).toBe(0);
      for (const answer of answersOf(fresh)) expect(answer.generatedAt).toBe(after.generatedAt);
      // Each gadget read the new version's parts beyond its one batch read; for the second viewer, those
      // whose answer is everyone's were computed for the first.
      const computed = fresh.records.filter((r) => r.kvsRequests > 1).map((r) => r.detail);
      expect(computed.sort()).toEqual(
        email === PMO ? GADGETS.map(([, key]) => key).sort() : ['reports/flow', 'reports/wins'],
      );
      const again = await open(email);
      expect(again.totals.kvsReadUnits).toBeLessThanOrEqual(5);
      expect(answersOf(again)).toEqual(answersOf(fresh));
    }
    for (const email of [PMO, DANA]) {
      for (const { value } of await keptOf(email))
        expect((value as { version: string }).version).toBe(after.version);
    }
  });

  it('a PMO lead’s health override shows at once in every viewer’s kept dashboard', async () => {
    const before = await open(DANA);
    const row = before.health.data!.rows.find(
      (r) => r.health.override === null && r.health.rating !== 'red',
    )!;
    ok(
      await stack.call('health/override', PMO, {
        projectId: row.id,
        rating: 'red',
        comment: 'Supplier late',
        expires: '2026-12-31',
        expectedVersion: null,
      }),
    );
    const after = await open(DANA);
    const overridden = after.health.data!.rows.find((r) => r.id === row.id)!;
    expect(overridden.health.rating).toBe('red');
    expect(overridden.health.override?.comment).toBe('Supplier late');
  });
});
