/**
 * Personal data through the production bundle on the local Forge runtime: the weekly privacy trigger
 * reports the account ids the app keeps to the runtime's personal data reporting API, erases the one the
 * API calls closed from every stored value, keeps the others, and deletes audit entries past retention.
 */
import { inflateRawSync } from 'node:zlib';
import { privacy } from '@forge/api';
import type {
  AuditEntry,
  PortfolioConfigView,
  StrategicGoal,
  SurfaceView,
  WinsPageData,
} from '../../src/contract';
import type { CuratedWin } from '../../src/domain/wins';
import { KEYS } from '../../src/services/keys';
import { AUDIT_RETENTION_DAYS, CLOSED_ACCOUNT } from '../../src/services/privacy';
import { keyPrefix, queryAll, type Store } from '../../src/store/port';
import { demoUser, ok, startRuntimeStack, type RuntimeStack } from './harness';

const NOW = Date.parse('2026-11-16T09:00:00Z');
const DAY = 86_400_000;
const LEAD = 'pmo@demo.test';
const ADMIN = 'admin@demo.test';
const lead = demoUser(LEAD).accountId;
const admin = demoUser(ADMIN).accountId;
const dev = demoUser('dev@demo.test').accountId;

// Three syncs of a small site run in here.
jest.setTimeout(120_000);

/**
 * Every stored key and value as text, chunked values put back together (and decompressed) first (an id may straddle two
 * pieces), so a search for an id misses nothing.
 */
async function storedText(store: Store): Promise<Map<string, string>> {
  const entries = await queryAll(store, keyPrefix<unknown>(''));
  const values = new Map(entries.map((e) => [e.key as string, e.value]));
  const text = new Map<string, string>();
  for (const [key, value] of values) {
    const chunks = (value as { chunks?: unknown } | null)?.chunks;
    if (typeof chunks === 'number') {
      const pieces = Array.from({ length: chunks }, (_, n) => values.get(`${key}:${n}`));
      if (pieces.every((p) => typeof p === 'string')) {
        const joined = pieces.join('');
        const enc = (value as { enc?: unknown }).enc;
        const whole =
          enc === 'deflate' ? inflateRawSync(Buffer.from(joined, 'base64')).toString('utf8') : joined;
        text.set(key, `${key} ${whole}`);
        continue;
      }
    }
    text.set(key, `${key} ${JSON.stringify(value)}`);
  }
  return text;
}
const keysNaming = (text: Map<string, string>, id: string) =>
  [...text].filter(([, t]) => t.includes(id)).map(([key]) => key);

