// Longer than 400 lines: the page and its small parts (headline tiles, filters, win rows) share one view
// model; its dialogs are files of their own.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import {
  WIN_KIND,
  type AppError,
  type CuratedWin,
  type DrillScope,
  type HealthRow,
  type QuarterMetrics,
  type WinsPageData,
} from '../../../../src/contract';
import { compareQuarters, versus, whence, type Comparison } from '../../../../src/contract/periods';
import { invoke, type AppContext } from '../bridge';
import { fileName } from '../components/exportData';
import { downloadCsv } from '../components/exports';
import { Explain } from '../components/Explain';
import { HealthLozenge, reasonsOf } from '../components/Health';
import { Headline } from '../components/Headline';
import { useDrill, type DrillRequest } from '../components/Drill';
import { ErrorMessage } from '../components/States';
import { SurfaceShell } from '../components/SurfaceShell';
import { DeliveredList } from '../components/DeliveredList';
import { WinList } from '../components/WinList';
import { dayFormatter, formatters, goalPeriodFormatter, numberFormatters, quarterName } from '../format';
import './wins-page.css';

/** Only PMO leads open it: loaded when first needed, so readers never download it. */
const CurateDialog = lazy(() => import('./CurateDialog'));
const PublishDialog = lazy(() => import('./PublishDialog'));
const OverrideDialog = lazy(() => import('./OverrideDialog'));

export interface WinsPageOptions {
  title: string;
  /** What to show (the macro's configuration); the pages show everything. */
  show?: 'all' | 'headline' | 'wins';
  goalId?: string | null;
  /** 'current' or 'previous' quarter, or a fixed label; null lets the reader choose. */
  quarter?: string | null;
  /** Hide the filters (a macro is fixed by its configuration). */
  fixed?: boolean;
}

/** Today's date ('YYYY-MM-DD') in the snapshot's time zone. */
const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    Date.now(),
  );

/** A tiny line of a value over the reported quarters (decorative: the numbers are beside it). */
function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const points = values
    .map((v, i) => [i, v] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null);
  if (points.length < 2) return null;
  const max = Math.max(...points.map((p) => p[1]), 1);
  const min = Math.min(...points.map((p) => p[1]), 0);
  const w = 96;
  const h = 24;
  const x = (i: number) => (i / (values.length - 1)) * (w - 4) + 2;
  const y = (v: number) => h - 2 - ((v - min) / (max - min || 1)) * (h - 4);
  return (
    <svg
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={label}
      className="pmo-sparkline"
    >
      <polyline points={points.map(([i, v]) => `${x(i)},${y(v)}`).join(' ')} fill="none" strokeWidth="2" />
      {points.length > 0 && (
        <circle cx={x(points[points.length - 1]![0])} cy={y(points[points.length - 1]![1])} r="2.5" />
      )}
    </svg>
  );
}

/** A headline's change against the quarter before, in words ("+25% vs the same point of Q3 2026"). */
function delta(
  c: Comparison | undefined,
  signed: (n: number) => string,
  lowerIsBetter = false,
): { text: string; better: boolean | null } | null {
  if (!c) return null;
  if (c.samples) {
    return {
      text: `too few items to compare (${c.samples.now} now, ${c.samples.before} ${whence(c)}; 5 needed on each side)`,
      better: null,
    };
  }
  if (c.change === null) return null;
  const size = c.unit === 'points' ? `${signed(c.change)} points` : `${signed(c.change)}%`;
  if (Math.abs(c.change) < 0.5) return { text: `no change ${versus(c)}`, better: null };
  return { text: `${size} ${versus(c)}`, better: lowerIsBetter ? c.change < 0 : c.change > 0 };
}

