import Select from '@atlaskit/select';
import type { GoalInput, GoalStatus, StrategicGoal } from '../../../../src/contract';
import { invoke } from '../bridge';
import {
  DraftFormFrame,
  EditorButtons,
  TextAreaInput,
  TextInput,
  useDraftForm,
  type Problem,
} from './draftForm';
import { call, focusOnOpen, FormField, parseNumber } from './form';
import type { EditorProps } from './listTab';
import { FormSection } from './parts';

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
function localProblem(draft: Draft): Problem<Field> | null {
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
}: EditorProps<StrategicGoal> & { goal: StrategicGoal | null }) {
  const form = useDraftForm({
    root: 'goal',
    fields: FIELDS,
    readOnly,
    initial: () => draftOf(goal),
    check: localProblem,
    submit: (draft) =>
      call(
        invoke('config/saveGoal', { goal: inputOf(draft, goal?.id), expectedVersion: goal?.version ?? null }),
      ),
    onSaved,
    onReload,
    nested: true,
  });
  const { draft, set, field } = form;

  const title = readOnly ? (goal?.name ?? 'Goal') : goal ? `Edit goal` : 'Create a goal';
  return (
    <DraftFormFrame
      form={form}
      testId="goal-form"
      label={title}
      showHeading
      what="goal"
      space="space.300"
      footer={
        <EditorButtons
          kind="goal"
          readOnly={readOnly}
          saving={form.saving}
          saveLabel={goal ? 'Save goal' : 'Create goal'}
          onCancel={onCancel}
        />
      }
    >
      <FormSection title="About the goal">
        <TextInput
          {...field('name')}
          label="Name"
          isRequired
          inputRef={readOnly ? undefined : focusOnOpen}
          maxLength={200}
          placeholder="e.g. Grow online revenue"
          value={draft.name}
          onChange={(name) => set({ name }, ['name'])}
        />
        <TextAreaInput
          {...field('description')}
          label="Description"
          helper="What achieving this goal means, in a sentence or two."
          value={draft.description}
          onChange={(description) => set({ description }, ['description'])}
        />
        <div className="pmo-grid">
          <FormField
            id={form.id('status')}
            label="Status"
            error={form.messageFor('status')}
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
          <TextInput
            {...field('weight')}
            label="Weight"
            isRequired
            helper="1 to 10: its share when value is split across goals."
            type="number"
            min={1}
            max={10}
            step={1}
            value={draft.weight}
            onChange={(weight) => set({ weight }, ['weight'])}
          />
          <TextInput
            {...field('ownerAccountId')}
            label="Owner"
            helper="The owner’s Jira account ID (optional)."
            value={draft.owner}
            onChange={(owner) => set({ owner }, ['ownerAccountId'])}
          />
        </div>
      </FormSection>
      <FormSection
        title="Period and target"
        description="The days the goal runs (both included) and, if it has one, the number it aims for."
      >
        <div className="pmo-grid-2">
          <TextInput
            {...field('period.start', 'period')}
            label="Starts"
            isRequired
            type="date"
            value={draft.start}
            onChange={(start) => set({ start }, ['period', 'period.start'])}
          />
          <TextInput
            {...field('period.end')}
            label="Ends"
            isRequired
            type="date"
            value={draft.end}
            onChange={(end) => set({ end }, ['period', 'period.end'])}
          />
          <TextInput
            {...field('target.value', 'target')}
            label="Target value"
            helper="Optional, e.g. 2000000."
            type="number"
            value={draft.targetValue}
            onChange={(targetValue) => set({ targetValue }, ['target', 'target.value'])}
          />
          <TextInput
            {...field('target.unit')}
            label="Target unit"
            helper="e.g. EUR, customers, %."
            maxLength={40}
            value={draft.targetUnit}
            onChange={(targetUnit) => set({ targetUnit }, ['target', 'target.unit'])}
          />
        </div>
      </FormSection>
    </DraftFormFrame>
  );
}
