/**
 * The local runtime's personal data reporting API (`POST /app/report-accounts`): what it accepts, how it
 * refuses, and what it answers for closed and updated accounts.
 */
import { AccountRegistry } from '../../dev/forge-runtime/privacy';

const AT = '2026-11-18T10:00:00.000Z';
const post = (registry: AccountRegistry, body: unknown) =>
  registry.handle({ method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
const answer = (registry: AccountRegistry, body: unknown) => {
  const { status, body: text } = post(registry, body);
  return { status, body: text === undefined ? undefined : (JSON.parse(text) as unknown) };
};

describe('the local personal data reporting API', () => {
  it('answers 204 when no reported account asks anything of the app', () => {
    const registry = new AccountRegistry();
    expect(answer(registry, { accounts: [{ accountId: 'a-1', updatedAt: AT }] })).toEqual({
      status: 204,
      body: undefined,
    });
    expect(registry.requests).toEqual([[{ accountId: 'a-1', updatedAt: AT }]]);
  });

  it('names closed accounts, and updated ones whose profile changed after the data was fetched', () => {
    const registry = new AccountRegistry();
    registry.close('gone');
    registry.update('moved', Date.parse(AT));
    const result = answer(registry, {
      accounts: [
        { accountId: 'gone', updatedAt: AT },
        { accountId: 'moved', updatedAt: '2026-11-17T10:00:00Z' },
        { accountId: 'moved', updatedAt: '2026-11-19T10:00:00+01:00' },
        { accountId: '557058:f58131cb-b67d', updatedAt: AT },
      ],
    });
    expect(result).toEqual({
      status: 200,
      body: {
        accounts: [
          { accountId: 'gone', status: 'closed' },
          { accountId: 'moved', status: 'updated' },
        ],
      },
    });
    expect(registry.reportedIds()).toEqual(['gone', 'moved', '557058:f58131cb-b67d']);
  });

  it.each([
    [
      'more than 90 accounts',
      { accounts: Array.from({ length: 91 }, (_, i) => ({ accountId: `a${i}`, updatedAt: AT })) },
    ],
    ['no account', { accounts: [] }],
    ['no accounts array', { account: [] }],
    ['a body that is not JSON', '{accounts'],
    ['a missing account id', { accounts: [{ updatedAt: AT }] }],
    ['an account id with other characters', { accounts: [{ accountId: 'pmo@demo.test', updatedAt: AT }] }],
    ['an account id over 128 characters', { accounts: [{ accountId: 'a'.repeat(129), updatedAt: AT }] }],
    ['a missing time', { accounts: [{ accountId: 'a-1' }] }],
    ['a date without a time', { accounts: [{ accountId: 'a-1', updatedAt: '2026-11-18' }] }],
    ['a time in epoch milliseconds', { accounts: [{ accountId: 'a-1', updatedAt: Date.parse(AT) }] }],
    ['an impossible date', { accounts: [{ accountId: 'a-1', updatedAt: '2026-13-45T10:00:00Z' }] }],
  ])('refuses %s with 400 and the error shape Atlassian documents', (_what, body) => {
    const registry = new AccountRegistry();
    const result = answer(registry, body);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ errorType: 'INVALID_REQUEST', errorMessage: expect.any(String) });
    expect(registry.requests).toEqual([]);
  });

  it('takes accounts with POST only', () => {
    expect(new AccountRegistry().handle({ method: 'GET' }).status).toBe(405);
  });
});
