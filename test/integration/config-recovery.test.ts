/**
 * Damaged configuration, curation and audit values, through the real resolvers: each is named with what
 * to do, nothing else breaks, and an import (or the next change) puts a sound value in its place.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  AuditEntry,
  HealthRow,
  PortfolioConfigView,
  PortfolioDocument,
  StrategicGoal,
  SurfaceView,
  WinsPageData,
} from '../../src/contract';
import { KEYS, PREFIXES } from '../../src/services/keys';
import { storeKey, type Key } from '../../src/store/port';
import { goalInput } from '../builders/pmo';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-16T09:00:00Z');
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as PortfolioDocument;
const LEAD = 'pmo@demo.test';
const ADMIN = 'admin@demo.test';

describe('damaged configuration is named and replaced', () => {
  let stack: ResolverStack;
  const view = async (email = LEAD) => ok(await stack.call<PortfolioConfigView>('config/get', email));
  const damage = (key: string, value: unknown) => stack.store.set(storeKey<unknown>(key), value);
  const head = async () => (await stack.store.get(KEYS.config.head))!;

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 3, issues: 300, now: NOW });
    ok(await stack.call('config/import', LEAD, { document: SAMPLE }));
    await stack.sync();
  }, 60_000);
  afterAll(() => stack.close());

  const reimport = async (email = LEAD) => {
    const imported = ok(await stack.call<PortfolioConfigView>('config/import', email, { document: SAMPLE }));
    expect(imported.damage).toBeNull();
    expect(imported.goals).toHaveLength(SAMPLE.goals.length);
    expect(imported.projects).toHaveLength(SAMPLE.projects.length);
  };

  it('a damaged goal: the settings page names it, a save says to import, an import replaces it', async () => {
    const { gen } = await head();
    const goalKey = KEYS.config.goal(gen, SAMPLE.goals[1]!.id);
    await damage(goalKey, { seq: 1, value: { name: 42 } });

    const shown = await view();
    expect(shown.damage).toContain(`“${goalKey}”`);
    expect(shown.damage).toContain('Import a portfolio file');
    expect(shown.goals).toEqual([]);
    const save = await stack.call('config/saveGoal', LEAD, {
      goal: goalInput({ name: 'Anything' }),
      expectedVersion: null,
    });
    expect(!save.ok && save.error.kind).toBe('damaged');
    expect(!save.ok && save.error.message).toContain(goalKey);
    // A sync that computes says so too, rather than computing from half a model. (An hourly sync that
    // finds nothing changed computes nothing, so it reads no goal: Refresh now, or the next change, does.)
    await expect(stack.sync(undefined, { recompute: true })).rejects.toThrow(goalKey);

    await reimport();
    expect((await stack.sync()).metrics.projects).toHaveLength(SAMPLE.projects.length);
  });

  it('a damaged list head, cut-short JSON in a value: named the same way, and an import recovers', async () => {
    await damage(KEYS.config.head, 'gar');
    expect((await view()).damage).toContain('“cfg:model”');
    await reimport();
    const goal = ok(
      await stack.call<StrategicGoal>('config/saveGoal', LEAD, {
        goal: goalInput({ name: 'After the repair' }),
        expectedVersion: null,
      }),
    );
    expect(goal.version).toBe(1);
    expect((await view()).goals.map((g) => g.name)).toContain('After the repair');
    await reimport();
  });

  it('damaged settings: only administrators may change anything until they are replaced', async () => {
    await damage(KEYS.config.settings, ['not', 'settings']);
    const shown = await view(ADMIN);
    expect(shown.damage).toContain('“cfg:settings”');
    expect(shown.canConfigure).toBe(true);
    expect((await view(LEAD)).canConfigure).toBe(false);
    const refused = await stack.call('config/import', LEAD, { document: SAMPLE });
    expect(!refused.ok && refused.error.kind).toBe('forbidden');
    expect(!refused.ok && refused.error.message).toContain('settings are damaged');

    // The administrator saves the settings the page showed (the defaults): sound again.
    const { version: _v, ...settings } = shown.settings;
    ok(
      await stack.call('config/saveSettings', ADMIN, {
        settings: { ...settings, pmoLeadGroup: 'pmo-leads' },
        expectedVersion: shown.settings.version,
      }),
    );
    expect((await view(LEAD)).damage).toBeNull();
    expect((await view(LEAD)).canConfigure).toBe(true);
    await reimport();
  });

  it('a damaged curation or override counts as none: the wins and health still show, the next change replaces it', async () => {
    const page = async (quarter: string | null) =>
      ok(await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, { quarter })).data!;
    const quarters = [...(await page(null)).quarters].reverse();
    let quarter = quarters[0]!;
    for (const q of quarters) if ((await page(q)).wins.length > 0 && (quarter = q)) break;
    const win = (await page(quarter)).wins[0]!;
    await damage(KEYS.curation.win(win.id), { featured: 'yes' });
    await damage(KEYS.curation.override(SAMPLE.projects[0]!.id), 17);

    const again = await page(quarter);
    expect(again.wins.find((w) => w.id === win.id)?.curationVersion).toBeNull();
    ok(
      await stack.call('wins/curate', LEAD, {
        id: win.id,
        featured: true,
        hidden: false,
        note: 'Repaired',
        title: null,
        expectedVersion: null,
      }),
    );
    expect(await stack.store.get(KEYS.curation.win(win.id))).toMatchObject({ note: 'Repaired', version: 1 });

    const row = ok(
      await stack.call<HealthRow>('health/override', LEAD, {
        projectId: SAMPLE.projects[0]!.id,
        rating: 'amber',
        comment: 'Replaces a damaged override',
        expires: '2026-12-31',
        expectedVersion: null,
      }),
    );
    expect(row.health.override).toMatchObject({ rating: 'amber', version: 1 });
  });

  it('a damaged audit entry is left out; the rest of the trail reads', async () => {
    const before = ok(await stack.call<AuditEntry[]>('config/audit', LEAD));
    const [first] = (await stack.store.query(PREFIXES.audit, { limit: 1 })).entries;
    await damage(first!.key, { at: 'yesterday' });
    const after = ok(await stack.call<AuditEntry[]>('config/audit', LEAD));
    expect(after).toHaveLength(before.length - 1);
  });

  it('a damaged lease record frees the lease: the next save goes through', async () => {
    const leases = await stack.store.query(storeKey<unknown>('lease:config:') as never, {});
    expect(leases.entries.length).toBeGreaterThan(0);
    for (const e of leases.entries) await damage(e.key, 'x');
    await damage('lease:config', { n: 'many' });
    const goal = ok(
      await stack.call<StrategicGoal>('config/saveGoal', LEAD, {
        goal: goalInput({ name: 'Saved past a damaged lease' }),
        expectedVersion: null,
      }),
    );
    expect(goal.version).toBe(1);
  });

  it('an older installation’s one-document portfolio, cut short, is named too', async () => {
    await stack.store.delete(KEYS.config.head as Key<unknown>);
    await damage('cfg:portfolio', { chunks: 1 });
    await damage('cfg:portfolio:0', '{"goals":[{"id":"g');
    const shown = await view();
    expect(shown.damage).toContain('“cfg:portfolio”');
    await reimport();
  });

  it('a damaged secret for opaque win ids is replaced; redacted wins still get opaque ids', async () => {
    await damage('cfg:win-id-salt', { salt: 7 });
    const views = await Promise.all(
      [null, ...(await winsPage(null)).quarters].map((quarter) => winsPage(quarter, 'dev@demo.test')),
    );
    const redacted = views.flatMap((v) => v.wins).filter((w) => w.redacted);
    expect(redacted.length).toBeGreaterThan(0);
    for (const w of redacted) expect(w.id).toMatch(/^w-[0-9a-f]{20}$/);
    const stored = (await stack.store.get(storeKey<{ salt: string }>('cfg:win-id-salt')))!;
    expect(stored.salt).toMatch(/^[0-9a-f]{64}$/);
  });

  const winsPage = async (quarter: string | null, email = LEAD) =>
    ok(await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', email, { quarter })).data!;
});
