/** The resolver answers only the app's own function keys, whatever JavaScript objects inherit. */
import type { SyncProgress } from '../../src/contract';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

describe('the resolver router', () => {
  let stack: ResolverStack;
  beforeAll(async () => {
    stack = await startResolverStack({ seed: 5, issues: 100, now: Date.parse('2026-11-18T10:00:00Z') });
  });
  afterAll(() => stack.close());

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'reports/none'])(
    'refuses "%s" as not found',
    async (functionKey) => {
      const answer = await stack.call(functionKey, 'pmo@demo.test');
      expect(answer).toEqual({
        ok: false,
        error: { kind: 'not-found', message: `No resolver "${functionKey}" in this app` },
      });
    },
  );

  it('still answers its own keys', async () => {
    expect(ok(await stack.call<SyncProgress>('sync/status', 'pmo@demo.test')).phase).toBe('idle');
  });
});