describe('the privacy job on the local Forge runtime', () => {
  let stack: RuntimeStack;
  beforeAll(async () => {
    stack = await startRuntimeStack({ seed: 3, issues: 400, now: NOW });
    await stack.importSample();
  });
  afterAll(() => stack.close());

  it("answers @forge/api's reportPersonalData: 90 accounts a request, closed and updated ones named", async () => {
    const globals = globalThis as { __forge_fetch__?: unknown };
    globals.__forge_fetch__ = stack.runtime.sdkBoundary().fetch;
    try {
      const before = stack.runtime.accounts.requests.length;
      stack.runtime.closeAccount('sdk-closed');
      stack.runtime.updateAccount('sdk-updated', NOW);
      const accounts = Array.from({ length: 100 }, (_, i) => ({
        accountId: i === 0 ? 'sdk-closed' : i === 95 ? 'sdk-updated' : `sdk-${i}`,
        updatedAt: new Date(NOW - DAY).toISOString(),
      }));
      const updates = await privacy.reportPersonalData(accounts);
      expect(updates).toEqual([
        { accountId: 'sdk-closed', status: 'closed' },
        { accountId: 'sdk-updated', status: 'updated' },
      ]);
      expect(stack.runtime.accounts.requests.slice(before).map((r) => r.length)).toEqual([90, 10]);
      // A malformed report is refused: the helper rejects with the 400 answer.
      const refused: unknown = await privacy
        .reportPersonalData([{ accountId: 'sdk-1', updatedAt: 'last week' }])
        .catch((error: unknown) => error);
      expect((refused as { status?: number }).status).toBe(400);
    } finally {
      delete globals.__forge_fetch__;
    }
  });

  it('erases a closed account from every stored value, keeps the others, and applies the retention', async () => {
    // The PMO lead names themself owner of one goal; the admin names the developer owner of another.
    const goals = ok(await stack.call<PortfolioConfigView>('config/get', LEAD)).goals;
    const [mine, theirs] = goals as [StrategicGoal, StrategicGoal];
    ok(
      await stack.call('config/saveGoal', LEAD, {
        goal: { ...mine, ownerAccountId: lead },
        expectedVersion: mine.version,
      }),
    );
    ok(
      await stack.call('config/saveGoal', ADMIN, {
        goal: { ...theirs, ownerAccountId: dev },
        expectedVersion: theirs.version,
      }),
    );
    await stack.syncByTrigger();

    // The lead curates a win and overrides a PMO project's health; the next sync copies the override.
    const page = ok(
      await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', LEAD, {}, 'pmo-wins-page'),
    );
    const win = page.data?.wins[0];
    if (win) {
      ok(
        await stack.call<CuratedWin>('wins/curate', LEAD, {
          id: win.id,
          featured: true,
          hidden: false,
          note: 'Shown to the board',
          title: null,
          expectedVersion: win.curationVersion,
        }),
      );
    }
    const project = ok(await stack.call<PortfolioConfigView>('config/get', LEAD)).projects[0]!;
    ok(
      await stack.call('health/override', LEAD, {
        projectId: project.id,
        rating: 'amber',
        comment: 'Supplier late',
        expires: '2026-12-31',
        expectedVersion: null,
      }),
    );
    await stack.syncByTrigger();
    expect(keysNaming(await storedText(stack.runtime.kvs.inspector()), lead)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^snap:.*:data$/), expect.stringMatching(/^audit:/)]),
    );

    // Audit entries from before the retention, and from inside it.
    const entry = (at: number, accountId: string): AuditEntry => ({
      at,
      accountId,
      action: 'update',
      entity: 'settings',
      entityId: null,
      name: 'Settings',
      changed: ['timeZone'],
    });
    const oldKey = KEYS.config.audit(NOW - (AUDIT_RETENTION_DAYS + 50) * DAY);
    const recentKey = KEYS.config.audit(NOW - 30 * DAY);
    for (const [key, value] of [
      [oldKey, entry(NOW - (AUDIT_RETENTION_DAYS + 50) * DAY, admin)],
      [recentKey, entry(NOW - 30 * DAY, admin)],
    ] as const) {
      expect(stack.runtime.kvs.handle('/api/v1/set', { key, value }).answer.status).toBeLessThan(300);
    }

    stack.runtime.closeAccount(lead);
    const mark = stack.runtime.meter.mark();
    const before = stack.runtime.accounts.requests.length;
    await stack.runtime.fireScheduledTrigger('privacy-weekly');
    // The job asked for a sync (a snapshot copied the override), which publishes a version without it;
    // the version before, kept for requests under way, goes at the next publish: here a Refresh now
    // (an hourly sync that finds nothing changed publishes nothing; the first of the next day does).
    await stack.runtime.queuesIdle();
    ok(await stack.call('sync/start', ADMIN));
    await stack.runtime.queuesIdle();

    const job = stack.runtime.meter.since(mark).find((r) => r.detail === 'privacy-weekly');
    expect(job).toMatchObject({ functionKey: 'privacy-job', outcome: 'ok', error: null });
    const reported = stack.runtime.accounts.requests.slice(before).flat();
    expect(reported.map((a) => a.accountId).sort()).toEqual([admin, dev, lead].sort());
    expect(reported.every((a) => Date.parse(a.updatedAt) <= NOW + DAY)).toBe(true);

    const inspector = stack.runtime.kvs.inspector();
    const text = await storedText(inspector);
    expect(keysNaming(text, lead)).toEqual([]);
    expect(keysNaming(text, dev).length).toBeGreaterThan(0);
    expect(keysNaming(text, admin).length).toBeGreaterThan(0);

    expect(await inspector.get(oldKey)).toBeUndefined();
    expect(await inspector.get(recentKey)).toEqual(entry(NOW - 30 * DAY, admin));

    const after = ok(await stack.call<PortfolioConfigView>('config/get', ADMIN)).goals;
    expect(after.find((g) => g.id === mine.id)).toMatchObject({
      ownerAccountId: null,
      version: mine.version + 2,
    });
    expect(after.find((g) => g.id === theirs.id)?.ownerAccountId).toBe(dev);
    if (win) expect((await inspector.get(KEYS.curation.win(win.id)))?.by).toBe(CLOSED_ACCOUNT);
    expect((await inspector.get(KEYS.curation.override(project.id)))?.by).toBe(CLOSED_ACCOUNT);
  });
});
