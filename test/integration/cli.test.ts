import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoJira, type DemoJira } from '../../dev/demo-jira';
import { readProgress } from '../../src/services/sync';
import { readSnapshot } from '../../src/services/snapshot';
import { FileStore } from '../../src/store/file';
import { pmoWins } from './pmo-wins-cli';

describe('pmo-wins sync', () => {
  let demo: DemoJira;
  let folder: string;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 9, issues: 600, now: new Date('2026-11-18T10:00:00Z') });
    folder = await mkdtemp(join(tmpdir(), 'pmo-cli-'));
  });
  afterAll(async () => {
    await demo.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('syncs the chosen projects into its store folder and reports what it spent', async () => {
    const result = await pmoWins(['sync', '--jira', demo.url, '--projects', 'PAY,MOB', '--store', folder]);
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    const expected = demo.dataset.issues.filter(
      (i) => ['PAY', 'MOB'].includes(i.projectKey) && i.issueTypeId !== '10004',
    ).length;
    expect(result.stdout).toContain(`Synced ${expected} issues from ${new URL(demo.url).host}`);
    expect(result.stdout).toMatch(new RegExp(`\\s${Math.ceil(expected / 100)}\\s+/rest/api/3/search/jql`));
    expect(result.stdout).toMatch(/\s1\s+\/rest\/api\/3\/changelog\/bulkfetch/);
    const store = await FileStore.open(folder);
    expect((await readSnapshot(store))?.jiraProjects.map((p) => p.key).sort()).toEqual(['MOB', 'PAY']);
    expect((await readProgress(store)).mode).toBe('full');
  });

  it('reads only changes the second time', async () => {
    const result = await pmoWins(['sync', '--jira', demo.url, '--projects', 'PAY,MOB', '--store', folder]);
    expect(result.code).toBe(0);
    expect((await readProgress(await FileStore.open(folder))).mode).toBe('incremental');
    expect(result.stdout).not.toContain('approximate-count');
  });

  it('loads a portfolio file with --config and syncs its scope', async () => {
    const other = await mkdtemp(join(tmpdir(), 'pmo-cli-'));
    try {
      const sample = resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json');
      const result = await pmoWins(['sync', '--jira', demo.url, '--config', sample, '--store', other]);
      expect(result.stderr).not.toContain('failed');
      expect(result.stdout).toContain('Loaded 5 goals and 10 PMO projects from');
      const store = await FileStore.open(other);
      expect((await readSnapshot(store))?.jiraProjects.map((p) => p.key).sort()).toEqual([
        'DATA',
        'MOB',
        'PAY',
        'SEC',
        'WEB',
      ]);
      const broken = join(other, 'broken.json');
      await writeFile(broken, JSON.stringify({ format: 'pmo-wins/portfolio', formatVersion: 2 }));
      const refused = await pmoWins(['sync', '--jira', demo.url, '--config', broken, '--store', other]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('formatVersion: must be 1');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('says what is wrong with bad input, and exits 2', async () => {
    expect((await pmoWins(['sync', '--projects', 'PAY'])).stderr).toContain('--jira <url> is required');
    const both = await pmoWins(['sync', '--jira', demo.url, '--jql', 'project = PAY', '--projects', 'PAY']);
    expect(both).toMatchObject({ code: 2 });
    expect(both.stderr).toContain('Give one of --jql, --projects or --config');
    const ordered = await pmoWins(['sync', '--jira', demo.url, '--jql', 'project = PAY ORDER BY key']);
    expect(ordered.stderr).toContain('Leave ORDER BY out of the JQL filter');
    const noToken = await pmoWins(['sync', '--jira', demo.url], { PATH: process.env.PATH });
    expect(noToken).toMatchObject({ code: 2 });
    expect(noToken.stderr).toContain('Set JIRA_EMAIL and JIRA_API_TOKEN');
    expect((await pmoWins(['frobnicate'])).stderr).toContain('Unknown command "frobnicate"');
  });

  it("fails with Jira's own message when Jira refuses the query", async () => {
    const result = await pmoWins(['sync', '--jira', demo.url, '--jql', 'project = NOPE', '--store', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The value 'NOPE' does not exist for the field 'project'.");
  });
});