function Headlines({
  data,
  locale,
  timeZone,
  currency,
  generatedAt,
  open,
}: {
  data: WinsPageData;
  locale?: string;
  timeZone: string;
  currency: string | null;
  /** When the numbers were computed: the end of a partial quarter's lists. */
  generatedAt: number;
  open: (request: DrillRequest) => void;
}) {
  const fmt = formatters(locale, timeZone);
  const n = numberFormatters(locale);
  const { current: q, previous: p, series } = data;
  const scope: DrillScope =
    data.scope.kind === 'goal' ? { kind: 'goal', id: data.scope.id } : { kind: 'portfolio', id: 'portfolio' };
  const name = quarterName(q.label);
  const period = { from: q.from, to: Math.min(q.to, generatedAt + 1) };
  const drill = (title: string, number: DrillRequest['number']) => ({
    onOpen: () => open({ scope, number, title }),
    openLabel: `Show the list: ${title.toLowerCase()}`,
  });
  const cycleN = q.cycleTimeP50.n;
  const vs = compareQuarters(q, p);
  const spark = (pick: (x: QuarterMetrics) => number | null, what: string) => (
    <Sparkline
      values={series.map(pick)}
      label={`${what} per quarter, ${series.map((s) => `${quarterName(s.label)}: ${pick(s) === null ? 'none' : fmt.number(pick(s)!, 1)}`).join(', ')}`}
    />
  );
  const point = q.current ? q.samePointBefore : null;
  return (
    <Stack space="space.100">
      <div className="pmo-headlines pmo-headlines-page">
        <Headline
          label="Value delivered"
          value={n.amount(q.valueDelivered, currency)}
          raw={q.valueDelivered}
          delta={delta(vs?.value, n.signed)}
          testId="headline-value"
          {...drill(`Value delivered in ${name}`, { kind: 'value', ...period })}
        >
          {spark((x) => x.valueDelivered, 'Value delivered')}
        </Headline>
        <Headline
          label="PMO projects delivered"
          value={fmt.number(q.projectsDelivered)}
          raw={q.projectsDelivered}
          delta={
            vs
              ? { text: `${fmt.number(vs.projects.before ?? 0)} ${whence(vs.projects)}`, better: null }
              : null
          }
          testId="headline-projects"
          {...drill(`PMO projects delivered in ${name}`, { kind: 'projects', ...period })}
        >
          {spark((x) => x.projectsDelivered, 'PMO projects delivered')}
        </Headline>
        <Headline
          label="Epics delivered"
          value={fmt.number(q.epicsDelivered)}
          raw={q.epicsDelivered}
          delta={delta(vs?.epics, n.signed)}
          testId="headline-epics"
          {...drill(`Epics delivered in ${name}`, { kind: 'epics', ...period })}
        >
          {spark((x) => x.epicsDelivered, 'Epics delivered')}
        </Headline>
        <Headline
          label="On time"
          value={n.percent(q.onTime.rate)}
          raw={q.onTime.rate}
          delta={delta(vs?.onTime, n.signed)}
          testId="headline-ontime"
          {...drill(`Deliveries in ${name} with a due or target date`, { kind: 'on-time', ...period })}
        >
          <Text size="small" color="color.text.subtle">
            {q.onTime.onTime} of {q.onTime.withDate} with a due date
          </Text>
        </Headline>
        <Headline
          label="Predictability (say/do)"
          value={n.percent(q.sayDo.rate)}
          raw={q.sayDo.rate}
          delta={delta(vs?.sayDo, n.signed)}
          testId="headline-saydo"
          {...drill(`Epics committed to ${name}`, { kind: 'say-do', quarter: q.label })}
        >
          <Text size="small" color="color.text.subtle">
            {q.sayDo.done} of {q.sayDo.committed} committed epics done
          </Text>
        </Headline>
        <Headline
          label="Cycle time P50"
          value={q.cycleTimeP50.value === null ? '—' : fmt.days(q.cycleTimeP50.value)}
          raw={q.cycleTimeP50.value}
          delta={delta(vs?.cycleP50, n.signed, true)}
          testId="headline-cycle"
          {...drill(`Items done in ${name} with a start (cycle time)`, {
            kind: 'cycle',
            from: q.from,
            to: Math.min(q.to, generatedAt),
          })}
        >
          {q.cycleTimeP50.value === null && (
            <Text size="small" color="color.text.subtle" testId="too-few">
              too few items ({cycleN}) for a P50; {q.cycleTimeP50.minSamples} needed
            </Text>
          )}
          {spark((x) => x.cycleTimeP50.value, 'P50 cycle time in days')}
        </Headline>
      </div>
      <Explain label="headline numbers">
        For {quarterName(q.label)}
        {q.current ? ' (so far)' : ''}: value delivered is the value of epics done in the quarter plus
        benefits recorded in it; PMO projects are delivered when every item and epic in their scope is done;
        on time counts epics and PMO projects done in the quarter on or before their due or target date, out
        of those that had one; predictability is the share of epics due in the quarter (as planned on its
        first day) that were done by its end; cycle time P50 is the median time from start to done of items
        done in the quarter.{' '}
        {point && p
          ? `The quarter is not over, so value and deliveries are compared with ${quarterName(p.label)} up to the same point (its first ${fmt.number(point.elapsedDays, 1)} days${point.capped ? ', all of it' : ''}); rates and cycle time with the whole of ${quarterName(p.label)}, rates in percentage points. `
          : p
            ? `Changes compare with the whole of ${quarterName(p.label)}; rates in percentage points. `
            : ''}
        A cycle-time change needs at least 5 items done on both sides. The small lines show the last{' '}
        {series.length} quarters.
      </Explain>
    </Stack>
  );
}

