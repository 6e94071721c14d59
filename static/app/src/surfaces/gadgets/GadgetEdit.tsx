import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Form, { Field, FormFooter } from '@atlaskit/form';
import { Box, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useMemo, useState } from 'react';
import {
  FLOW_WINDOWS,
  REFRESH_CHOICES,
  type GadgetConfigs,
  type GadgetKind,
  type RefreshMinutes,
} from '../../../../../src/contract';
import { invoke, view, type AppContext } from '../../bridge';
import { ErrorMessage, Loading } from '../../components/States';
import { useResolver } from '../../useResolver';
import { readGadgetConfig as readConfig } from '../../../../../src/contract/config';

interface Option<T> {
  label: string;
  value: T;
}

const REFRESH: Option<RefreshMinutes>[] = REFRESH_CHOICES.map((m) => ({
  label: m === 0 ? 'Only when the dashboard loads' : `Every ${m} minutes`,
  value: m,
}));

function Choice<T>(props: {
  name: string;
  label: string;
  options: Option<T>[];
  value: T;
  onChange: (v: T) => void;
  same?: (a: T, b: T) => boolean;
}) {
  const same = props.same ?? ((a: T, b: T) => a === b);
  return (
    <Field name={props.name} label={props.label} id={props.name}>
      {() => (
        <Select
          inputId={props.name}
          options={props.options}
          value={props.options.find((o) => same(o.value, props.value))}
          onChange={(o) => o && props.onChange(o.value)}
        />
      )}
    </Field>
  );
}

const loadHealth = () => invoke('reports/health', {});

/** The edit view of every PMO Wins gadget: its settings are saved with view.submit, refresh interval included. */
export default function GadgetEdit({ context, kind }: { context: AppContext; kind: GadgetKind }) {
  const initial = useMemo(() => readConfig(kind, context.extension.gadgetConfiguration), [context, kind]);
  const [state, reload] = useResolver(loadHealth);
  const [config, setConfig] = useState<GadgetConfigs[GadgetKind]>(initial);
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<GadgetConfigs[GadgetKind]>) =>
    setConfig((c) => ({ ...c, ...change }) as typeof c);

  if (state.status === 'loading') return <Loading label="Loading settings" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const goals: Option<string | null>[] = [
    { label: 'All goals', value: null },
    ...state.data.goals.map((g) => ({ label: g.name, value: g.id })),
  ];
  const projects: Option<string | null>[] = state.data.projects.map((p) => ({ label: p.name, value: p.id }));

  const submit = async () => {
    setSaving(true);
    try {
      await view.submit({ ...config });
    } finally {
      setSaving(false);
    }
  };

  const c = config as unknown as Record<string, unknown>;
  return (
    <Box padding="space.200" testId={`${kind}-edit`}>
      <Form onSubmit={submit}>
        {({ formProps }) => (
          <form {...formProps}>
            <Stack space="space.100">
              {(kind === 'health' || kind === 'wins') && (
                <Choice
                  name="goalId"
                  label="Goal"
                  options={goals}
                  value={c.goalId as string | null}
                  onChange={(goalId) => set({ goalId })}
                />
              )}
              {kind === 'health' && (
                <Choice
                  name="show"
                  label="Show"
                  options={[
                    { label: 'Every PMO project', value: 'all' as const },
                    { label: 'Only those off track or at risk', value: 'attention' as const },
                  ]}
                  value={c.show as 'all' | 'attention'}
                  onChange={(show) => set({ show })}
                />
              )}
              {kind === 'flow' && (
                <>
                  <Choice
                    name="scope"
                    label="Show flow for"
                    options={[
                      {
                        label: 'The whole portfolio',
                        value: { kind: 'portfolio' as const, id: 'portfolio' },
                      },
                      ...state.data.projects.map((p) => ({
                        label: `PMO project: ${p.name}`,
                        value: { kind: 'project' as const, id: p.id },
                      })),
                      ...state.data.goals.map((g) => ({
                        label: `Goal: ${g.name}`,
                        value: { kind: 'goal' as const, id: g.id },
                      })),
                    ]}
                    value={c.scope as { kind: 'portfolio' | 'project' | 'goal'; id: string }}
                    same={(a, b) => a.kind === b.kind && a.id === b.id}
                    onChange={(scope) => set({ scope })}
                  />
                  <Choice
                    name="weeks"
                    label="Period"
                    options={FLOW_WINDOWS.map((w) => ({ label: `Last ${w} complete weeks`, value: w }))}
                    value={c.weeks as (typeof FLOW_WINDOWS)[number]}
                    onChange={(weeks) => set({ weeks })}
                  />
                  <Checkbox
                    label="Break the portfolio down by Jira project"
                    isChecked={c.byJiraProject as boolean}
                    onChange={(e) => set({ byJiraProject: e.target.checked })}
                    name="byJiraProject"
                  />
                </>
              )}
              {kind === 'value' && (
                <Choice
                  name="period"
                  label="Period"
                  options={[
                    { label: 'This quarter', value: 'current' as const },
                    { label: 'Last quarter', value: 'previous' as const },
                    { label: 'The last four quarters', value: 'year' as const },
                  ]}
                  value={c.period as 'current' | 'previous' | 'year'}
                  onChange={(period) => set({ period })}
                />
              )}
              {kind === 'forecast' && (
                <Choice
                  name="projectId"
                  label="PMO project"
                  options={[{ label: 'The first open PMO project', value: null }, ...projects]}
                  value={c.projectId as string | null}
                  onChange={(projectId) => set({ projectId })}
                />
              )}
              {kind === 'wins' && (
                <Choice
                  name="count"
                  label="How many wins"
                  options={[3, 5, 10, 20].map((n) => ({ label: String(n), value: n }))}
                  value={c.count as number}
                  onChange={(count) => set({ count })}
                />
              )}
              <Choice
                name="refresh"
                label="Refresh"
                options={REFRESH}
                value={c.refresh as RefreshMinutes}
                onChange={(refresh) => set({ refresh })}
              />
              <Text size="small" color="color.text.subtle">
                Everyone who sees this dashboard sees the same settings; numbers come from PMO Wins’ hourly
                refresh.
              </Text>
            </Stack>
            <FormFooter>
              <Button type="submit" appearance="primary" isLoading={saving} testId="save">
                Save
              </Button>
            </FormFooter>
          </form>
        )}
      </Form>
    </Box>
  );
}
