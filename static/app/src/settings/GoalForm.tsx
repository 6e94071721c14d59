import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { AppError, GoalInput, GoalStatus, StrategicGoal } from '../../../../src/contract';
import { invoke } from '../bridge';
import { atField, call, fieldId, fieldOf, focusField, FormField, parseNumber, SaveProblem } from './form';
import { FormSection, Panel } from './parts';

export const GOAL_STATUSES: { value: GoalStatus; label: string }[] = [
  { value: 'draft', label: 'Draft' },
  { value: 'active', label: 'Active' },
  { value: 'achieved', label: 'Achieved' },
  { value: 'dropped', label: 'Dropped' },
];

const FIELDS = [
  'name',
  'description',
  'ownerAccountId',
  'weight',
  'period',
  'period.start',
  'period.end',
  'target',
  'target.value',
  'target.unit',
  'status',
] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  name: string;
  description: string;
  owner: string;
  weight: string;
  start: string;
  end: string;
  targetValue: string;
  targetUnit: string;
  status: GoalStatus;
}

function draftOf(goal: StrategicGoal | null): Draft {
  if (!goal) {
    const year = new Date().getFullYear();
    return {
      name: '',
      description: '',
      owner: '',
      weight: '5',
      start: `${year}-01-01`,
      end: `${year}-12-31`,
      targetValue: '',
      targetUnit: '',
      status: 'active',
    };
  }
  return {
    name: goal.name,
    description: goal.description,
    owner: goal.ownerAccountId ?? '',
    weight: String(goal.weight),
    start: goal.period.start,
    end: goal.period.end,
    targetValue: goal.target ? String(goal.target.value) : '',
    targetUnit: goal.target?.unit ?? '',
    status: goal.status,
  };
}

/** Checks the browser can make on its own; the server checks everything again. */
function localProblem(draft: Draft): { field: Field; message: string } | null {
  if (!draft.name.trim()) return { field: 'name', message: 'Give the goal a name.' };
  const weight = parseNumber(draft.weight);
  if (weight === null || weight === 'invalid' || !Number.isInteger(weight) || weight < 1 || weight > 10)
    return { field: 'weight', message: 'Enter a whole number from 1 to 10.' };
  if (!draft.start) return { field: 'period.start', message: 'Choose the first day of the goal’s period.' };
  if (!draft.end) return { field: 'period.end', message: 'Choose the last day of the goal’s period.' };
  if (draft.end < draft.start)
    return { field: 'period.end', message: 'The period must end on or after its start.' };
  const target = parseNumber(draft.targetValue);
  if (target === 'invalid') return { field: 'target.value', message: 'Enter a number.' };
  if (target === null && draft.targetUnit.trim())
    return { field: 'target.value', message: 'Enter a target value for this unit, or clear the unit.' };
  return null;
}

function inputOf(draft: Draft, id: string | undefined): GoalInput {
  const target = parseNumber(draft.targetValue);
  return {
    ...(id ? { id } : {}),
    name: draft.name.trim(),
    description: draft.description.trim(),
    ownerAccountId: draft.owner.trim() || null,
    weight: Number(draft.weight),
    period: { start: draft.start, end: draft.end },
    target: typeof target === 'number' ? { value: target, unit: draft.targetUnit.trim() } : null,
    status: draft.status,
  };
}

/**
 * Creates or edits one strategic goal. The save names the version the form was opened with, so a goal
 * someone else saved meanwhile is refused rather than overwritten.
 */
