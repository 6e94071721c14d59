import type { WinsPageData } from '../../contract';
import type { MacroConfig } from '../../contract/config';

/**
 * The wins page as Atlassian Document Format, for the macro's PDF and Word export (the Custom UI iframe
 * does not survive an export), and as Confluence storage format for "Publish to Confluence". Both carry
 * what the page shows: headline numbers and wins, with epic keys already redacted for readers who may
 * not browse them.
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
const pct = (v: number | null) => (v === null ? '–' : `${whole.format(v)}%`);

/** Headline numbers of the quarter and the one before: [label, this quarter, previous quarter]. */
export function headlineRows(data: WinsPageData): [string, string, string][] {
  const q = data.current;
  const p = data.previous;
  const both = (f: (x: typeof q) => string): [string, string] => [f(q), p ? f(p) : '–'];
  return [
    ['Value delivered', ...both((x) => whole.format(x.valueDelivered))],
    ['PMO projects delivered', ...both((x) => whole.format(x.projectsDelivered))],
    ['Epics delivered', ...both((x) => whole.format(x.epicsDelivered))],
    ['On time', ...both((x) => `${pct(x.onTime.rate)} (${x.onTime.onTime} of ${x.onTime.withDate})`)],
    [
      'Predictability (say/do)',
      ...both((x) => `${pct(x.sayDo.rate)} (${x.sayDo.done} of ${x.sayDo.committed})`),
    ],
    [
      'Cycle time P50 (days)',
      ...both((x) =>
        x.cycleTimeP50.value === null
          ? `not enough data (n = ${x.cycleTimeP50.n})`
          : oneDecimal.format(x.cycleTimeP50.value),
      ),
    ],
  ];
}

const asOf = (generatedAt: number) =>
  `Numbers from Jira as of ${new Date(generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;

export function winsAdf(data: WinsPageData | null, config: MacroConfig, generatedAt: number | null): Node {
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
  const content: Node[] = [
    heading(2, config.title),
    paragraph(
      text(`${data.scope.name} · ${data.quarter}${data.current.current ? ' (quarter to date)' : ''}`, [
        { type: 'em' },
      ]),
    ),
  ];
  if (config.show !== 'wins') {
    content.push({
      type: 'table',
      attrs: { isNumberColumnEnabled: false, layout: 'default' },
      content: [
        row('tableHeader', ['', data.quarter, data.previous?.label ?? 'Previous quarter']),
        ...headlineRows(data).map((r) => row('tableCell', r)),
      ],
    });
  }
  const wins = data.wins.filter((w) => !w.hidden);
  if (config.show !== 'headline') {
    content.push(heading(3, `Wins in ${data.quarter}`));
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
                    ` (${w.date}${w.featured ? ', featured' : ''}): ${w.evidence}${w.note ? ` Note: ${w.note}` : ''}`,
                  ),
                ),
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
export function winsStorage(data: WinsPageData, title: string, generatedAt: number | null): string {
  const rows = headlineRows(data)
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
              `<li><strong>${escapeXml(w.title)}</strong> (${escapeXml(w.date)}${w.featured ? ', featured' : ''}): ${escapeXml(w.evidence)}${
                w.note ? ` <em>Note: ${escapeXml(w.note)}</em>` : ''
              }</li>`,
          )
          .join('')}</ul>`;
  return [
    `<h2>${escapeXml(title)}</h2>`,
    `<p><em>${escapeXml(`${data.scope.name} · ${data.quarter}${data.current.current ? ' (quarter to date)' : ''}`)}</em></p>`,
    `<table><tbody><tr><th></th><th>${escapeXml(data.quarter)}</th><th>${escapeXml(data.previous?.label ?? 'Previous quarter')}</th></tr>${rows}</tbody></table>`,
    `<h3>${escapeXml(`Wins in ${data.quarter}`)}</h3>`,
    list,
    generatedAt === null ? '' : `<p><em>${escapeXml(asOf(generatedAt))}</em></p>`,
  ].join('');
}
