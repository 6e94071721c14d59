import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { useEffect, useRef, useState } from 'react';
import type { AppError, GoalStatus, StrategicGoal } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import '../components/table.css';
import GoalForm, { GOAL_STATUSES } from './GoalForm';
import { call, dayLabel, money, plural, SaveProblem } from './form';
import { TabHeader } from './parts';
import { useSettings } from './portfolio';
import './settings.css';

const LOZENGE: Record<GoalStatus, 'default' | 'inprogress' | 'success' | 'removed'> = {
  draft: 'default',
  active: 'inprogress',
  achieved: 'success',
  dropped: 'removed',
};

export function GoalStatusLozenge({ status }: { status: GoalStatus }) {
  return (
    <Lozenge appearance={LOZENGE[status]}>{GOAL_STATUSES.find((s) => s.value === status)?.label}</Lozenge>
  );
}

type Editor = { kind: 'create' } | { kind: 'edit'; goal: StrategicGoal; generation: number } | null;

/** Strategic goals: the list, and a form to create, edit (or, read-only, view) one; delete with a confirm. */
export default function GoalsTab({ createRequest }: { createRequest: number }) {
  const { portfolio, canConfigure, locale } = useSettings();
  const [editor, setEditor] = useState<Editor>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const handled = useRef(0);

  useEffect(() => {
    if (createRequest > handled.current) {
      handled.current = createRequest;
      if (canConfigure) setEditor({ kind: 'create' });
    }
  }, [createRequest, canConfigure]);

  if (portfolio.state.status === 'loading') return <Loading label="Loading goals" />;
  if (portfolio.state.status === 'error')
    return <ErrorMessage error={portfolio.state.error} onRetry={() => void portfolio.refresh()} />;
  const { goals, projects, limits } = portfolio.state.data;

  const open = (next: Editor) => {
    setNote(null);
    setProblem(null);
    setConfirming(null);
    setEditor(next);
  };
  const linked = (goalId: string) => projects.filter((p) => p.goals.some((g) => g.goalId === goalId)).length;

  const reloadEditor = async () => {
    const fresh = await portfolio.refresh();
    if (!fresh || editor?.kind !== 'edit') return;
    const goal = fresh.goals.find((g) => g.id === editor.goal.id);
    if (goal) setEditor({ kind: 'edit', goal, generation: editor.generation + 1 });
    else {
      setEditor(null);
      setNote(`“${editor.goal.name}” was deleted by someone else.`);
    }
  };

  const remove = async (goal: StrategicGoal) => {
    setDeleting(true);
    setProblem(null);
    const result = await call(invoke('config/deleteGoal', { id: goal.id, expectedVersion: goal.version }));
    setDeleting(false);
    setConfirming(null);
    if (!result.ok) return setProblem(result.error);
    setNote(`Deleted the goal “${goal.name}”.`);
    await portfolio.refresh();
  };

  if (editor) {
    return (
      <GoalForm
        key={editor.kind === 'edit' ? `${editor.goal.id}:${editor.generation}` : 'new'}
        goal={editor.kind === 'edit' ? editor.goal : null}
        readOnly={!canConfigure}
        onCancel={() => setEditor(null)}
        onReload={reloadEditor}
        onSaved={(saved) => {
          setEditor(null);
          setNote(`Saved the goal “${saved.name}”.`);
          void portfolio.refresh();
        }}
      />
    );
  }

  const atLimit = goals.length >= limits.goals;
  const create = canConfigure && (
    <Button
      appearance="primary"
      onClick={() => open({ kind: 'create' })}
      isDisabled={atLimit}
      testId="create-goal"
    >
      Create goal
    </Button>
  );
  return (
    <Stack space="space.200" testId="goals-tab">
      <TabHeader
        title="Strategic goals"
        description="What the portfolio is for. PMO projects link to the goals they serve, so delivered work counts toward them."
        action={goals.length > 0 ? create : undefined}
      />
      {note && (
        <Text color="color.text.success" testId="goals-note">
          {note}
        </Text>
      )}
      {problem && (
        <SaveProblem
          error={problem}
          what="goal"
          onReload={() => {
            setProblem(null);
            void portfolio.refresh();
          }}
        />
      )}
      {goals.length === 0 ? (
        <EmptyState
          testId="goals-empty"
          header="Start with your strategic goals"
          headingLevel={3}
          description={
            canConfigure
              ? 'Name the three to five outcomes your portfolio exists for, such as “Grow online revenue”. Then map PMO projects to them, and PMO Wins shows how much delivered work served each goal.'
              : 'No strategic goals yet. A PMO lead sets them up here.'
          }
          primaryAction={create || undefined}
        />
      ) : (
        <Box>
          <table className="pmo-table" data-testid="goals-table">
            <caption className="pmo-visually-hidden">Strategic goals</caption>
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Status</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Weight
                </th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col" className="num">
                  PMO projects
                </th>
                <th scope="col">
                  <span className="pmo-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {goals.map((goal) =>
                confirming === goal.id ? (
                  <tr key={goal.id} className="pmo-row-open" data-testid={`goal-row-${goal.id}`}>
                    <td colSpan={7}>
                      <Inline space="space.150" alignBlock="center" spread="space-between">
                        <Text>
                          Delete the goal <strong>{goal.name}</strong>?{' '}
                          {linked(goal.id) > 0
                            ? `${plural(linked(goal.id), 'PMO project')} link${linked(goal.id) === 1 ? 's' : ''} to it.`
                            : 'No PMO project links to it.'}
                        </Text>
                        <Inline space="space.100">
                          <Button
                            appearance="danger"
                            isLoading={deleting}
                            onClick={() => void remove(goal)}
                            testId="confirm-delete-goal"
                            autoFocus
                          >
                            Delete
                          </Button>
                          <Button appearance="subtle" onClick={() => setConfirming(null)}>
                            Cancel
                          </Button>
                        </Inline>
                      </Inline>
                    </td>
                  </tr>
                ) : (
                  <tr key={goal.id} data-testid={`goal-row-${goal.id}`}>
                    <th scope="row">
                      <Stack space="space.025">
                        <span data-testid="goal-name">{goal.name}</span>
                        {goal.description && <span className="pmo-subtle">{goal.description}</span>}
                      </Stack>
                    </th>
                    <td>
                      <GoalStatusLozenge status={goal.status} />
                    </td>
                    <td>
                      {dayLabel(goal.period.start, locale)} – {dayLabel(goal.period.end, locale)}
                    </td>
                    <td className="num">{goal.weight}</td>
                    <td className="num">
                      {goal.target ? `${money(goal.target.value, locale)} ${goal.target.unit}`.trim() : '—'}
                    </td>
                    <td className="num">{linked(goal.id)}</td>
                    <td className="actions">
                      <Inline space="space.050" alignInline="end">
                        <Button
                          appearance="subtle"
                          spacing="compact"
                          onClick={() => open({ kind: 'edit', goal, generation: 0 })}
                          testId="edit-goal"
                          aria-label={`${canConfigure ? 'Edit' : 'View'} ${goal.name}`}
                        >
                          {canConfigure ? 'Edit' : 'View'}
                        </Button>
                        {canConfigure && (
                          <Button
                            appearance="subtle"
                            spacing="compact"
                            onClick={() => {
                              setNote(null);
                              setConfirming(goal.id);
                            }}
                            testId="delete-goal"
                            aria-label={`Delete ${goal.name}`}
                          >
                            Delete
                          </Button>
                        )}
                      </Inline>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </Box>
      )}
      {atLimit && canConfigure && (
        <Text size="small" color="color.text.subtle">
          PMO Wins holds up to {limits.goals} goals. Delete or merge one to add another.
        </Text>
      )}
    </Stack>
  );
}
