/**
 * Nobody sees an issue through PMO Wins that Jira would not show them. As Dana (who may not browse SEC and
 * is not in the "Executives only" level of PAY's secured epics), every resolver the UI calls, the macro's
 * export and the page published to Confluence are searched for the keys and summaries of the issues she
 * may not see, after a PMO lead has given a secured win a title and a note that name its epic. Nothing
 * may be found; the same search over the PMO lead's answers finds them, so the search itself works.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DemoIssue } from '../../dev/demo-jira';
import type {
  CurationResult,
  PortfolioConfigView,
  PublishResult,
  SurfaceView,
  WinsPageData,
} from '../../src/contract';
import { KEYS } from '../../src/services/keys';
import { exportMacro } from '../../src/services/publish/macro-export';
import { openSnapshot, readSnapshot } from '../../src/services/snapshot';
import { quarterOf } from '../../src/services/snapshot/model';
import { installationSalt, opaqueWinId } from '../../src/services/surfaces';
import { forbiddenFor } from '../builders/forbidden';
import { demoUser, ok, startResolverStack, type ResolverStack } from './resolver-stack';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const SAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json'), 'utf8'),
) as unknown;
const PMO = 'pmo@demo.test';
const DANA = 'dev@demo.test';

describe('what Dana may not see in Jira, she does not see in PMO Wins', () => {
  let stack: ResolverStack;
  let forbidden: ReturnType<typeof forbiddenFor>;
  let securedEpic: DemoIssue;
  let securedQuarter: string;
  /** A secured epic in the Delivered list whose summary no issue she may see shares. */
  let deliveredEpic: DemoIssue;
  let deliveredQuarter: string;
  let spaceId: string;

  beforeAll(async () => {
    stack = await startResolverStack({ seed: 11, issues: 600, now: NOW });
    ok(await stack.call<PortfolioConfigView>('config/import', PMO, { document: SAMPLE }));
    await stack.sync();
    forbidden = forbiddenFor(stack.demo.dataset.issues);

    // A PMO lead renames a win about a secured epic and notes its key: neither may reach Dana.
    const wins = await (await openSnapshot(stack.store)).wins();
    const securedKeys = new Set(forbidden.secret.filter((i) => i.projectKey === 'PAY').map((i) => i.key));
    const win = wins.find((w) => w.scope.kind === 'epic' && securedKeys.has(w.scope.id))!;
    expect(win).toBeDefined();
    securedEpic = stack.demo.dataset.issues.find((i) => i.key === win.scope.id)!;
    securedQuarter = quarterOf(win.date);
    // Every delivery, late ones included, is in the Delivered list, which names the epic too.
    const delivered = await (await openSnapshot(stack.store)).delivered();
    const delivery = delivered.find(
      (d) =>
        d.scope.kind === 'epic' &&
        securedKeys.has(d.scope.id) &&
        forbidden.find(stack.demo.dataset.issues.find((i) => i.key === d.scope.id)!.summary).length > 0,
    )!;
    expect(delivery).toBeDefined();
    deliveredEpic = stack.demo.dataset.issues.find((i) => i.key === delivery.scope.id)!;
    deliveredQuarter = quarterOf(delivery.date);
    ok(
      await stack.call('wins/curate', PMO, {
        id: win.id,
        featured: true,
        hidden: false,
        note: `Ask the ${securedEpic.key} team about ${securedEpic.summary}`,
        title: `${securedEpic.summary}: done for the board`,
        expectedVersion: null,
      }),
    );
    const spaces = ok(await stack.call<{ id: string; key: string }[]>('confluence/spaces', PMO));
    spaceId = spaces.find((s) => s.key === 'PMO')!.id;
  }, 120_000);

  afterAll(async () => {
    await stack.close();
  });

  /** Every resolver the UI calls, with the payloads its screens send, as one user; the answers as text. */
  async function everyAnswer(email: string): Promise<Record<string, string>> {
    const snapshot = (await readSnapshot(stack.store))!;
    const quarters = snapshot.metrics.portfolio.quarters.map((q) => q.label);
    const words = securedEpic.summary.split(/\s+/).slice(0, 2).join(' ');
    const calls: [string, unknown][] = [
      ['reports/health', {}],
      ['reports/health', { config: { show: 'attention' } }],
      ['reports/flow', { config: { byJiraProject: true } }],
      ['reports/value', { config: { period: 'last4' } }],
      ['reports/wins', { config: { count: 20 } }],
      ['reports/wins', { config: { count: 20, goalId: 'goal-revenue' } }],
      ...snapshot.metrics.projects.map((p): [string, unknown] => [
        'reports/forecast',
        { config: { projectId: p.id } },
      ]),
      ...snapshot.metrics.projects.map((p): [string, unknown] => [
        'reports/flow',
        { config: { scope: { kind: 'project', id: p.id } } },
      ]),
      ...quarters.map((quarter): [string, unknown] => ['reports/winsPage', { quarter }]),
      ...snapshot.metrics.goals.map((g): [string, unknown] => [
        'reports/winsPage',
        { quarter: securedQuarter, goalId: g.id },
      ]),
      ['config/get', {}],
      ['config/audit', {}],
      ['config/export', {}],
      ['config/fields', {}],
      ['config/unmappedEpics', {}],
      ['config/searchEpics', { query: '' }],
      ['config/searchEpics', { query: words }],
      ['config/validateJql', { jql: 'project = PAY AND issuetype = Epic' }],
      ['sync/status', {}],
      ['confluence/spaces', {}],
      // What Dana may not do is refused; the refusal must not name anything either.
      [
        'wins/curate',
        {
          id: `delivered:epic:${securedEpic.key}`,
          featured: true,
          hidden: false,
          note: '',
          title: null,
          expectedVersion: null,
        },
      ],
      ['sync/start', {}],
    ];
    const answers: Record<string, string> = {};
    for (const [key, payload] of calls) {
      answers[`${key} ${JSON.stringify(payload)}`] = JSON.stringify(await stack.call(key, email, payload));
    }
    return answers;
  }

  const findings = (answers: Record<string, string>) =>
    Object.entries(answers).flatMap(([call, text]) =>
      forbidden.find(text).map((found) => `${call}: ${found}`),
    );

  it('no resolver answer names an issue she may not see; the PMO lead’s do', async () => {
    const secured = forbidden.secret.filter((i) => i.securityLevelId);
    expect(secured.length).toBeGreaterThan(0);

    expect(findings(await everyAnswer(DANA))).toEqual([]);

    const lead = findings(await everyAnswer(PMO));
    expect(lead.some((f) => /\bSEC-\d+/.test(f))).toBe(true);
    expect(lead.some((f) => f.endsWith(securedEpic.key))).toBe(true);
    expect(lead.some((f) => f.endsWith(deliveredEpic.key))).toBe(true);
    expect(lead.some((f) => f.includes(deliveredEpic.summary))).toBe(true);
  });

  it('a delivery she may not see is listed without its key and summary, under an opaque id', async () => {
    const page = ok(
      await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', DANA, { quarter: deliveredQuarter }),
    );
    const lead = ok(
      await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', PMO, { quarter: deliveredQuarter }),
    );
    const own = lead.data!.delivered.find((d) => d.id === `delivered:epic:${deliveredEpic.key}`)!;
    expect(own).toMatchObject({ redacted: false, jiraProjects: ['PAY'] });
    expect(own.title).toContain(deliveredEpic.summary);
    // The same delivery, as she gets it: same date, due date and slip, nothing that names it.
    expect(page.data!.delivered.map((d) => d.date)).toEqual(lead.data!.delivered.map((d) => d.date));
    const hers = page.data!.delivered.find(
      (d) => d.redacted && d.date === own.date && d.slipDays === own.slipDays,
    )!;
    expect(hers.id).toMatch(/^w-[0-9a-f]{20}$/);
    expect(hers).toMatchObject({ due: own.due, timing: own.timing, jiraProjects: [], scope: { id: '' } });
    expect(hers.title).toMatch(/^An epic of .+ delivered/);
    expect(forbidden.find(JSON.stringify(page.data!.delivered))).toEqual([]);
  });

  it('a win she may not see has an opaque id, no PMO title or note, and says it is redacted', async () => {
    const page = ok(
      await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', DANA, { quarter: securedQuarter }),
    );
    const redacted = page.data!.wins.filter((w) => w.redacted);
    expect(redacted.length).toBeGreaterThan(0);
    for (const win of redacted) {
      expect(win.id).toMatch(/^w-[0-9a-f]{20}$/);
      expect(win.note).toBe('');
      expect(win.originalTitle).toBeNull();
      expect(win.jiraProjects).toEqual([]);
      expect(win.namesIssues).toBe(true);
    }
    // The one the PMO lead featured stays featured for her, under the generated redacted title.
    const featured = redacted.find((w) => w.featured)!;
    expect(featured.title).toMatch(/^An epic of .+ delivered/);
    expect(featured.evidence).toContain('Jira does not show it to you');

    const lead = ok(
      await stack.call<SurfaceView<WinsPageData>>('reports/winsPage', PMO, { quarter: securedQuarter }),
    );
    const own = lead.data!.wins.find((w) => w.id === `delivered:epic:${securedEpic.key}`)!;
    expect(own).toMatchObject({ redacted: false, namesIssues: true, featured: true });
    expect(own.title).toBe(`${securedEpic.summary}: done for the board`);
  });

  it('the macro’s export and the page published to Confluence name no issue she may not see', async () => {
    const deps = { store: stack.store, clock: () => NOW };
    const texts: string[] = [];
    for (const quarter of [securedQuarter, null]) {
      texts.push(
        JSON.stringify(await exportMacro(deps, { title: 'PMO wins', quarter, goalId: null, show: 'all' })),
      );
      const published = ok(
        await stack.call<PublishResult>('confluence/publish', PMO, {
          spaceId,
          title: `PMO wins ${quarter ?? 'now'}`,
          quarter,
        }),
      );
      const reader = demoUser(DANA);
      const body = (await (
        await fetch(`${stack.demo.url}/wiki/api/v2/pages/${published.pageId}?body-format=storage`, {
          headers: {
            Authorization: `Basic ${Buffer.from(`${reader.email}:${reader.apiToken}`).toString('base64')}`,
          },
        })
      ).json()) as { body: { storage: { value: string } } };
      texts.push(body.body.storage.value);
    }
    expect(texts.join('\n')).toContain('Wins in');
    expect(texts.join('\n')).toContain('Delivered in');
    expect(texts.flatMap((t) => forbidden.find(t))).toEqual([]);
    // Nor the PMO lead's words about the secured epic: they are for those who may see it.
    expect(texts.join('\n')).not.toContain('done for the board');
  });

  it('a curator who got the win redacted changes only featured and hidden: the title and note stay', async () => {
    const salt = await installationSalt(stack.store, () => NOW);
    const real = `delivered:epic:${securedEpic.key}`;
    const stored = (await stack.store.get(KEYS.curation.win(real)))!;
    // What the wins page sends for a redacted win: its opaque id, no note, the generated title.
    const answer = ok(
      await stack.call<CurationResult>('wins/curate', PMO, {
        id: opaqueWinId(salt, real),
        featured: false,
        hidden: true,
        note: '',
        title: null,
        expectedVersion: stored.version,
      }),
    );
    expect(answer).toMatchObject({ id: opaqueWinId(salt, real), hidden: true, note: '', title: null });
    expect(await stack.store.get(KEYS.curation.win(real))).toMatchObject({
      featured: false,
      hidden: true,
      note: stored.note,
      title: stored.title,
      version: stored.version + 1,
    });
  });
});
