import './table.css';
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { router } from '@forge/bridge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { useEffect, type ReactNode } from 'react';
import type { Result, SurfaceView } from '../../../../src/contract';
import type { Formatters } from '../format';
import { useResolver } from '../useResolver';
import { ErrorMessage, Loading, Notice } from './States';
import { SyncStatus } from './SyncStatus';

const POLL_MS = 2000;

/**
 * Everything every surface does around its own content: loading, errors with retry, the first-sync and
 * "no PMO projects yet" states, the stale-data warning, polling while a sync runs, the auto-refresh a
 * gadget's settings ask for, and the "updated" line.
 */
export function SurfaceShell<T>(props: {
  label: string;
  testId: string;
  /** The request, kept the same between renders (see useResolver): a new one asks again. */
  call: () => Promise<Result<SurfaceView<T>>>;
  fmt: Formatters;
  /** Minutes between automatic reloads; 0 for none. */
  refreshMinutes?: number;
  settingsHint?: string;
  children: (data: T, view: SurfaceView<T>, reload: () => void) => ReactNode;
}) {
  const [state, reload] = useResolver(props.call);
  const syncing = state.status === 'ready' && state.data.sync.phase !== 'idle';
  useEffect(() => {
    if (!syncing) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [syncing, state, reload]);
  useEffect(() => {
    if (!props.refreshMinutes) return;
    const timer = setInterval(reload, props.refreshMinutes * 60_000);
    return () => clearInterval(timer);
  }, [props.refreshMinutes, reload]);

  return (
    <Box padding="space.100" testId={props.testId}>
      {state.status === 'loading' && <Loading label={`Loading ${props.label}`} />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <Stack space="space.150">
          {state.data.state === 'no-snapshot' &&
            (state.data.sync.phase === 'idle' ? (
              <Notice title="No numbers yet">
                <Text>
                  PMO Wins fills this view after its first refresh from Jira, which runs every hour. A Jira
                  administrator or PMO lead can start it now from PMO Wins settings.
                </Text>
                {state.data.sync.error && (
                  <Text color="color.text.danger">The last refresh failed: {state.data.sync.error}</Text>
                )}
              </Notice>
            ) : (
              <Notice title="Preparing the first numbers">
                <Text>
                  PMO Wins is reading your Jira issues and their history. This view fills in when it is done.
                </Text>
                <SyncStatus sync={state.data.sync} />
              </Notice>
            ))}
          {state.data.state === 'no-model' && (
            <EmptyState
              header="No PMO projects yet"
              description={
                props.settingsHint ??
                'A PMO lead maps epics, Jira projects or JQL to PMO projects and goals in PMO Wins settings (Jira settings › Apps › PMO Wins settings). The numbers appear here after the next refresh.'
              }
              headingLevel={3}
              testId="no-model"
              primaryAction={
                <Button
                  appearance="primary"
                  onClick={() => void router.navigate({ target: 'module', moduleKey: 'pmo-settings' })}
                  testId="open-settings"
                >
                  Open PMO Wins settings
                </Button>
              }
            />
          )}
          {state.data.state === 'ready' && state.data.data !== null && (
            <>
              {state.data.stale && state.data.generatedAt !== null && (
                <Notice appearance="warning" title="These numbers may be out of date">
                  <Text>
                    Last updated {props.fmt.relative(state.data.generatedAt, Date.now())}; the hourly refresh
                    has not run since.
                  </Text>
                </Notice>
              )}
              {props.children(state.data.data, state.data, reload)}
              <SyncStatus sync={state.data.sync} />
              <Text size="small" color="color.text.subtlest" testId="updated">
                Updated{' '}
                {state.data.generatedAt !== null
                  ? props.fmt.relative(state.data.generatedAt, Date.now())
                  : 'never'}
                {state.reloading ? ' · refreshing…' : ''}
              </Text>
            </>
          )}
          {state.data.state !== 'ready' && (
            <Box>
              <Button onClick={reload}>Reload</Button>
            </Box>
          )}
        </Stack>
      )}
    </Box>
  );
}
