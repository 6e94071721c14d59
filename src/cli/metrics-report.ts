import type { EpicMetrics, MetricsResult } from '../domain/engine';
import type { ForecastResult } from '../domain/forecast';
import { RATING_LABELS, type Health } from '../domain/health';
import {
  dayMonth,
  isCurrency,
  money,
  pct as percent,
  signedChange,
  tooFewToCompare,
} from '../domain/phrasing';
import { isValueTarget } from '../domain/value';
import type { PercentileResult } from '../domain/percentile';
import type { Delivery, Win } from '../domain/wins';
import { compareQuarters, quarterName, versus, whence, type Comparison } from '../contract/periods';
import { WIN_KIND } from '../contract/surfaces';
import type { QuarterMetrics } from '../domain/results';
import { withDetail, type SnapshotParts } from '../services/snapshot';
import { scopeKeys, type ScopeKeys } from '../services/snapshot/drill-keys';

/** What `pmo-wins metrics --json` prints (documented in docs/cli.md). */
export interface MetricsReport {
  format: 'pmo-wins/metrics';
  formatVersion: 1;
  /** The instant the metrics are computed at (--now). */
  now: string;
  today: string;
  timeZone: string;
  trailingDays: number;
  itemCount: number;
  portfolio: MetricsResult['portfolio'];
  goals: MetricsResult['goals'];
  projects: MetricsResult['projects'];
  epics: EpicMetrics[];
  wins: Win[];
  /** Every delivery of the wins' lookback, on time or late, with its slip, newest first. */
  delivered: Delivery[];
  /**
   * The keys behind each number (drill-through), by scope: the same lists the surfaces open. Absent
   * for a scope the lists were not kept for.
   */
  keys: {
    portfolio: ScopeKeys | null;
    goals: Record<string, ScopeKeys>;
    projects: Record<string, ScopeKeys>;
    /** The delivery-flow table's Jira projects: items done per trend window, their cycle times, WIP. */
    jiraProjects: Record<string, ScopeKeys>;
  };
  warnings: string[];
}

export function metricsReport(result: SnapshotParts, now: number): MetricsReport {
  const m = result.core.metrics;
  // PMO projects and goals whole again: their summaries in the core and their detail parts.
  const projects = m.projects.map(
    (p) => withDetail(p, result.scopes[p.id]!) as MetricsResult['projects'][number],
  );
  const goals = m.goals.map((g) => withDetail(g, result.scopes[g.id]!) as MetricsResult['goals'][number]);
  return {
    format: 'pmo-wins/metrics',
    formatVersion: 1,
    now: new Date(now).toISOString(),
    today: m.today,
    timeZone: m.timeZone,
    trailingDays: m.trailingDays,
    itemCount: result.core.itemCount,
    portfolio: m.portfolio,
    goals,
    projects,
    epics: result.epics,
    wins: result.wins,
    delivered: result.delivered ?? [],
    keys: keysOf(result, { portfolio: m.portfolio, goals, projects }),
    warnings: result.core.warnings,
  };
}

function keysOf(
  result: SnapshotParts,
  scopes: {
    portfolio: MetricsResult['portfolio'];
    goals: MetricsResult['goals'];
    projects: MetricsResult['projects'];
  },
): MetricsReport['keys'] {
  const at = result.core.generatedAt;
  const trailingFrom = at - result.core.metrics.trailingDays * 86_400_000;
  const drill = result.drill ?? {};
  const of = (
    name: string,
    scope: Partial<Pick<MetricsResult['portfolio'], 'quarters' | 'trend'>>,
    portfolio = false,
  ) => {
    const part = drill[name];
    return part ? scopeKeys(part, { ...scope, trailingFrom, portfolio }, at) : null;
  };
  const byId = <S extends { id: string }>(
    list: readonly S[],
    kind: string,
    pick: (s: S) => Parameters<typeof of>[1],
  ) =>
    Object.fromEntries(
      list.flatMap((s) => {
        const keys = of(`${kind}:${s.id}`, pick(s));
        return keys ? [[s.id, keys] as const] : [];
      }),
    );
  const trend = scopes.portfolio.trend;
  return {
    portfolio: of('portfolio', scopes.portfolio, true),
    goals: byId(scopes.goals, 'goal', (g) => g),
    projects: byId(scopes.projects, 'project', (p) => p),
    // The table's windows are the portfolio's own.
    jiraProjects: Object.fromEntries(
      result.core.jiraProjects.flatMap((j) => {
        const keys = of(`jira:${j.key}`, { trend });
        return keys ? [[j.key, keys] as const] : [];
      }),
    ),
  };
}

