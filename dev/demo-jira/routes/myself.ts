/** GET /rest/api/3/myself: the caller, with `expand=groups` listing their groups. */
import type { Handler } from '../http/router';
import { findAccount, GROUP_IDS } from '../users';

export const myself: Handler = ({ user, render, url }) => {
  const expand = new Set((url.searchParams.get('expand') ?? '').split(',').map((e) => e.trim()));
  const account = findAccount(user.accountId);
  const body = account ? render.user(account) : {};
  const groups = user.groups.map((name) => ({
    name,
    groupId: GROUP_IDS[name] ?? null,
    self: `${url.origin}/rest/api/3/group?groupId=${encodeURIComponent(GROUP_IDS[name] ?? name)}`,
  }));
  body.groups = { size: groups.length, items: expand.has('groups') ? groups : [] };
  const roles = user.accountType === 'app' ? [] : [{ key: 'jira-software', name: 'Jira Software' }];
  body.applicationRoles = { size: roles.length, items: expand.has('applicationRoles') ? roles : [] };
  body.expand = 'groups,applicationRoles';
  return { body };
};
