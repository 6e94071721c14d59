import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Stack, Text } from '@atlaskit/primitives';
import { lazy, Suspense } from 'react';
import type { PmoProject } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { dayLabel } from './form';
import { ConfirmDeleteRow, ItemTable, RowActions, TabMessages, useItemEditor } from './listTab';
import { TabHeader } from './parts';
import { useSettings } from './portfolio';
import { scopeSummary } from './scope';

const ProjectForm = lazy(() => import('./ProjectForm'));
const LEVEL_WORD = { 1: 'supports', 2: 'contributes', 3: 'drives' } as const;

/** PMO projects: the list, and a form to create, edit (or, read-only, view) one; delete with a confirm. */
export default function ProjectsTab({
  createRequest,
  onGoToGoals,
}: {
  createRequest: number;
  onGoToGoals: () => void;
}) {
  const { portfolio, canConfigure, locale } = useSettings();
  const list = useItemEditor({
    createRequest,
    noun: 'PMO project',
    itemsOf: (config) => config.projects,
    deleteItem: (project) =>
      invoke('config/deleteProject', { id: project.id, expectedVersion: project.version }),
  });

  if (portfolio.state.status === 'loading') return <Loading label="Loading PMO projects" />;
  if (portfolio.state.status === 'error')
    return <ErrorMessage error={portfolio.state.error} onRetry={() => void portfolio.refresh()} />;
  const config = portfolio.state.data;
  const { goals, projects, limits } = config;
  const goalName = (id: string) => goals.find((g) => g.id === id)?.name ?? 'A deleted goal';

  if (list.form) {
    const { key, item, ...handlers } = list.form;
    return (
      <Suspense fallback={<Loading label="Opening the form" />}>
        <ProjectForm key={key} project={item} config={config} {...handlers} />
      </Suspense>
    );
  }

  const atLimit = projects.length >= limits.projects;
  const create = canConfigure && (
    <Button appearance="primary" onClick={list.create} isDisabled={atLimit} testId="create-project">
      Create PMO project
    </Button>
  );
  return (
    <Stack space="space.200" testId="projects-tab">
      <TabHeader
        title="PMO projects"
        description="The initiatives the PMO steers. Each maps to Jira work (epics, whole projects or JQL) and links to the goals it serves."
        action={projects.length > 0 ? create : undefined}
      />
      <TabMessages
        note={list.note}
        noteTestId="projects-note"
        problem={list.problem}
        what="PMO project"
        onReload={list.dismissProblem}
      />
      {projects.length === 0 ? (
        <EmptyState
          testId="projects-empty"
          header="Map your first PMO project"
          headingLevel={3}
          description={
            !canConfigure
              ? 'No PMO projects yet. A PMO lead maps them here.'
              : goals.length === 0
                ? 'A PMO project groups Jira epics, projects or a JQL filter under one initiative. Create your strategic goals first, so each project can say which goals it serves.'
                : 'A PMO project groups Jira epics, projects or a JQL filter under one initiative and links it to the goals it serves. Pick the epics by searching Jira.'
          }
          primaryAction={create || undefined}
          secondaryAction={
            canConfigure && goals.length === 0 ? (
              <Button onClick={onGoToGoals}>Go to goals</Button>
            ) : undefined
          }
        />
      ) : (
        <ItemTable
          testId="projects-table"
          caption="PMO projects"
          columns={['PMO project', 'Goals', 'Jira scope', 'Target date']}
        >
          {projects.map((project) =>
            list.confirming === project.id ? (
              <ConfirmDeleteRow
                key={project.id}
                testId={`project-row-${project.id}`}
                colSpan={5}
                confirmTestId="confirm-delete-project"
                deleting={list.deleting}
                onConfirm={() => list.remove(project)}
                onCancel={list.cancelDelete}
              >
                Delete the PMO project <strong>{project.name}</strong>? Its Jira work stays in Jira; PMO Wins
                stops reporting it as a project.
              </ConfirmDeleteRow>
            ) : (
              <tr key={project.id} data-testid={`project-row-${project.id}`}>
                <th scope="row">
                  <Stack space="space.025">
                    <span data-testid="project-name">{project.name}</span>
                    {project.tags.length > 0 && <span className="pmo-subtle">{project.tags.join(', ')}</span>}
                  </Stack>
                </th>
                <td data-testid="project-goals">
                  {project.goals.length === 0 ? (
                    <Text color="color.text.subtlest">No goal</Text>
                  ) : (
                    <Stack space="space.025">
                      {project.goals.map((link) => (
                        <span key={link.goalId}>
                          {goalName(link.goalId)}{' '}
                          <span className="pmo-subtle">({LEVEL_WORD[link.level]})</span>
                        </span>
                      ))}
                    </Stack>
                  )}
                </td>
                <td title={scopeTitle(project)}>
                  <Stack space="space.025">
                    <span data-testid="project-scope">{scopeSummary(project.scope)}</span>
                    <span className="pmo-subtle pmo-clip">{scopeDetail(project)}</span>
                  </Stack>
                </td>
                <td>{dayLabel(project.targetDate, locale)}</td>
                <RowActions
                  kind="project"
                  name={project.name}
                  canConfigure={canConfigure}
                  onEdit={() => list.edit(project)}
                  onDelete={() => list.askDelete(project)}
                />
              </tr>
            ),
          )}
        </ItemTable>
      )}
      {atLimit && canConfigure && (
        <Text size="small" color="color.text.subtle">
          PMO Wins holds up to {limits.projects} PMO projects. Delete one to add another.
        </Text>
      )}
    </Stack>
  );
}

function scopeDetail(project: PmoProject): string {
  const { epicKeys, projectKeys, jql } = project.scope;
  return [...epicKeys, ...projectKeys, ...(jql ? [jql] : [])].join(', ');
}

function scopeTitle(project: PmoProject): string {
  const { epicKeys, projectKeys, jql } = project.scope;
  return [
    epicKeys.length ? `Epics: ${epicKeys.join(', ')}` : '',
    projectKeys.length ? `Jira projects: ${projectKeys.join(', ')}` : '',
    jql ? `JQL: ${jql}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
