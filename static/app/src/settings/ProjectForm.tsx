// Longer than 400 lines: a PMO project's form is one draft of many linked fields (scope, goals, benefit
// records); its pickers are files of their own.
import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import { ErrorMessage, HelperMessage } from '@atlaskit/form';
import { Box, Text } from '@atlaskit/primitives';
import Select, { CreatableSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useEffect, useMemo, useState } from 'react';
import type {
  AlignmentLevel,
  AppError,
  EpicSummary,
  GoalLink,
  PmoProject,
  PmoProjectInput,
  PortfolioConfigView,
} from '../../../../src/contract';
import { invoke } from '../bridge';
import {
  DraftFormFrame,
  EditorButtons,
  ProjectKeysSelect,
  TextAreaInput,
  TextInput,
  textOption,
  useDraftForm,
  type Problem,
  type TextOption,
} from './draftForm';
import { EpicPicker, epicOption, type EpicOption } from './EpicPicker';
import { call, focusOnOpen, FormField, numberText, parseNumber } from './form';
import { JqlField } from './JqlField';
import { Rebaseline } from './Rebaseline';
import type { EditorProps } from './listTab';
import { FormSection } from './parts';
import './settings.css';

export const LEVELS: { value: AlignmentLevel; label: string }[] = [
  { value: 1, label: 'Supports' },
  { value: 2, label: 'Contributes' },
  { value: 3, label: 'Drives' },
];

const FIELDS = [
  'name',
  'ownerAccountId',
  'description',
  'goals',
  'scope',
  'scope.epicKeys',
  'scope.projectKeys',
  'scope.jql',
  'baselineDate',
  'baselineReason',
  'targetDate',
  'budget',
  'actualCost',
  'expectedBenefit',
  'benefits',
  'tags',
] as const;
type Field = (typeof FIELDS)[number];

interface BenefitDraft {
  id: string;
  date: string;
  amount: string;
  note: string;
}

interface Draft {
  name: string;
  owner: string;
  description: string;
  goals: GoalLink[];
  epics: EpicOption[];
  projectKeys: string[];
  jql: string;
  baselineDate: string;
  baselineReason: string;
  targetDate: string;
  budget: string;
  actualCost: string;
  expectedBenefit: string;
  benefits: BenefitDraft[];
  tags: string[];
}

