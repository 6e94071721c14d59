import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import type { GoalStatus } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import GoalForm, { GOAL_STATUSES } from './GoalForm';
import { dayLabel, money, plural } from './form';
import { ConfirmDeleteRow, ItemTable, RowActions, TabMessages, useItemEditor } from './listTab';
import { TabHeader } from './parts';
import { useSettings } from './portfolio';

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

/** Strategic goals: the list, and a form to create, edit (or, read-only, view) one; delete with a confirm. */
export default function GoalsTab({ createRequest }: { createRequest: number }) {
  const { portfolio, canConfigure, locale } = useSettings();
  const list = useItemEditor({
    createRequest,
    noun: 'goal',
    itemsOf: (config) => config.goals,
    deleteItem: (goal) => invoke('config/deleteGoal', { id: goal.id, expectedVersion: goal.version }),
  });

  if (portfolio.state.status === 'loading') return <Loading label="Loading goals" />;
  if (portfolio.state.status === 'error')
    return <ErrorMessage error={portfolio.state.error} onRetry={() => void portfolio.refresh()} />;
  const { goals, projects, limits } = portfolio.state.data;

  if (list.form) {
    const { key, item, ...handlers } = list.form;
    return <GoalForm key={key} goal={item} {...handlers} />;
  }

  const linked = (goalId: string) => projects.filter((p) => p.goals.some((g) => g.goalId === goalId)).length;
  const atLimit = goals.length >= limits.goals;
  const create = canConfigure && (
    <Button appearance="primary" onClick={list.create} isDisabled={atLimit} testId="create-goal">
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
      <TabMessages
        note={list.note}
        noteTestId="goals-note"
        problem={list.problem}
        what="goal"
        onReload={list.dismissProblem}
      />
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
        <ItemTable
          testId="goals-table"
          caption="Strategic goals"
          columns={['Goal', 'Status', 'Period', 'Weight', 'Target', 'PMO projects']}
          numeric={['Weight', 'Target', 'PMO projects']}
        >
          {goals.map((goal) =>
            list.confirming === goal.id ? (
              <ConfirmDeleteRow
                key={goal.id}
                testId={`goal-row-${goal.id}`}
                colSpan={7}
                confirmTestId="confirm-delete-goal"
                deleting={list.deleting}
                onConfirm={() => list.remove(goal)}
                onCancel={list.cancelDelete}
              >
                Delete the goal <strong>{goal.name}</strong>?{' '}
                {linked(goal.id) > 0
                  ? `${plural(linked(goal.id), 'PMO project')} link${linked(goal.id) === 1 ? 's' : ''} to it.`
                  : 'No PMO project links to it.'}
              </ConfirmDeleteRow>
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
                <RowActions
                  kind="goal"
                  name={goal.name}
                  canConfigure={canConfigure}
                  onEdit={() => list.edit(goal)}
                  onDelete={() => list.askDelete(goal)}
                />
              </tr>
            ),
          )}
        </ItemTable>
      )}
      {atLimit && canConfigure && (
        <Text size="small" color="color.text.subtle">
          PMO Wins holds up to {limits.goals} goals. Delete or merge one to add another.
        </Text>
      )}
    </Stack>
  );
}