function Curation({ win, reload }: { win: CuratedWin; reload: () => void }) {
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState(false);
  const toggle = async (change: Partial<Pick<CuratedWin, 'featured' | 'hidden'>>) => {
    const result = await invoke('wins/curate', {
      id: win.id,
      featured: change.featured ?? win.featured,
      hidden: change.hidden ?? win.hidden,
      note: win.note,
      title: win.originalTitle ? win.title : null,
      expectedVersion: win.curationVersion,
    });
    if (result.ok) reload();
    else setError(result.error);
  };
  return (
    <Stack space="space.050">
      <Inline space="space.050" shouldWrap testId="curation">
        <Button spacing="compact" onClick={() => toggle({ featured: !win.featured })} testId="feature">
          {win.featured ? 'Unfeature' : 'Feature'}
        </Button>
        <Button spacing="compact" onClick={() => toggle({ hidden: !win.hidden })} testId="hide">
          {win.hidden ? 'Show' : 'Hide'}
        </Button>
        <Button spacing="compact" onClick={() => setEditing(true)} testId="edit-win">
          Rename or add a note
        </Button>
      </Inline>
      {error && <ErrorMessage error={error} />}
      {editing && (
        <Suspense fallback={null}>
          <CurateDialog
            win={win}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              reload();
            }}
          />
        </Suspense>
      )}
    </Stack>
  );
}

