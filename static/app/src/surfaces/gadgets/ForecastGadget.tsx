import { Stack, Text } from '@atlaskit/primitives';
import { useCallback, useMemo } from 'react';
import { invoke, type AppContext } from '../../bridge';
import { Chart } from '../../components/Chart';
import { Explain } from '../../components/Explain';
import { DrillButton, useDrill } from '../../components/Drill';
import { Headline } from '../../components/Headline';
import { SurfaceShell } from '../../components/SurfaceShell';
import { dayFormatter, formatters, numberFormatters } from '../../format';
import { readGadgetConfig as readConfig } from '../../../../../src/contract/config';

/** When a PMO project will finish, by Monte Carlo simulation, against its target date. */
export default function ForecastGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readConfig('forecast', context.extension.gadgetConfiguration), [context]);
  const load = useCallback(() => invoke('reports/forecast', { config }), [config]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const day = dayFormatter(context.locale);
  const shortDay = dayFormatter(context.locale, { day: 'numeric', month: 'short' });
  const n = numberFormatters(context.locale);
  const drill = useDrill(context);
  return (
    <SurfaceShell
      label="forecast"
      testId="forecast-gadget"
      call={load}
      fmt={fmt}
      refreshMinutes={config.refresh}
    >
      {(data, view) => {
        const f = data.forecast;
        const remaining = (
          <DrillButton
            onOpen={() =>
              drill.open({
                scope: { kind: 'project', id: data.project.id },
                number: { kind: 'remaining' },
                title: `${data.project.name}: items not done yet`,
              })
            }
            label={`Show the ${data.remaining} items of ${data.project.name} not done yet`}
            testId="remaining"
          >
            {fmt.number(data.remaining)} items remain
          </DrillButton>
        );
        return (
          <Stack space="space.100">
            <Text weight="bold" testId="project">
              {data.project.name}
            </Text>
            {data.finishedOn !== null ? (
              <Text testId="finished">
                Delivered on {day(data.finishedOn)}
                {data.slipDays !== null && data.target !== null
                  ? data.slipDays <= 0
                    ? `, ${data.slipDays === 0 ? 'on its target date' : `${-data.slipDays} days before its target`}`
                    : `, ${data.slipDays} days after its target`
                  : ''}
                .
              </Text>
            ) : f.state === 'done' ? (
              <Text testId="finished">Every item is done; the PMO project closes when its epics do.</Text>
            ) : f.state === 'no-throughput' ? (
              <Text testId="no-throughput">
                {remaining}, but nothing was finished in the last 12 weeks, so no finish date can be forecast.
              </Text>
            ) : (
              <>
                <div className="pmo-headlines">
                  <Headline
                    label="Likely (P50)"
                    value={f.p50 ? day(f.p50) : 'beyond 10 years'}
                    raw={f.p50}
                    testId="p50"
                  />
                  <Headline
                    label="Safe (P85)"
                    value={f.p85 ? day(f.p85) : 'beyond 10 years'}
                    raw={f.p85}
                    testId="p85"
                  />
                  <Headline
                    label="Very safe (P95)"
                    value={f.p95 ? day(f.p95) : 'beyond 10 years'}
                    raw={f.p95}
                    testId="p95"
                  />
                  {data.target !== null && (
                    <Headline
                      label={`Chance by ${day(data.target)}`}
                      value={n.percent(f.probability)}
                      raw={f.probability}
                      testId="probability"
                    >
                      <Text size="small" color="color.text.subtle">
                        target{' '}
                        {data.targetSource === 'epics' ? 'from the latest epic due date' : 'set by the PMO'}
                      </Text>
                    </Headline>
                  )}
                </div>
                {f.quantiles && (
                  <Chart
                    title={`${data.project.name}: chance of finishing by each date`}
                    labels={f.quantiles.map((d) => (d ? shortDay(d) : '–'))}
                    series={[
                      {
                        label: 'Chance of finishing by then (%)',
                        values: f.quantiles.map((_, i) => (i + 1) * 5),
                        color: 'color.chart.purple.bold',
                        kind: 'line',
                      },
                    ]}
                    summary={`Chance of finishing: 50% by ${day(f.p50)}, 85% by ${day(f.p85)}, 95% by ${day(f.p95)}.`}
                    format={(v) => `${Math.round(v)}%`}
                    reference={
                      f.probability !== null && data.target !== null
                        ? {
                            value: f.probability,
                            label: `${n.percent(f.probability)} by target ${day(data.target)}`,
                            color: 'color.chart.red.bold',
                          }
                        : undefined
                    }
                    testId="forecast-chart"
                  />
                )}
                <Text size="small" color="color.text.subtle">
                  {remaining}
                  {f.samplesFrom === 'portfolio'
                    ? '; this PMO project has fewer than 10 done items, so the forecast uses the whole portfolio’s pace'
                    : ''}
                  .
                </Text>
              </>
            )}
            {drill.panel(view.timeZone)}
            <Explain label="forecast">
              10,000 simulated futures each replay random days from the last 12 weeks of this PMO project’s
              daily throughput (days with nothing done included) until the remaining items are done. P50, P85
              and P95 are the dates by which half, 85% and 95% of them finished; the chance by the target date
              is the share that finished on or before it. The same data always gives the same forecast.
            </Explain>
          </Stack>
        );
      }}
    </SurfaceShell>
  );
}
