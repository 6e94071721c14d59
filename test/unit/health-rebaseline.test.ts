/**
 * Re-baselining a PMO project (METRICS-SPEC "Health": a new baseline date and a reason, kept in the audit
 * trail): the write goes through the configuration writer, which refuses a moved baseline without a
 * reason and records the reason in the audit entry as well as on the PMO project.
 */
import { ConfigService } from '../../src/services/configuration/portfolio';
import { projectInputSchema } from '../../src/services/configuration/schemas';
import { STORED } from '../../src/services/configuration/stored';
import { AppFailure } from '../../src/services/errors';
import { MemoryStore } from '../../src/store/memory';
import { projectInput } from '../builders/pmo';

const NOW = Date.parse('2026-11-18T10:00:00Z');

describe('re-baselining a PMO project', () => {
  let service: ConfigService;
  let clock: number;
  beforeEach(() => {
    clock = NOW;
    service = new ConfigService({ store: new MemoryStore(), clock: () => clock });
  });
  const create = () =>
    service.saveProject(
      projectInput({
        name: 'Security programme',
        scope: { epicKeys: [], projectKeys: ['SEC'], jql: null },
        baselineDate: '2026-01-05',
        targetDate: '2027-01-29',
      }),
      null,
      'lead',
    );

  it('moves the baseline date with its reason, kept on the PMO project and in the audit trail', async () => {
    const project = await create();
    clock += 1000;
    const moved = await service.saveProject(
      { ...project, baselineDate: '2026-07-01', baselineReason: 'H2 re-plan after the audit findings' },
      1,
      'lead-2',
    );
    expect(moved).toMatchObject({
      version: 2,
      baselineDate: '2026-07-01',
      baselineReason: 'H2 re-plan after the audit findings',
    });
    const [entry] = await service.audit();
    expect(entry).toEqual({
      at: NOW + 1000,
      accountId: 'lead-2',
      action: 'update',
      entity: 'project',
      entityId: project.id,
      name: 'Security programme',
      changed: ['baselineDate', 'baselineReason'],
      note: 'Re-baselined from 2026-01-05 to 2026-07-01: H2 re-plan after the audit findings',
    });
  });

  it('keeps the reason of every re-baseline in the trail, newest first', async () => {
    const project = await create();
    clock += 1000;
    const once = await service.saveProject(
      { ...project, baselineDate: '2026-04-01', baselineReason: 'Vendor contract signed late' },
      1,
      'lead',
    );
    clock += 1000;
    await service.saveProject(
      { ...once, baselineDate: '2026-07-01', baselineReason: 'Scope cut agreed with the board' },
      2,
      'lead',
    );
    expect((await service.audit()).map((e) => e.note)).toEqual([
      'Re-baselined from 2026-04-01 to 2026-07-01: Scope cut agreed with the board',
      'Re-baselined from 2026-01-05 to 2026-04-01: Vendor contract signed late',
      undefined,
    ]);
  });

  it('refuses to move an agreed baseline without a reason, changing nothing', async () => {
    const project = await create();
    const moved = service.saveProject({ ...project, baselineDate: '2026-07-01' }, 1, 'lead');
    await expect(moved).rejects.toThrow(AppFailure);
    await expect(moved).rejects.toMatchObject({ field: 'project.baselineReason' });
    expect((await service.load()).projects[0]).toMatchObject({ version: 1, baselineDate: '2026-01-05' });
  });

  it('sets a first baseline date, or saves other changes, without asking for a reason', async () => {
    const project = await service.saveProject(
      projectInput({ name: 'New work', scope: { epicKeys: [], projectKeys: ['WEB'], jql: null } }),
      null,
      'lead',
    );
    const dated = await service.saveProject({ ...project, baselineDate: '2026-03-02' }, 1, 'lead');
    expect(dated.baselineDate).toBe('2026-03-02');
    const renamed = await service.saveProject({ ...dated, name: 'New work 2' }, 2, 'lead');
    expect(renamed.name).toBe('New work 2');
    // A project stored before re-baselines existed (no baselineReason) saved with a null one changes nothing.
    expect((await service.audit())[0]).toMatchObject({ changed: ['name'] });
    expect((await service.audit())[0]!.note).toBeUndefined();
  });

  it('reads a reason from the form: blank is none, and stored projects without one stay readable', () => {
    const input = {
      ...projectInput({ name: 'P', scope: { epicKeys: [], projectKeys: ['SEC'], jql: null } }),
    };
    expect(projectInputSchema.parse({ ...input, baselineReason: '  ' }).baselineReason).toBeNull();
    expect(projectInputSchema.parse(input).baselineReason).toBeNull();
    expect(projectInputSchema.parse({ ...input, baselineReason: ' Re-plan ' }).baselineReason).toBe(
      'Re-plan',
    );
    expect(projectInputSchema.safeParse({ ...input, baselineReason: 'x'.repeat(501) }).success).toBe(false);
    const { baselineReason: _r, ...old } = { ...input, id: 'p-1', version: 3, baselineReason: null };
    expect(STORED.project.safeParse({ seq: 0, value: old }).success).toBe(true);
  });
});
