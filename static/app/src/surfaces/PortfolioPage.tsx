import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { useMemo } from 'react';
import { DEFAULT_PORTFOLIO_HEALTH_CONFIG, type ProjectFlowRow } from '../../../../src/contract';
import { invoke, type AppContext } from '../bridge';
import { FlowTable } from '../components/FlowTable';
import { ErrorMessage, Loading, Notice } from '../components/States';
import { SyncStatus } from '../components/SyncStatus';
import { formatters, periodLabel, type Formatters } from '../format';
import { useResolver } from '../useResolver';

const tileStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.200',
  minWidth: '180px',
});

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box xcss={tileStyle} testId={testId}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
        <Heading size="large" as="span">
          {value}
        </Heading>
      </Stack>
    </Box>
  );
}

const total = (rows: ProjectFlowRow[]) => rows.reduce((sum, r) => sum + r.throughput, 0);
const wip = (rows: ProjectFlowRow[]) => rows.reduce((sum, r) => sum + r.wip, 0);

function Headline({ rows, fmt }: { rows: ProjectFlowRow[]; fmt: Formatters }) {
  return (
    <Inline space="space.200" shouldWrap>
      <Tile label="Items delivered, last 12 weeks" value={fmt.number(total(rows))} testId="tile-delivered" />
      <Tile label="Items in progress now" value={fmt.number(wip(rows))} testId="tile-wip" />
      <Tile
        label="Projects delivering"
        value={fmt.number(rows.filter((r) => r.throughput > 0).length)}
        testId="tile-projects"
      />
    </Inline>
  );
}

/**
 * The executive view of delivery (Jira's PMO wins page, the Confluence page and the macro): headline
 * numbers and the per-project table, from the published snapshot.
 */
export default function PortfolioPage({ context, title }: { context: AppContext; title: string }) {
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const [state, reload] = useResolver(
    () => invoke('reports/portfolioHealth', { config: DEFAULT_PORTFOLIO_HEALTH_CONFIG }),
    [],
  );
  return (
    <Box padding="space.300" testId="portfolio-page">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          {title}
        </Heading>
        {state.status === 'loading' && <Loading label="Loading delivery numbers" />}
        {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
        {state.status === 'ready' && state.data.state === 'no-snapshot' && (
          <Notice title="Preparing the first numbers">
            <Text>PMO Wins is reading Jira. Reload this page in a minute.</Text>
            <SyncStatus sync={state.data.sync} />
          </Notice>
        )}
        {state.status === 'ready' && state.data.state === 'ready' && (
          <>
            <Headline rows={state.data.rows} fmt={fmt} />
            <FlowTable
              rows={state.data.rows}
              fmt={fmt}
              compact={false}
              caption={
                state.data.period
                  ? `Delivery by Jira project, ${periodLabel(context.locale, state.data.timeZone, state.data.period)}. Cycle time runs from the first move to In Progress to Done.`
                  : ''
              }
            />
            {state.data.generatedAt !== null && (
              <Text size="small" color="color.text.subtlest">
                From Jira as of {fmt.dateTime(state.data.generatedAt)}.
              </Text>
            )}
          </>
        )}
      </Stack>
    </Box>
  );
}