/** The executive view: a quarter's headline numbers, its wins with their evidence, and PMO project health. */
export default function WinsPage({ context, options }: { context: AppContext; options: WinsPageOptions }) {
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const day = dayFormatter(context.locale);
  const num = numberFormatters(context.locale);
  const goalPeriod = goalPeriodFormatter(context.locale);
  const [quarter, setQuarter] = useState<string | null>(null);
  const [goalId, setGoalId] = useState<string | null>(options.goalId ?? null);
  const [publishing, setPublishing] = useState(false);
  const [overriding, setOverriding] = useState<HealthRow | null>(null);
  const show = options.show ?? 'all';
  const drill = useDrill(context);
  const load = useCallback(
    () =>
      invoke('reports/winsPage', { quarter: options.fixed ? (options.quarter ?? null) : quarter, goalId }),
    [options.fixed, options.quarter, quarter, goalId],
  );
  return (
    <Box padding="space.200" testId="wins-page">
      <SurfaceShell label="PMO wins" testId="wins-page-body" call={load} fmt={fmt}>
        {(data, view, reload) => {
          const quarterOptions = data.quarters.map((q) => ({ label: quarterName(q), value: q }));
          const goalOptions = [
            { label: 'Whole portfolio', value: null as string | null },
            ...view.goals.map((g) => ({ label: g.name, value: g.id as string | null })),
          ];
          const visibleWins = data.wins.filter((w) => !w.hidden);
          return (
            <Stack space="space.250">
              <Inline spread="space-between" alignBlock="end" shouldWrap space="space.150">
                <Stack space="space.050">
                  <Heading size="large" as="h1">
                    {options.title}
                  </Heading>
                  <Text color="color.text.subtle" testId="subtitle">
                    {data.scope.name} · {quarterName(data.quarter)}
                    {data.current.current ? ' (quarter to date)' : ''}
                  </Text>
                  {data.goalProgress?.target && data.goalProgress.targetPercent !== null && (
                    <Text size="small" testId="goal-progress">
                      Progress to the goal’s target:{' '}
                      {num.amount(data.goalProgress.valueInPeriod, data.goalProgress.target.unit)} of{' '}
                      {num.amount(data.goalProgress.target.value, data.goalProgress.target.unit)} (
                      {num.percent(data.goalProgress.targetPercent)}), value delivered{' '}
                      {data.goalProgress.period ? 'within ' : 'in '}
                      {goalPeriod(data.goalProgress.period)}
                    </Text>
                  )}
                </Stack>
                {!options.fixed && (
                  <Inline space="space.100" alignBlock="end" shouldWrap testId="filters">
                    <Box>
                      <label htmlFor="quarter-filter" className="pmo-label">
                        Quarter
                      </label>
                      <Select
                        inputId="quarter-filter"
                        options={quarterOptions}
                        value={quarterOptions.find((o) => o.value === data.quarter)}
                        onChange={(o) => o && setQuarter(o.value)}
                      />
                    </Box>
                    <Box>
                      <label htmlFor="goal-filter" className="pmo-label">
                        Goal
                      </label>
                      <Select
                        inputId="goal-filter"
                        options={goalOptions}
                        value={goalOptions.find((o) => o.value === goalId)}
                        onChange={(o) => o && setGoalId(o.value)}
                      />
                    </Box>
                    <Button onClick={() => window.print()} testId="print">
                      Print
                    </Button>
                    {view.canConfigure && (
                      <Button appearance="primary" onClick={() => setPublishing(true)} testId="publish">
                        Publish to Confluence
                      </Button>
                    )}
                  </Inline>
                )}
              </Inline>
              {overriding && (
                <Suspense fallback={null}>
                  <OverrideDialog
                    project={overriding}
                    today={todayIn(view.timeZone)}
                    onClose={() => setOverriding(null)}
                    onSaved={() => {
                      setOverriding(null);
                      reload();
                    }}
                  />
                </Suspense>
              )}
              {publishing && (
                <Suspense fallback={null}>
                  <PublishDialog
                    quarter={data.quarter}
                    goalId={data.scope.kind === 'goal' ? data.scope.id : null}
                    defaultTitle={`PMO wins ${quarterName(data.quarter)}${data.scope.kind === 'goal' ? `: ${data.scope.name}` : ''}`}
                    onClose={() => setPublishing(false)}
                  />
                </Suspense>
              )}
              {show !== 'wins' && (
                <Headlines
                  data={data}
                  locale={context.locale}
                  timeZone={view.timeZone}
                  currency={view.currency}
                  generatedAt={view.generatedAt ?? Date.now()}
                  open={drill.open}
                />
              )}
              {drill.panel(view.timeZone)}
              {show !== 'headline' && (
                <Stack space="space.100">
                  <Inline spread="space-between" alignBlock="center">
                    <Heading size="medium" as="h2">
                      Wins in {quarterName(data.quarter)}
                    </Heading>
                    <Button
                      appearance="subtle"
                      spacing="compact"
                      onClick={() =>
                        downloadCsv(
                          fileName(`PMO wins ${quarterName(data.quarter)}`, 'csv'),
                          ['Date', 'Kind', 'Win', 'Evidence', 'Featured', 'Note'],
                          visibleWins.map((w) => [
                            w.date,
                            WIN_KIND[w.kind],
                            w.title,
                            w.evidence,
                            w.featured ? 'yes' : '',
                            w.note,
                          ]),
                        )
                      }
                    >
                      Download CSV
                    </Button>
                  </Inline>
                  {view.canConfigure && data.hidden > 0 && (
                    <Text size="small" color="color.text.subtle">
                      {data.hidden} hidden win{data.hidden === 1 ? '' : 's'} shown dimmed to PMO leads only.
                    </Text>
                  )}
                  {data.wins.length === 0 ? (
                    <SectionMessage appearance="information" title="No wins in this quarter yet">
                      <Text>
                        Wins appear as epics and PMO projects are delivered, flow speeds up or records are
                        set.
                      </Text>
                    </SectionMessage>
                  ) : (
                    <WinList
                      wins={view.canConfigure ? data.wins : visibleWins}
                      locale={context.locale}
                      goals={view.goals}
                      actions={
                        view.canConfigure && !options.fixed
                          ? (win) => <Curation win={win} reload={reload} />
                          : undefined
                      }
                    />
                  )}
                  <Explain label="wins">
                    Wins are found in the Jira data: an epic or PMO project delivered on time or early (or a
                    PMO project delivered without a target date), P50 cycle time at least 20% faster than the
                    90 days before (10 or more items in each), a record week (more done than every one of the
                    52 weeks before, at least 5 items and 1.5 times their median), a quarter with say/do of
                    90% or more over 3 or more committed epics, a PMO project back to green for 14 days after
                    14 or more off track, and an active goal’s value passing each quarter of its target. PMO
                    leads can feature, hide, rename and annotate them. Late deliveries are listed under
                    Delivered, with their slip.
                  </Explain>
                </Stack>
              )}
              {show !== 'headline' && (
                <Stack space="space.100" testId="delivered-section">
                  <Inline spread="space-between" alignBlock="center">
                    <Heading size="medium" as="h2">
                      Delivered in {quarterName(data.quarter)}
                    </Heading>
                    {data.delivered.length > 0 && (
                      <Button
                        appearance="subtle"
                        spacing="compact"
                        onClick={() =>
                          downloadCsv(
                            fileName(`PMO deliveries ${quarterName(data.quarter)}`, 'csv'),
                            ['Date', 'Delivered', 'Due or target', 'Slip days', 'Evidence'],
                            data.delivered.map((d) => [
                              d.date,
                              d.title,
                              d.due ?? '',
                              d.slipDays === null ? '' : String(d.slipDays),
                              d.evidence,
                            ]),
                          )
                        }
                      >
                        Download CSV
                      </Button>
                    )}
                  </Inline>
                  {data.delivered.length === 0 ? (
                    <Text color="color.text.subtle">Nothing delivered in this quarter yet.</Text>
                  ) : (
                    <DeliveredList delivered={data.delivered} locale={context.locale} />
                  )}
                  <Explain label="delivered">
                    Every epic of a PMO project and every PMO project that reached done in the quarter, on
                    time or late: slip is the done date minus the due date (epics) or target date (PMO
                    projects), positive when late. Those on time or early are wins too.
                  </Explain>
                </Stack>
              )}
              {show === 'all' && data.projects.length > 0 && (
                <Stack space="space.100">
                  <Heading size="medium" as="h2">
                    PMO projects
                  </Heading>
                  <div className="pmo-scroll">
                    <table className="pmo-table" data-testid="projects">
                      <caption>Health of each PMO project today, most at risk first</caption>
                      <thead>
                        <tr>
                          <th scope="col">PMO project</th>
                          <th scope="col">Health</th>
                          <th scope="col">Why</th>
                          <th scope="col" className="num">
                            Target
                          </th>
                          {view.canConfigure && !options.fixed && (
                            <th scope="col">
                              <span className="pmo-visually-hidden">Override</span>
                            </th>
                          )}
                        </tr>
                      </thead>
                      <tbody>
                        {data.projects.map((p) => (
                          <tr key={p.id} data-testid={`project-${p.id}`}>
                            <th scope="row">{p.name}</th>
                            <td>
                              <HealthLozenge
                                rating={p.health.rating}
                                overridden={p.health.override !== null}
                              />
                            </td>
                            <td className="pmo-why">
                              {p.health.override ? (
                                <Text size="small">Set by a PMO lead: {p.health.override.comment}</Text>
                              ) : (
                                reasonsOf(p.health).map((r, i) => (
                                  <Text key={i} as="p" size="small">
                                    {r}
                                  </Text>
                                ))
                              )}
                            </td>
                            <td className="num">{day(p.target)}</td>
                            {view.canConfigure && !options.fixed && (
                              <td>
                                {/* A delivered PMO project has nothing left to rate. */}
                                {(p.health.computed !== 'done' || p.health.override) && (
                                  <Button
                                    spacing="compact"
                                    onClick={() => setOverriding(p)}
                                    testId="override"
                                  >
                                    {p.health.override ? 'Change override' : 'Override'}
                                  </Button>
                                )}
                              </td>
                            )}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </Stack>
              )}
            </Stack>
          );
        }}
      </SurfaceShell>
    </Box>
  );
}
