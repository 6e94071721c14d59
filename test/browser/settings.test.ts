import type { Frame, Page } from 'playwright-core';
import type {
  EpicSummary,
  JqlCheck,
  PmoProject,
  PortfolioConfigView,
  Result,
  StrategicGoal,
  UnmappedEpic,
} from '../../src/contract';
import { appFrame, invokeAs, openAs, screenshot, startStack, type Stack } from './harness';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const LEAD = 'pmo@demo.test';
const DEV = 'dev@demo.test';
jest.setTimeout(180_000);

/** A resolver's data, failing the test with the resolver's own message when it refused. */
async function data<T>(stack: Stack, email: string, key: string, payload: unknown = {}): Promise<T> {
  const { body } = await invokeAs<Result<T>>(stack, email, key, payload);
  if (!body.ok) throw new Error(`${key} refused: ${body.error.kind}: ${body.error.message}`);
  return body.data;
}

const config = (stack: Stack) => data<PortfolioConfigView>(stack, LEAD, 'config/get');

async function openSettings(
  stack: Stack,
  email: string,
  colorMode: 'light' | 'dark' = 'light',
): Promise<{ page: Page; frame: Frame; close: () => Promise<void> }> {
  const { context, page } = await openAs(stack, email, '/jira/settings', colorMode);
  const frame = await appFrame(page, 'page-pmo-settings');
  await frame.waitForSelector('[data-testid="settings-tabs"]');
  return { page, frame, close: () => context.close() };
}

async function openTab(frame: Frame, tab: string, ready: string): Promise<void> {
  await frame.click(`[data-testid="tab-${tab}"]`);
  await frame.waitForSelector(ready);
}

/** Picks an epic in the epic picker by typing its key, as a user searching would. */
async function pickEpic(frame: Frame, epic: EpicSummary): Promise<void> {
  await frame.click('#project-scope-epicKeys');
  await frame.locator('#project-scope-epicKeys').pressSequentially(epic.key, { delay: 20 });
  await frame.getByText(`${epic.key} · ${epic.summary}`, { exact: true }).click();
}

async function projectRow(frame: Frame, name: string) {
  const row = frame.locator('[data-testid^="project-row-"]', {
    has: frame.locator('[data-testid="project-name"]', { hasText: name }),
  });
  await row.waitFor();
  return {
    goals: (await row.locator('[data-testid="project-goals"]').textContent()) ?? '',
    scope: (await row.locator('[data-testid="project-scope"]').textContent()) ?? '',
  };
}

