import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoJira, type DemoJira } from '../../dev/demo-jira';
import type { MetricsReport } from '../../src/cli/metrics-report';
import { RATING_LABELS } from '../../src/domain/health';
import { openSnapshot, withDetail } from '../../src/services/snapshot';
import { FileStore } from '../../src/store/file';
import { expectedFlow } from '../reference/demo-flow';
import { pmoWins } from './pmo-wins-cli';

const SAMPLE = resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json');
const NOW = '2026-11-18T12:00:00.000Z';

describe('pmo-wins metrics', () => {
  let demo: DemoJira;
  let folder: string;
  let report: MetricsReport;
  jest.setTimeout(90_000);

  beforeAll(async () => {
    demo = await startDemoJira({ seed: 9, issues: 600, now: new Date('2026-11-18T10:00:00Z') });
    folder = await mkdtemp(join(tmpdir(), 'pmo-cli-metrics-'));
    const result = await pmoWins([
      'metrics',
      '--jira',
      demo.url,
      '--config',
      SAMPLE,
      '--store',
      folder,
      '--now',
      NOW,
      '--json',
    ]);
    expect(result.stderr).not.toContain('failed');
    expect(result.code).toBe(0);
    report = JSON.parse(result.stdout) as MetricsReport;
  });
  afterAll(async () => {
    await demo.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('prints the documented JSON for the portfolio, every goal and PMO project, epics and wins', () => {
    expect(report.format).toBe('pmo-wins/metrics');
    expect(report.formatVersion).toBe(1);
    expect(report.now).toBe(NOW);
    expect(report.today).toBe('2026-11-18');
    expect(report.projects.map((p) => p.id).sort()).toEqual(
      [
        'proj-cost',
        'proj-data',
        'proj-mobile',
        'proj-okr',
        'proj-pay-compliance',
        'proj-pay-modern',
        'proj-regulatory',
        'proj-security',
        'proj-web-cost',
        'proj-web-growth',
      ].sort(),
    );
    expect(report.goals).toHaveLength(5);
    expect(report.epics.length).toBeGreaterThan(0);
    expect(report.warnings).toEqual([]);
  });

  it('lists every delivery, late ones too, with its slip; only those on time or early are wins', () => {
    expect(report.delivered.length).toBeGreaterThan(0);
    const wins = new Map(report.wins.filter((w) => w.kind === 'delivered').map((w) => [w.id, w]));
    for (const d of report.delivered) {
      const epic = report.epics.find((e) => `delivered:epic:${e.key}` === d.id);
      if (epic)
        expect([d.date, d.due, d.slipDays]).toEqual([
          epic.finishedOn,
          epic.due,
          epic.due ? epic.slipDays : null,
        ]);
      expect(d.timing).toBe(
        d.slipDays === null ? 'no-date' : d.slipDays < 0 ? 'early' : d.slipDays === 0 ? 'on-time' : 'late',
      );
      expect(wins.has(d.id)).toBe(d.win);
    }
    expect(report.delivered.some((d) => d.timing === 'late')).toBe(true);
    expect(report.delivered.filter((d) => d.win)).toHaveLength(wins.size);
  });

  it('gives a PMO project mapped to a Jira project that project’s flow, read independently from the demo data', () => {
    const mobile = report.projects.find((p) => p.id === 'proj-mobile')!;
    const expected = expectedFlow(demo.dataset, 'MOB', {
      now: Date.parse(NOW),
      timeZone: report.timeZone,
      weeks: 12,
    });
    expect(mobile.flow.throughput.last12Weeks).toBe(expected.throughput);
  });

  it('resolves JQL membership through Jira: a JQL PMO project holds exactly the matching items and their epics’ children', () => {
    const level = new Map(demo.dataset.issueTypes.map((t) => [t.id, t.hierarchyLevel]));
    const okrEpics = new Set(
      demo.dataset.issues
        .filter((i) => level.get(i.issueTypeId) === 1 && i.labels.includes('okr'))
        .map((i) => i.key),
    );
    // Items closed as Won't Do or Duplicate have left the scope (precise rule 35).
    const discarded = (i: (typeof demo.dataset.issues)[number]) =>
      i.resolutiondate !== null && i.resolutionName !== undefined;
    const expected = demo.dataset.issues.filter(
      (i) =>
        level.get(i.issueTypeId) === 0 &&
        !discarded(i) &&
        (i.labels.includes('okr') || (i.parentKey !== null && okrEpics.has(i.parentKey))),
    ).length;
    const okr = report.projects.find((p) => p.id === 'proj-okr')!;
    expect(expected).toBeGreaterThan(0);
    expect(okr.items).toBe(expected);
    expect(okr.epics).toBe(okrEpics.size);
  });

  it('prints what the app publishes: the same numbers as the snapshot in the store', async () => {
    const reader = await openSnapshot(await FileStore.open(folder));
    const snapshot = await reader.core();
    // The sync published at the real clock; recomputing at that instant must agree with the snapshot.
    const atSync = await pmoWins([
      'metrics',
      '--store',
      folder,
      '--now',
      new Date(snapshot!.generatedAt).toISOString(),
      '--json',
    ]);
    const again = JSON.parse(atSync.stdout) as MetricsReport;
    const published = await Promise.all(
      snapshot!.metrics.projects.map(async (p) => withDetail(p, (await reader.scope(p.id))!)),
    );
    expect(again.projects).toEqual(published);
    expect(again.epics).toEqual(await reader.epics());
  });

  it('is reproducible: the same --now over the same data prints the same JSON, without asking Jira', async () => {
    const requests = () => Object.values(demo.stats.requests).reduce((a, b) => a + b, 0);
    const before = requests();
    const result = await pmoWins(['metrics', '--store', folder, '--now', NOW, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(report);
    expect(requests()).toBe(before);
  });

  it('prints readable tables', async () => {
    const result = await pmoWins(['metrics', '--store', folder, '--now', NOW]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PMO projects');
    // Each PMO project's rating in the words of the app, then its reasons, as the app lists them.
    const labels = 'On track|At risk|Off track|Delivered|Not enough data';
    expect(result.stdout).toMatch(new RegExp(`Mobile app 2\\.0\\s+(${labels})`));
    const mobile = report.projects.find((p) => p.name === 'Mobile app 2.0')!;
    expect(result.stdout).toContain(
      [
        `  Mobile app 2.0: ${RATING_LABELS[mobile.health.rating]}`,
        ...mobile.health.reasons.map((r) => `    ${r}`),
      ].join('\n'),
    );
    expect(result.stdout).not.toMatch(/n ?= ?\d|\b20\d\d-Q[1-4]\b|\b(green|amber)\b/);
    expect(result.stdout).toContain(`Wins (${report.wins.length})`);
    expect(result.stdout).toContain(`Delivered (${report.delivered.length})`);
  });

  it('names a bad --now and changes nothing', async () => {
    const result = await pmoWins(['metrics', '--store', folder, '--now', 'next tuesday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--now must be an ISO date or instant');
  });

  it('says how to get data when the store is empty', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'pmo-cli-empty-'));
    try {
      const result = await pmoWins(['metrics', '--store', empty]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('No synced data in the store yet: give --jira <url>');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
