import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { useCallback, useMemo, useState } from 'react';
import type { HealthRow } from '../../../../../src/contract';
import { invoke, type AppContext } from '../../bridge';
import { downloadCsv } from '../../components/exports';
import { DrillButton, useDrill, type DrillRequest } from '../../components/Drill';
import { Explain } from '../../components/Explain';
import { HealthLozenge, ratingLabel, reasonsOf } from '../../components/Health';
import { SurfaceShell } from '../../components/SurfaceShell';
import { dayFormatter, formatters, numberFormatters } from '../../format';
import { useWidth } from '../../useWidth';
import { readGadgetConfig as readConfig } from '../../../../../src/contract/config';
import '../../components/table.css';

const DIMENSION = {
  schedule: 'Schedule',
  scopeGrowth: 'Scope growth',
  aging: 'Aging work',
  blocked: 'Blocked work',
};

/** The lists behind a PMO project's health, as the expanded row offers them. */
const LISTS = [
  { kind: 'progress', label: 'Items in scope' },
  { kind: 'remaining', label: 'Not done yet' },
  { kind: 'added', label: 'Added since the baseline' },
  { kind: 'wip', label: 'In progress' },
  { kind: 'blocked', label: 'Blocked' },
  { kind: 'aging', label: 'Older than the SLE' },
] as const;

function Row({
  row,
  wide,
  full,
  locale,
  drill,
}: {
  row: HealthRow;
  wide: boolean;
  full: boolean;
  locale?: string;
  drill: (request: DrillRequest) => void;
}) {
  const [open, setOpen] = useState(false);
  const scope = { kind: 'project', id: row.id } as const;
  const day = dayFormatter(locale);
  const n = numberFormatters(locale);
  const reasons = reasonsOf(row.health);
  return (
    <>
      <tr data-testid={`health-${row.id}`}>
        <th scope="row">
          {/* A native button, so a long name wraps in a narrow column. */}
          <button
            type="button"
            className="pmo-disclosure"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            data-testid="expand"
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {row.name}
          </button>
        </th>
        <td>
          <HealthLozenge rating={row.health.rating} overridden={row.health.override !== null} />
        </td>
        <td className="num" data-testid="progress" data-value={row.progress ?? ''}>
          <DrillButton
            onOpen={() =>
              drill({ scope, number: { kind: 'progress' }, title: `${row.name}: items in scope` })
            }
            label={`Show the items of ${row.name}: ${n.percent(row.progress)} done`}
          >
            {n.percent(row.progress)}
          </DrillButton>
        </td>
        {wide && (
          <>
            {full && <td className="num">{day(row.target)}</td>}
            <td className="num" data-testid="p85">
              {row.finishedOn ? `Done ${day(row.finishedOn)}` : day(row.p85)}
            </td>
            <td className="num" data-testid="probability" data-value={row.probability ?? ''}>
              {n.percent(row.probability)}
            </td>
          </>
        )}
      </tr>
      {open && (
        <tr>
          <td colSpan={wide ? (full ? 6 : 5) : 3}>
            <Stack space="space.050" testId="reasons">
              {row.health.override && (
                <Text>
                  <strong>Set to {ratingLabel(row.health.override.rating)} by a PMO lead</strong> until{' '}
                  {day(row.health.override.expires)}: {row.health.override.comment} (computed:{' '}
                  {ratingLabel(row.health.computed)})
                </Text>
              )}
              {reasons.map((r, i) => (
                <Text key={i} weight={i === 0 ? 'medium' : undefined} testId="reason">
                  {r}
                </Text>
              ))}
              {row.health.dimensions.map((d) => (
                <Text key={d.key} size="small" color="color.text.subtle">
                  <strong>{DIMENSION[d.key]}:</strong> {d.reason}
                </Text>
              ))}
              <Inline space="space.150" shouldWrap testId="lists">
                {LISTS.map((list) => (
                  <Text key={list.kind} size="small">
                    <DrillButton
                      onOpen={() =>
                        drill({
                          scope,
                          number: { kind: list.kind },
                          title: `${row.name}: ${list.label.toLowerCase()}`,
                        })
                      }
                      label={`Show ${row.name}: ${list.label.toLowerCase()}`}
                      testId={`list-${list.kind}`}
                    >
                      {list.label}
                    </DrillButton>
                  </Text>
                ))}
              </Inline>
            </Stack>
          </td>
        </tr>
      )}
    </>
  );
}

