import type { WinsPageData } from '../../contract';
import type { MacroConfig } from '../../contract/config';
import { compareQuarters, quarterName, whence, type Comparison } from '../../contract/periods';
import {
  dayMonth,
  isCurrency,
  money,
  pct as percent,
  signedChange,
  tooFewItems,
  tooFewToCompare,
} from '../../domain/phrasing';

/**
 * The wins page as Atlassian Document Format, for the macro's PDF and Word export (the Custom UI iframe
 * does not survive an export), and as Confluence storage format for "Publish to Confluence". Both carry
 * what the page shows: headline numbers, wins and the Delivered list (every delivery with its slip), with
 * epic keys already redacted for readers who may not browse them. Amounts are in the page's currency (a
 * goal's own when its target is in one), percentages whole, as the app shows them.
 */
type Node = Record<string, unknown>;

const text = (t: string, marks?: Node[]): Node => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const paragraph = (...content: Node[]): Node => ({ type: 'paragraph', content });
const heading = (level: number, t: string): Node => ({
  type: 'heading',
  attrs: { level },
  content: [text(t)],
});
const cell = (type: 'tableHeader' | 'tableCell', t: string): Node => ({
  type,
  attrs: {},
  content: [paragraph(text(t || ' '))],
});
const row = (type: 'tableHeader' | 'tableCell', cells: string[]): Node => ({
  type: 'tableRow',
  content: cells.map((c) => cell(type, c)),
});

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const pct = (v: number | null) => (v === null ? '—' : percent(v));
/** A calendar date ('YYYY-MM-DD') as "1 Jan 2026", as every sentence of the app reads it. */
const day = dayMonth;

/**
 * A number of the quarter before with its change: "€120,000 by the same point of Q3 2026 (+25%)". A P50
 * is compared only with enough items on both sides, else it says so as the wins page does: "4.3 in Q2
 * 2026; too few items to compare (4 now, 40 in Q2 2026; 5 needed on each side)".
 */
function before(c: Comparison | undefined, shown: string, needed = 0): string {
  if (!c) return '—';
  const change =
    c.samples !== null
      ? `; ${tooFewToCompare(c.samples.now, c.samples.before, whence(c), needed)}`
      : c.change === null
        ? ''
        : ` (${signedChange(c.change, c.unit)})`;
  return `${shown} ${whence(c)}${change}`;
}

/**
 * Headline numbers of the quarter, each with what it is compared with: [label, this quarter, the quarter
 * before with the change]. Counts and sums of a current, partial quarter are compared with the quarter
 * before up to the same point; rates and the P50 with the whole quarter before ("Comparing periods").
 */
export function headlineRows(data: WinsPageData, currency: string | null = null): [string, string, string][] {
  const q = data.current;
  const p = data.previous;
  const vs = compareQuarters(q, p);
  const unit = pageCurrency(data, currency);
  const rate = (x: { rate: number | null }, of: string) => `${pct(x.rate)} (${of})`;
  // A P50 with too few items reads "—", this quarter's with why; the quarter before's comparison says why.
  const p50 = (x: typeof q, why: boolean) =>
    x.cycleTimeP50.value !== null
      ? oneDecimal.format(x.cycleTimeP50.value)
      : why
        ? `— ${tooFewItems(x.cycleTimeP50.n, x.cycleTimeP50.minSamples, 'a P50')}`
        : '—';
  return [
    ['Value delivered', money(q.valueDelivered, unit), before(vs?.value, money(vs?.value.before ?? 0, unit))],
    [
      'PMO projects delivered',
      whole.format(q.projectsDelivered),
      before(vs?.projects, whole.format(vs?.projects.before ?? 0)),
    ],
    [
      'Epics delivered',
      whole.format(q.epicsDelivered),
      before(vs?.epics, whole.format(vs?.epics.before ?? 0)),
    ],
    [
      'On time',
      rate(q.onTime, `${q.onTime.onTime} of ${q.onTime.withDate}`),
      p ? before(vs?.onTime, rate(p.onTime, `${p.onTime.onTime} of ${p.onTime.withDate}`)) : '—',
    ],
    [
      'Predictability (say/do)',
      rate(q.sayDo, `${q.sayDo.done} of ${q.sayDo.committed}`),
      p ? before(vs?.sayDo, rate(p.sayDo, `${p.sayDo.done} of ${p.sayDo.committed}`)) : '—',
    ],
    [
      'Cycle time P50 (days)',
      p50(q, true),
      p ? before(vs?.cycleP50, p50(p, false), q.cycleTimeP50.minSamples) : '—',
    ],
  ];
}

/**
 * The currency amounts are in: a goal's, when its target is in one, else the one the app's value is in
 * (the first goal target given in one), else none.
 */
function pageCurrency(data: WinsPageData, currency: string | null): string | null {
  const unit = data.goalProgress?.target?.unit;
  return unit !== undefined && isCurrency(unit) ? unit : currency;
}

/** The heading of the headline table's columns: the quarter (so far) and what it is compared with. */
function headlineHeader(data: WinsPageData): [string, string, string] {
  const now = `${quarterName(data.quarter)}${data.current.current ? ' so far' : ''}`;
  return ['', now, data.previous ? `Compared with ${quarterName(data.previous.label)}` : 'Previous quarter'];
}

