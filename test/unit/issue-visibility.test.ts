import type { Win, WinCuration } from '../../src/domain/wins';
import { JiraClient } from '../../src/jira/client';
import { normalizeIssue } from '../../src/jira/normalize';
import type { JiraIssue } from '../../src/jira/schemas';
import { NO_SIGHT, visibleSecuredIssues, type IssueSight } from '../../src/services/access';
import type { SecuredIssue, Snapshot } from '../../src/services/snapshot';
import { opaqueWinId, resolveWinId, viewWins } from '../../src/services/surfaces';
import { viewDeliveries } from '../../src/services/surfaces/wins';
import type { Delivery } from '../../src/domain/wins';
import { buildWin } from '../builders/metrics';
import { ScriptedTransport } from '../builders/transport';

const SALT = 'a'.repeat(64);

const epicWin = (key: string, project: string): Win =>
  buildWin({
    id: `delivered:epic:${key}`,
    date: '2026-08-14',
    title: `${key} Card vault delivered, 2 days late`,
    evidence: 'Delivered on 14 Aug 2026: 9 items',
    numbers: { items: 9, due: '2026-08-12', slipDays: 2 },
    scope: { kind: 'epic', id: key, name: `${key} Card vault` },
    projectIds: ['proj-pay'],
    jiraProjects: [project],
  });

const throughputWin = buildWin({ id: 'throughput-record:portfolio:2026-Q3', date: '2026-08-01' });

const snapshotWith = (securedIssues: Record<string, SecuredIssue>) =>
  ({
    metrics: { projects: [{ id: 'proj-pay', name: 'Payments modernisation' }] },
    securedIssues,
  }) as unknown as Snapshot;

const curation = (title: string, note: string): WinCuration => ({
  featured: true,
  hidden: false,
  note,
  title,
  by: 'pmo',
  at: 0,
  version: 1,
});

const sight = (projects: string[], securedVisible: string[] = []): IssueSight => ({
  projects: new Set(projects),
  securedVisible: new Set(securedVisible),
});

describe('opaque win ids', () => {
  it('are w- and 20 hex digits, the same for the same salt, different for another', () => {
    const id = opaqueWinId(SALT, 'delivered:epic:SEC-48');
    expect(id).toMatch(/^w-[0-9a-f]{20}$/);
    expect(opaqueWinId(SALT, 'delivered:epic:SEC-48')).toBe(id);
    expect(opaqueWinId('b'.repeat(64), 'delivered:epic:SEC-48')).not.toBe(id);
    expect(opaqueWinId(SALT, 'delivered:epic:SEC-49')).not.toBe(id);
  });

  it('lead back to their win, as do real ids; anything else finds nothing', () => {
    const wins = [epicWin('SEC-48', 'SEC'), throughputWin];
    expect(resolveWinId(wins, 'delivered:epic:SEC-48', SALT)).toBe(wins[0]);
    expect(resolveWinId(wins, opaqueWinId(SALT, 'delivered:epic:SEC-48'), SALT)).toBe(wins[0]);
    expect(resolveWinId(wins, throughputWin.id, SALT)).toBe(throughputWin);
    expect(resolveWinId(wins, opaqueWinId('b'.repeat(64), 'delivered:epic:SEC-48'), SALT)).toBeUndefined();
    expect(resolveWinId(wins, 'w-00000000000000000000', SALT)).toBeUndefined();
  });
});

describe('a win as a viewer sees it', () => {
  const wins = [epicWin('PAY-64', 'PAY'), throughputWin];
  const curated = { 'delivered:epic:PAY-64': curation('Card vault: done for the board', 'Ask PAY-64') };
  const secured = { 'PAY-64': { id: '10064', project: 'PAY', level: '10100' } };

  it('is whole, curated, for a viewer Jira shows its epic to', () => {
    const [win] = viewWins(snapshotWith(secured), wins, curated, sight(['PAY'], ['PAY-64']), SALT);
    expect(win).toMatchObject({
      id: 'delivered:epic:PAY-64',
      title: 'Card vault: done for the board',
      note: 'Ask PAY-64',
      featured: true,
      redacted: false,
      namesIssues: true,
    });
  });

  it('is redacted for a viewer who browses the project but may not see the secured epic', () => {
    const [win, other] = viewWins(snapshotWith(secured), wins, curated, sight(['PAY']), SALT);
    expect(win).toMatchObject({
      id: opaqueWinId(SALT, 'delivered:epic:PAY-64'),
      title: 'An epic of Payments modernisation delivered, 2 days late',
      note: '',
      originalTitle: null,
      featured: true,
      redacted: true,
      namesIssues: true,
      jiraProjects: [],
      scope: { kind: 'epic', id: '' },
    });
    expect(win!.evidence).toContain('Jira does not show it to you');
    expect(JSON.stringify(win)).not.toMatch(/PAY-64|Card vault/);
    // Wins that name no issue are the same for everyone.
    expect(other).toMatchObject({ id: throughputWin.id, redacted: false, namesIssues: false });
  });

  it('is redacted, saying why, for a viewer who may not browse the project; and for unknown readers', () => {
    const plain = [epicWin('SEC-48', 'SEC')];
    const [win] = viewWins(snapshotWith({}), plain, {}, sight(['PAY']), SALT);
    expect(win!.evidence).toContain('you cannot browse its Jira project');
    expect(win!.id).toBe(opaqueWinId(SALT, 'delivered:epic:SEC-48'));
    const [published] = viewWins(snapshotWith(secured), wins, curated, NO_SIGHT, SALT);
    expect(published).toMatchObject({ redacted: true, note: '', featured: true });
  });
});

