import { DEMO_FIELDS, generateDataset, type DemoDataset, type DemoIssue } from '../../../dev/demo-jira';

const NOW = new Date('2025-06-15T14:30:00Z');
const DONE = '10003';
const IN_PROGRESS_STATUSES = new Set(['3', '10001', '10002']);

const dataset: DemoDataset = generateDataset({ seed: 42, issues: 800, now: NOW });
const byKey = new Map(dataset.issues.map((i) => [i.key, i]));

function statusItems(issue: DemoIssue) {
  return issue.history.flatMap((c) =>
    c.items.filter((item) => item.fieldId === 'status').map((item) => ({ at: c.at, item })),
  );
}

function itemsOf(issue: DemoIssue, fieldId: string) {
  return issue.history.flatMap((c) => c.items.filter((item) => item.fieldId === fieldId));
}

function count(predicate: (issue: DemoIssue) => boolean): number {
  return dataset.issues.filter(predicate).length;
}

describe('generated demo data set', () => {
  it('is the same for the same seed, issue count and now, and different for another seed', () => {
    const again = generateDataset({ seed: 42, issues: 800, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(dataset));
    const other = generateDataset({ seed: 43, issues: 800, now: NOW });
    expect(JSON.stringify(other.issues)).not.toBe(JSON.stringify(dataset.issues));
  });

  it('has about the requested number of issues in the five projects', () => {
    expect(dataset.issues.length).toBeGreaterThan(700);
    expect(dataset.issues.length).toBeLessThan(900);
    expect(dataset.projects.map((p) => p.key)).toEqual(['PAY', 'MOB', 'DATA', 'WEB', 'SEC']);
    for (const project of dataset.projects)
      expect(count((i) => i.projectKey === project.key)).toBeGreaterThan(50);
    expect(new Set(dataset.issues.map((i) => i.key)).size).toBe(dataset.issues.length);
  });

  it('numbers issues in creation order', () => {
    for (let i = 1; i < dataset.issues.length; i++) {
      const previous = dataset.issues[i - 1] as DemoIssue;
      const current = dataset.issues[i] as DemoIssue;
      expect(Number(current.id)).toBe(Number(previous.id) + 1);
      expect(current.created).toBeGreaterThanOrEqual(previous.created);
    }
  });

  it('replays every status history from the initial status to the current one', () => {
    for (const issue of dataset.issues) {
      const moves = statusItems(issue);
      let status = moves[0]?.item.from ?? issue.statusId;
      for (const { item } of moves) {
        expect(item.from).toBe(status);
        expect(item.to).not.toBe(item.from);
        status = item.to as string;
      }
      expect(status).toBe(issue.statusId);
    }
  });

  it('keeps every change between creation and now, oldest first, and updated at the latest change', () => {
    for (const issue of dataset.issues) {
      let previous = issue.created;
      for (const change of issue.history) {
        expect(change.at).toBeGreaterThanOrEqual(previous);
        previous = change.at;
      }
      expect(previous).toBeLessThanOrEqual(dataset.now);
      expect(issue.updated).toBe(previous);
      expect(issue.created).toBeLessThanOrEqual(dataset.now);
    }
  });

  it('sets resolutiondate to the latest move into Done, only while the issue is done', () => {
    for (const issue of dataset.issues) {
      if (issue.statusId === DONE) {
        const lastDone = statusItems(issue)
          .filter((m) => m.item.to === DONE)
          .pop();
        expect(issue.resolutiondate).toBe(lastDone?.at);
      } else {
        expect(issue.resolutiondate).toBeNull();
      }
    }
  });

  it('replays flag and parent histories to the current values', () => {
    for (const issue of dataset.issues) {
      let flagged = false;
      for (const item of itemsOf(issue, DEMO_FIELDS.flagged)) {
        expect(item.to === null).toBe(flagged);
        flagged = item.to !== null;
      }
      expect(flagged).toBe(issue.flagged);
      const moves = itemsOf(issue, 'IssueParentAssociation');
      if (moves.length > 0) {
        const last = moves[moves.length - 1];
        expect(last?.toString).toBe(issue.parentKey);
        expect(byKey.get(last?.toString ?? '')?.id).toBe(last?.to);
      }
    }
  });

  it('links work items to epics and sub-tasks to stories', () => {
    for (const issue of dataset.issues) {
      const parent = issue.parentKey === null ? undefined : byKey.get(issue.parentKey);
      if (issue.issueTypeId === '10000') expect(issue.parentKey).toBeNull();
      if (issue.issueTypeId === '10004') expect(parent?.issueTypeId).toBe('10001');
      if (['10001', '10002', '10003'].includes(issue.issueTypeId) && parent)
        expect(parent.issueTypeId).toBe('10000');
    }
    const workItems = dataset.issues.filter((i) => ['10001', '10002', '10003'].includes(i.issueTypeId));
    expect(workItems.filter((i) => i.parentKey !== null).length / workItems.length).toBeGreaterThan(0.85);
    expect(workItems.filter((i) => i.storyPoints !== null).length / workItems.length).toBeGreaterThan(0.6);
    expect(count((i) => i.issueTypeId === '10004')).toBeGreaterThan(0);
  });

  it('gives epics start and due dates, values for most, and closes them only when their children are done', () => {
    const epics = dataset.issues.filter((i) => i.issueTypeId === '10000');
    expect(epics.length).toBeGreaterThan(40);
    expect(epics.every((e) => e.startDate !== null)).toBe(true);
    expect(epics.filter((e) => e.duedate !== null).length / epics.length).toBeGreaterThan(0.8);
    const valued = epics.filter((e) => e.businessValue !== null).length;
    expect(valued).toBeGreaterThan(epics.length / 2);
    expect(valued).toBeLessThan(epics.length);
    const nowDate = NOW.toISOString().slice(0, 10);
    const done = epics.filter((e) => e.statusId === DONE && e.duedate !== null);
    const onTime = done.filter(
      (e) => new Date(e.resolutiondate ?? 0).toISOString().slice(0, 10) <= (e.duedate ?? ''),
    );
    expect(onTime.length).toBeGreaterThan(0);
    expect(onTime.length).toBeLessThan(done.length);
    expect(
      epics.filter((e) => e.statusId !== DONE && e.duedate !== null && e.duedate < nowDate).length,
    ).toBeGreaterThan(0);
    expect(epics.filter((e) => e.statusId !== DONE).length).toBeGreaterThan(0);
    for (const epic of epics.filter((e) => e.statusId === DONE)) {
      const children = dataset.issues.filter((i) => i.parentKey === epic.key);
      expect(
        children.every(
          (c) => c.statusId === DONE && (c.resolutiondate ?? Infinity) <= (epic.resolutiondate ?? 0),
        ),
      ).toBe(true);
    }
  });

  it('records the awkward cases the metrics must handle', () => {
    const moves = (i: DemoIssue) => statusItems(i).map((m) => m.item);
    const reopened = count((i) => moves(i).some((m) => m.from === DONE));
    const reopenedStillOpen = count((i) => moves(i).some((m) => m.from === DONE) && i.statusId !== DONE);
    const doneWithoutStart = count(
      (i) =>
        i.statusId === DONE &&
        moves(i)[0]?.from === '10000' &&
        !moves(i).some((m) => IN_PROGRESS_STATUSES.has(m.to ?? '')),
    );
    const createdInProgress = count((i) => IN_PROGRESS_STATUSES.has(moves(i)[0]?.from ?? ''));
    const rework = count((i) => moves(i).some((m) => m.from === '10001' && m.to === '3'));
    const blocked = count((i) => moves(i).some((m) => m.to === '10002'));
    const flaggedEver = count((i) => itemsOf(i, DEMO_FIELDS.flagged).length > 0);
    const flaggedNow = count((i) => i.flagged && i.statusId !== DONE);
    const parentChanges = count((i) => itemsOf(i, 'IssueParentAssociation').some((m) => m.from !== null));
    const linkedLater = count((i) => itemsOf(i, 'IssueParentAssociation').some((m) => m.from === null));
    const dueSlips = count((i) => itemsOf(i, 'duedate').length > 0);
    const estimateChanges = count((i) => itemsOf(i, DEMO_FIELDS.storyPoints).length > 0);
    const inProgressNow = count((i) => IN_PROGRESS_STATUSES.has(i.statusId) && i.issueTypeId !== '10000');
    const toDoNow = count((i) => i.statusId === '10000' && i.issueTypeId !== '10000');
    for (const [name, value] of Object.entries({
      reopened,
      reopenedStillOpen,
      doneWithoutStart,
      createdInProgress,
      rework,
      blocked,
      flaggedEver,
      flaggedNow,
      parentChanges,
      linkedLater,
      dueSlips,
      estimateChanges,
      inProgressNow,
      toDoNow,
    })) {
      expect([name, value > 0]).toEqual([name, true]);
    }
  });

  it('adds scope to epics after they started', () => {
    const startedAt = new Map<string, number>();
    for (const epic of dataset.issues.filter((i) => i.issueTypeId === '10000')) {
      const start = statusItems(epic).find((m) => m.item.to === '3');
      if (start) startedAt.set(epic.key, start.at);
    }
    const added = count((i) => i.parentKey !== null && i.created > (startedAt.get(i.parentKey) ?? Infinity));
    expect(added).toBeGreaterThan(10);
  });

  it('lets throughput vary from week to week, with quiet weeks', () => {
    const weekMs = 7 * 86_400_000;
    const perWeek = new Map<number, number>();
    for (const issue of dataset.issues) {
      if (issue.resolutiondate === null || issue.issueTypeId === '10000' || issue.issueTypeId === '10004')
        continue;
      const week = Math.floor((dataset.now - issue.resolutiondate) / weekMs);
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
    const lastYear = Array.from({ length: 52 }, (_, w) => perWeek.get(w) ?? 0);
    expect(Math.max(...lastYear)).toBeGreaterThan(2 * Math.min(...lastYear) + 3);
    expect(lastYear.filter((n) => n <= 2).length).toBeGreaterThan(0);
  });

  it('puts most changes inside working hours in London', () => {
    const hours = dataset.issues.flatMap((i) =>
      i.history.map((c) =>
        Number(
          new Date(c.at).toLocaleString('en-GB', {
            hour: '2-digit',
            hour12: false,
            timeZone: 'Europe/London',
          }),
        ),
      ),
    );
    const working = hours.filter((h) => h >= 9 && h < 18).length;
    expect(working / hours.length).toBeGreaterThan(0.95);
  });
});