const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `b-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function draftOf(project: PmoProject | null): Draft {
  return {
    name: project?.name ?? '',
    owner: project?.ownerAccountId ?? '',
    description: project?.description ?? '',
    goals: project?.goals ?? [],
    epics: (project?.scope.epicKeys ?? []).map((key) => epicOption(key, null)),
    projectKeys: project?.scope.projectKeys ?? [],
    jql: project?.scope.jql ?? '',
    baselineDate: project?.baselineDate ?? '',
    baselineReason: project?.baselineReason ?? '',
    targetDate: project?.targetDate ?? '',
    budget: numberText(project?.budget),
    actualCost: numberText(project?.actualCost),
    expectedBenefit: numberText(project?.expectedBenefit),
    benefits: (project?.benefits ?? []).map((b) => ({ ...b, amount: String(b.amount) })),
    tags: project?.tags ?? [],
  };
}

function localProblem(draft: Draft): Problem<Field> | null {
  if (!draft.name.trim()) return { field: 'name', message: 'Give the PMO project a name.' };
  for (const field of ['budget', 'actualCost', 'expectedBenefit'] as const) {
    const n = parseNumber(draft[field]);
    if (n === 'invalid' || (typeof n === 'number' && n < 0))
      return { field, message: 'Enter an amount of 0 or more, or leave it empty.' };
  }
  if (draft.baselineDate && draft.targetDate && draft.targetDate < draft.baselineDate)
    return { field: 'targetDate', message: 'The target date cannot be before the baseline date.' };
  for (const [i, b] of draft.benefits.entries()) {
    if (!b.date)
      return { field: 'benefits', message: `Benefit ${i + 1}: choose a date.`, focus: `benefits.${i}.date` };
    const amount = parseNumber(b.amount);
    if (amount === null || amount === 'invalid')
      return {
        field: 'benefits',
        message: `Benefit ${i + 1}: enter an amount.`,
        focus: `benefits.${i}.amount`,
      };
  }
  return null;
}

function inputOf(draft: Draft, id: string | undefined): PmoProjectInput {
  const num = (text: string) => {
    const n = parseNumber(text);
    return typeof n === 'number' ? n : null;
  };
  return {
    ...(id ? { id } : {}),
    name: draft.name.trim(),
    ownerAccountId: draft.owner.trim() || null,
    description: draft.description.trim(),
    goals: draft.goals,
    scope: {
      epicKeys: draft.epics.map((e) => e.value),
      projectKeys: draft.projectKeys,
      jql: draft.jql.trim() || null,
    },
    baselineDate: draft.baselineDate || null,
    baselineReason: draft.baselineReason.trim() || null,
    targetDate: draft.targetDate || null,
    budget: num(draft.budget),
    actualCost: num(draft.actualCost),
    expectedBenefit: num(draft.expectedBenefit),
    benefits: draft.benefits.map((b) => ({
      id: b.id,
      date: b.date,
      amount: Number(b.amount),
      note: b.note.trim(),
    })),
    tags: draft.tags,
  };
}

/** The benefit record a validation path points at: `benefits.1.amount` → "Benefit 2". */
function benefitPath(error: AppError | null): { index: number; prop: string } | null {
  const match = /(?:^|\.)benefits\.(\d+)(?:\.(\w+))?/.exec(error?.field ?? '');
  return match ? { index: Number(match[1]), prop: match[2] ?? 'date' } : null;
}

/**
 * Creates or edits one PMO project: its goals, its Jira scope (epics found by search, whole Jira
 * projects, a JQL filter checked by Jira as it is typed), its dates and money, and realized benefits.
 */
export default function ProjectForm({
  project,
  config,
  readOnly,
  onSaved,
  onCancel,
  onReload,
}: EditorProps<PmoProject> & { project: PmoProject | null; config: PortfolioConfigView }) {
  const form = useDraftForm({
    root: 'project',
    fields: FIELDS,
    readOnly,
    initial: () => draftOf(project),
    check: localProblem,
    submit: (draft) =>
      call(
        invoke('config/saveProject', {
          project: inputOf(draft, project?.id),
          expectedVersion: project?.version ?? null,
        }),
      ),
    onSaved,
    onReload,
    nested: true,
    focusOf: (error, field) => {
      const row = benefitPath(error);
      if (field === 'benefits' && row) return `benefits.${row.index}.${row.prop}`;
      return field === 'scope' ? 'scope.epicKeys' : field;
    },
  });
  const { draft, setDraft, error, local, messageFor, set, id, field } = form;
  const [knownEpics, setKnownEpics] = useState<EpicSummary[]>([]);

  // Name the epics the project already holds: one search per key, matched exactly.
  useEffect(() => {
    const keys = project?.scope.epicKeys ?? [];
    if (keys.length === 0) return;
    let live = true;
    void Promise.all(
      keys.map(async (key) => {
        const result = await call(invoke('config/searchEpics', { query: key }));
        return result.ok ? (result.data.find((e) => e.key === key) ?? null) : null;
      }),
    ).then((found) => {
      if (!live) return;
      const byKey = new Map(found.filter((e): e is EpicSummary => e !== null).map((e) => [e.key, e]));
      setKnownEpics((k) => [...k, ...byKey.values()]);
      setDraft((d) => ({
        ...d,
        epics: d.epics.map((o) => (o.epic ? o : epicOption(o.value, byKey.get(o.value) ?? null))),
      }));
    });
    return () => {
      live = false;
    };
  }, [project, setDraft]);

  const projectKeyOptions = useMemo(() => {
    const keys = new Set<string>([
      ...config.settings.portfolioProjects,
      ...config.projects.flatMap((p) => p.scope.projectKeys),
      ...knownEpics.map((e) => e.projectKey),
      ...draft.epics.flatMap((o) => (o.epic ? [o.epic.projectKey] : [])),
    ]);
    return [...keys].sort().map(textOption);
  }, [config, knownEpics, draft.epics]);
  const tagOptions = useMemo(
    () => [...new Set(config.projects.flatMap((p) => p.tags))].sort().map(textOption),
    [config],
  );

  const linkOf = (goalId: string) => draft.goals.find((g) => g.goalId === goalId);
  const toggleGoal = (goalId: string, on: boolean) =>
    set(
      {
        goals: on ? [...draft.goals, { goalId, level: 2 }] : draft.goals.filter((g) => g.goalId !== goalId),
      },
      ['goals'],
    );
  const setLevel = (goalId: string, level: AlignmentLevel) =>
    set({ goals: draft.goals.map((g) => (g.goalId === goalId ? { ...g, level } : g)) }, ['goals']);
  const visibleGoals = config.goals.filter((g) => g.status !== 'dropped' || linkOf(g.id));

  const setBenefit = (index: number, patch: Partial<BenefitDraft>) =>
    set({ benefits: draft.benefits.map((b, i) => (i === index ? { ...b, ...patch } : b)) }, ['benefits']);
  const benefitMessage = messageFor('benefits');
  const benefitRow = local?.field === 'benefits' ? null : benefitPath(error);
  const scopeMessage = messageFor('scope');

  const title = readOnly
    ? (project?.name ?? 'PMO project')
    : project
      ? 'Edit PMO project'
      : 'Create a PMO project';
  return (
    <DraftFormFrame
      form={form}
      testId="project-form"
      label={title}
      showHeading
      what="PMO project"
      footer={
        <>
          {local && (
            <Text color="color.text.danger" testId="project-local-problem">
              {local.message}
            </Text>
          )}
          <EditorButtons
            kind="project"
            readOnly={readOnly}
            saving={form.saving}
            saveLabel={project ? 'Save PMO project' : 'Create PMO project'}
            onCancel={onCancel}
          />
        </>
      }
    >
      <FormSection title="About the project">
        <TextInput
          {...field('name')}
          label="Name"
          isRequired
          inputRef={readOnly ? undefined : focusOnOpen}
          maxLength={200}
          placeholder="e.g. Checkout revamp"
          value={draft.name}
          onChange={(name) => set({ name }, ['name'])}
        />
        <div className="pmo-grid-2">
          <TextInput
            {...field('ownerAccountId')}
            label="Owner"
            helper="The owner’s Jira account ID (optional)."
            value={draft.owner}
            onChange={(owner) => set({ owner }, ['ownerAccountId'])}
          />
          <FormField
            id={id('tags')}
            label="Tags"
            helper="Type a tag and press Enter."
            error={messageFor('tags')}
          >
            {(p) => (
              <CreatableSelect<TextOption, true>
                inputId={p.id}
                isMulti
                isInvalid={p.isInvalid}
                isDisabled={readOnly}
                options={tagOptions}
                value={draft.tags.map(textOption)}
                onChange={(o) => set({ tags: o.map((t) => t.value) }, ['tags'])}
                onCreateOption={(tag) => {
                  const clean = tag.trim();
                  if (clean && !draft.tags.includes(clean)) set({ tags: [...draft.tags, clean] }, ['tags']);
                }}
                formatCreateLabel={(tag) => `Add tag “${tag}”`}
                placeholder="None"
              />
            )}
          </FormField>
        </div>
        <TextAreaInput
          {...field('description')}
          label="Description"
          value={draft.description}
          onChange={(description) => set({ description }, ['description'])}
        />
      </FormSection>

      <FormSection
        title="Strategic goals"
        description="Which goals this project serves, and how strongly: it supports, contributes to, or drives each."
      >
        {visibleGoals.length === 0 ? (
          <Text color="color.text.subtle">
            No goals yet. Create goals on the Goals tab to link this project to them.
          </Text>
        ) : (
          <div className="pmo-goal-links" id={id('goals')} tabIndex={-1} data-testid="goal-links">
            {visibleGoals.map((goal) => {
              const link = linkOf(goal.id);
              return (
                <GoalLinkRow
                  key={goal.id}
                  goalId={goal.id}
                  name={goal.status === 'dropped' ? `${goal.name} (dropped)` : goal.name}
                  link={link}
                  readOnly={readOnly}
                  onToggle={(on) => toggleGoal(goal.id, on)}
                  onLevel={(level) => setLevel(goal.id, level)}
                />
              );
            })}
          </div>
        )}
        {messageFor('goals') && (
          <ErrorMessage testId="project-goals-error">{messageFor('goals')}</ErrorMessage>
        )}
      </FormSection>

      <FormSection
        title="Jira scope"
        description="Issues in any of these belong to the project: the chosen epics and their work items, whole Jira projects, and whatever the JQL finds."
      >
        <FormField
          id={id('scope.epicKeys')}
          label="Epics"
          helper="Search by epic key or summary."
          error={messageFor('scope.epicKeys') ?? scopeMessage}
        >
          {(p) => (
            <EpicPicker
              control={p}
              value={draft.epics}
              isDisabled={readOnly}
              onChange={(epics) => set({ epics }, ['scope.epicKeys'])}
              onEpicsKnown={(epics) =>
                setKnownEpics((k) => {
                  const seen = new Set(k.map((e) => e.key));
                  const fresh = epics.filter((e) => !seen.has(e.key));
                  return fresh.length ? [...k, ...fresh] : k;
                })
              }
            />
          )}
        </FormField>
        <FormField
          id={id('scope.projectKeys')}
          label="Whole Jira projects"
          helper="Every issue in these projects belongs to the PMO project. Type a project key to add one."
          error={messageFor('scope.projectKeys')}
        >
          {(p) => (
            <ProjectKeysSelect
              control={p}
              isDisabled={readOnly}
              options={projectKeyOptions}
              value={draft.projectKeys}
              onChange={(projectKeys) => set({ projectKeys }, ['scope.projectKeys'])}
              placeholder="None"
            />
          )}
        </FormField>
        <JqlField
          id={id('scope.jql')}
          value={draft.jql}
          isDisabled={readOnly}
          onChange={(jql) => set({ jql }, ['scope.jql'])}
          saveError={messageFor('scope.jql')}
        />
      </FormSection>

      <FormSection
        title="Schedule and money"
        description="The baseline date is when the plan was agreed: scope growth counts what joined the scope after it. Once set, it moves only by a re-baseline, with a reason. Amounts are in your reporting currency."
      >
        <div className="pmo-grid">
          <TextInput
            {...field('baselineDate')}
            label="Baseline date"
            type="date"
            isDisabled={readOnly || Boolean(project?.baselineDate)}
            value={draft.baselineDate}
            onChange={(value) => set({ baselineDate: value }, ['baselineDate'])}
          />
          {(
            [
              ['targetDate', 'Target date', 'date'],
              ['budget', 'Budget', 'number'],
              ['actualCost', 'Actual cost so far', 'number'],
              ['expectedBenefit', 'Expected benefit', 'number'],
            ] as const
          ).map(([name, label, type]) => (
            <TextInput
              key={name}
              {...field(name)}
              label={label}
              type={type}
              min={type === 'number' ? 0 : undefined}
              value={draft[name]}
              onChange={(value) => set({ [name]: value }, [name])}
            />
          ))}
        </div>
        {project?.baselineDate && (
          <Rebaseline
            idOf={id}
            saved={project.baselineDate}
            date={draft.baselineDate}
            reason={draft.baselineReason}
            readOnly={readOnly}
            error={messageFor('baselineReason')}
            onApply={(baselineDate, baselineReason) =>
              set({ baselineDate, baselineReason }, ['baselineDate', 'baselineReason'])
            }
          />
        )}
      </FormSection>

      <FormSection
        title="Realized benefits"
        description="Benefits the project has delivered so far, each with its date. PMO Wins adds them up for benefit realization and ROI."
      >
        {draft.benefits.length > 0 && (
          <div className="pmo-benefits" data-testid="benefits" id={id('benefits')} tabIndex={-1}>
            <span className="pmo-head">Date</span>
            <span className="pmo-head">Amount</span>
            <span className="pmo-head">Note</span>
            <span aria-hidden="true" />
            {draft.benefits.map((b, i) => {
              const rowError = benefitRow?.index === i;
              return (
                <BenefitRow
                  key={b.id}
                  index={i}
                  benefit={b}
                  readOnly={readOnly}
                  invalidProp={
                    rowError
                      ? benefitRow?.prop
                      : local?.focus?.startsWith(`benefits.${i}.`)
                        ? local.focus.split('.')[2]
                        : undefined
                  }
                  onChange={(patch) => setBenefit(i, patch)}
                  onRemove={() => set({ benefits: draft.benefits.filter((_, j) => j !== i) }, ['benefits'])}
                />
              );
            })}
          </div>
        )}
        {benefitMessage && (
          <ErrorMessage testId="project-benefits-error">
            {benefitRow && local?.field !== 'benefits'
              ? `Benefit ${benefitRow.index + 1}: ${benefitMessage}`
              : benefitMessage}
          </ErrorMessage>
        )}
        {draft.benefits.length === 0 && <HelperMessage>No benefits recorded yet.</HelperMessage>}
        {!readOnly && (
          <Box>
            <Button
              onClick={() =>
                set(
                  {
                    benefits: [
                      ...draft.benefits,
                      { id: newId(), date: new Date().toISOString().slice(0, 10), amount: '', note: '' },
                    ],
                  },
                  ['benefits'],
                )
              }
              testId="add-benefit"
            >
              Add benefit
            </Button>
          </Box>
        )}
      </FormSection>
    </DraftFormFrame>
  );
}

function GoalLinkRow({
  goalId,
  name,
  link,
  readOnly,
  onToggle,
  onLevel,
}: {
  goalId: string;
  name: string;
  link: GoalLink | undefined;
  readOnly: boolean;
  onToggle: (on: boolean) => void;
  onLevel: (level: AlignmentLevel) => void;
}) {
  const levelId = `project-goal-${goalId}-level`;
  return (
    <>
      <Checkbox
        id={`project-goal-${goalId}`}
        label={name}
        isChecked={Boolean(link)}
        isDisabled={readOnly}
        onChange={(e) => onToggle(e.currentTarget.checked)}
        testId={`goal-link-${goalId}`}
      />
      <Box>
        <label htmlFor={levelId} className="pmo-visually-hidden">
          How strongly the project serves {name}
        </label>
        <Select<{ value: AlignmentLevel; label: string }>
          inputId={levelId}
          spacing="compact"
          isDisabled={readOnly || !link}
          options={LEVELS}
          value={link ? LEVELS.find((l) => l.value === link.level) : null}
          placeholder="Not linked"
          onChange={(o) => o && onLevel(o.value)}
        />
      </Box>
    </>
  );
}

function BenefitRow({
  index,
  benefit,
  readOnly,
  invalidProp,
  onChange,
  onRemove,
}: {
  index: number;
  benefit: BenefitDraft;
  readOnly: boolean;
  invalidProp: string | undefined;
  onChange: (patch: Partial<BenefitDraft>) => void;
  onRemove: () => void;
}) {
  const base = `project-benefits-${index}`;
  return (
    <>
      <Textfield
        id={`${base}-date`}
        type="date"
        aria-label={`Benefit ${index + 1} date`}
        isInvalid={invalidProp === 'date'}
        value={benefit.date}
        isDisabled={readOnly}
        onChange={(e) => onChange({ date: e.currentTarget.value })}
      />
      <Textfield
        id={`${base}-amount`}
        type="number"
        aria-label={`Benefit ${index + 1} amount`}
        isInvalid={invalidProp === 'amount'}
        value={benefit.amount}
        isDisabled={readOnly}
        onChange={(e) => onChange({ amount: e.currentTarget.value })}
      />
      <Textfield
        id={`${base}-note`}
        aria-label={`Benefit ${index + 1} note`}
        isInvalid={invalidProp === 'note'}
        value={benefit.note}
        isDisabled={readOnly}
        placeholder="e.g. First month of lower card fees"
        onChange={(e) => onChange({ note: e.currentTarget.value })}
      />
      {readOnly ? (
        <span />
      ) : (
        <Button appearance="subtle" onClick={onRemove} aria-label={`Remove benefit ${index + 1}`}>
          Remove
        </Button>
      )}
    </>
  );
}