export default function GoalForm({
  goal,
  readOnly,
  onSaved,
  onCancel,
  onReload,
}: {
  goal: StrategicGoal | null;
  readOnly: boolean;
  onSaved: (goal: StrategicGoal) => void;
  onCancel: () => void;
  /** Fetches the latest version and reopens the form with it. */
  onReload: () => Promise<void>;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(goal));
  const [error, setError] = useState<AppError | null>(null);
  const [local, setLocal] = useState<{ field: Field; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);

  const serverField = fieldOf(error, 'goal', FIELDS);
  const messageFor = (field: Field) =>
    local?.field === field ? local.message : serverField === field ? atField(error) : undefined;
  const set = (patch: Partial<Draft>, fields: Field[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (local && fields.includes(local.field)) setLocal(null);
    if (serverField && fields.some((f) => serverField === f || serverField.startsWith(`${f}.`)))
      setError(null);
  };

  const save = async () => {
    const problem = localProblem(draft);
    setLocal(problem);
    if (problem) return focusField('goal', problem.field);
    setSaving(true);
    setError(null);
    const result = await call(
      invoke('config/saveGoal', { goal: inputOf(draft, goal?.id), expectedVersion: goal?.version ?? null }),
    );
    setSaving(false);
    if (result.ok) return onSaved(result.data);
    setError(result.error);
    const field = fieldOf(result.error, 'goal', FIELDS);
    if (field) focusField('goal', field);
  };

  const reload = async () => {
    setReloading(true);
    await onReload();
    setReloading(false);
  };

  const title = readOnly ? (goal?.name ?? 'Goal') : goal ? `Edit goal` : 'Create a goal';
  const id = (field: Field) => fieldId('goal', field);
  return (
    <Panel testId="goal-form" label={title}>
      <form
        className="pmo-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) void save();
        }}
      >
        <Stack space="space.300">
          <Heading size="medium" as="h3">
            {title}
          </Heading>
          <FormSection title="About the goal">
            <FormField id={id('name')} label="Name" isRequired error={messageFor('name')}>
              {(p) => (
                <Textfield
                  {...p}
                  autoFocus={!readOnly}
                  value={draft.name}
                  isDisabled={readOnly}
                  maxLength={200}
                  placeholder="e.g. Grow online revenue"
                  onChange={(e) => set({ name: e.currentTarget.value }, ['name'])}
                />
              )}
            </FormField>
            <FormField
              id={id('description')}
              label="Description"
              helper="What achieving this goal means, in a sentence or two."
              error={messageFor('description')}
            >
              {(p) => (
                <Textarea
                  {...p}
                  value={draft.description}
                  isDisabled={readOnly}
                  minimumRows={2}
                  resize="vertical"
                  onChange={(e) => set({ description: e.currentTarget.value }, ['description'])}
                />
              )}
            </FormField>
            <div className="pmo-grid">
              <FormField
                id={id('status')}
                label="Status"
                error={messageFor('status')}
                helper="Only active goals count toward strategic alignment."
              >
                {(p) => (
                  <Select<{ value: GoalStatus; label: string }>
                    inputId={p.id}
                    isInvalid={p.isInvalid}
                    isDisabled={readOnly}
                    options={GOAL_STATUSES}
                    value={GOAL_STATUSES.find((s) => s.value === draft.status)}
                    onChange={(o) => o && set({ status: o.value }, ['status'])}
                  />
                )}
              </FormField>
              <FormField
                id={id('weight')}
                label="Weight"
                isRequired
                helper="1 to 10: its share when value is split across goals."
                error={messageFor('weight')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    type="number"
                    min={1}
                    max={10}
                    step={1}
                    value={draft.weight}
                    isDisabled={readOnly}
                    onChange={(e) => set({ weight: e.currentTarget.value }, ['weight'])}
                  />
                )}
              </FormField>
              <FormField
                id={id('ownerAccountId')}
                label="Owner"
                helper="The owner’s Jira account ID (optional)."
                error={messageFor('ownerAccountId')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    value={draft.owner}
                    isDisabled={readOnly}
                    onChange={(e) => set({ owner: e.currentTarget.value }, ['ownerAccountId'])}
                  />
                )}
              </FormField>
            </div>
          </FormSection>
          <FormSection
            title="Period and target"
            description="The days the goal runs (both included) and, if it has one, the number it aims for."
          >
            <div className="pmo-grid-2">
              <FormField
                id={id('period.start')}
                label="Starts"
                isRequired
                error={messageFor('period.start') ?? messageFor('period')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    type="date"
                    value={draft.start}
                    isDisabled={readOnly}
                    onChange={(e) => set({ start: e.currentTarget.value }, ['period', 'period.start'])}
                  />
                )}
              </FormField>
              <FormField id={id('period.end')} label="Ends" isRequired error={messageFor('period.end')}>
                {(p) => (
                  <Textfield
                    {...p}
                    type="date"
                    value={draft.end}
                    isDisabled={readOnly}
                    onChange={(e) => set({ end: e.currentTarget.value }, ['period', 'period.end'])}
                  />
                )}
              </FormField>
              <FormField
                id={id('target.value')}
                label="Target value"
                helper="Optional, e.g. 2000000."
                error={messageFor('target.value') ?? messageFor('target')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    type="number"
                    value={draft.targetValue}
                    isDisabled={readOnly}
                    onChange={(e) => set({ targetValue: e.currentTarget.value }, ['target', 'target.value'])}
                  />
                )}
              </FormField>
              <FormField
                id={id('target.unit')}
                label="Target unit"
                helper="e.g. EUR, customers, %."
                error={messageFor('target.unit')}
              >
                {(p) => (
                  <Textfield
                    {...p}
                    value={draft.targetUnit}
                    isDisabled={readOnly}
                    maxLength={40}
                    onChange={(e) => set({ targetUnit: e.currentTarget.value }, ['target', 'target.unit'])}
                  />
                )}
              </FormField>
            </div>
          </FormSection>
          {error && !serverField && (
            <SaveProblem error={error} what="goal" onReload={() => void reload()} reloading={reloading} />
          )}
          <Inline space="space.100">
            {!readOnly && (
              <Button type="submit" appearance="primary" isLoading={saving} testId="save-goal">
                {goal ? 'Save goal' : 'Create goal'}
              </Button>
            )}
            <Button appearance="subtle" onClick={onCancel} testId="cancel-goal">
              {readOnly ? 'Close' : 'Cancel'}
            </Button>
          </Inline>
        </Stack>
      </form>
    </Panel>
  );
}
