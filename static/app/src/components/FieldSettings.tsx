import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useEffect, useState } from 'react';
import type { AppError, FieldChoice, FieldRole, FieldSettingsView } from '../../../../src/contract';
import { invoke } from '../bridge';
import { useResolver } from '../useResolver';
import { ErrorMessage, Loading } from './States';

const ROLES: { role: FieldRole; label: string; type: string; help: string }[] = [
  { role: 'estimate', label: 'Estimate', type: 'number', help: 'Story points, for progress by points.' },
  {
    role: 'value',
    label: 'Business value',
    type: 'number',
    help: 'A number field on epics, for value delivered.',
  },
  { role: 'flagged', label: 'Flagged', type: 'array', help: 'Jira’s impediment flag, for blocked time.' },
  { role: 'startDate', label: 'Start date', type: 'date', help: 'Planned start of epics.' },
];

interface Option {
  label: string;
  value: string | null;
}

const loadFields = () => invoke('config/fields');

/** Which Jira fields hold estimates, value, flags and start dates: found by name, confirmed by a PMO lead. */
export function FieldSettings({ canConfigure }: { canConfigure: boolean }) {
  const [state, reload] = useResolver(loadFields);
  const [choice, setChoice] = useState<FieldChoice | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setChoice(state.data.confirmed);
  }, [state]);

  if (state.status === 'loading' || choice === null) return <Loading label="Loading field settings" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const data: FieldSettingsView = state.data;
  if (data.discoveredAt === null) {
    return <Text>PMO Wins lists your Jira fields here after its first refresh.</Text>;
  }

  const save = async () => {
    setSaving(true);
    setError(null);
    setSaved(false);
    const result = await invoke('config/saveFields', { fields: choice, expectedVersion: data.version });
    setSaving(false);
    if (result.ok) {
      setSaved(true);
      reload();
    } else setError(result.error);
  };

  const nameOf = (id: string | null) => data.candidates.find((c) => c.id === id)?.name ?? id;
  return (
    <Box testId="field-settings">
      <Stack space="space.150">
        {ROLES.map(({ role, label, type, help }) => {
          const found = data.discovered[role];
          const automatic: Option = {
            label: found ? `Found automatically: ${nameOf(found)}` : 'None found: not used',
            value: null,
          };
          const options: Option[] = [
            automatic,
            ...data.candidates
              .filter((c) => c.type === type)
              .map((c) => ({ label: `${c.name} (${c.id})`, value: c.id })),
          ];
          return (
            <Stack key={role} space="space.050">
              <label htmlFor={`field-${role}`}>
                <Text weight="medium">{label}</Text>
              </label>
              <Select<Option>
                inputId={`field-${role}`}
                options={options}
                isDisabled={!canConfigure}
                value={options.find((o) => o.value === choice[role]) ?? automatic}
                onChange={(o) => o && setChoice({ ...choice, [role]: o.value })}
              />
              <Text size="small" color="color.text.subtle">
                {help}
              </Text>
            </Stack>
          );
        })}
        {error && <ErrorMessage error={error} />}
        <Inline space="space.100" alignBlock="center">
          <Button
            appearance="primary"
            onClick={() => void save()}
            isDisabled={!canConfigure}
            isLoading={saving}
            testId="save-fields"
          >
            Save fields
          </Button>
          {saved && (
            <Text color="color.text.success" testId="fields-saved">
              Saved. The next refresh reads every issue again with these fields.
            </Text>
          )}
        </Inline>
      </Stack>
    </Box>
  );
}

export function FieldSettingsSection({ canConfigure }: { canConfigure: boolean }) {
  return (
    <Stack space="space.150">
      <Heading size="medium" as="h2">
        Jira fields
      </Heading>
      <FieldSettings canConfigure={canConfigure} />
    </Stack>
  );
}
