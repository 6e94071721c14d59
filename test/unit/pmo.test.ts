import { Facts } from '../../src/domain/facts';
import type { PmoProject } from '../../src/domain/model';
import { recentlyActiveEpics, resolveScopes, rowUnion, unmappedEpics } from '../../src/domain/pmo';
import { buildProject } from '../builders/pmo';
import { buildItem } from '../builders/work-item';

const epic = (key: string, project: string, updated = '2026-11-10T00:00:00Z') =>
  buildItem({ key, project, level: 1, created: updated });
const story = (key: string, project: string, parent: string | null, created = '2026-11-01T00:00:00Z') =>
  buildItem({ key, project, parent, created });

describe('PMO project scope', () => {
  const items = [
    epic('PAY-1', 'PAY'),
    epic('PAY-2', 'PAY'),
    epic('WEB-1', 'WEB'),
    story('PAY-10', 'PAY', 'PAY-1'),
    story('PAY-11', 'PAY', 'PAY-2'),
    story('PAY-12', 'PAY', null),
    story('WEB-10', 'WEB', 'WEB-1'),
    story('MOB-10', 'MOB', null),
  ];
  const id = (key: string) => items.find((i) => i.key === key)!.id;
  const facts = Facts.of(items, {
    now: Date.parse('2026-11-18T10:00:00Z'),
    startPolicy: 'first',
    waitStatuses: [],
  });
  /** Each PMO project's epics and the ids of its work items, by PMO project id. */
  const resolve = (projects: PmoProject[], jqlMatches = new Map<string, Set<string>>()) =>
    new Map(
      resolveScopes(facts, projects, jqlMatches).map((s) => [
        s.project.id,
        {
          ...s,
          epicKeys: new Set(s.epicKeys),
          itemIds: new Set(s.rows.map((row) => String(facts.ids[row]))),
        },
      ]),
    );

  it('takes the work items under mapped epics, of mapped Jira projects, and matched by JQL', () => {
    const byEpic = buildProject({ id: 'a', scope: { epicKeys: ['PAY-1'] } });
    const byProject = buildProject({ id: 'b', scope: { projectKeys: ['WEB'] } });
    const byJql = buildProject({ id: 'c', scope: { jql: 'labels = x' } });
    const scopes = resolve(
      [byEpic, byProject, byJql],
      new Map([['c', new Set([id('MOB-10'), id('PAY-2')])]]),
    );
    expect([...scopes.get('a')!.itemIds]).toEqual([id('PAY-10')]);
    // A Jira project brings its epics too, so their items count even when they live elsewhere.
    expect(scopes.get('b')!.epicKeys).toEqual(new Set(['WEB-1']));
    expect([...scopes.get('b')!.itemIds]).toEqual([id('WEB-10')]);
    // JQL matched an epic (PAY-2: its items count) and a work item directly (MOB-10).
    expect([...scopes.get('c')!.itemIds].sort()).toEqual([id('PAY-11'), id('MOB-10')].sort());
  });

  it('puts an item matched by several PMO projects in each of them, and counts it once in a rollup', () => {
    const a = buildProject({ id: 'a', scope: { epicKeys: ['PAY-1'] } });
    const b = buildProject({ id: 'b', scope: { projectKeys: ['PAY'] } });
    const scopes = resolve([a, b]);
    const holders = [...scopes.values()].filter((s) => s.itemIds.has(id('PAY-10'))).map((s) => s.project.id);
    expect(holders).toEqual(['a', 'b']);
    expect(scopes.get('a')!.itemIds.size).toBe(1);
    expect(scopes.get('b')!.itemIds.size).toBe(3);
    expect(rowUnion(facts)([...scopes.values()].map((s) => s.rows)).length).toBe(3);
  });

  it('never counts epics or sub-tasks as work items', () => {
    const scopes = resolve([buildProject({ id: 'a', scope: { projectKeys: ['PAY'] } })]);
    expect([...scopes.get('a')!.itemIds].every((i) => !['PAY-1', 'PAY-2'].map(id).includes(i))).toBe(true);
  });
});

describe('unmapped epics', () => {
  const now = Date.parse('2026-11-18T10:00:00Z');
  it('lists recently active epics no PMO project maps, newest activity first', () => {
    const items = [
      epic('PAY-1', 'PAY', '2026-11-15T00:00:00Z'), // mapped by key
      epic('WEB-1', 'WEB', '2026-11-15T00:00:00Z'), // mapped through its Jira project
      epic('MOB-1', 'MOB', '2026-08-01T00:00:00Z'), // quiet itself, but an item under it changed
      story('MOB-9', 'MOB', 'MOB-1', '2026-11-12T00:00:00Z'),
      epic('MOB-2', 'MOB', '2026-11-16T00:00:00Z'),
      epic('MOB-3', 'MOB', '2026-06-01T00:00:00Z'), // inactive for months
      epic('DATA-1', 'DATA', '2026-11-17T00:00:00Z'), // dismissed
    ];
    const recent = recentlyActiveEpics(items, now, 30);
    expect(recent.map((e) => e.key)).toEqual(['DATA-1', 'MOB-2', 'PAY-1', 'WEB-1', 'MOB-1']);
    const result = unmappedEpics({
      epics: recent,
      projects: [buildProject({ scope: { epicKeys: ['PAY-1'], projectKeys: ['WEB'] } })],
      dismissed: new Set(['DATA-1']),
    });
    expect(result.map((c) => [c.key, new Date(c.lastActivity).toISOString(), c.items])).toEqual([
      ['MOB-2', '2026-11-16T00:00:00.000Z', 0],
      ['MOB-1', '2026-11-12T00:00:00.000Z', 1],
    ]);
  });
});