/** "Portfolio · Q4 2026 (quarter to date)". */
function subtitle(data: WinsPageData): string {
  return `${data.scope.name} · ${quarterName(data.quarter)}${data.current.current ? ' (quarter to date)' : ''}`;
}

/** "Progress to the goal's target: €30,000 of €50,000 (60%), value delivered within 1 Jan 2026 – 31 Dec 2026." */
export function goalProgressLine(data: WinsPageData): string | null {
  const g = data.goalProgress;
  if (!g?.target || g.targetPercent === null) return null;
  const unit = g.target.unit;
  const period = g.period
    ? `within ${day(g.period.start)} – ${day(g.period.end)}`
    : 'in all time (the goal has no period)';
  return `Progress to the goal's target: ${money(g.valueInPeriod, unit)} of ${money(g.target.value, unit)} (${pct(g.targetPercent)}), value delivered ${period}.`;
}

const asOf = (generatedAt: number) =>
  `Numbers from Jira as of ${new Date(generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;

export function winsAdf(
  data: WinsPageData | null,
  config: MacroConfig,
  generatedAt: number | null,
  currency: string | null = null,
): Node {
  if (!data) {
    return {
      type: 'doc',
      version: 1,
      content: [
        heading(2, config.title),
        paragraph(text('PMO Wins has no numbers yet: they appear after its first refresh from Jira.')),
      ],
    };
  }
  const content: Node[] = [heading(2, config.title), paragraph(text(subtitle(data), [{ type: 'em' }]))];
  const progress = goalProgressLine(data);
  if (progress) content.push(paragraph(text(progress)));
  if (config.show !== 'wins') {
    content.push({
      type: 'table',
      attrs: { isNumberColumnEnabled: false, layout: 'default' },
      content: [
        row('tableHeader', headlineHeader(data)),
        ...headlineRows(data, currency).map((r) => row('tableCell', r)),
      ],
    });
  }
  const wins = data.wins.filter((w) => !w.hidden);
  if (config.show !== 'headline') {
    content.push(heading(3, `Wins in ${quarterName(data.quarter)}`));
    content.push(
      wins.length === 0
        ? paragraph(text('No wins in this quarter yet.'))
        : {
            type: 'bulletList',
            content: wins.map((w) => ({
              type: 'listItem',
              content: [
                paragraph(
                  text(w.title, [{ type: 'strong' }]),
                  text(
                    ` (${day(w.date)}${w.featured ? ', featured' : ''}): ${w.evidence}${w.note ? ` Note: ${w.note}` : ''}`,
                  ),
                ),
              ],
            })),
          },
    );
    content.push(heading(3, `Delivered in ${quarterName(data.quarter)}`));
    content.push(
      data.delivered.length === 0
        ? paragraph(text('Nothing delivered in this quarter yet.'))
        : {
            type: 'bulletList',
            content: data.delivered.map((d) => ({
              type: 'listItem',
              content: [
                paragraph(text(d.title, [{ type: 'strong' }]), text(` (${day(d.date)}): ${d.evidence}`)),
              ],
            })),
          },
    );
  }
  if (generatedAt !== null) content.push(paragraph(text(asOf(generatedAt), [{ type: 'em' }])));
  return { type: 'doc', version: 1, content };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same content as Confluence storage format (XHTML), for a published page. */
export function winsStorage(
  data: WinsPageData,
  title: string,
  generatedAt: number | null,
  currency: string | null = null,
): string {
  const rows = headlineRows(data, currency)
    .map(
      ([label, now, before]) =>
        `<tr><th>${escapeXml(label)}</th><td>${escapeXml(now)}</td><td>${escapeXml(before)}</td></tr>`,
    )
    .join('');
  const wins = data.wins.filter((w) => !w.hidden);
  const list =
    wins.length === 0
      ? '<p>No wins in this quarter yet.</p>'
      : `<ul>${wins
          .map(
            (w) =>
              `<li><strong>${escapeXml(w.title)}</strong> (${escapeXml(day(w.date))}${w.featured ? ', featured' : ''}): ${escapeXml(w.evidence)}${
                w.note ? ` <em>Note: ${escapeXml(w.note)}</em>` : ''
              }</li>`,
          )
          .join('')}</ul>`;
  const delivered =
    data.delivered.length === 0
      ? '<p>Nothing delivered in this quarter yet.</p>'
      : `<ul>${data.delivered
          .map(
            (d) =>
              `<li><strong>${escapeXml(d.title)}</strong> (${escapeXml(day(d.date))}): ${escapeXml(d.evidence)}</li>`,
          )
          .join('')}</ul>`;
  return [
    `<h2>${escapeXml(title)}</h2>`,
    `<p><em>${escapeXml(subtitle(data))}</em></p>`,
    goalProgressLine(data) === null ? '' : `<p>${escapeXml(goalProgressLine(data)!)}</p>`,
    `<table><tbody><tr>${headlineHeader(data)
      .map((h) => `<th>${escapeXml(h)}</th>`)
      .join('')}</tr>${rows}</tbody></table>`,
    `<h3>${escapeXml(`Wins in ${quarterName(data.quarter)}`)}</h3>`,
    list,
    `<h3>${escapeXml(`Delivered in ${quarterName(data.quarter)}`)}</h3>`,
    delivered,
    generatedAt === null ? '' : `<p><em>${escapeXml(asOf(generatedAt))}</em></p>`,
  ].join('');
}
