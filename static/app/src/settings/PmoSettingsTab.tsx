import Button from '@atlaskit/button/new';
import { RadioGroup } from '@atlaskit/radio';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { CreatableSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { AppError, PmoSettings, PmoSettingsInput, Thresholds } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import {
  atField,
  call,
  fieldId,
  fieldOf,
  focusField,
  FormField,
  parseNumber,
  SaveProblem,
  splitList,
} from './form';
import { FormSection, Panel, TabHeader } from './parts';
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

function localProblem(d: Draft): { field: string; message: string } | null {
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

interface TextOption {
  value: string;
  label: string;
}
const textOption = (value: string): TextOption => ({ value, label: value });

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
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [error, setError] = useState<AppError | null>(null);
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);

  const serverField = fieldOf(error, 'settings', FIELDS);
  const messageFor = (field: string) =>
    local?.field === field ? local.message : serverField === field ? atField(error) : undefined;
  const set = (patch: Partial<Draft>, fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    onChanged();
    if (local && fields.includes(local.field)) setLocal(null);
    if (serverField && fields.includes(serverField)) setError(null);
  };
  const id = (field: string) => fieldId('settings', field);

  const save = async () => {
    const problem = localProblem(draft);
    setLocal(problem);
    if (problem) return focusField('settings', problem.field);
    setSaving(true);
    setError(null);
    onChanged();
    const result = await call(
      invoke('config/saveSettings', { settings: inputOf(draft), expectedVersion: settings.version }),
    );
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      const field = fieldOf(result.error, 'settings', FIELDS);
      if (field) focusField('settings', field);
      return;
    }
    onSaved();
    // The new version remounts this form with what the server saved.
    void portfolio.refresh();
  };

  const reload = async () => {
    setReloading(true);
    await portfolio.refresh();
    setReloading(false);
    setError(null);
  };

  return (
    <Panel label="PMO settings" testId="settings-form">
      <form
        className="pmo-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) void save();
        }}
      >
        <Stack space="space.400">
          <FormSection title="Portfolio">
            <div className="pmo-grid-2">
              <FormField
                id={id('timeZone')}
                label="Time zone"
                helper="An IANA name such as Europe/Berlin. Empty uses the Jira site’s time zone."
                error={messageFor('timeZone')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    value={draft.timeZone}
                    isDisabled={readOnly}
                    placeholder="The Jira site’s time zone"
                    onChange={(e) => set({ timeZone: e.currentTarget.value }, ['timeZone'])}
                  />
                )}
              </FormField>
              <FormField
                id={id('pmoLeadGroup')}
                label="PMO-lead group"
                isRequired
                helper="Members of this Jira group, and Jira administrators, can change these settings."
                error={messageFor('pmoLeadGroup')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    value={draft.pmoLeadGroup}
                    isDisabled={readOnly}
                    onChange={(e) => set({ pmoLeadGroup: e.currentTarget.value }, ['pmoLeadGroup'])}
                  />
                )}
              </FormField>
            </div>
            <FormField
              id={id('portfolioProjects')}
              label="Portfolio Jira projects"
              helper="Jira projects that make up the portfolio besides what the PMO projects cover. Type a key and press Enter."
              error={messageFor('portfolioProjects')}
            >
              {(p) => (
                <CreatableSelect<TextOption, true>
                  inputId={p.id}
                  isMulti
                  isInvalid={p.isInvalid}
                  isDisabled={readOnly}
                  options={[]}
                  value={draft.portfolioProjects.map(textOption)}
                  onChange={(o) => set({ portfolioProjects: o.map((x) => x.value) }, ['portfolioProjects'])}
                  isValidNewOption={(text) => /^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(text.trim())}
                  onCreateOption={(text) => {
                    const key = text.trim().toUpperCase();
                    if (!draft.portfolioProjects.includes(key))
                      set({ portfolioProjects: [...draft.portfolioProjects, key] }, ['portfolioProjects']);
                  }}
                  formatCreateLabel={(text) => `Add project ${text.trim().toUpperCase()}`}
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
              <FormField
                id={id('waitStatuses')}
                label="Wait statuses"
                helper="Status names that count as waiting, separated by commas, e.g. Blocked, Waiting for review."
                error={messageFor('waitStatuses')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    value={draft.waitStatuses}
                    isDisabled={readOnly}
                    onChange={(e) => set({ waitStatuses: e.currentTarget.value }, ['waitStatuses'])}
                  />
                )}
              </FormField>
              <FormField
                id={id('trailingDays')}
                label="Trailing window (days)"
                isRequired
                helper="Cycle-time statistics and the service level expectation use items finished in this many days."
                error={messageFor('trailingDays')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    type="number"
                    min={1}
                    step={1}
                    value={draft.trailingDays}
                    isDisabled={readOnly}
                    onChange={(e) => set({ trailingDays: e.currentTarget.value }, ['trailingDays'])}
                  />
                )}
              </FormField>
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
              {messageFor('startPolicy') && (
                <Text color="color.text.danger">{messageFor('startPolicy')}</Text>
              )}
            </Stack>
          </FormSection>

          <FormSection
            title="Health thresholds"
            description="Percentages that set each health dimension’s band. Schedule is green at or above its value; the others are green at or below theirs. Anything past amber is red."
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
                      const field = `thresholds.${key}`;
                      const message = messageFor(field);
                      return (
                        <td key={key}>
                          <Textfield
                            id={id(field)}
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
                                field,
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

          {error && !serverField && (
            <SaveProblem error={error} what="settings" onReload={() => void reload()} reloading={reloading} />
          )}
          {!readOnly && (
            <Inline space="space.150" alignBlock="center">
              <Button type="submit" appearance="primary" isLoading={saving} testId="save-settings">
                Save settings
              </Button>
              {saved && (
                <Text color="color.text.success" testId="settings-saved">
                  Saved. The next data refresh uses these settings.
                </Text>
              )}
            </Inline>
          )}
        </Stack>
      </form>
    </Panel>
  );
}