describe('a delivery as a viewer sees it', () => {
  const delivery = (key: string, project: string): Delivery => ({
    id: `delivered:epic:${key}`,
    title: `${key} Card vault delivered, 83 days late`,
    date: '2026-08-14',
    evidence: 'Delivered on 14 Aug 2026: 9 items; due 23 May 2026 (83 days late)',
    due: '2026-05-23',
    slipDays: 83,
    timing: 'late',
    win: false,
    items: 9,
    numbers: { items: 9, due: '2026-05-23', slipDays: 83 },
    scope: { kind: 'epic', id: key, name: `${key} Card vault` },
    projectIds: ['proj-pay'],
    goalIds: [],
    jiraProjects: [project],
  });
  const project: Delivery = {
    ...delivery('X-1', 'X'),
    id: 'delivered:project:proj-pay',
    title: 'Payments modernisation delivered, 3 days late',
    scope: { kind: 'project', id: 'proj-pay', name: 'Payments modernisation' },
    jiraProjects: [],
  };
  const secured = { 'PAY-64': { id: '10064', project: 'PAY', level: '10100' } };
  const list = [delivery('PAY-64', 'PAY'), project];

  it('is whole for a viewer Jira shows its epic to, redacted like its win for one it does not', () => {
    const [whole] = viewDeliveries(snapshotWith(secured), list, sight(['PAY'], ['PAY-64']), SALT);
    expect(whole).toMatchObject({ id: 'delivered:epic:PAY-64', redacted: false, jiraProjects: ['PAY'] });
    const [hidden, other] = viewDeliveries(snapshotWith(secured), list, sight(['PAY']), SALT);
    expect(hidden).toMatchObject({
      id: opaqueWinId(SALT, 'delivered:epic:PAY-64'),
      title: 'An epic of Payments modernisation delivered, 83 days late',
      date: '2026-08-14',
      due: '2026-05-23',
      slipDays: 83,
      timing: 'late',
      redacted: true,
      jiraProjects: [],
      scope: { kind: 'epic', id: '' },
    });
    expect(hidden!.evidence).toContain('Jira does not show it to you');
    expect(JSON.stringify(hidden)).not.toMatch(/PAY-64|Card vault/);
    // A PMO project's delivery names no issue: the same for everyone.
    expect(other).toMatchObject({ id: 'delivered:project:proj-pay', redacted: false });
  });

  it('is redacted for a viewer who may not browse its project, and for unknown readers', () => {
    const [sec] = viewDeliveries(snapshotWith({}), [delivery('SEC-48', 'SEC')], sight(['PAY']), SALT);
    expect(sec!.evidence).toContain('you cannot browse its Jira project');
    const [published] = viewDeliveries(snapshotWith(secured), list, NO_SIGHT, SALT);
    expect(published).toMatchObject({ redacted: true, id: opaqueWinId(SALT, 'delivered:epic:PAY-64') });
  });
});

describe('asking Jira which secured issues a viewer may see', () => {
  const secured = {
    'PAY-64': { id: '10064', project: 'PAY', level: '10100' },
    'PAY-90': { id: '10090', project: 'PAY', level: '10100' },
  };

  it('asks nothing when the view names no secured issue', async () => {
    const transport = new ScriptedTransport([]);
    const visible = await visibleSecuredIssues(new JiraClient(transport), secured, [
      { key: 'PAY-1', project: 'PAY' },
    ]);
    expect(visible.size).toBe(0);
    expect(transport.requests).toHaveLength(0);
  });

  it('asks once, in bulk, about the secured issues it names, and keeps what Jira grants', async () => {
    const transport = new ScriptedTransport([
      {
        body: {
          projectPermissions: [{ permission: 'BROWSE_PROJECTS', issues: [10090, 99999], projects: [] }],
        },
      },
    ]);
    const visible = await visibleSecuredIssues(new JiraClient(transport), secured, [
      { key: 'PAY-64', project: 'PAY' },
      { key: 'PAY-90', project: 'PAY' },
      { key: 'PAY-1', project: 'PAY' },
    ]);
    expect([...visible]).toEqual(['PAY-90']);
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0]).toMatchObject({
      endpoint: 'permissionsCheck',
      body: { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [10064, 10090] }] },
    });
  });
});

describe('the sync keeps an issue’s security level', () => {
  const issue = (security: unknown): JiraIssue =>
    ({
      id: '10064',
      key: 'PAY-64',
      fields: {
        summary: 'Card vault',
        issuetype: { id: '10000', name: 'Epic', hierarchyLevel: 1 },
        project: { id: '10000', key: 'PAY', name: 'Payments' },
        status: { id: '10000', name: 'To Do', statusCategory: { key: 'new' } },
        created: '2026-03-01T09:00:00.000+0000',
        updated: '2026-03-06T09:00:00.000+0000',
        security,
      },
    }) as JiraIssue;
  const map = { estimate: null, value: null, flagged: null, startDate: null };

  it('as the level’s id, and nothing when there is none', () => {
    expect(normalizeIssue(issue({ id: '10100', name: 'Executives only' }), [], map, new Map()).security).toBe(
      '10100',
    );
    expect('security' in normalizeIssue(issue(null), [], map, new Map())).toBe(false);
  });
});