const num = (v: number | null | undefined, digits = 0) =>
  v === null || v === undefined
    ? '–'
    : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : percent(v));
/** A percentile in days, or "— (4)" when too few items give one, as the app shows it (explained under the table). */
const days = (p: PercentileResult) => (p.value === null ? `— (${p.n})` : `${p.value.toFixed(1)} d`);
/** Under a table with a percentile left out: why. */
const tooFewNote = (lines: readonly string[]) =>
  /— \(\d+\)/.test(lines.at(-1) ?? '')
    ? ['  — (N): too few items (N) for a percentile; a P50 needs 5, a P85 10']
    : [];
const forecast = (f: ForecastResult) =>
  f.state === 'done'
    ? 'all items done'
    : f.state === 'no-throughput'
      ? 'no throughput'
      : `${f.p85 ?? 'beyond 10 y'}${f.samplesFrom === 'portfolio' ? '*' : ''}`;

/**
 * A cell that reads as a number: "12", "45%", "4.2 d", "€650,000", "CHF 5,000", "1,250 NPS", "–" or
 * "— (4)".
 */
const NUMERIC = /^[-–+]?(?:[^\s\d.,%–-]{1,3}[\s\u00a0]?)?[\d.,]+%?(?: d| [A-Za-z]{1,8})?$|^–$|^— \(\d+\)$/;

/** A plain text table: columns padded to their widest cell; numbers right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => NUMERIC.test(r[i]!)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The newest quarter against the one before, as the wins page says it: counts and sums of a partial
 * quarter against the same point of the quarter before, rates against all of it ("Comparing periods").
 */
export function quarterComparison(
  quarters: readonly QuarterMetrics[],
  currency: string | null = null,
): string | null {
  const q = quarters.at(-1);
  const p = quarters.at(-2) ?? null;
  const vs = q ? compareQuarters(q, p) : null;
  if (!q || !p || !vs) return null;
  const change = (c: Comparison) => (c.change === null ? '' : ` (${signedChange(c.change, c.unit)})`);
  const count = (what: string, now: number, c: Comparison, show = (v: number | null) => num(v)) =>
    `${what} ${show(now)} vs ${show(c.before)}${change(c)}`;
  const amount = (v: number | null) => (v === null ? '–' : money(v, currency));
  const rate = (what: string, now: number | null, c: Comparison) =>
    `${what} ${pct(now)} vs ${pct(c.before)}${change(c)}`;
  const point = q.current ? q.samePointBefore : null;
  return [
    `${quarterName(q.label)}${point ? ` so far (${num(point.elapsedDays, 1)} days)` : ''} ${versus(vs.value)}: ` +
      [
        count('value', q.valueDelivered, vs.value, amount),
        count('epics', q.epicsDelivered, vs.epics),
        count('PMO projects', q.projectsDelivered, vs.projects),
        count('throughput', q.throughput, vs.throughput),
      ].join('; '),
    `${quarterName(q.label)} ${versus(vs.onTime)}: ` +
      [
        rate('on time', q.onTime.rate, vs.onTime),
        rate('say/do', q.sayDo.rate, vs.sayDo),
        vs.cycleP50.samples
          ? `P50 cycle time: ${tooFewToCompare(vs.cycleP50.samples.now, vs.cycleP50.samples.before, whence(vs.cycleP50), q.cycleTimeP50.minSamples)}`
          : `P50 cycle time ${days(q.cycleTimeP50)} vs ${num(vs.cycleP50.before, 1)} d${change(vs.cycleP50)}`,
      ].join('; '),
  ].join('\n');
}

/**
 * A PMO project's rating in the words of the app's lozenge, marked when a PMO lead set it: "At risk",
 * "Off track (override)".
 */
const ratingWord = (h: Health) => `${RATING_LABELS[h.rating]}${h.override ? ' (override)' : ''}`;

/**
 * A PMO project's health as the app shows it when its row is opened: the rating, a PMO lead's override
 * with the computed rating, then the reasons, the main one first.
 */
export function healthLines(name: string, h: Health): string[] {
  return [
    `  ${name}: ${ratingWord(h)}`,
    ...(h.override
      ? [
          `    Set to ${RATING_LABELS[h.override.rating]} by a PMO lead until ${dayMonth(h.override.expires)}: ${h.override.comment} (computed: ${RATING_LABELS[h.computed]})`,
        ]
      : []),
    ...h.reasons.map((reason) => `    ${reason}`),
  ];
}

