import Heading from '@atlaskit/heading';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ReactNode } from 'react';

const panelStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface',
  padding: 'space.300',
  maxWidth: '944px',
});

/** A bordered panel holding one form. */
export function Panel({ children, testId, label }: { children: ReactNode; testId?: string; label: string }) {
  return (
    <Box xcss={panelStyle} testId={testId} as="section" aria-label={label}>
      {children}
    </Box>
  );
}

/** A titled group of fields inside a form. */
export function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack space="space.150">
      <Stack space="space.050">
        <Heading size="small" as="h3">
          {title}
        </Heading>
        {description && (
          <Text size="small" color="color.text.subtle">
            {description}
          </Text>
        )}
      </Stack>
      {children}
    </Stack>
  );
}

const headerStyle = xcss({
  display: 'flex',
  justifyContent: 'space-between',
  alignItems: 'end',
  gap: 'space.200',
});
const actionStyle = xcss({ flexShrink: 0 });

/** A tab's heading, its one-line purpose and its main action. */
export function TabHeader({
  title,
  description,
  action,
}: {
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Box xcss={headerStyle}>
      <Stack space="space.050">
        <Heading size="medium" as="h2">
          {title}
        </Heading>
        <Text color="color.text.subtle">{description}</Text>
      </Stack>
      {action && <Box xcss={actionStyle}>{action}</Box>}
    </Box>
  );
}
