import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  EpicSummary,
  JqlCheck,
  PmoProject,
  PortfolioConfigView,
  PortfolioDocument,
  StrategicGoal,
  UnmappedEpic,
} from '../../src/contract';
import { readMeta, readProgress } from '../../src/services/sync';
import { goalInput, projectInput } from '../builders/pmo';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as PortfolioDocument;

describe('the PMO model through the real resolvers over the demo Jira', () => {
  let stack: ResolverStack;
  const call = <T>(key: string, email: string, payload?: unknown) => stack.call<T>(key, email, payload);
  const epicsOf = (project: string) =>
    stack.demo.dataset.issues
      .filter((i) => i.issueTypeId === '10000' && i.projectKey === project)
      .map((i) => i.key);
  const storyOf = (project: string) =>
    stack.demo.dataset.issues.find((i) => i.issueTypeId === '10001' && i.projectKey === project)!.key;

  beforeEach(async () => {
    stack = await startResolverStack({ seed: 12, issues: 700, now: NOW });
  });
  afterEach(async () => {
    await stack.close();
  });

  it('lets a PMO lead create a goal and a PMO project mapped to two epics', async () => {
    const goal = ok(
      await call<StrategicGoal>('config/saveGoal', 'pmo@demo.test', {
        goal: goalInput({ name: 'Grow revenue' }),
        expectedVersion: null,
      }),
    );
    const [e1, e2] = epicsOf('PAY');
    const project = ok(
      await call<PmoProject>('config/saveProject', 'pmo@demo.test', {
        project: projectInput({
          name: 'Checkout',
          goals: [{ goalId: goal.id, level: 3 }],
          scope: { epicKeys: [e1!, e2!], projectKeys: [], jql: null },
        }),
        expectedVersion: null,
      }),
    );
    const view = ok(await call<PortfolioConfigView>('config/get', 'dev@demo.test'));
    expect(view.canConfigure).toBe(false);
    // Jira administrators and PMO-lead group members may configure.
    expect(ok(await call<PortfolioConfigView>('config/get', 'admin@demo.test')).canConfigure).toBe(true);
    expect(ok(await call<PortfolioConfigView>('config/get', 'pmo@demo.test')).canConfigure).toBe(true);
    expect(view.goals.map((g) => g.name)).toEqual(['Grow revenue']);
    expect(view.projects).toEqual([project]);
    expect(project.scope.epicKeys).toEqual([e1, e2]);
  });

  it('refuses every write from someone who is neither a Jira admin nor a PMO lead, changing nothing', async () => {
    const result = await call('config/saveGoal', 'dev@demo.test', {
      goal: goalInput(),
      expectedVersion: null,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'forbidden',
        message: 'Only Jira administrators and members of the PMO-lead group (pmo-leads) can change goals.',
      },
    });
    expect(ok(await call<PortfolioConfigView>('config/get', 'admin@demo.test')).goals).toEqual([]);
    // A Jira administrator may, without being in the group.
    expect(
      (await call('config/saveGoal', 'admin@demo.test', { goal: goalInput(), expectedVersion: null })).ok,
    ).toBe(true);
  });

  it("shows Jira's own parser message for bad JQL, live and at save", async () => {
    const check = ok(await call<JqlCheck>('config/validateJql', 'pmo@demo.test', { jql: 'projct = PAY' }));
    expect(check.valid).toBe(false);
    expect(check.errors.join(' ')).toContain('projct');
    expect(
      ok(
        await call<JqlCheck>('config/validateJql', 'pmo@demo.test', {
          jql: 'project = PAY AND labels = strategic',
        }),
      ),
    ).toEqual({ valid: true, errors: [] });
    const saved = await call('config/saveProject', 'pmo@demo.test', {
      project: projectInput({ scope: { epicKeys: [], projectKeys: [], jql: 'projct = PAY' } }),
      expectedVersion: null,
    });
    expect(!saved.ok && saved.error.field).toBe('project.scope.jql');
    expect(!saved.ok && saved.error.message).toBe(check.errors.join(' '));
  });

  it('checks that mapped epics exist and are epics, and that Jira projects exist', async () => {
    const story = storyOf('PAY');
    const notEpic = await call('config/saveProject', 'pmo@demo.test', {
      project: projectInput({ scope: { epicKeys: [story], projectKeys: [], jql: null } }),
      expectedVersion: null,
    });
    expect(!notEpic.ok && notEpic.error).toEqual({
      kind: 'validation',
      field: 'project.scope.epicKeys',
      message: `${story} is a Story, not an epic`,
    });
    const missing = await call('config/saveProject', 'pmo@demo.test', {
      project: projectInput({ scope: { epicKeys: ['PAY-99999'], projectKeys: [], jql: null } }),
      expectedVersion: null,
    });
    expect(!missing.ok && missing.error.field).toBe('project.scope.epicKeys');
    expect(!missing.ok && missing.error.message).toContain('PAY-99999');
    const noProject = await call('config/saveProject', 'pmo@demo.test', {
      project: projectInput({ scope: { epicKeys: [], projectKeys: ['NOPE'], jql: null } }),
      expectedVersion: null,
    });
    expect(!noProject.ok && noProject.error).toEqual({
      kind: 'validation',
      field: 'project.scope.projectKeys',
      message: 'NOPE: no such Jira project, or you cannot browse it',
    });
    expect(ok(await call<PortfolioConfigView>('config/get', 'pmo@demo.test')).projects).toEqual([]);
  });

  it('refuses the second of two saves that started from the same version', async () => {
    const project = ok(
      await call<PmoProject>('config/saveProject', 'pmo@demo.test', {
        project: projectInput({ name: 'Mobile', scope: { epicKeys: [], projectKeys: ['MOB'], jql: null } }),
        expectedVersion: null,
      }),
    );
    const { version: _v, ...input } = project;
    ok(
      await call('config/saveProject', 'pmo@demo.test', {
        project: { ...input, budget: 1000 },
        expectedVersion: 1,
      }),
    );
    const second = await call('config/saveProject', 'admin@demo.test', {
      project: { ...input, budget: 2000 },
      expectedVersion: 1,
    });
    expect(second).toEqual({
      ok: false,
      error: {
        kind: 'conflict',
        message:
          'Someone else saved the PMO project “Mobile” after you opened it. Reload to see their changes, then make yours again.',
      },
    });
    expect(ok(await call<PortfolioConfigView>('config/get', 'pmo@demo.test')).projects[0]).toMatchObject({
      budget: 1000,
      version: 2,
    });
  });

  it('finds epics by words or key, only among what the user may browse', async () => {
    const epic = stack.demo.dataset.issues.find((i) => i.issueTypeId === '10000' && i.projectKey === 'SEC')!;
    const word = epic.summary.split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 4)!;
    const asLead = ok(await call<EpicSummary[]>('config/searchEpics', 'pmo@demo.test', { query: word }));
    expect(asLead.map((e) => e.key)).toContain(epic.key);
    const asDev = ok(await call<EpicSummary[]>('config/searchEpics', 'dev@demo.test', { query: word }));
    expect(asDev.map((e) => e.key)).not.toContain(epic.key);
    expect(
      ok(await call<EpicSummary[]>('config/searchEpics', 'pmo@demo.test', { query: epic.key.toLowerCase() })),
    ).toEqual([{ key: epic.key, summary: epic.summary, projectKey: 'SEC', status: expect.any(String) }]);
    expect(ok(await call<EpicSummary[]>('config/searchEpics', 'pmo@demo.test', { query: 'NOPE-1' }))).toEqual(
      [],
    );
  });

  it('imports the sample portfolio after checking it against Jira, and syncs its scope', async () => {
    const view = ok(await call<PortfolioConfigView>('config/import', 'pmo@demo.test', { document: SAMPLE }));
    expect(view.goals).toHaveLength(SAMPLE.goals.length);
    expect(view.projects).toHaveLength(SAMPLE.projects.length);
    const exported = ok(await call<PortfolioDocument>('config/export', 'pmo@demo.test'));
    // The export says everything, fields the file left to their defaults included.
    expect({ ...exported, exportedAt: undefined }).toEqual({
      ...SAMPLE,
      exportedAt: undefined,
      projects: SAMPLE.projects.map((p) => ({ ...p, baselineReason: p.baselineReason ?? null })),
      settings: { ...SAMPLE.settings, notDoneResolutions: exported.settings.notDoneResolutions },
    });
    // Export holds budgets, costs and JQL: PMO leads and administrators only.
    const refusedExport = await call('config/export', 'dev@demo.test');
    expect(!refusedExport.ok && refusedExport.error.kind).toBe('forbidden');
    const asDev = ok(await call<PortfolioConfigView>('config/get', 'dev@demo.test'));
    expect(asDev.redacted).toBe(true);
    expect(
      asDev.projects.every((p) => p.budget === null && p.scope.jql === null && p.benefits.length === 0),
    ).toBe(true);
    expect(asDev.projects.flatMap((p) => p.scope.projectKeys)).not.toContain('SEC');
    expect((await call('config/audit', 'dev@demo.test')).ok).toBe(false);

    const snapshot = await stack.sync();
    expect(snapshot.jiraProjects.map((p) => p.key).sort()).toEqual(['DATA', 'MOB', 'PAY', 'SEC', 'WEB']);
    expect((await readProgress(stack.store)).mode).toBe('full');
    expect((await readMeta(stack.store)).scopeKey).not.toBeNull();

    // A bad document changes nothing.
    const broken = {
      ...SAMPLE,
      projects: [{ ...SAMPLE.projects[0]!, scope: { epicKeys: [], projectKeys: [], jql: 'labels = = x' } }],
    };
    const refused = await call('config/import', 'pmo@demo.test', { document: broken });
    expect(!refused.ok && refused.error.field).toBe('document.projects.0.scope.jql');
    expect(ok(await call<PortfolioConfigView>('config/get', 'pmo@demo.test')).projects).toHaveLength(
      SAMPLE.projects.length,
    );
  });

  it('offers recently active epics no PMO project maps, without issue detail the viewer may not see', async () => {
    // The portfolio: every Jira project; one PMO project maps PAY.
    const settings = ok(await call<PortfolioConfigView>('config/get', 'pmo@demo.test')).settings;
    const { version, ...input } = settings;
    ok(
      await call('config/saveSettings', 'pmo@demo.test', {
        settings: { ...input, portfolioProjects: ['PAY', 'MOB', 'DATA', 'WEB', 'SEC'] },
        expectedVersion: version,
      }),
    );
    ok(
      await call('config/saveProject', 'pmo@demo.test', {
        project: projectInput({ name: 'Payments', scope: { epicKeys: [], projectKeys: ['PAY'], jql: null } }),
        expectedVersion: null,
      }),
    );
    await stack.sync();
    const asLead = ok(await call<UnmappedEpic[]>('config/unmappedEpics', 'pmo@demo.test'));
    expect(asLead.length).toBeGreaterThan(0);
    expect(asLead.some((e) => e.projectKey === 'PAY')).toBe(false);
    expect(asLead.every((e) => e.lastActivity >= NOW - 30 * 86_400_000)).toBe(true);
    const asDev = ok(await call<UnmappedEpic[]>('config/unmappedEpics', 'dev@demo.test'));
    expect(asDev.some((e) => e.projectKey === 'SEC')).toBe(false);
    const first = asLead[0]!;
    ok(await call('config/dismissEpic', 'pmo@demo.test', { key: first.key }));
    expect(
      ok(await call<UnmappedEpic[]>('config/unmappedEpics', 'pmo@demo.test')).map((e) => e.key),
    ).not.toContain(first.key);
  });

  it('shows a PMO project’s epics to others only where Jira shows them the epic (security levels too)', async () => {
    const epics = stack.demo.dataset.issues.filter((i) => i.projectKey === 'PAY' && i.parentKey === null);
    const secured = epics.find((i) => i.securityLevelId)!;
    const open = epics.find((i) => !i.securityLevelId && i.issueTypeId === secured.issueTypeId)!;
    expect(secured).toBeDefined();
    ok(
      await call('config/saveProject', 'pmo@demo.test', {
        project: projectInput({
          name: 'Secured and open epics',
          scope: { epicKeys: [secured.key, open.key], projectKeys: [], jql: null },
        }),
        expectedVersion: null,
      }),
    );
    await stack.sync();
    const find = (view: PortfolioConfigView) =>
      view.projects.find((p) => p.name === 'Secured and open epics')!;
    expect(find(ok(await call<PortfolioConfigView>('config/get', 'pmo@demo.test'))).scope.epicKeys).toEqual([
      secured.key,
      open.key,
    ]);
    expect(find(ok(await call<PortfolioConfigView>('config/get', 'dev@demo.test'))).scope.epicKeys).toEqual([
      open.key,
    ]);
  });
});
