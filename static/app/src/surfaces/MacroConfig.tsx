import Button from '@atlaskit/button/new';
import Form, { Field, FormFooter } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { invoke, view, type AppContext } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { quarterName } from '../format';
import { useResolver } from '../useResolver';
import { readMacroConfig, type MacroConfig as Config } from '../../../../src/contract/config';

const loadWinsPage = () => invoke('reports/winsPage', {});

/** Configures one PMO wins macro on a Confluence page: title, goal, quarter and what to show. */
export default function MacroConfig({ context }: { context: AppContext }) {
  const [state, reload] = useResolver(loadWinsPage);
  const [config, setConfig] = useState<Config>(() => readMacroConfig(context.extension.config));
  const [saving, setSaving] = useState(false);
  if (state.status === 'loading') return <Loading label="Loading" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const goals = [
    { label: 'Whole portfolio', value: null as string | null },
    ...state.data.goals.map((g) => ({ label: g.name, value: g.id as string | null })),
  ];
  const quarters = [
    { label: 'The last complete quarter', value: 'previous' },
    { label: 'The current quarter, so far', value: 'current' },
    ...(state.data.data?.quarters ?? [])
      .slice()
      .reverse()
      .map((q) => ({ label: quarterName(q), value: q })),
  ];
  const shows = [
    { label: 'Headline numbers, wins and PMO projects', value: 'all' as const },
    { label: 'Headline numbers only', value: 'headline' as const },
    { label: 'Wins only', value: 'wins' as const },
  ];
  const submit = async () => {
    setSaving(true);
    try {
      await view.submit({ config });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Box padding="space.200" testId="macro-config">
      <Form onSubmit={submit}>
        {({ formProps }) => (
          <form {...formProps}>
            <Stack space="space.100">
              <Field name="title" label="Title" id="title">
                {() => (
                  <Textfield
                    id="title"
                    value={config.title}
                    onChange={(e) => setConfig({ ...config, title: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field name="goalId" label="Goal" id="goalId">
                {() => (
                  <Select
                    inputId="goalId"
                    options={goals}
                    value={goals.find((g) => g.value === config.goalId)}
                    onChange={(o) => o && setConfig({ ...config, goalId: o.value })}
                  />
                )}
              </Field>
              <Field name="quarter" label="Quarter" id="quarter">
                {() => (
                  <Select
                    inputId="quarter"
                    options={quarters}
                    value={quarters.find((q) => q.value === config.quarter)}
                    onChange={(o) => o && setConfig({ ...config, quarter: o.value })}
                  />
                )}
              </Field>
              <Field name="show" label="Show" id="show">
                {() => (
                  <Select
                    inputId="show"
                    options={shows}
                    value={shows.find((s) => s.value === config.show)}
                    onChange={(o) => o && setConfig({ ...config, show: o.value })}
                  />
                )}
              </Field>
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
