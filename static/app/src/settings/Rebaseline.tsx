import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { useState } from 'react';
import { TextAreaInput, TextInput } from './draftForm';

/**
 * Re-baselining a PMO project: once a baseline date is agreed it moves only with a reason. The new date
 * and the reason go into the form's draft; saving the PMO project writes them, with the reason kept in
 * the audit trail.
 */
export function Rebaseline({
  idOf,
  saved,
  date,
  reason,
  readOnly,
  error,
  onApply,
}: {
  idOf: (field: string) => string;
  /** The stored baseline date. */
  saved: string;
  /** The draft's baseline date and reason. */
  date: string;
  reason: string;
  readOnly: boolean;
  error?: string;
  onApply: (date: string, reason: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [newDate, setNewDate] = useState('');
  const [why, setWhy] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const apply = () => {
    if (!newDate) return setProblem('Choose the new baseline date.');
    if (newDate === saved) return setProblem('The new baseline date is the current one.');
    if (!why.trim()) return setProblem('Say why the baseline moves.');
    onApply(newDate, why.trim());
    setProblem(null);
    setOpen(false);
  };
  return (
    <Stack space="space.100" testId="rebaseline">
      {date !== saved ? (
        <Text testId="rebaseline-pending">
          Re-baselined from {saved} to {date} when you save: {reason}
        </Text>
      ) : (
        reason && (
          <Text size="small" color="color.text.subtle" testId="rebaseline-reason">
            Last re-baseline: {reason}
          </Text>
        )
      )}
      {error && !open && (
        <Text color="color.text.danger" testId="rebaseline-error">
          {error}
        </Text>
      )}
      {!readOnly && !open && (
        <Inline>
          <Button spacing="compact" onClick={() => setOpen(true)} testId="rebaseline-open">
            Re-baseline
          </Button>
        </Inline>
      )}
      {open && (
        <Stack space="space.100">
          <TextInput
            id={idOf('rebaseline.date')}
            label="New baseline date"
            type="date"
            isRequired
            value={newDate}
            onChange={setNewDate}
          />
          <TextAreaInput
            id={idOf('baselineReason')}
            label="Reason for the re-baseline"
            isRequired
            helper="Kept with the PMO project and in the audit trail. Scope growth is measured from the new date."
            error={problem ?? undefined}
            value={why}
            onChange={setWhy}
            maxLength={500}
          />
          <Inline space="space.100">
            <Button appearance="primary" spacing="compact" onClick={apply} testId="rebaseline-apply">
              Apply
            </Button>
            <Button
              appearance="subtle"
              spacing="compact"
              onClick={() => {
                setOpen(false);
                setProblem(null);
              }}
            >
              Cancel
            </Button>
          </Inline>
        </Stack>
      )}
    </Stack>
  );
}
