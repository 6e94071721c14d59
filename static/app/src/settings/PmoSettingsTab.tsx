import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { PmoSettings, PmoSettingsInput, Thresholds } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { DraftFormFrame, ProjectKeysSelect, TextInput, useDraftForm, type Problem } from './draftForm';
import { call, FormField, parseNumber, splitList } from './form';
import { FormSection, TabHeader } from './parts';
import { useSettings } from './portfolio';
import './settings.css';

const BANDS: { dimension: string; green: keyof Thresholds; amber: keyof Thresholds; rule: string }[] = [
  {
    dimension: 'Schedule: chance to finish by the target date',
    green: 'scheduleGreen',
    amber: 'scheduleAmber',
    rule: 'Higher is better',
  },
  {
    dimension: 'Scope growth since the baseline',
    green: 'scopeGrowthGreen',
    amber: 'scopeGrowthAmber',
    rule: 'Lower is better',
  },
  {
    dimension: 'Aging: in-progress items older than expected',
    green: 'agingGreen',
    amber: 'agingAmber',
    rule: 'Lower is better',
  },
  {
    dimension: 'Blocked: in-progress items flagged or waiting',
    green: 'blockedGreen',
    amber: 'blockedAmber',
    rule: 'Lower is better',
  },
];

const FIELDS = [
  'timeZone',
  'portfolioProjects',
  'waitStatuses',
  'notDoneResolutions',
  'pmoLeadGroup',
  'startPolicy',
  'trailingDays',
  'thresholds',
  ...BANDS.flatMap((b) => [`thresholds.${b.green}`, `thresholds.${b.amber}`]),
];

interface Draft {
  timeZone: string;
  portfolioProjects: string[];
  waitStatuses: string;
  notDoneResolutions: string;
  pmoLeadGroup: string;
  startPolicy: 'first' | 'last';
  trailingDays: string;
  thresholds: Record<keyof Thresholds, string>;
}

function draftOf(s: PmoSettings): Draft {
  return {
    timeZone: s.timeZone ?? '',
    portfolioProjects: s.portfolioProjects,
    waitStatuses: s.waitStatuses.join(', '),
    notDoneResolutions: (s.notDoneResolutions ?? []).join(', '),
    pmoLeadGroup: s.pmoLeadGroup,
    startPolicy: s.startPolicy,
    trailingDays: String(s.trailingDays),
    thresholds: Object.fromEntries(Object.entries(s.thresholds).map(([k, v]) => [k, String(v)])) as Record<
      keyof Thresholds,
      string
    >,
  };
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function localProblem(d: Draft): Problem<string> | null {
  if (d.timeZone.trim() && !validTimeZone(d.timeZone.trim()))
    return {
      field: 'timeZone',
      message: `“${d.timeZone.trim()}” is not a time zone name like Europe/Berlin.`,
    };
  if (!d.pmoLeadGroup.trim()) return { field: 'pmoLeadGroup', message: 'Name the Jira group of PMO leads.' };
  const days = parseNumber(d.trailingDays);
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1)
    return { field: 'trailingDays', message: 'Enter a whole number of days.' };
  for (const band of BANDS) {
    for (const key of [band.green, band.amber]) {
      const n = parseNumber(d.thresholds[key]);
      if (typeof n !== 'number' || n < 0 || n > 100)
        return { field: `thresholds.${key}`, message: 'Enter a percentage from 0 to 100.' };
    }
  }
  return null;
}

function inputOf(d: Draft): PmoSettingsInput {
  return {
    timeZone: d.timeZone.trim() || null,
    portfolioProjects: d.portfolioProjects,
    waitStatuses: splitList(d.waitStatuses),
    notDoneResolutions: splitList(d.notDoneResolutions),
    pmoLeadGroup: d.pmoLeadGroup.trim(),
    startPolicy: d.startPolicy,
    trailingDays: Number(d.trailingDays),
    thresholds: Object.fromEntries(
      Object.entries(d.thresholds).map(([k, v]) => [k, Number(v)]),
    ) as unknown as Thresholds,
  };
}

