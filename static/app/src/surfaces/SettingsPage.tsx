import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { useEffect, useMemo, useState } from 'react';
import type { AppError } from '../../../../src/contract';
import { invoke, type AppContext } from '../bridge';
import { FieldSettingsSection } from '../components/FieldSettings';
import { ErrorMessage, Loading, Notice } from '../components/States';
import { SyncStatus } from '../components/SyncStatus';
import { formatters } from '../format';
import { useResolver } from '../useResolver';

/** PMO settings: the data sync's state and "Refresh now" (for Jira admins and PMO leads). */
export default function SettingsPage({ context }: { context: AppContext }) {
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const [viewer] = useResolver(() => invoke('viewer/me'), []);
  const [sync, reload] = useResolver(() => invoke('sync/status'), []);
  const [startError, setStartError] = useState<AppError | null>(null);
  const running = sync.status === 'ready' && sync.data.phase !== 'idle';

  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [running, sync, reload]);

  const refresh = async () => {
    setStartError(null);
    const result = await invoke('sync/start');
    if (!result.ok) setStartError(result.error);
    reload();
  };

  const canConfigure = viewer.status === 'ready' && viewer.data.canConfigure;
  return (
    <Box padding="space.300" testId="settings-page">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          PMO Wins settings
        </Heading>
        {viewer.status === 'ready' && !canConfigure && (
          <Notice title="Read only">
            <Text>Only Jira administrators and members of the PMO-lead group can change these settings.</Text>
          </Notice>
        )}
        <Stack space="space.150">
          <Heading size="medium" as="h2">
            Data from Jira
          </Heading>
          {sync.status === 'loading' && <Loading label="Loading sync status" />}
          {sync.status === 'error' && <ErrorMessage error={sync.error} onRetry={reload} />}
          {sync.status === 'ready' && (
            <Stack space="space.100">
              <Text testId="last-sync">
                {sync.data.lastSuccessAt !== null
                  ? `Last refreshed ${fmt.dateTime(sync.data.lastSuccessAt)} (${fmt.relative(sync.data.lastSuccessAt, Date.now())}).`
                  : 'Not refreshed yet.'}{' '}
                PMO Wins refreshes every hour.
              </Text>
              {sync.data.error && sync.data.phase === 'idle' && (
                <Text color="color.text.danger">
                  The last refresh failed: {sync.data.error}. The previous numbers stay in place.
                </Text>
              )}
              <SyncStatus sync={sync.data} />
              {startError && <ErrorMessage error={startError} />}
              <Box>
                <Button
                  appearance="primary"
                  onClick={() => void refresh()}
                  isDisabled={!canConfigure || running}
                  testId="refresh-now"
                >
                  {running ? 'Refreshing…' : 'Refresh now'}
                </Button>
              </Box>
            </Stack>
          )}
        </Stack>
        <FieldSettingsSection canConfigure={canConfigure} />
      </Stack>
    </Box>
  );
}
