/**
 * Drill-through: every count, percentile sample and share a surface shows opens the list of what it
 * counts, worked out from the published snapshot. For each scope of a synced demo site (the portfolio,
 * each goal, each PMO project, each Jira project of the delivery-flow table) each list must hold exactly
 * as many entries as its number says; the resolver lists them as the viewer may see them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DrillData, PortfolioConfigView } from '../../src/contract';
import { openSnapshot, withDetail } from '../../src/services/snapshot';
import { scopeKeys, type ScopeKeys } from '../../src/services/snapshot/drill-keys';
import { drillEntries, type DrillPart } from '../../src/services/snapshot/drill';
import { forbiddenFor } from '../builders/forbidden';
import { ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const DAY = 86_400_000;
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as unknown;
const PMO = 'pmo@demo.test';
const DANA = 'dev@demo.test';

let stack: ResolverStack;
beforeAll(async () => {
  stack = await startResolverStack({ seed: 11, issues: 600, now: NOW });
  ok(await stack.call<PortfolioConfigView>('config/import', PMO, { document: SAMPLE }));
  await stack.sync();
}, 120_000);
afterAll(() => stack.close());

async function published() {
  const snapshot = await openSnapshot(stack.store);
  const core = (await snapshot.core())!;
  const part = async (name: string) => (await snapshot.drill(name))!;
  return { snapshot, core, part };
}

const count = (keys: string[]) => keys.length;

describe('each list holds what its number counts', () => {
  it('the portfolio, every goal and every PMO project, quarter by quarter and week by week', async () => {
    const { snapshot, core, part } = await published();
    const m = core.metrics;
    const trailingFrom = NOW - m.trailingDays * DAY;
    const scopes = [
      { name: 'portfolio', metrics: m.portfolio, portfolio: true },
      ...(await Promise.all(
        m.goals.map(async (g) => ({
          name: `goal:${g.id}`,
          metrics: withDetail(g, (await snapshot.scope(g.id))!),
          portfolio: false,
        })),
      )),
      ...(await Promise.all(
        m.projects.map(async (p) => ({
          name: `project:${p.id}`,
          metrics: withDetail(p, (await snapshot.scope(p.id))!),
          portfolio: false,
        })),
      )),
    ];
    let checked = 0;
    let nonEmpty = 0;
    for (const scope of scopes) {
      const metrics = scope.metrics as typeof m.portfolio;
      const keys: ScopeKeys = scopeKeys(
        await part(scope.name),
        { quarters: metrics.quarters, trend: metrics.trend, trailingFrom, portfolio: scope.portfolio },
        NOW,
      );
      const where = `${scope.name}`;
      for (const q of metrics.quarters) {
        const k = keys.quarters[q.label]!;
        const at = `${where} ${q.label}`;
        expect([at, count(k.throughput)]).toEqual([at, q.throughput]);
        expect([at, count(k.cycleTime)]).toEqual([at, q.cycleTimeP50.n]);
        expect([at, count(k.epicsDelivered)]).toEqual([at, q.epicsDelivered]);
        expect([at, count(k.projectsDelivered)]).toEqual([at, q.projectsDelivered]);
        expect([at, count(k.onTime.onTime), count(k.onTime.onTime) + count(k.onTime.late)]).toEqual([
          at,
          q.onTime.onTime,
          q.onTime.withDate,
        ]);
        expect([at, count(k.sayDo.done), count(k.sayDo.done) + count(k.sayDo.notDone)]).toEqual([
          at,
          q.sayDo.done,
          q.sayDo.committed,
        ]);
        if (q.alignment) {
          expect([at, count(k.aligned!), count(k.throughput)]).toEqual([
            at,
            q.alignment.aligned,
            q.alignment.done,
          ]);
        }
        if (q.samePointBefore) {
          const s = k.samePointBefore!;
          expect([at, count(s.throughput), count(s.epicsDelivered), count(s.projectsDelivered)]).toEqual([
            at,
            q.samePointBefore.throughput,
            q.samePointBefore.epicsDelivered,
            q.samePointBefore.projectsDelivered,
          ]);
        }
        checked += 1;
        if (q.throughput > 0) nonEmpty += 1;
      }
      const weekly = Object.values(keys.weekly).map(count);
      expect([where, weekly]).toEqual([where, metrics.trend.weekly.map((w) => w.count)]);
      for (const w of metrics.trend.windows) {
        const k = keys.windows[String(w.weeks)]!;
        expect([where, w.weeks, count(k.current), count(k.previous)]).toEqual([
          where,
          w.weeks,
          w.current.throughput,
          w.previous.throughput,
        ]);
      }
      expect([where, count(keys.wip), count(keys.blocked), count(keys.aging)]).toEqual([
        where,
        metrics.flow.wip,
        metrics.flow.blocked.count,
        metrics.flow.aging.count ?? 0,
      ]);
      expect([where, count(keys.trailingCycle)]).toEqual([where, metrics.flow.cycleTime.trailing.n]);
    }
    for (const summary of m.projects) {
      const keys = scopeKeys(await part(`project:${summary.id}`), { trailingFrom, portfolio: false }, NOW);
      const at = summary.id;
      expect([
        at,
        count(keys.progress!.done),
        count(keys.progress!.done) + count(keys.progress!.open),
      ]).toEqual([at, summary.progress.done, summary.progress.total]);
      expect([at, count(keys.remaining!)]).toEqual([at, summary.progress.total - summary.progress.done]);
      expect([at, count(keys.scopeAdded!)]).toEqual([at, summary.scopeChange.added]);
    }
    // The demo portfolio has work behind its numbers: the lists are not trivially empty.
    expect(checked).toBeGreaterThan(20);
    expect(nonEmpty).toBeGreaterThan(10);
    expect(m.projects.some((p) => p.scopeChange.added > 0)).toBe(true);
  });

  it('value: the amounts listed add up to the value delivered', async () => {
    const { core, part } = await published();
    const drill = await part('portfolio');
    for (const q of core.metrics.portfolio.quarters) {
      const entries = drillEntries(drill, { kind: 'value', from: q.from, to: Math.min(q.to, NOW + 1) }, NOW);
      const sum = entries.reduce((total, e) => total + (e.amount ?? 0), 0);
      expect([q.label, Math.round(sum)]).toEqual([q.label, Math.round(q.valueDelivered)]);
    }
  });

  it('each Jira project of the delivery-flow table', async () => {
    const { core, part } = await published();
    expect(core.jiraProjects.length).toBeGreaterThan(1);
    for (const project of core.jiraProjects) {
      const drill: DrillPart = await part(`jira:${project.key}`);
      expect([project.key, drillEntries(drill, { kind: 'wip' }, NOW).length]).toEqual([
        project.key,
        project.wip,
      ]);
      const { windows } = core.metrics.portfolio.trend;
      for (const w of project.windows) {
        const period = windows.find((x) => x.weeks === w.weeks)!.current;
        const done = drillEntries(drill, { kind: 'done', from: period.from, to: period.to }, NOW);
        const cycle = drillEntries(drill, { kind: 'cycle', from: period.from, to: period.to }, NOW);
        expect([project.key, w.weeks, done.length, cycle.length]).toEqual([
          project.key,
          w.weeks,
          w.throughput,
          w.cycleTime.p50.n,
        ]);
      }
    }
  });
});

describe('the resolver lists them as the viewer may see them', () => {
  const current = async () => {
    const { core } = await published();
    return core.metrics.portfolio.quarters.at(-2)!;
  };

  it('a PMO lead sees every item of a list, with its summary and status from Jira', async () => {
    const q = await current();
    const { part } = await published();
    const expected = drillEntries(await part('portfolio'), { kind: 'done', from: q.from, to: q.to }, NOW);
    const answer = ok(
      await stack.call<DrillData>('reports/drill', PMO, {
        scope: { kind: 'portfolio', id: 'portfolio' },
        number: { kind: 'done', from: q.from, to: q.to },
      }),
    );
    expect(answer.total).toBe(q.throughput);
    expect(answer.hidden).toBe(0);
    expect(answer.pages).toBe(Math.ceil(q.throughput / answer.pageSize));
    expect(answer.rows.map((r) => r.key)).toEqual(expected.slice(0, answer.pageSize).map((e) => e.key));
    const first = answer.rows[0]!;
    const issue = stack.demo.dataset.issues.find((i) => i.key === first.key)!;
    expect(first).toMatchObject({ summary: issue.summary, kind: 'item' });
    expect(first.status).toBeTruthy();
    expect(first.done).toBeGreaterThanOrEqual(q.from);
    const last = ok(
      await stack.call<DrillData>('reports/drill', PMO, {
        scope: { kind: 'portfolio', id: 'portfolio' },
        number: { kind: 'done', from: q.from, to: q.to },
        page: answer.pages,
      }),
    );
    expect(last.rows.map((r) => r.key)).toEqual(
      expected.slice((answer.pages - 1) * answer.pageSize).map((e) => e.key),
    );
  });

  it('Dana gets the count, and how many she may not see, never their keys', async () => {
    const forbidden = forbiddenFor(stack.demo.dataset.issues);
    const { core } = await published();
    const answers: string[] = [];
    let hidden = 0;
    for (const q of core.metrics.portfolio.quarters) {
      for (const kind of ['done', 'epics', 'on-time', 'value'] as const) {
        for (let page = 1; page <= 3; page += 1) {
          const answer = ok(
            await stack.call<DrillData>('reports/drill', DANA, {
              scope: { kind: 'portfolio', id: 'portfolio' },
              number: { kind, from: q.from, to: Math.min(q.to, NOW + 1) },
              page,
            }),
          );
          if (page === 1) hidden += answer.hidden;
          answers.push(JSON.stringify(answer));
          if (answer.pages <= page) break;
        }
      }
      answers.push(
        JSON.stringify(
          await stack.call('reports/drill', DANA, {
            scope: { kind: 'portfolio', id: 'portfolio' },
            number: { kind: 'say-do', quarter: q.label },
          }),
        ),
      );
    }
    for (const kind of ['wip', 'blocked', 'aging'] as const) {
      answers.push(
        JSON.stringify(
          await stack.call('reports/drill', DANA, {
            scope: { kind: 'portfolio', id: 'portfolio' },
            number: { kind },
          }),
        ),
      );
    }
    answers.push(
      JSON.stringify(
        await stack.call('reports/drill', DANA, {
          scope: { kind: 'jira', id: 'SEC' },
          number: { kind: 'wip' },
        }),
      ),
    );
    for (const p of core.metrics.projects) {
      for (const kind of ['progress', 'added'] as const) {
        answers.push(
          JSON.stringify(
            await stack.call('reports/drill', DANA, {
              scope: { kind: 'project', id: p.id },
              number: { kind },
            }),
          ),
        );
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(answers.flatMap((text) => forbidden.find(text))).toEqual([]);
    // The same lists name them for the PMO lead, so the search itself works.
    const lead = await stack.call('reports/drill', PMO, {
      scope: { kind: 'jira', id: 'SEC' },
      number: { kind: 'wip' },
    });
    expect(forbidden.find(JSON.stringify(lead)).length).toBeGreaterThan(0);
  });

  it('docs/metrics.md’s example: the epics delivered this quarter, as the PMO lead and as Dana see them', async () => {
    const { core } = await published();
    const q = core.metrics.portfolio.quarters.at(-1)!;
    const number = { kind: 'epics', from: q.from, to: q.to };
    const scope = { kind: 'portfolio', id: 'portfolio' };
    const lead = ok(await stack.call<DrillData>('reports/drill', PMO, { scope, number }));
    expect(q.epicsDelivered).toBe(2);
    expect(lead.rows.map((r) => [r.key, r.due])).toEqual([
      ['PAY-141', '2026-11-13'],
      ['SEC-73', '2026-11-11'],
    ]);
    const dana = ok(await stack.call<DrillData>('reports/drill', DANA, { scope, number }));
    expect(dana).toMatchObject({ total: 2, hidden: 1 });
    expect(dana.rows.map((r) => r.key)).toEqual(['PAY-141']);
  });

  it('a SEC list for Dana: everything counted, all of it hidden', async () => {
    const answer = ok(
      await stack.call<DrillData>('reports/drill', DANA, {
        scope: { kind: 'jira', id: 'SEC' },
        number: { kind: 'wip' },
      }),
    );
    expect(answer.total).toBeGreaterThan(0);
    expect(answer).toMatchObject({ hidden: answer.total, rows: [] });
  });

  it('benefit records are listed for PMO leads and counted for others', async () => {
    const { core } = await published();
    const all = { from: core.metrics.portfolio.quarters[0]!.from, to: NOW + 1 };
    const lead = ok(
      await stack.call<DrillData>('reports/drill', PMO, {
        scope: { kind: 'portfolio', id: 'portfolio' },
        number: { kind: 'value', ...all },
      }),
    );
    const dana = ok(
      await stack.call<DrillData>('reports/drill', DANA, {
        scope: { kind: 'portfolio', id: 'portfolio' },
        number: { kind: 'value', ...all },
      }),
    );
    expect(lead.withheld).toBe(0);
    expect(dana.total).toBe(lead.total);
    const benefits = lead.rows.filter((r) => r.kind === 'benefit').length;
    expect(dana.withheld).toBe(benefits);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    const refuse = async (payload: unknown) => {
      const answer = await stack.call('reports/drill', PMO, payload);
      return answer.ok ? null : answer.error;
    };
    expect(
      await refuse({ scope: { kind: 'project', id: 'nope' }, number: { kind: 'progress' } }),
    ).toMatchObject({ kind: 'not-found', field: 'scope.id' });
    expect(
      await refuse({ scope: { kind: 'portfolio', id: 'portfolio' }, number: { kind: 'progress' } }),
    ).toMatchObject({ kind: 'validation', field: 'number' });
    expect(
      await refuse({
        scope: { kind: 'portfolio', id: 'portfolio' },
        number: { kind: 'done', from: 5, to: 1 },
      }),
    ).toMatchObject({ kind: 'validation' });
    expect(
      await refuse({
        scope: { kind: 'portfolio', id: 'portfolio' },
        number: { kind: 'done', from: 0, to: NOW },
      }),
    ).toMatchObject({ kind: 'validation', field: 'number' });
    expect(
      await refuse({ scope: { kind: 'portfolio', id: 'portfolio' }, number: { kind: 'bogus' } }),
    ).toMatchObject({
      kind: 'validation',
    });
  });
});
