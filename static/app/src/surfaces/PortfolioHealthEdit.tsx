import Button from '@atlaskit/button/new';
import Form, { Field, FormFooter } from '@atlaskit/form';
import { Box, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useMemo, useState } from 'react';
import {
  FLOW_WINDOWS,
  type FlowWindowWeeks,
  type PortfolioHealthConfig,
  type PortfolioSort,
} from '../../../../src/contract';
import { invoke, view, type AppContext } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { useResolver } from '../useResolver';
import { readGadgetConfig } from './gadget-config';

interface Option<T> {
  label: string;
  value: T;
}

const WINDOW_OPTIONS: Option<FlowWindowWeeks>[] = FLOW_WINDOWS.map((w) => ({
  label: `Last ${w} complete weeks`,
  value: w,
}));
const SORT_OPTIONS: Option<PortfolioSort>[] = [
  { label: 'Most items done first', value: 'throughput' },
  { label: 'Fastest cycle time first', value: 'cycleTime' },
  { label: 'Project name', value: 'name' },
];

/** The gadget's edit view: the settings are saved with view.submit, and Jira hands them back to the gadget. */
export default function PortfolioHealthEdit({ context }: { context: AppContext }) {
  const initial = useMemo(() => readGadgetConfig(context.extension.gadgetConfiguration), [context]);
  const [state, reload] = useResolver(
    () => invoke('reports/portfolioHealth', { config: { ...initial, projects: [] } }),
    [],
  );
  const [windowWeeks, setWindowWeeks] = useState(initial.windowWeeks);
  const [sortBy, setSortBy] = useState(initial.sortBy);
  const [projects, setProjects] = useState<string[]>(initial.projects);
  const [saving, setSaving] = useState(false);

  if (state.status === 'loading') return <Loading label="Loading settings" />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={reload} />;
  const projectOptions = state.data.availableProjects.map((p) => ({
    label: `${p.name} (${p.key})`,
    value: p.key,
  }));

  const submit = async () => {
    setSaving(true);
    const config: PortfolioHealthConfig = { windowWeeks, sortBy, projects };
    try {
      await view.submit(config);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box padding="space.200" testId="portfolio-health-edit">
      <Form onSubmit={submit}>
        {({ formProps }) => (
          <form {...formProps}>
            <Stack space="space.100">
              <Field name="windowWeeks" label="Period" id="windowWeeks">
                {() => (
                  <Select
                    inputId="windowWeeks"
                    options={WINDOW_OPTIONS}
                    value={WINDOW_OPTIONS.find((o) => o.value === windowWeeks)}
                    onChange={(o) => o && setWindowWeeks(o.value)}
                  />
                )}
              </Field>
              <Field name="projects" label="Projects" id="projects">
                {() => (
                  <Select
                    inputId="projects"
                    isMulti
                    placeholder="All projects in the portfolio"
                    options={projectOptions}
                    value={projectOptions.filter((o) => projects.includes(o.value))}
                    onChange={(selected) => setProjects(selected.map((o) => o.value))}
                  />
                )}
              </Field>
              <Field name="sortBy" label="Order" id="sortBy">
                {() => (
                  <Select
                    inputId="sortBy"
                    options={SORT_OPTIONS}
                    value={SORT_OPTIONS.find((o) => o.value === sortBy)}
                    onChange={(o) => o && setSortBy(o.value)}
                  />
                )}
              </Field>
              <Text size="small" color="color.text.subtle">
                Leave Projects empty to show every project in the portfolio that the viewer may browse.
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
