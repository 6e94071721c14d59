import type { FieldSettingsView } from '../../src/contract';
import { loadSettings } from '../../src/services/configuration/settings';
import { readProgress } from '../../src/services/sync';
import { startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');

describe('field settings', () => {
  let stack: ResolverStack;
  const call = <T>(key: string, email: string, payload?: unknown) => stack.call<T>(key, email, payload);

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 2, issues: 300, now: NOW });
    await stack.sync();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('offers what discovery found and the custom fields to choose from', async () => {
    const refused = await call<FieldSettingsView>('config/fields', 'dev@demo.test');
    expect(!refused.ok && refused.error.kind).toBe('forbidden');
    const result = await call<FieldSettingsView>('config/fields', 'pmo@demo.test');
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
      expectedVersion: 0,
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
      expectedVersion: 0,
    });
    expect(!unknown.ok && unknown.error.field).toBe('fields.value');
    const malformed = await call('config/saveFields', 'pmo@demo.test', {
      fields: { estimate: 'points' },
      expectedVersion: 0,
    });
    expect(!malformed.ok && malformed.error.field).toBe('fields.estimate');
    expect((await loadSettings(stack.store)).fields).toEqual({
      estimate: null,
      value: null,
      flagged: null,
      startDate: null,
    });
  });

  it('lets only admins and PMO leads confirm fields; a change makes the next sync read everything', async () => {
    const choice = { estimate: 'customfield_10016', value: null, flagged: null, startDate: null };
    const refused = await call('config/saveFields', 'dev@demo.test', { fields: choice, expectedVersion: 0 });
    expect(!refused.ok && refused.error.kind).toBe('forbidden');
    const saved = await call<FieldSettingsView>('config/saveFields', 'pmo@demo.test', {
      fields: { ...choice, value: 'customfield_10016' },
      expectedVersion: 0,
    });
    expect(saved.ok && saved.data.confirmed.value).toBe('customfield_10016');
    expect(saved.ok && saved.data.version).toBe(1);
    // A second tab still holds version 0: refused, never written over the first.
    const stale = await call('config/saveFields', 'pmo@demo.test', { fields: choice, expectedVersion: 0 });
    expect(!stale.ok && stale.error.kind).toBe('conflict');
    expect((await loadSettings(stack.store)).fields.value).toBe('customfield_10016');
    await stack.sync(NOW + 60_000);
    expect((await readProgress(stack.store)).mode).toBe('full');
  });
});
