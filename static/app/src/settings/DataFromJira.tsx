import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { useEffect, useState } from 'react';
import type { AppError } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { SyncStatus } from '../components/SyncStatus';
import type { Formatters } from '../format';
import { useResolver } from '../useResolver';

const loadSync = () => invoke('sync/status');

/** The data sync's state and "Refresh now" (for Jira admins and PMO leads). */
export function DataFromJira({ fmt, canConfigure }: { fmt: Formatters; canConfigure: boolean }) {
  const [sync, reload] = useResolver(loadSync);
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

  return (
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
          {sync.data.note && (
            <Text color="color.text.subtle" testId="sync-note">
              {sync.data.note}
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
  );
}
