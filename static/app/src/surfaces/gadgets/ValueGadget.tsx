import ProgressBar from '@atlaskit/progress-bar';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Button from '@atlaskit/button/new';
import { useCallback, useMemo } from 'react';
import { invoke, type AppContext } from '../../bridge';
import { Chart } from '../../components/Chart';
import { downloadCsv } from '../../components/exports';
import { Explain } from '../../components/Explain';
import { DrillButton, useDrill } from '../../components/Drill';
import { Headline } from '../../components/Headline';
import { SurfaceShell } from '../../components/SurfaceShell';
import { formatters, goalPeriodFormatter, numberFormatters, quarterName } from '../../format';
import { readGadgetConfig as readConfig } from '../../../../../src/contract/config';

const PERIOD = { current: 'this quarter', previous: 'last quarter', year: 'the last four quarters' };

/** Value delivered per strategic goal and the share of delivery aligned with an active goal. */
export default function ValueGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readConfig('value', context.extension.gadgetConfiguration), [context]);
  const load = useCallback(() => invoke('reports/value', { config }), [config]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const n = numberFormatters(context.locale);
  const goalPeriod = goalPeriodFormatter(context.locale);
  const drill = useDrill(context);
  return (
    <SurfaceShell
      label="value by goal"
      testId="value-gadget"
      call={load}
      fmt={fmt}
      refreshMinutes={config.refresh}
    >
      {(data, view) => {
        const unit =
          data.goals.find((g) => g.target && /^[A-Z]{3}$/.test(g.target.unit))?.target?.unit ?? null;
        const range = data.range;
        const when = `${PERIOD[data.period]} (${data.quarters.map(quarterName).join(', ')})`;
        const portfolio = { kind: 'portfolio', id: 'portfolio' } as const;
        return (
          <Stack space="space.100">
            <Text size="small" color="color.text.subtle" testId="period">
              {PERIOD[data.period]} ({data.quarters.map(quarterName).join(', ')})
            </Text>
            <div className="pmo-headlines">
              <Headline
                label="Value delivered"
                value={n.amount(data.total, unit)}
                raw={data.total}
                testId="total"
                {...(range
                  ? {
                      onOpen: () =>
                        drill.open({
                          scope: portfolio,
                          number: { kind: 'value', ...range },
                          title: `Value delivered, ${when}`,
                        }),
                      openLabel: `Show what makes up the value delivered, ${when}`,
                    }
                  : {})}
              />
              <Headline
                label="Strategic alignment"
                value={n.percent(data.alignment.percent)}
                raw={data.alignment.percent}
                testId="alignment"
                {...(range
                  ? {
                      onOpen: () =>
                        drill.open({
                          scope: portfolio,
                          number: { kind: 'aligned', ...range },
                          title: `Items done and the goals they serve, ${when}`,
                        }),
                      openLabel: `Show the ${data.alignment.done} items done and whether each serves an active goal`,
                    }
                  : {})}
              >
                <Text size="small" color="color.text.subtle">
                  {fmt.number(data.alignment.aligned)} of {fmt.number(data.alignment.done)} items done
                </Text>
              </Headline>
            </div>
            <Chart
              title={`Value delivered by goal, ${PERIOD[data.period]}`}
              labels={data.goals.map((g) => g.name)}
              series={[
                {
                  label: 'Value delivered',
                  values: data.goals.map((g) => g.value),
                  color: 'color.chart.green.bold',
                  kind: 'bar',
                },
              ]}
              summary={`Value delivered by goal: ${data.goals.map((g) => `${g.name} ${n.amount(g.value, unit)}`).join('; ')}.`}
              format={(v) => n.amount(v, unit)}
              testId="value-chart"
            />
            <Stack space="space.075">
              {data.goals.map((g) => (
                <Box key={g.id} testId={`goal-${g.id}`}>
                  <Inline spread="space-between" space="space.100">
                    <Text>{g.name}</Text>
                    {range ? (
                      <DrillButton
                        onOpen={() =>
                          drill.open({
                            scope: { kind: 'goal', id: g.id },
                            number: { kind: 'value', ...range },
                            title: `${g.name}: value delivered, ${when}`,
                          })
                        }
                        label={`Show what makes up the value ${g.name} delivered`}
                      >
                        <span data-testid="goal-value" data-value={g.value}>
                          {n.amount(g.value, unit)}
                        </span>
                      </DrillButton>
                    ) : (
                      <span data-testid="goal-value" data-value={g.value}>
                        {n.amount(g.value, unit)}
                      </span>
                    )}
                  </Inline>
                  {g.targetPercent !== null && g.target && (
                    <>
                      <ProgressBar
                        value={Math.min(1, g.targetPercent / 100)}
                        appearance={g.targetPercent >= 100 ? 'success' : 'default'}
                        ariaLabel={`${g.name}: ${n.percent(g.targetPercent)} of its target, ${goalPeriod(g.period)}`}
                      />
                      <Text size="small" color="color.text.subtle" testId="goal-progress">
                        {n.amount(g.valueInPeriod, g.target.unit)} of the{' '}
                        {n.amount(g.target.value, g.target.unit)} target ({n.percent(g.targetPercent)}),{' '}
                        {goalPeriod(g.period)}
                      </Text>
                    </>
                  )}
                </Box>
              ))}
            </Stack>
            {drill.panel(view.timeZone)}
            <Inline>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() =>
                  downloadCsv(
                    'value-by-goal.csv',
                    [
                      'Goal',
                      'Status',
                      'Value delivered',
                      'Target',
                      'Unit',
                      'Goal period start',
                      'Goal period end',
                      'Value in goal period',
                      'Share of target %',
                    ],
                    data.goals.map((g) => [
                      g.name,
                      g.status,
                      Math.round(g.value),
                      g.target?.value ?? null,
                      g.target?.unit ?? null,
                      g.period?.start ?? null,
                      g.period?.end ?? null,
                      Math.round(g.valueInPeriod),
                      g.targetPercent === null ? null : Math.round(g.targetPercent),
                    ]),
                  )
                }
              >
                Download CSV
              </Button>
            </Inline>
            <Explain label="value">
              An epic’s value is its business-value field, or else its PMO project’s expected benefit shared
              over the project’s epics by their items’ story points. It counts when the epic is done; benefits
              a PMO lead records count on their date. A PMO project linked to several goals splits its value
              by alignment level × goal weight. Progress to a goal’s target counts the value delivered within
              the goal’s own period (all time for a goal without one), whatever period the gadget shows.
              Alignment is the share of done work items that belong to a PMO project linked to an active goal.
            </Explain>
          </Stack>
        );
      }}
    </SurfaceShell>
  );
}
