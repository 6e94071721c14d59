import { canConfigure, keepsAccess } from '../../src/services/access';
import { JiraClient } from '../../src/jira/client';
import type { JiraRequest, JiraResponse, JiraTransport } from '../../src/jira/transport';

/** Jira as one user sees it: whether they administer Jira, and their groups. */
class UserJira implements JiraTransport {
  readonly requests: JiraRequest[] = [];

  constructor(private readonly user: { admin: boolean; groups: string[] }) {}

  async send(request: JiraRequest): Promise<JiraResponse> {
    this.requests.push(request);
    const body =
      request.endpoint === 'myPermissions'
        ? { permissions: { ADMINISTER: { havePermission: this.user.admin } } }
        : request.endpoint === 'myself'
          ? {
              accountId: 'user-1',
              displayName: 'A user',
              groups: { size: this.user.groups.length, items: this.user.groups.map((name) => ({ name })) },
            }
          : undefined;
    if (body === undefined) throw new Error(`unexpected request ${request.endpoint}`);
    return { status: 200, header: () => null, text: async () => JSON.stringify(body) };
  }
}

const asUser = (user: { admin: boolean; groups: string[] }) => {
  const transport = new UserJira(user);
  return { transport, client: new JiraClient(transport, { retry: { maxRetries: 0 } }) };
};

describe('keepsAccess: would the user still be allowed to configure with this PMO-lead group?', () => {
  it('yes for a member of the group', async () => {
    const { client } = asUser({ admin: false, groups: ['pmo-leads', 'developers'] });
    await expect(keepsAccess(client, 'pmo-leads')).resolves.toBe(true);
  });

  it('no for a member of another group only, as the group is compared exactly as Jira names it', async () => {
    const { client } = asUser({ admin: false, groups: ['pmo-leads'] });
    await expect(keepsAccess(client, 'portfolio-office')).resolves.toBe(false);
    await expect(keepsAccess(client, 'PMO-Leads')).resolves.toBe(false);
    await expect(keepsAccess(client, 'pmo-leads ')).resolves.toBe(false);
  });

  it('yes for a Jira administrator in no group at all', async () => {
    const { client } = asUser({ admin: true, groups: [] });
    await expect(keepsAccess(client, 'portfolio-office')).resolves.toBe(true);
  });

  it('asks Jira as the user, for the permission and the groups, and agrees with canConfigure', async () => {
    for (const user of [
      { admin: false, groups: [] },
      { admin: false, groups: ['pmo-leads'] },
      { admin: true, groups: ['pmo-leads'] },
    ]) {
      for (const group of ['pmo-leads', 'someone-else']) {
        const { client, transport } = asUser(user);
        const keeps = await keepsAccess(client, group);
        expect(keeps).toBe(await canConfigure(asUser(user).client, group));
        expect(transport.requests.map((r) => r.endpoint).sort()).toEqual(['myPermissions', 'myself']);
        expect(transport.requests.find((r) => r.endpoint === 'myself')?.query).toEqual({ expand: 'groups' });
      }
    }
  });
});
