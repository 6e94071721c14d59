import './table.css';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { ReactNode } from 'react';
import { DrillButton } from './Drill';

/** A headline number with its label and, when there is one, its change against the period before. */
export function Headline(props: {
  label: string;
  value: string;
  /** Raw value for tests and tools. */
  raw: number | string | null;
  delta?: { text: string; better: boolean | null } | null;
  testId: string;
  children?: ReactNode;
  /** Opens the list behind the number; `openLabel` names it ("Show the 12 epics delivered in Q3 2026"). */
  onOpen?: () => void;
  openLabel?: string;
}) {
  const value = (
    <span data-testid="value" data-value={props.raw ?? ''} className="pmo-headline-value">
      {props.value}
    </span>
  );
  return (
    <Box padding="space.100" testId={props.testId}>
      <Stack space="space.025">
        <Text size="small" color="color.text.subtle">
          {props.label}
        </Text>
        {props.onOpen ? (
          <DrillButton
            onOpen={props.onOpen}
            label={props.openLabel ?? `Show what ${props.label} counts`}
            testId="open"
          >
            {value}
          </DrillButton>
        ) : (
          value
        )}
        {props.delta && (
          <Text
            size="small"
            color={
              props.delta.better === null
                ? 'color.text.subtle'
                : props.delta.better
                  ? 'color.text.success'
                  : 'color.text.danger'
            }
            testId="delta"
          >
            {props.delta.text}
          </Text>
        )}
        {props.children}
      </Stack>
    </Box>
  );
}

/** "+12% vs previous 12 weeks", with whether the change is good news (higher is better unless said). */
export function change(
  current: number | null,
  previous: number | null,
  label: string,
  signed: (n: number) => string,
  lowerIsBetter = false,
): { text: string; better: boolean | null } | null {
  if (current === null || previous === null) return null;
  if (previous === 0) return current === 0 ? { text: `no change ${label}`, better: null } : null;
  const pct = ((current - previous) / previous) * 100;
  if (Math.abs(pct) < 0.5) return { text: `no change ${label}`, better: null };
  return { text: `${signed(pct)}% ${label}`, better: lowerIsBetter ? pct < 0 : pct > 0 };
}
