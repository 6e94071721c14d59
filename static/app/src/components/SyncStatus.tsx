import ProgressBar from '@atlaskit/progress-bar';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { SyncProgress } from '../../../../src/contract';

const PHASES: Record<SyncProgress['phase'], string> = {
  idle: 'Idle',
  queued: 'Waiting to start',
  discovering: 'Reading Jira fields and projects',
  searching: 'Reading issues',
  history: 'Reading issue history',
  computing: 'Computing metrics',
  publishing: 'Publishing the snapshot',
};

/** Progress of the running sync, as a bar and a sentence; nothing when idle. */
export function SyncStatus({ sync }: { sync: SyncProgress }) {
  if (sync.phase === 'idle') return null;
  const share =
    sync.phase === 'history' || sync.phase === 'computing' || sync.phase === 'publishing'
      ? 0.6 + ['history', 'computing', 'publishing'].indexOf(sync.phase) * 0.13
      : sync.issuesTotal
        ? (0.5 * sync.issuesDone) / sync.issuesTotal
        : 0.05;
  return (
    <Box testId="sync-progress">
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {PHASES[sync.phase]}
          {sync.issuesDone > 0 ? ` · ${sync.issuesDone.toLocaleString()} issues` : ''}
          {sync.requests > 0 ? ` · ${sync.requests} Jira requests` : ''}
        </Text>
        <ProgressBar value={share} ariaLabel={`Sync: ${PHASES[sync.phase]}`} />
      </Stack>
    </Box>
  );
}
