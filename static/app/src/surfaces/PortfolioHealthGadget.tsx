import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { useEffect, useMemo } from 'react';
import { invoke, type AppContext } from '../bridge';
import { FlowTable } from '../components/FlowTable';
import { ErrorMessage, Loading, Notice } from '../components/States';
import { SyncStatus } from '../components/SyncStatus';
import { formatters, periodLabel } from '../format';
import { useResolver } from '../useResolver';
import { useWidth } from '../useWidth';
import { readGadgetConfig } from './gadget-config';

const POLL_MS = 2000;

export default function PortfolioHealthGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readGadgetConfig(context.extension.gadgetConfiguration), [context]);
  const [state, reload] = useResolver(() => invoke('reports/portfolioHealth', { config }), [config]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const [ref, width] = useWidth<HTMLDivElement>();

  const syncing = state.status === 'ready' && state.data.sync.phase !== 'idle';
  useEffect(() => {
    if (!syncing) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [syncing, state, reload]);

  return (
    <div ref={ref}>
      <Box padding="space.100" testId="portfolio-health">
        {state.status === 'loading' && <Loading label="Loading portfolio health" />}
        {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
        {state.status === 'ready' && (
          <Stack space="space.150">
            {state.data.state === 'no-snapshot' ? (
              state.data.sync.phase === 'idle' ? (
                <Notice title="No numbers yet">
                  <Text>
                    PMO Wins fills this gadget after its first refresh from Jira, which runs every hour. A
                    Jira administrator or PMO lead can start it now from PMO Wins settings.
                  </Text>
                  {state.data.sync.error && (
                    <Text color="color.text.danger">The last refresh failed: {state.data.sync.error}</Text>
                  )}
                </Notice>
              ) : (
                <Notice title="Preparing the first numbers">
                  <Text>
                    PMO Wins is reading your Jira issues and their history. This gadget fills in when it is
                    done.
                  </Text>
                  <SyncStatus sync={state.data.sync} />
                </Notice>
              )
            ) : state.data.rows.length === 0 ? (
              <EmptyState
                header="No projects to show"
                description={
                  state.data.availableProjects.length === 0
                    ? 'There are no Jira projects in the portfolio that you can browse.'
                    : 'None of the projects chosen for this gadget are in the portfolio. Edit the gadget to choose others.'
                }
                headingLevel={3}
                testId="empty"
              />
            ) : (
              <>
                {state.data.stale && state.data.generatedAt !== null && (
                  <Notice appearance="warning" title="These numbers may be out of date">
                    <Text>
                      Last updated {fmt.relative(state.data.generatedAt, Date.now())}; the hourly refresh has
                      not run since.
                    </Text>
                  </Notice>
                )}
                <FlowTable
                  rows={state.data.rows}
                  fmt={fmt}
                  compact={width > 0 && width < 420}
                  caption={
                    state.data.period
                      ? `Items done in the last ${state.data.windowWeeks} complete weeks (${periodLabel(context.locale, state.data.timeZone, state.data.period)}) and their cycle time`
                      : ''
                  }
                />
                <SyncStatus sync={state.data.sync} />
                <Text size="small" color="color.text.subtlest" testId="updated">
                  Updated{' '}
                  {state.data.generatedAt !== null
                    ? fmt.relative(state.data.generatedAt, Date.now())
                    : 'never'}
                  {state.reloading ? ' · refreshing…' : ''}
                </Text>
              </>
            )}
            {state.data.state === 'ready' && state.data.rows.length === 0 && (
              <Box>
                <Button onClick={reload}>Reload</Button>
              </Box>
            )}
          </Stack>
        )}
      </Box>
    </div>
  );
}