/** The PMO's settings: time zone, portfolio, wait statuses, who leads, and the health bands. */
export default function PmoSettingsTab() {
  const { portfolio, canConfigure } = useSettings();
  const [saved, setSaved] = useState(false);
  if (portfolio.state.status === 'loading') return <Loading label="Loading settings" />;
  if (portfolio.state.status === 'error')
    return <ErrorMessage error={portfolio.state.error} onRetry={() => void portfolio.refresh()} />;
  const settings = portfolio.state.data.settings;
  return (
    <Stack space="space.200" testId="pmo-settings-tab">
      <TabHeader
        title="Settings"
        description="How PMO Wins reads your Jira data and judges health. Changes apply from the next data refresh."
      />
      <SettingsForm
        saved={saved}
        key={settings.version}
        settings={settings}
        readOnly={!canConfigure}
        onSaved={() => setSaved(true)}
        onChanged={() => setSaved(false)}
      />
    </Stack>
  );
}

function SettingsForm({
  saved,
  settings,
  readOnly,
  onSaved,
  onChanged,
}: {
  saved: boolean;
  settings: PmoSettings;
  readOnly: boolean;
  onSaved: () => void;
  onChanged: () => void;
}) {
  const { portfolio } = useSettings();
  const form = useDraftForm({
    root: 'settings',
    fields: FIELDS,
    readOnly,
    initial: () => draftOf(settings),
    check: localProblem,
    submit: (draft) =>
      call(invoke('config/saveSettings', { settings: inputOf(draft), expectedVersion: settings.version })),
    onSaved: () => {
      onSaved();
      // The new version remounts this form with what the server saved.
      void portfolio.refresh();
    },
    onReload: portfolio.refresh,
    onEdit: onChanged,
    clearAfterReload: true,
  });
  const { draft, set, id, field, messageFor } = form;

  return (
    <DraftFormFrame
      form={form}
      label="PMO settings"
      testId="settings-form"
      what="settings"
      footer={
        !readOnly && (
          <Inline space="space.150" alignBlock="center">
            <Button type="submit" appearance="primary" isLoading={form.saving} testId="save-settings">
              Save settings
            </Button>
            {saved && (
              <Text color="color.text.success" testId="settings-saved">
                Saved. The next data refresh uses these settings.
              </Text>
            )}
          </Inline>
        )
      }
    >
      <FormSection title="Portfolio">
        <div className="pmo-grid-2">
          <TextInput
            {...field('timeZone')}
            label="Time zone"
            helper="An IANA name such as Europe/Berlin. Empty uses the Jira site’s time zone."
            placeholder="The Jira site’s time zone"
            value={draft.timeZone}
            onChange={(timeZone) => set({ timeZone }, ['timeZone'])}
          />
          <TextInput
            {...field('pmoLeadGroup')}
            label="PMO-lead group"
            isRequired
            helper="Members of this Jira group, and Jira administrators, can change these settings."
            value={draft.pmoLeadGroup}
            onChange={(pmoLeadGroup) => set({ pmoLeadGroup }, ['pmoLeadGroup'])}
          />
        </div>
        <FormField
          id={id('portfolioProjects')}
          label="Portfolio Jira projects"
          helper="Jira projects that make up the portfolio besides what the PMO projects cover. Type a key and press Enter."
          error={messageFor('portfolioProjects')}
        >
          {(p) => (
            <ProjectKeysSelect
              control={p}
              isDisabled={readOnly}
              options={[]}
              value={draft.portfolioProjects}
              onChange={(portfolioProjects) => set({ portfolioProjects }, ['portfolioProjects'])}
              noOptionsMessage={() => 'Type a Jira project key'}
              placeholder="None besides the PMO projects’ scope"
            />
          )}
        </FormField>
      </FormSection>

      <FormSection
        title="Flow"
        description="How cycle time is measured. See the metric definitions for the details."
      >
        <div className="pmo-grid-2">
          <TextInput
            {...field('waitStatuses')}
            label="Wait statuses"
            helper="Status names that count as waiting, separated by commas, e.g. Blocked, Waiting for review."
            value={draft.waitStatuses}
            onChange={(waitStatuses) => set({ waitStatuses }, ['waitStatuses'])}
          />
          <TextInput
            {...field('notDoneResolutions')}
            label="Closed without delivery"
            helper="Resolutions, separated by commas, of issues closed but not delivered, e.g. Won't Do, Duplicate. They leave the scope and never count as done."
            value={draft.notDoneResolutions}
            onChange={(notDoneResolutions) => set({ notDoneResolutions }, ['notDoneResolutions'])}
          />
          <TextInput
            {...field('trailingDays')}
            label="Trailing window (days)"
            isRequired
            helper="Cycle-time statistics and the service level expectation use items finished in this many days."
            type="number"
            min={1}
            step={1}
            value={draft.trailingDays}
            onChange={(trailingDays) => set({ trailingDays }, ['trailingDays'])}
          />
        </div>
        <Stack space="space.050">
          <span id={`${id('startPolicy')}-label`} className="pmo-group-label">
            Work starts at
          </span>
          <div id={id('startPolicy')} tabIndex={-1}>
            <RadioGroup
              name="startPolicy"
              isDisabled={readOnly}
              value={draft.startPolicy}
              labelId={`${id('startPolicy')}-label`}
              options={[
                {
                  name: 'startPolicy',
                  value: 'first',
                  label: 'The first move into an in-progress status',
                },
                { name: 'startPolicy', value: 'last', label: 'The last move into an in-progress status' },
              ]}
              onChange={(e) =>
                set({ startPolicy: e.currentTarget.value === 'last' ? 'last' : 'first' }, ['startPolicy'])
              }
            />
          </div>
          {messageFor('startPolicy') && <Text color="color.text.danger">{messageFor('startPolicy')}</Text>}
        </Stack>
      </FormSection>

      <FormSection
        title="Health thresholds"
        description="Percentages that set each band. The schedule’s band is the rating: green (On track) at or above its value, amber (At risk) at or above the second, else red (Off track). Scope growth, aging and blocked are risk signals, green up to and including their first value and amber up to their second; past that, a risk signal lowers On track to At risk."
      >
        <table className="pmo-thresholds" data-testid="thresholds">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Green</th>
              <th scope="col">Amber</th>
            </tr>
          </thead>
          <tbody>
            {BANDS.map((band) => (
              <tr key={band.green}>
                <th scope="row">
                  <Stack space="space.0">
                    <span>{band.dimension}</span>
                    <span className="pmo-subtle">{band.rule}</span>
                  </Stack>
                </th>
                {[band.green, band.amber].map((key) => {
                  const name = `thresholds.${key}`;
                  const message = messageFor(name);
                  return (
                    <td key={key}>
                      <Textfield
                        id={id(name)}
                        type="number"
                        min={0}
                        max={100}
                        aria-label={`${band.dimension}: ${key === band.green ? 'green' : 'amber'} (%)`}
                        isInvalid={Boolean(message)}
                        value={draft.thresholds[key]}
                        isDisabled={readOnly}
                        elemAfterInput={<span className="pmo-subtle pmo-suffix">%</span>}
                        onChange={(e) =>
                          set({ thresholds: { ...draft.thresholds, [key]: e.currentTarget.value } }, [
                            name,
                            'thresholds',
                          ])
                        }
                      />
                      {message && (
                        <Text color="color.text.danger" size="small">
                          {message}
                        </Text>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {messageFor('thresholds') && <Text color="color.text.danger">{messageFor('thresholds')}</Text>}
      </FormSection>
    </DraftFormFrame>
  );
}
