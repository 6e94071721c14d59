import { DEMO_USERS, startDemoJira, type DemoJira } from '../../dev/demo-jira';
import type { FieldSettingsView, Result } from '../../src/contract';
import { JiraClient } from '../../src/jira/client';
import { HttpJiraAccess } from '../../src/jira/http-transport';
import { createResolver } from '../../src/resolvers';
import { loadSettings } from '../../src/services/settings';
import { readProgress, runSync } from '../../src/services/sync';
import { MemoryStore } from '../../src/store/memory';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const byEmail = (email: string) => DEMO_USERS.find((u) => u.email === email)!;

describe('field settings', () => {
  let demo: DemoJira;
  let store: MemoryStore;
  let access: HttpJiraAccess;
  let handler: ReturnType<typeof createResolver>;
  const call = async <T>(key: string, email: string, payload?: unknown) =>
    (await handler(
      { call: { functionKey: key, payload: payload as never }, context: {} },
      { principal: { accountId: byEmail(email).accountId } },
    )) as Result<T>;

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 2, issues: 300, now: new Date(NOW) });
    const app = byEmail('app@demo.test');
    access = new HttpJiraAccess(
      demo.url,
      { email: app.email, apiToken: app.apiToken },
      Object.fromEntries(DEMO_USERS.map((u) => [u.accountId, { email: u.email, apiToken: u.apiToken }])),
    );
    store = new MemoryStore();
    handler = createResolver({ store, jira: access, clock: () => NOW, requestSync: async () => undefined });
    await runSync({ store, jira: new JiraClient(access.asApp()), clock: () => NOW });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('offers what discovery found and the custom fields to choose from', async () => {
    const result = await call<FieldSettingsView>('config/fields', 'dev@demo.test');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.discoveredAt).toBe(NOW);
    expect(result.data.discovered).toEqual({
      estimate: 'customfield_10016',
      value: 'customfield_10030',
      flagged: 'customfield_10021',
      startDate: 'customfield_10015',
    });
    expect(result.data.confirmed).toEqual({ estimate: null, value: null, flagged: null, startDate: null });
    expect(result.data.candidates.map((c) => c.id).sort()).toEqual([
      'customfield_10015',
      'customfield_10016',
      'customfield_10021',
      'customfield_10030',
    ]);
  });

  it('refuses a field of the wrong type or one the site does not have, changing nothing', async () => {
    const wrongType = await call('config/saveFields', 'pmo@demo.test', {
      fields: { estimate: 'customfield_10015', value: null, flagged: null, startDate: null },
    });
    expect(wrongType).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        field: 'fields.estimate',
        message: 'Estimate: Start date holds date values, not number values',
      },
    });
    const unknown = await call('config/saveFields', 'pmo@demo.test', {
      fields: { estimate: null, value: 'customfield_99999', flagged: null, startDate: null },
    });
    expect(!unknown.ok && unknown.error.field).toBe('fields.value');
    const malformed = await call('config/saveFields', 'pmo@demo.test', { fields: { estimate: 'points' } });
    expect(!malformed.ok && malformed.error.field).toBe('fields.estimate');
    expect((await loadSettings(store)).fields).toEqual({
      estimate: null,
      value: null,
      flagged: null,
      startDate: null,
    });
  });

  it('lets only admins and PMO leads confirm fields; a change makes the next sync read everything', async () => {
    const choice = { estimate: 'customfield_10016', value: null, flagged: null, startDate: null };
    const refused = await call('config/saveFields', 'dev@demo.test', { fields: choice });
    expect(!refused.ok && refused.error.kind).toBe('forbidden');
    const saved = await call<FieldSettingsView>('config/saveFields', 'pmo@demo.test', {
      fields: { ...choice, value: 'customfield_10016' },
    });
    expect(saved.ok && saved.data.confirmed.value).toBe('customfield_10016');
    await runSync({ store, jira: new JiraClient(access.asApp()), clock: () => NOW + 60_000 });
    expect((await readProgress(store)).mode).toBe('full');
  });
});
