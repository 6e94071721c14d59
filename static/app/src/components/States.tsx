import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { AppError } from '../../../../src/contract';

export function Loading({ label }: { label: string }) {
  return (
    <Box padding="space.300" testId="loading">
      <Inline space="space.100" alignBlock="center" alignInline="center">
        <Spinner size="medium" label={label} />
        <Text color="color.text.subtle">{label}</Text>
      </Inline>
    </Box>
  );
}

const TITLES: Record<AppError['kind'], string> = {
  validation: 'Check the settings',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Changed elsewhere',
  damaged: 'Stored data is damaged',
  jira: 'Jira did not answer as expected',
  internal: 'Something went wrong',
};

export function ErrorMessage({ error, onRetry }: { error: AppError; onRetry?: () => void }) {
  return (
    <Box testId="error">
      <SectionMessage
        appearance="error"
        title={TITLES[error.kind]}
        actions={
          onRetry
            ? [
                <Button key="retry" onClick={onRetry}>
                  Try again
                </Button>,
              ]
            : []
        }
      >
        <Text>{error.message}</Text>
      </SectionMessage>
    </Box>
  );
}

export function Notice({
  title,
  children,
  appearance = 'information',
}: {
  title: string;
  children: React.ReactNode;
  appearance?: 'information' | 'warning' | 'error' | 'success' | 'discovery';
}) {
  return (
    <SectionMessage appearance={appearance} title={title}>
      <Stack space="space.100">{children}</Stack>
    </SectionMessage>
  );
}
