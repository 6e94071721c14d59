import { Stack, Text } from '@atlaskit/primitives';
import { useCallback, useMemo } from 'react';
import { invoke, type AppContext } from '../../bridge';
import { Chart } from '../../components/Chart';
import { useDrill } from '../../components/Drill';
import { Explain } from '../../components/Explain';
import { FlowTable } from '../../components/FlowTable';
import { change, Headline } from '../../components/Headline';
import { SurfaceShell } from '../../components/SurfaceShell';
import { formatters, numberFormatters, periodLabel } from '../../format';
import { useWidth } from '../../useWidth';
import { readGadgetConfig as readConfig } from '../../../../../src/contract/config';

/** Weekly throughput and cycle-time percentiles for a scope, against the period before. */
export default function FlowGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readConfig('flow', context.extension.gadgetConfiguration), [context]);
  const load = useCallback(() => invoke('reports/flow', { config }), [config]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const n = numberFormatters(context.locale);
  const [ref, width] = useWidth<HTMLDivElement>();
  const drill = useDrill(context);
  return (
    <div ref={ref}>
      <SurfaceShell
        label="delivery flow"
        testId="flow-gadget"
        call={load}
        fmt={fmt}
        refreshMinutes={config.refresh}
      >
        {(data, view) => {
          const { current, previous } = data.comparison;
          const vs = `vs previous ${data.weeks} weeks`;
          const weekLabel = new Intl.DateTimeFormat(context.locale?.replace('_', '-'), {
            timeZone: view.timeZone,
            day: 'numeric',
            month: 'short',
          });
          const labels = data.weekly.map((w) => weekLabel.format(w.from));
          const scope =
            data.scope.kind === 'portfolio'
              ? ({ kind: 'portfolio', id: 'portfolio' } as const)
              : ({ kind: data.scope.kind, id: data.scope.id } as const);
          const window = periodLabel(context.locale, view.timeZone, current);
          const period = { from: current.from, to: current.to };
          return (
            <Stack space="space.100">
              <Text size="small" color="color.text.subtle" testId="scope">
                {data.scope.name} · last {data.weeks} complete weeks (
                {periodLabel(context.locale, view.timeZone, current)})
              </Text>
              <div className="pmo-headlines">
                <Headline
                  label="Items done"
                  value={fmt.number(current.throughput)}
                  raw={current.throughput}
                  delta={change(current.throughput, previous.throughput, vs, n.signed)}
                  testId="throughput"
                  onOpen={() =>
                    drill.open({ scope, number: { kind: 'done', ...period }, title: `Items done, ${window}` })
                  }
                  openLabel={`Show the ${current.throughput} items done, ${window}`}
                />
                {(['p50', 'p85', 'p95'] as const)
                  // P95 only where there is room for it.
                  .filter((k) => k !== 'p95' || width === 0 || width >= 420)
                  .map((k) => {
                    const value = current.cycleTime[k].value;
                    return (
                      <Headline
                        key={k}
                        label={`Cycle time ${k.toUpperCase()}`}
                        value={value === null ? '—' : fmt.days(value)}
                        raw={value}
                        delta={change(value, previous.cycleTime[k].value, vs, n.signed, true)}
                        testId={k}
                        onOpen={() =>
                          drill.open({
                            scope,
                            number: { kind: 'cycle', ...period },
                            title: `Cycle times of the items done, ${window}`,
                          })
                        }
                        openLabel={`Show the ${current.cycleTime.n} cycle times behind the ${k.toUpperCase()}`}
                      >
                        {value === null && (
                          <Text size="small" color="color.text.subtle" testId="too-few">
                            too few items ({current.cycleTime.n}) for a {k.toUpperCase()}
                          </Text>
                        )}
                      </Headline>
                    );
                  })}
                <Headline
                  label="In progress now"
                  value={fmt.number(data.wip)}
                  raw={data.wip}
                  testId="wip"
                  onOpen={() => drill.open({ scope, number: { kind: 'wip' }, title: 'In progress now' })}
                  openLabel={`Show the ${data.wip} items in progress now`}
                />
              </div>
              <Chart
                title={`${data.scope.name}: items done per week`}
                labels={labels}
                series={[
                  {
                    label: 'Items done',
                    values: data.weekly.map((w) => w.count),
                    color: 'color.chart.blue.bold',
                    kind: 'bar',
                  },
                ]}
                summary={`Items done per week over the last ${data.weeks} weeks: ${data.weekly.map((w) => w.count).join(', ')}.`}
                format={(v) => fmt.number(v)}
                height={width > 0 && width < 420 ? 140 : 180}
                onPick={(i) => {
                  const week = data.weekly[i]!;
                  const to = data.weekly[i + 1]?.from ?? current.to;
                  drill.open({
                    scope,
                    number: { kind: 'done', from: week.from, to },
                    title: `Items done in the week of ${labels[i]}`,
                  });
                }}
                pickLabel={(i) => `Show the ${data.weekly[i]!.count} items done in the week of ${labels[i]}`}
                testId="weekly-chart"
              />
              {data.byJiraProject && data.byJiraProject.length > 0 && (
                <FlowTable
                  rows={data.byJiraProject}
                  fmt={fmt}
                  compact={width > 0 && width < 420}
                  caption={`By Jira project, last ${data.weeks} complete weeks`}
                  open={(key, name, kind) =>
                    drill.open({
                      scope: { kind: 'jira', id: key },
                      number: kind === 'wip' ? { kind } : { kind, ...period },
                      title: `${name}: ${kind === 'wip' ? 'in progress now' : kind === 'done' ? `items done, ${window}` : `cycle times, ${window}`}`,
                    })
                  }
                />
              )}
              {drill.panel(view.timeZone)}
              <Explain label="delivery flow">
                Items done are work items (not epics or sub-tasks) whose latest move into a done status, while
                still done, falls in the {data.weeks} complete ISO weeks before this week. Cycle time runs
                from the first move into an in-progress status to done; percentiles are nearest-rank and shown
                from 5 (P50), 10 (P85) and 20 (P95) items. The change compares the same number of weeks just
                before.
              </Explain>
            </Stack>
          );
        }}
      </SurfaceShell>
    </div>
  );
}
