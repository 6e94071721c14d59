/**
 * A busy PMO team, through the production bundle on the local Forge runtime: writers in parallel, each
 * from what it read. Nothing said "ok" may be lost, a stale save is refused with "Reload", and the audit
 * trail lists exactly what persisted.
 */
import type {
  AuditEntry,
  CurationResult,
  HealthRow,
  PmoProject,
  PortfolioConfigView,
  StrategicGoal,
  SurfaceView,
  WinsPageData,
} from '../../src/contract';
import type { CuratedWin } from '../../src/domain/wins';
import { KEYS, PREFIXES } from '../../src/services/keys';
import { queryAll } from '../../src/store/port';
import { goalInput, projectInput } from '../builders/pmo';
import { ok, startRuntimeStack, type RuntimeStack } from './harness';

const NOW = Date.parse('2026-11-16T09:00:00Z');
const LEAD = 'pmo@demo.test';
const ADMIN = 'admin@demo.test';
const WRITERS = [2, 10, 20] as const;

describe('parallel writers through the local Forge runtime', () => {
  let stack: RuntimeStack;
  const audit = async () =>
    (await queryAll(stack.runtime.kvs.inspector(), PREFIXES.audit)).map((e) => e.value as AuditEntry);
  const model = async () => ok(await stack.call<PortfolioConfigView>('config/get', LEAD));
  const refusals = (results: { ok: boolean; error?: { kind: string; message: string } }[]) =>
    results.filter((r) => !r.ok).map((r) => r.error!);

  beforeAll(async () => {
    stack = await startRuntimeStack({ seed: 5, issues: 400, now: NOW });
    // A portfolio of 20 goals and 20 PMO projects, so every writer can have its own.
    const goals = Array.from({ length: 20 }, (_, i) =>
      goalInput({ id: `goal-${i + 1}`, name: `Goal ${i + 1}` }),
    );
    const projects = Array.from({ length: 20 }, (_, i) =>
      projectInput({
        id: `proj-${i + 1}`,
        name: `PMO project ${i + 1}`,
        goals: [{ goalId: `goal-${(i % 20) + 1}`, level: 2 }],
        scope: { epicKeys: [], projectKeys: [['PAY', 'MOB', 'WEB', 'DATA'][i % 4]!], jql: null },
      }),
    );
    const settings = ok(await stack.call<PortfolioConfigView>('config/get', LEAD)).settings;
    const { version: _v, ...plainSettings } = settings;
    ok(
      await stack.call('config/import', LEAD, {
        document: {
          format: 'pmo-wins/portfolio',
          formatVersion: 1,
          goals,
          projects,
          settings: plainSettings,
        },
      }),
    );
    await stack.syncByTrigger();
  }, 120_000);
  afterAll(() => stack.close());

  it.each(WRITERS)(
    '%i saves of one PMO project from the same version: one lands, the others are told to reload',
    async (n) => {
      const before = (await model()).projects.find((p) => p.id === 'proj-1')!;
      const auditBefore = (await audit()).length;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          stack.call<PmoProject>('config/saveProject', i % 2 ? LEAD : ADMIN, {
            project: { ...before, description: `Writer ${i}` },
            expectedVersion: before.version,
          }),
        ),
      );
      const saved = results.filter((r) => r.ok);
      expect(saved).toHaveLength(1);
      expect(refusals(results)).toHaveLength(n - 1);
      for (const error of refusals(results)) {
        expect(error.kind).toBe('conflict');
        expect(error.message).toMatch(/Reload|try again/);
      }
      const after = (await model()).projects.find((p) => p.id === 'proj-1')!;
      expect(after.version).toBe(before.version + 1);
      expect(after.description).toBe((saved[0] as { data: PmoProject }).data.description);
      const entries = (await audit()).slice(0, (await audit()).length - auditBefore);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ entity: 'project', entityId: 'proj-1', action: 'update' });
    },
    60_000,
  );

  it.each(WRITERS)(
    '%i edits of %i different PMO projects, each from its own version: every one is kept',
    async (n) => {
      const before = (await model()).projects.slice(0, n);
      const auditBefore = (await audit()).length;
      const results = await Promise.all(
        before.map((p, i) =>
          stack.call<PmoProject>('config/saveProject', i % 2 ? LEAD : ADMIN, {
            project: { ...p, description: `Edited in parallel (${n})` },
            expectedVersion: p.version,
          }),
        ),
      );
      expect(refusals(results)).toEqual([]);
      const after = await model();
      for (const p of before) {
        expect(after.projects.find((x) => x.id === p.id)).toMatchObject({
          description: `Edited in parallel (${n})`,
          version: p.version + 1,
        });
      }
      const entries = (await audit()).slice(0, (await audit()).length - auditBefore);
      expect(entries.map((e) => e.entityId).sort()).toEqual(before.map((p) => p.id).sort());
    },
    60_000,
  );

  it.each(WRITERS)(
    '%i new goals at once: all of them are kept, each audited once',
    async (n) => {
      const goalsBefore = (await model()).goals.length;
      const auditBefore = (await audit()).length;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          stack.call<StrategicGoal>('config/saveGoal', LEAD, {
            goal: goalInput({ name: `Parallel goal ${n}-${i}` }),
            expectedVersion: null,
          }),
        ),
      );
      expect(refusals(results)).toEqual([]);
      const after = await model();
      expect(after.goals).toHaveLength(goalsBefore + n);
      const names = after.goals.map((g) => g.name);
      for (let i = 0; i < n; i++) expect(names).toContain(`Parallel goal ${n}-${i}`);
      const entries = (await audit()).slice(0, (await audit()).length - auditBefore);
      expect(entries.filter((e) => e.entity === 'goal' && e.action === 'create')).toHaveLength(n);
    },
    60_000,
  );

  it.each(WRITERS)(
    '%i curations of different wins at once: every one is kept',
    async (n) => {
      const page = ok(
        await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, {}, 'pmo-wins-page'),
      );
      const all = await wins();
      expect(all.length).toBeGreaterThanOrEqual(2);
      const chosen = all.slice(0, Math.min(n, all.length));
      expect(page.data).not.toBeNull();
      const auditBefore = (await audit()).length;
      const results = await Promise.all(
        chosen.map((w) =>
          stack.call<CurationResult>('wins/curate', LEAD, {
            id: w.id,
            featured: !w.featured,
            hidden: false,
            note: `Reviewed by the board (${n})`,
            title: null,
            expectedVersion: w.curationVersion,
          }),
        ),
      );
      expect(refusals(results)).toEqual([]);
      const stored = await queryAll(stack.runtime.kvs.inspector(), PREFIXES.curations);
      for (const w of chosen) {
        const entry = stored.find((e) => e.value.winId === w.id)?.value;
        expect(entry).toMatchObject({ note: `Reviewed by the board (${n})`, featured: !w.featured });
      }
      const entries = (await audit()).slice(0, (await audit()).length - auditBefore);
      expect(entries.map((e) => [e.entity, e.entityId]).sort()).toEqual(
        chosen.map((w) => ['win', w.id]).sort(),
      );
    },
    60_000,
  );

  it('ten curations of the same win from the same version: one lands', async () => {
    const [win] = await wins();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stack.call<CurationResult>('wins/curate', LEAD, {
          id: win!.id,
          featured: true,
          hidden: false,
          note: `Note ${i}`,
          title: null,
          expectedVersion: win!.curationVersion,
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(refusals(results).every((e) => e.kind === 'conflict')).toBe(true);
    const stored = await stack.runtime.kvs.inspector().get(KEYS.curation.win(win!.id));
    expect(stored!.version).toBe((win!.curationVersion ?? 0) + 1);
  }, 60_000);

  it.each(WRITERS)(
    '%i health overrides of different PMO projects at once: every one is kept',
    async (n) => {
      const rows = (await model()).projects.slice(0, n);
      const auditBefore = (await audit()).length;
      const results = await Promise.all(
        rows.map((p, i) =>
          stack.call<HealthRow>('health/override', LEAD, {
            projectId: p.id,
            rating: (['green', 'amber', 'red'] as const)[i % 3],
            comment: `Agreed with the sponsor (${n})`,
            expires: '2026-12-31',
            expectedVersion: currentOverrides.get(p.id) ?? null,
          }),
        ),
      );
      expect(refusals(results)).toEqual([]);
      const stored = await queryAll(stack.runtime.kvs.inspector(), PREFIXES.overrides);
      for (const p of rows) {
        const o = stored.find((e) => e.value.projectId === p.id)?.value;
        expect(o?.comment).toBe(`Agreed with the sponsor (${n})`);
        currentOverrides.set(p.id, o!.version);
      }
      const entries = (await audit()).slice(0, (await audit()).length - auditBefore);
      expect(entries.map((e) => [e.entity, e.entityId]).sort()).toEqual(
        rows.map((p) => ['health', p.id]).sort(),
      );
    },
    60_000,
  );

  const currentOverrides = new Map<string, number>();

  async function wins(): Promise<CuratedWin[]> {
    const page = ok(
      await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, {}, 'pmo-wins-page'),
    );
    // The two newest quarters have wins enough, and reading fewer keeps to the storage read budget.
    const quarters = page.data!.quarters.slice(-2);
    const all: CuratedWin[] = [];
    for (const quarter of quarters) {
      const view = ok(
        await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, { quarter }, 'pmo-wins-page'),
      );
      all.push(...view.data!.wins);
    }
    return all;
  }
});
