import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from '../../src/services/configuration/file';
import { ConfigService } from '../../src/services/configuration/portfolio';
import { goalInputSchema } from '../../src/services/configuration/schemas';
import { DEFAULT_SETTINGS, loadSettings } from '../../src/services/configuration/settings';
import { AppFailure } from '../../src/services/errors';
import { MemoryStore } from '../../src/store/memory';
import { goalInput, projectInput } from '../builders/pmo';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const SAMPLE = resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json');

describe('config service', () => {
  let store: MemoryStore;
  let service: ConfigService;
  let clock: number;
  beforeEach(() => {
    store = new MemoryStore();
    clock = NOW;
    service = new ConfigService({ store, clock: () => clock });
  });

  it('creates with version 1 and refuses a save that started from an older version', async () => {
    const goal = await service.saveGoal(goalInput({ name: 'Grow revenue' }), null, 'lead');
    expect(goal.version).toBe(1);
    const first = await service.saveGoal({ ...goal, weight: 8 }, 1, 'lead');
    expect(first).toMatchObject({ version: 2, weight: 8 });
    // A second tab still holds version 1.
    const stale = service.saveGoal({ ...goal, weight: 2 }, 1, 'other');
    await expect(stale).rejects.toThrow(AppFailure);
    await expect(stale).rejects.toThrow(
      'Someone else saved the goal “Grow revenue” after you opened it. Reload',
    );
    expect((await service.load()).goals[0]).toMatchObject({ weight: 8, version: 2 });
  });

  it('keeps one audit entry per change, newest first, naming what changed', async () => {
    const goal = await service.saveGoal(goalInput({ name: 'Grow revenue' }), null, 'lead-1');
    clock += 1000;
    await service.saveGoal({ ...goal, weight: 9, description: 'More' }, 1, 'lead-2');
    clock += 1000;
    await service.deleteGoal(goal.id, 2, 'lead-1');
    expect((await service.audit()).map((e) => [e.action, e.accountId, e.changed, e.at])).toEqual([
      ['delete', 'lead-1', [], NOW + 2000],
      ['update', 'lead-2', ['description', 'weight'], NOW + 1000],
      ['create', 'lead-1', [], NOW],
    ]);
  });

  it('refuses to delete a goal PMO projects link to, naming them', async () => {
    const goal = await service.saveGoal(goalInput({ name: 'Stay compliant' }), null, 'lead');
    await service.saveProject(
      projectInput({
        name: 'Audit readiness',
        goals: [{ goalId: goal.id, level: 3 }],
        scope: { epicKeys: [], projectKeys: ['SEC'], jql: null },
      }),
      null,
      'lead',
    );
    await expect(service.deleteGoal(goal.id, 1, 'lead')).rejects.toThrow(
      '“Stay compliant” is linked from 1 PMO project (Audit readiness): unlink it there first.',
    );
  });

  it('refuses a PMO project linking a goal that does not exist, or a duplicate name', async () => {
    await expect(
      service.saveProject(
        projectInput({
          goals: [{ goalId: 'goal-gone', level: 1 }],
          scope: { epicKeys: [], projectKeys: ['PAY'], jql: null },
        }),
        null,
        'lead',
      ),
    ).rejects.toThrow('project.goals: no goal has the id goal-gone');
    await service.saveProject(
      projectInput({ name: 'Checkout', scope: { epicKeys: [], projectKeys: ['PAY'], jql: null } }),
      null,
      'lead',
    );
    await expect(
      service.saveProject(
        projectInput({ name: 'checkout', scope: { epicKeys: [], projectKeys: ['WEB'], jql: null } }),
        null,
        'lead',
      ),
    ).rejects.toThrow('another PMO project is already called “Checkout”');
  });

  it('holds at most 100 goals', async () => {
    for (let i = 0; i < 100; i++)
      await service.saveGoal(goalInput({ name: `Goal number ${i}` }), null, 'lead');
    await expect(service.saveGoal(goalInput({ name: 'One too many' }), null, 'lead')).rejects.toThrow(
      'A portfolio holds at most 100 goals',
    );
    expect((await service.load()).goals).toHaveLength(100);
  });

  it('exports what it imported, and imports replace everything at once', async () => {
    await service.saveGoal(goalInput({ name: 'Old goal' }), null, 'lead');
    const sample = parseDocument(readFileSync(SAMPLE, 'utf8'), 'sample-portfolio.json');
    await service.importDocument(sample, 'lead');
    const state = await service.load();
    expect(state.goals.map((g) => g.name)).not.toContain('Old goal');
    expect(state.goals).toHaveLength(sample.goals.length);
    expect(state.projects).toHaveLength(sample.projects.length);
    expect((await loadSettings(store)).portfolioProjects).toEqual(['PAY', 'MOB', 'DATA', 'WEB', 'SEC']);
    const exported = await service.exportDocument(NOW);
    // A file without the not-done resolutions keeps the current list (the defaults here), and exports it.
    expect({ ...exported, exportedAt: undefined }).toEqual({
      ...sample,
      settings: { ...sample.settings, notDoneResolutions: DEFAULT_SETTINGS.notDoneResolutions },
      exportedAt: undefined,
    });
    expect((await service.audit())[0]).toMatchObject({
      action: 'import',
      name: 'Imported 5 goals and 10 PMO projects',
    });
  });

  it('refuses a document whose PMO project links a goal the file does not have, changing nothing', async () => {
    const sample = parseDocument(readFileSync(SAMPLE, 'utf8'), 'sample-portfolio.json');
    const broken = {
      ...sample,
      projects: [{ ...sample.projects[0]!, goals: [{ goalId: 'goal-nowhere', level: 2 as const }] }],
    };
    await expect(service.importDocument(broken, 'lead')).rejects.toThrow(
      'projects.0.goals: no goal in the file has the id goal-nowhere',
    );
    expect((await service.load()).goals).toEqual([]);
  });
});

describe('reading a portfolio file', () => {
  it('names what is wrong in a bad file', () => {
    expect(() => parseDocument('{"format":', 'pmo.json')).toThrow('pmo.json is not valid JSON');
    expect(() => parseDocument('{"format":"something else"}', 'pmo.json')).toThrow(
      'pmo.json: format: must be "pmo-wins/portfolio": this is not a PMO Wins export',
    );
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    sample.goals[1].period = { start: '2026-06-01', end: '2026-01-01' };
    expect(() => parseDocument(JSON.stringify(sample), 'pmo.json')).toThrow(
      'pmo.json: goals.1.period.end: must not be before the start',
    );
  });

  it('checks goals field by field', () => {
    const bad = goalInputSchema.safeParse({
      ...goalInput(),
      weight: 11,
      period: { start: '2026-02-30', end: '2026-03-01' },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'weight: must be 1 to 10',
      'period.start: is not a real calendar date',
    ]);
  });
});