export function metricsTables(r: MetricsReport): string {
  const p = r.portfolio;
  const quarter = p.quarters[p.quarters.length - 1]!;
  // Amounts are in the currency of the first goal target given in one, as the app shows them; a goal's
  // own amounts in its target's currency.
  const currency = r.goals.find((g) => isValueTarget(g.target))?.target?.unit.toUpperCase() ?? null;
  const goalCurrency = (g: MetricsReport['goals'][number]) =>
    g.target !== null && isCurrency(g.target.unit) ? g.target.unit : currency;
  const out: string[] = [];
  out.push(`PMO Wins metrics as of ${r.now} (${r.timeZone}), ${num(r.itemCount)} issues`);
  out.push('');
  out.push('Portfolio');
  out.push(
    table(
      [
        'items',
        'done 12 wk',
        'P50 cycle',
        'P85 cycle',
        'WIP',
        'flow eff.',
        `on time ${quarterName(quarter.label)}`,
        `say/do ${quarterName(quarter.label)}`,
        'value to date',
        `alignment ${quarterName(quarter.label)}`,
      ],
      [
        [
          num(p.items),
          num(p.flow.throughput.last12Weeks),
          days(p.flow.cycleTime.trailing.p50),
          days(p.flow.cycleTime.trailing.p85),
          num(p.flow.wip),
          pct(p.flow.flowEfficiency.trailing.percent),
          pct(quarter.onTime.rate),
          pct(quarter.sayDo.rate),
          money(p.valueToDate, currency),
          pct(quarter.alignment?.percent),
        ],
      ],
    ),
  );
  out.push(...tooFewNote(out));
  out.push('');
  const compared = quarterComparison(p.quarters, currency);
  if (compared) out.push(compared, '');
  out.push('Goals');
  out.push(
    table(
      ['goal', 'status', 'PMO projects', 'period', 'value in period', 'of target', 'done 12 wk', 'P50 cycle'],
      r.goals.map((g) => [
        g.name,
        g.status,
        num(g.projectIds.length),
        g.period ? `${g.period.start} – ${g.period.end}` : 'all time',
        money(g.valueInPeriod, goalCurrency(g)),
        pct(g.targetPercent),
        num(g.flow.throughput.last12Weeks),
        days(g.flow.cycleTime.trailing.p50),
      ]),
    ),
  );
  out.push(...tooFewNote(out));
  out.push('');
  out.push('PMO projects');
  out.push(
    table(
      [
        'PMO project',
        'health',
        'progress',
        'target',
        'P85 finish',
        'P(by target)',
        'scope growth',
        'value to date',
      ],
      r.projects.map((x) => [
        x.name,
        ratingWord(x.health),
        pct(x.progress.percent),
        x.target.date ?? '–',
        x.finishedOn ? `done ${x.finishedOn}` : forecast(x.forecast),
        pct(x.forecast.state === 'forecast' ? x.forecast.probability : null),
        pct(x.scopeChange.percent),
        money(x.valueToDate, currency),
      ]),
    ),
  );
  for (const x of r.projects) out.push(...healthLines(x.name, x.health));
  out.push('');
  out.push('Epics');
  out.push(
    table(
      ['epic', 'status', 'items', 'progress', 'due', 'finish (P85)', 'slip days'],
      r.epics.map((e) => [
        `${e.key} ${e.summary}`.slice(0, 48),
        e.status,
        num(e.progress.total),
        pct(e.progress.percent),
        e.due ?? '–',
        e.finishedOn ?? forecast(e.forecast),
        num(e.slipDays),
      ]),
    ),
  );
  out.push("  * forecast from the portfolio's throughput (the scope has fewer than 10 done items)");
  out.push('');
  out.push(`Wins (${r.wins.length})`);
  out.push(
    table(
      ['date', 'kind', 'win'],
      r.wins.map((w) => [w.date, WIN_KIND[w.kind], w.title]),
    ),
  );
  out.push('');
  out.push(`Delivered (${r.delivered.length})`);
  out.push(
    table(
      ['date', 'delivered', 'due', 'slip days'],
      r.delivered.map((d) => [d.date, d.title.slice(0, 64), d.due ?? '–', num(d.slipDays)]),
    ),
  );
  for (const w of r.warnings) out.push(`Warning: ${w}`);
  return out.join('\n');
}