/** RAG per PMO project, worst first; each row expands to its reasons in words and numbers. */
export default function HealthGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readConfig('health', context.extension.gadgetConfiguration), [context]);
  const load = useCallback(() => invoke('reports/health', { config }), [config]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const [ref, width] = useWidth<HTMLDivElement>();
  const drill = useDrill(context);
  const wide = width === 0 || width >= 560;
  const full = width === 0 || width >= 900;
  return (
    <div ref={ref}>
      <SurfaceShell
        label="portfolio health"
        testId="health-gadget"
        call={load}
        fmt={fmt}
        refreshMinutes={config.refresh}
      >
        {(data, view) => (
          <Stack space="space.100">
            <Inline space="space.150" shouldWrap testId="counts">
              {(['red', 'amber', 'green', 'done', 'unknown'] as const)
                .filter((r) => data.counts[r] > 0)
                .map((r) => (
                  <Inline key={r} space="space.050" alignBlock="center">
                    <HealthLozenge rating={r} />
                    <span data-testid={`count-${r}`}>{data.counts[r]}</span>
                  </Inline>
                ))}
            </Inline>
            {data.rows.length === 0 ? (
              <Text testId="empty">No PMO project needs attention: none is red or amber.</Text>
            ) : (
              <div className="pmo-scroll">
                <table className="pmo-table">
                  <caption>
                    PMO projects
                    {config.goalId
                      ? ` of ${view.goals.find((g) => g.id === config.goalId)?.name ?? 'the goal'}`
                      : ''}
                    , most at risk first. Expand a row for its reasons.
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">PMO project</th>
                      <th scope="col">Health</th>
                      <th scope="col" className="num">
                        Progress
                      </th>
                      {wide && (
                        <>
                          {full && (
                            <th scope="col" className="num">
                              Target
                            </th>
                          )}
                          <th scope="col" className="num">
                            P85 finish
                          </th>
                          <th scope="col" className="num">
                            Chance by target
                          </th>
                        </>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((row) => (
                      <Row
                        key={row.id}
                        row={row}
                        wide={wide}
                        full={full}
                        locale={context.locale}
                        drill={drill.open}
                      />
                    ))}
                  </tbody>
                </table>
                {drill.panel(view.timeZone)}
              </div>
            )}
            <Inline space="space.100" shouldWrap alignBlock="center">
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() =>
                  downloadCsv(
                    'pmo-health.csv',
                    [
                      'PMO project',
                      'Health',
                      'Computed',
                      'Progress %',
                      'Target',
                      'P85 finish',
                      'Chance by target %',
                      'Reasons',
                    ],
                    data.rows.map((r) => [
                      r.name,
                      r.health.rating,
                      r.health.computed,
                      r.progress === null ? null : Math.round(r.progress),
                      r.target,
                      r.finishedOn ?? r.p85,
                      r.probability === null ? null : Math.round(r.probability),
                      reasonsOf(r.health).join(' | '),
                    ]),
                  )
                }
              >
                Download CSV
              </Button>
            </Inline>
            <Explain label="health">
              A PMO project is rated on its chance to finish by its target date (Monte Carlo forecast, 10,000
              trials over the last 12 weeks of throughput): On track at {data.thresholds.scheduleGreen}% or
              more, At risk at {data.thresholds.scheduleAmber}% or more, else Off track, and Off track once
              past its target date and not done. Three risk signals can lower On track to At risk, never
              further: scope growth since its baseline date over {data.thresholds.scopeGrowthAmber}%, more
              than {data.thresholds.agingAmber}% of work in progress older than its service level expectation,
              or more than {data.thresholds.blockedAmber}% flagged or waiting. Without a target date or a
              forecast, the risk signals alone rate it, at most At risk. A delivered PMO project shows
              Delivered. A PMO lead may override a rating, with a reason and an end date (marked *).
            </Explain>
          </Stack>
        )}
      </SurfaceShell>
    </div>
  );
}