describe('PMO settings page: goals, PMO projects and their Jira scope', () => {
  let stack: Stack;
  let epics: UnmappedEpic[];

  beforeAll(async () => {
    stack = await startStack({ now: NOW, seed: 11, issues: 500, samplePortfolio: false });
    await stack.host.syncSettled();
    epics = await data<UnmappedEpic[]>(stack, LEAD, 'config/unmappedEpics');
  });

  afterAll(async () => {
    await stack.close();
  });

  it('guides a first run, and a PMO lead creates a goal and a PMO project over two epics found by search', async () => {
    expect(epics.length).toBeGreaterThanOrEqual(3);
    const [first, second] = epics as [UnmappedEpic, UnmappedEpic];
    const { page, frame, close } = await openSettings(stack, LEAD);

    // A new site: the overview says where to start.
    await frame.waitForSelector('[data-testid="getting-started"] >> text=Start with your strategic goals');
    await screenshot(page, 'settings-first-run-light');
    await frame.click('[data-testid="start-create-goal"]');

    // The goal form opens on the Goals tab.
    await frame.waitForSelector('[data-testid="goal-form"]');
    await frame.fill('#goal-name', 'Shorten time to market');
    await frame.fill('#goal-description', 'Ship customer-facing changes in weeks, not quarters.');
    await frame.fill('#goal-weight', '7');
    await frame.fill('#goal-period-start', '2026-01-01');
    await frame.fill('#goal-period-end', '2027-06-30');
    await frame.fill('#goal-target-value', '30');
    await frame.fill('#goal-target-unit', 'days lead time');
    await screenshot(page, 'settings-goal-form-light');
    await frame.click('[data-testid="save-goal"]');
    await frame.waitForSelector(
      '[data-testid="goals-note"] >> text=Saved the goal “Shorten time to market”.',
    );
    expect(await frame.textContent('[data-testid="goals-table"]')).toContain('Shorten time to market');

    // A PMO project mapped to two epics picked through the search.
    await openTab(frame, 'projects', '[data-testid="projects-empty"]');
    expect(await frame.textContent('[data-testid="projects-empty"]')).toContain('Map your first PMO project');
    await frame.click('[data-testid="create-project"]');
    await frame.waitForSelector('[data-testid="project-form"]');
    await frame.fill('#project-name', 'Faster releases');
    await frame.getByRole('checkbox', { name: 'Shorten time to market' }).check();
    await pickEpic(frame, first);
    await pickEpic(frame, second);
    await frame.fill('#project-targetDate', '2027-03-31');
    await frame.fill('#project-budget', '250000');
    await screenshot(page, 'settings-project-form-light');
    await frame.click('[data-testid="save-project"]');
    await frame.waitForSelector(
      '[data-testid="projects-note"] >> text=Saved the PMO project “Faster releases”.',
    );

    // Stored as entered.
    const saved = await config(stack);
    const goal = saved.goals.find((g) => g.name === 'Shorten time to market') as StrategicGoal;
    expect(goal).toMatchObject({
      weight: 7,
      period: { start: '2026-01-01', end: '2027-06-30' },
      target: { value: 30, unit: 'days lead time' },
      status: 'active',
    });
    const project = saved.projects.find((p) => p.name === 'Faster releases') as PmoProject;
    expect(project.scope.epicKeys).toEqual([first.key, second.key]);
    expect(project.goals).toEqual([{ goalId: goal.id, level: 2 }]);
    expect(project).toMatchObject({ targetDate: '2027-03-31', budget: 250000 });

    // After a reload, both are listed.
    await page.reload();
    const again = await appFrame(page, 'page-pmo-settings');
    await again.waitForSelector('[data-testid="portfolio-summary"]');
    await openTab(again, 'goals', '[data-testid="goals-table"]');
    expect(await again.textContent('[data-testid="goals-table"]')).toContain('Shorten time to market');
    await openTab(again, 'projects', '[data-testid="projects-table"]');
    const row = await projectRow(again, 'Faster releases');
    expect(row.goals).toContain('Shorten time to market');
    expect(row.scope).toBe('2 epics');
    await screenshot(page, 'settings-projects-light');
    await close();
  });

  it('shows a user who is not a PMO lead a read-only page, and the resolver refuses their save', async () => {
    const before = await config(stack);
    const { page, frame, close } = await openSettings(stack, DEV);
    await frame.waitForSelector('[data-testid="read-only"]');
    expect(await frame.textContent('[data-testid="read-only"]')).toContain(
      'Only Jira administrators and members of the PMO-lead group can change these settings',
    );
    expect(await frame.isEnabled('[data-testid="refresh-now"]')).toBe(false);

    await openTab(frame, 'goals', '[data-testid="goals-table"]');
    expect(await frame.locator('[data-testid="create-goal"]').count()).toBe(0);
    expect(await frame.locator('[data-testid="delete-goal"]').count()).toBe(0);
    await frame.click('[data-testid="edit-goal"]');
    await frame.waitForSelector('[data-testid="goal-form"]');
    expect(await frame.isDisabled('#goal-name')).toBe(true);
    expect(await frame.locator('[data-testid="save-goal"]').count()).toBe(0);

    await openTab(frame, 'projects', '[data-testid="projects-table"]');
    expect(await frame.locator('[data-testid="create-project"]').count()).toBe(0);
    expect(await frame.locator('[data-testid="delete-project"]').count()).toBe(0);

    await openTab(frame, 'settings', '[data-testid="settings-form"]');
    expect(await frame.isDisabled('#settings-pmoLeadGroup')).toBe(true);
    expect(await frame.isDisabled('#settings-trailingDays')).toBe(true);
    expect(await frame.locator('[data-testid="save-settings"]').count()).toBe(0);

    // Import, export and the change history are for PMO leads and administrators: the tabs say so.
    await openTab(frame, 'import', '[data-testid="leads-only"]');
    expect(await frame.textContent('[data-testid="leads-only"]')).toContain(
      'Import and export is open to Jira administrators and members of the PMO-lead group only',
    );
    expect(await frame.locator('[data-testid="choose-import"]').count()).toBe(0);
    await screenshot(page, 'settings-read-only-light');
    await close();

    // Hiding the buttons is not the check: the resolver refuses the write itself.
    const { status, body } = await invokeAs<Result<StrategicGoal>>(stack, DEV, 'config/saveGoal', {
      goal: {
        name: 'Sneaky goal',
        description: '',
        ownerAccountId: null,
        weight: 3,
        period: { start: '2026-01-01', end: '2026-12-31' },
        target: null,
        status: 'active',
      },
      expectedVersion: null,
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    if (!body.ok) expect(body.error.kind).toBe('forbidden');
    const after = await config(stack);
    expect(after.goals.some((g) => g.name === 'Sneaky goal')).toBe(false);
    expect(after.goals).toEqual(before.goals);
  });

  it('shows Jira’s parser message at the JQL field, and the save is refused there', async () => {
    const jql = 'project = = PAY';
    const check = await data<JqlCheck>(stack, LEAD, 'config/validateJql', { jql });
    expect(check.valid).toBe(false);
    expect(check.errors.length).toBeGreaterThan(0);

    const { page, frame, close } = await openSettings(stack, LEAD);
    await openTab(frame, 'projects', '[data-testid="projects-table"]');
    await frame.click('[data-testid="create-project"]');
    await frame.waitForSelector('[data-testid="project-form"]');
    await frame.fill('#project-name', 'Payments by query');

    // A valid query first: Jira accepts it.
    await frame.fill('#project-scope-jql', 'project = PAY');
    await frame.waitForSelector('[data-testid="project-scope-jql-valid"] >> text=Valid JQL');

    // Then a broken one: Jira's own message appears at the field.
    await frame.fill('#project-scope-jql', jql);
    const error = frame.locator('[data-testid="project-scope-jql-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain(check.errors[0]);
    await screenshot(page, 'settings-jql-error-light');

    // Saving anyway: the server refuses, the message stays at the field and the form stays open.
    const response = page.waitForResponse(
      (r) =>
        r.url().endsWith('/__forge/invoke') && (r.request().postData() ?? '').includes('config/saveProject'),
    );
    await frame.click('[data-testid="save-project"]');
    const answer = (await (await response).json()) as { body: Result<PmoProject> };
    expect(answer.body.ok).toBe(false);
    if (!answer.body.ok) {
      expect(answer.body.error).toMatchObject({ kind: 'validation', field: 'project.scope.jql' });
      await frame.waitForSelector(
        `[data-testid="project-scope-jql-error"] >> text=${JSON.stringify(answer.body.error.message)}`,
      );
    }
    expect(await frame.isVisible('[data-testid="project-form"]')).toBe(true);
    expect((await config(stack)).projects.some((p) => p.name === 'Payments by query')).toBe(false);

    // A misspelt field name is Jira's to report too.
    await frame.fill('#project-scope-jql', 'projct = PAY');
    const misspelt = await data<JqlCheck>(stack, LEAD, 'config/validateJql', { jql: 'projct = PAY' });
    expect(misspelt.valid).toBe(false);
    await frame.waitForSelector(
      `[data-testid="project-scope-jql-error"] >> text=${JSON.stringify(misspelt.errors[0])}`,
    );
    await close();
  });

  it('refuses a save made over someone else’s change, and the reload shows their change', async () => {
    const epic = epics[2] as UnmappedEpic;
    const created = await data<PmoProject>(stack, LEAD, 'config/saveProject', {
      project: {
        name: 'Shared roadmap',
        ownerAccountId: null,
        description: '',
        goals: [],
        scope: { epicKeys: [epic.key], projectKeys: [], jql: null },
        baselineDate: null,
        targetDate: null,
        budget: null,
        actualCost: null,
        expectedBenefit: null,
        benefits: [],
        tags: [],
      },
      expectedVersion: null,
    });

    const first = await openSettings(stack, LEAD);
    const secondPage = await first.page.context().newPage();
    await secondPage.goto(`${stack.host.url}/jira/settings`);
    const second = await appFrame(secondPage, 'page-pmo-settings');

    const openProject = async (frame: Frame) => {
      await openTab(frame, 'projects', '[data-testid="projects-table"]');
      await frame.click(`[data-testid="project-row-${created.id}"] [data-testid="edit-project"]`);
      await frame.waitForSelector('[data-testid="project-form"]');
      expect(await frame.inputValue('#project-name')).toBe('Shared roadmap');
    };
    await openProject(first.frame);
    await openProject(second);

    // The first tab saves.
    await first.frame.fill('#project-name', 'Shared roadmap (first tab)');
    await first.frame.fill('#project-budget', '120000');
    await first.frame.click('[data-testid="save-project"]');
    await first.frame.waitForSelector('[data-testid="projects-note"]');

    // The second tab, opened at the old version, is refused and told what to do.
    await second.fill('#project-description', 'Edited in the second tab');
    await second.click('[data-testid="save-project"]');
    const conflict = second.locator('[data-testid="save-conflict"]');
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('Your changes were not saved');
    expect(text).toContain('Reload');
    await screenshot(secondPage, 'settings-conflict-light');
    const stored = (await config(stack)).projects.find((p) => p.id === created.id) as PmoProject;
    expect(stored).toMatchObject({ name: 'Shared roadmap (first tab)', budget: 120000, description: '' });

    // Reload brings in the first tab's change, and a save from there goes through.
    await second.click('[data-testid="conflict-reload"]');
    await second.waitForFunction(
      () =>
        (document.querySelector('#project-name') as HTMLInputElement | null)?.value ===
        'Shared roadmap (first tab)',
    );
    expect(await second.inputValue('#project-budget')).toBe('120000');
    expect(await second.locator('[data-testid="save-conflict"]').count()).toBe(0);
    await second.fill('#project-description', 'Edited in the second tab');
    await second.click('[data-testid="save-project"]');
    await second.waitForSelector('[data-testid="projects-note"]');
    const merged = (await config(stack)).projects.find((p) => p.id === created.id) as PmoProject;
    expect(merged).toMatchObject({
      name: 'Shared roadmap (first tab)',
      budget: 120000,
      description: 'Edited in the second tab',
      version: stored.version + 1,
    });
    await first.close();
  });

  it('adds an unmapped epic to a PMO project, and changes the settings', async () => {
    const { page, frame, close } = await openSettings(stack, LEAD);
    const before = await config(stack);
    const project = before.projects.find((p) => p.name === 'Faster releases') as PmoProject;
    const unmapped = await data<UnmappedEpic[]>(stack, LEAD, 'config/unmappedEpics');
    const epic = unmapped[0] as UnmappedEpic;

    await openTab(frame, 'triage', '[data-testid="triage-table"]');
    await frame.click(`[data-testid="epic-row-${epic.key}"] [data-testid="add-to-project"]`);
    await frame.click(`#triage-${epic.key}-project`);
    await frame.getByText('Faster releases', { exact: true }).click();
    await screenshot(page, 'settings-triage-add-light');
    await frame.click('[data-testid="confirm-add"]');
    await frame.waitForSelector(
      `[data-testid="triage-note"] >> text=Added ${epic.key} to “Faster releases”.`,
    );
    const after = (await config(stack)).projects.find((p) => p.id === project.id) as PmoProject;
    expect(after.scope.epicKeys).toEqual([...project.scope.epicKeys, epic.key]);
    expect(after.version).toBe(project.version + 1);

    await openTab(frame, 'settings', '[data-testid="settings-form"]');
    await frame.fill('#settings-waitStatuses', 'Blocked, Waiting for review');
    await frame.fill('#settings-trailingDays', '60');
    await frame.fill('#settings-thresholds-blockedAmber', '20');
    await frame.click('[data-testid="save-settings"]');
    await frame.waitForSelector('[data-testid="settings-saved"]');
    const { settings } = await config(stack);
    expect(settings).toMatchObject({
      waitStatuses: ['Blocked', 'Waiting for review'],
      trailingDays: 60,
      thresholds: expect.objectContaining({ blockedAmber: 20 }),
      version: before.settings.version + 1,
    });
    await screenshot(page, 'settings-settings-saved-light');

    await openTab(frame, 'changes', '[data-testid="audit-table"]');
    const changes = await frame.textContent('[data-testid="audit-table"]');
    expect(changes).toContain('Changed the settings');
    expect(changes).toContain('Created the PMO project “Faster releases”');
    await close();
  });
});

describe('PMO settings page with the sample portfolio', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ now: NOW, seed: 42, issues: 500 });
    await stack.host.syncSettled();
  });

  afterAll(async () => {
    await stack.close();
  });

  it('lists the portfolio in light and dark', async () => {
    const portfolio = await config(stack);
    expect(portfolio.goals.length).toBeGreaterThan(0);
    for (const mode of ['light', 'dark'] as const) {
      const { page, frame, close } = await openSettings(stack, LEAD, mode);
      await frame.waitForSelector('[data-testid="portfolio-summary"]');
      await frame.waitForSelector('[data-testid="field-settings"]');
      await screenshot(page, `settings-overview-${mode}`);
      await openTab(frame, 'goals', '[data-testid="goals-table"]');
      expect(await frame.locator('[data-testid^="goal-row-"]').count()).toBe(portfolio.goals.length);
      await screenshot(page, `settings-goals-${mode}`);
      await openTab(frame, 'projects', '[data-testid="projects-table"]');
      expect(await frame.locator('[data-testid^="project-row-"]').count()).toBe(portfolio.projects.length);
      await screenshot(page, `settings-projects-sample-${mode}`);
      const withJql = portfolio.projects.find((p) => p.scope.jql) as PmoProject;
      await frame.click(`[data-testid="project-row-${withJql.id}"] [data-testid="edit-project"]`);
      await frame.waitForSelector('[data-testid="project-form"]');
      await frame.waitForSelector('[data-testid="project-scope-jql-valid"] >> text=Valid JQL');
      await screenshot(page, `settings-project-edit-${mode}`);
      await frame.click('[data-testid="cancel-project"]');
      await openTab(frame, 'triage', '[data-testid="triage-tab"]');
      await screenshot(page, `settings-triage-${mode}`);
      await openTab(frame, 'settings', '[data-testid="settings-form"]');
      await screenshot(page, `settings-settings-${mode}`);
      await openTab(frame, 'import', '[data-testid="import-export-tab"]');
      await screenshot(page, `settings-import-export-${mode}`);
      await openTab(frame, 'changes', '[data-testid="audit-tab"]');
      await screenshot(page, `settings-changes-${mode}`);
      await close();
    }
  });

  it('exports the portfolio as a file and imports a file all or nothing', async () => {
    const { page, frame, close } = await openSettings(stack, LEAD);
    await openTab(frame, 'import', '[data-testid="import-export-tab"]');
    const download = page.waitForEvent('download');
    await frame.click('[data-testid="export"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe('pmo-portfolio.json');
    const text = await (await file.createReadStream()).toArray();
    const exported = JSON.parse(Buffer.concat(text as Buffer[]).toString('utf8')) as {
      format: string;
      goals: unknown[];
      projects: unknown[];
    };
    const before = await config(stack);
    expect(exported.format).toBe('pmo-wins/portfolio');
    expect(exported.goals.length).toBe(before.goals.length);
    expect(exported.projects.length).toBe(before.projects.length);

    // A broken file changes nothing and says what is wrong.
    const broken = { ...exported, goals: [{ ...(exported.goals[0] as object), weight: 99 }] };
    await frame.setInputFiles('[data-testid="import-file"]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await frame.click('[data-testid="confirm-import"]');
    await frame.waitForSelector('[data-testid="import-error"]');
    expect(await frame.textContent('[data-testid="import-error"]')).toContain(
      'Nothing was imported from broken.json',
    );
    expect((await config(stack)).goals).toEqual(before.goals);
    await screenshot(page, 'settings-import-error-light');

    // The exported file imports whole.
    await frame.setInputFiles('[data-testid="import-file"]', {
      name: 'pmo-portfolio.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await frame.click('[data-testid="confirm-import"]');
    await frame.waitForSelector(
      `[data-testid="import-done"] >> text=Imported ${exported.goals.length} goals and ${exported.projects.length} PMO projects.`,
    );
    await close();
  });
});
