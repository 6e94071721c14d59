import ProgressBar from '@atlaskit/progress-bar';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { SyncProgress } from '../../../../src/contract';

const PHASES: Record<SyncProgress['phase'], string> = {
  idle: 'Idle',
  queued: 'Waiting to start',
  discovering: 'Reading Jira fields and projects',
  searching: 'Reading issues and their history',
  reconciling: 'Checking for deleted and moved issues',
  computing: 'Computing metrics',
  publishing: 'Publishing the snapshot',
};

/** Progress of the running sync, as a bar and a sentence; nothing when idle. */
export function SyncStatus({ sync }: { sync: SyncProgress }) {
  if (sync.phase === 'idle') return null;
  const LATE = ['reconciling', 'computing', 'publishing'];
  const share = LATE.includes(sync.phase)
    ? 0.85 + LATE.indexOf(sync.phase) * 0.05
    : sync.issuesTotal
      ? 0.05 + (0.8 * Math.min(sync.issuesDone, sync.issuesTotal)) / sync.issuesTotal
      : 0.05;
  return (
    <Box testId="sync-progress">
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {PHASES[sync.phase]}
          {sync.mode === 'incremental' ? ' (changes only)' : ''}
          {sync.issuesDone > 0
            ? ` · ${sync.issuesDone.toLocaleString()}${sync.issuesTotal ? ` of about ${sync.issuesTotal.toLocaleString()}` : ''} issues`
            : ''}
          {sync.requests > 0 ? ` · ${sync.requests} Jira request${sync.requests === 1 ? '' : 's'}` : ''}
        </Text>
        <ProgressBar value={share} ariaLabel={`Sync: ${PHASES[sync.phase]}`} />
      </Stack>
    </Box>
  );
}
