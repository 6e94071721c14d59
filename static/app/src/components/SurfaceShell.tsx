import './table.css';
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { router } from '@forge/bridge';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { useEffect, useState, type ReactNode } from 'react';
import type { Result, SurfaceView, SyncProgress } from '../../../../src/contract';
import { invoke } from '../bridge';
import type { Formatters } from '../format';
import { browserEnvironment } from '../pageEnvironment';
import { followSync } from '../syncPoll';
import { useResolver } from '../useResolver';
import { ErrorMessage, Loading, Notice } from './States';
import { SyncStatus } from './SyncStatus';

/** The sync's progress alone: what a view asks for while a sync runs, instead of itself. */
async function loadProgress(): Promise<SyncProgress> {
  const result = await invoke('sync/status');
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/**
 * Everything every surface does around its own content: loading, errors with retry, the first-sync and
 * "no PMO projects yet" states, the stale-data warning, following a running sync (its progress alone,
 * less often as it goes on, not while the page is hidden; the view is read again once, when the sync has
 * published), the auto-refresh a gadget's settings ask for (held while the page is hidden), and the
 * "updated" line.
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
  const answered = state.status === 'ready' ? state.data : null;
  // The progress read since the view was answered; a new answer brings its own.
  const [polled, setPolled] = useState<{ of: SurfaceView<T>; progress: SyncProgress } | null>(null);
  const sync = polled && polled.of === answered ? polled.progress : answered?.sync;
  useEffect(() => {
    if (!answered || answered.sync.phase === 'idle') return;
    return followSync({
      first: answered.sync,
      poll: loadProgress,
      onProgress: (progress) => setPolled({ of: answered, progress }),
      onPublished: reload,
      environment: browserEnvironment,
    });
  }, [answered, reload]);
  useEffect(() => {
    if (!props.refreshMinutes) return;
    const page = browserEnvironment;
    let due = false;
    const timer = setInterval(() => {
      if (page.hidden()) due = true;
      else reload();
    }, props.refreshMinutes * 60_000);
    const stopListening = page.onVisibilityChange(() => {
      if (due && !page.hidden()) {
        due = false;
        reload();
      }
    });
    return () => {
      clearInterval(timer);
      stopListening();
    };
  }, [props.refreshMinutes, reload]);

  return (
    <Box padding="space.100" testId={props.testId}>
      {state.status === 'loading' && <Loading label={`Loading ${props.label}`} />}
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
      {state.status === 'ready' && sync && (
        <Stack space="space.150">
          {state.data.state === 'no-snapshot' &&
            (sync.phase === 'idle' ? (
              <Notice title="No numbers yet">
                <Text>
                  PMO Wins fills this view after its first refresh from Jira, which runs every hour. A Jira
                  administrator or PMO lead can start it now from PMO Wins settings.
                </Text>
                {sync.error && <Text color="color.text.danger">The last refresh failed: {sync.error}</Text>}
              </Notice>
            ) : (
              <Notice title="Preparing the first numbers">
                <Text>
                  PMO Wins is reading your Jira issues and their history. This view fills in when it is done.
                </Text>
                <SyncStatus sync={sync} />
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
              <SyncStatus sync={sync} />
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
