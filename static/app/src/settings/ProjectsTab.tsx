import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { AppError, PmoProject } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import '../components/table.css';
import { call, dayLabel, SaveProblem } from './form';
import { TabHeader } from './parts';
import { useSettings } from './portfolio';
import { scopeSummary } from './scope';
import './settings.css';

const ProjectForm = lazy(() => import('./ProjectForm'));
const LEVEL_WORD = { 1: 'supports', 2: 'contributes', 3: 'drives' } as const;

type Editor = { kind: 'create' } | { kind: 'edit'; project: PmoProject; generation: number } | null;

/** PMO projects: the list, and a form to create, edit (or, read-only, view) one; delete with a confirm. */
export default function ProjectsTab({
  createRequest,
  onGoToGoals,
}: {
  createRequest: number;
  onGoToGoals: () => void;
}) {
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

  if (portfolio.state.status === 'loading') return <Loading label="Loading PMO projects" />;
  if (portfolio.state.status === 'error')
    return <ErrorMessage error={portfolio.state.error} onRetry={() => void portfolio.refresh()} />;
  const config = portfolio.state.data;
  const { goals, projects, limits } = config;
  const goalName = (id: string) => goals.find((g) => g.id === id)?.name ?? 'A deleted goal';

  const open = (next: Editor) => {
    setNote(null);
    setProblem(null);
    setConfirming(null);
    setEditor(next);
  };

  const reloadEditor = async () => {
    const fresh = await portfolio.refresh();
    if (!fresh || editor?.kind !== 'edit') return;
    const project = fresh.projects.find((p) => p.id === editor.project.id);
    if (project) setEditor({ kind: 'edit', project, generation: editor.generation + 1 });
    else {
      setEditor(null);
      setNote(`“${editor.project.name}” was deleted by someone else.`);
    }
  };

  const remove = async (project: PmoProject) => {
    setDeleting(true);
    setProblem(null);
    const result = await call(
      invoke('config/deleteProject', { id: project.id, expectedVersion: project.version }),
    );
    setDeleting(false);
    setConfirming(null);
    if (!result.ok) return setProblem(result.error);
    setNote(`Deleted the PMO project “${project.name}”.`);
    await portfolio.refresh();
  };

  if (editor) {
    return (
      <Suspense fallback={<Loading label="Opening the form" />}>
        <ProjectForm
          key={editor.kind === 'edit' ? `${editor.project.id}:${editor.generation}` : 'new'}
          project={editor.kind === 'edit' ? editor.project : null}
          config={config}
          readOnly={!canConfigure}
          onCancel={() => setEditor(null)}
          onReload={reloadEditor}
          onSaved={(saved) => {
            setEditor(null);
            setNote(`Saved the PMO project “${saved.name}”.`);
            void portfolio.refresh();
          }}
        />
      </Suspense>
    );
  }

  const atLimit = projects.length >= limits.projects;
  const create = canConfigure && (
    <Button
      appearance="primary"
      onClick={() => open({ kind: 'create' })}
      isDisabled={atLimit}
      testId="create-project"
    >
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
      {note && (
        <Text color="color.text.success" testId="projects-note">
          {note}
        </Text>
      )}
      {problem && (
        <SaveProblem
          error={problem}
          what="PMO project"
          onReload={() => {
            setProblem(null);
            void portfolio.refresh();
          }}
        />
      )}
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
        <Box>
          <table className="pmo-table" data-testid="projects-table">
            <caption className="pmo-visually-hidden">PMO projects</caption>
            <thead>
              <tr>
                <th scope="col">PMO project</th>
                <th scope="col">Goals</th>
                <th scope="col">Jira scope</th>
                <th scope="col">Target date</th>
                <th scope="col">
                  <span className="pmo-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) =>
                confirming === project.id ? (
                  <tr key={project.id} className="pmo-row-open" data-testid={`project-row-${project.id}`}>
                    <td colSpan={5}>
                      <Inline space="space.150" alignBlock="center" spread="space-between">
                        <Text>
                          Delete the PMO project <strong>{project.name}</strong>? Its Jira work stays in Jira;
                          PMO Wins stops reporting it as a project.
                        </Text>
                        <Inline space="space.100">
                          <Button
                            appearance="danger"
                            isLoading={deleting}
                            onClick={() => void remove(project)}
                            testId="confirm-delete-project"
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
                  <tr key={project.id} data-testid={`project-row-${project.id}`}>
                    <th scope="row">
                      <Stack space="space.025">
                        <span data-testid="project-name">{project.name}</span>
                        {project.tags.length > 0 && (
                          <span className="pmo-subtle">{project.tags.join(', ')}</span>
                        )}
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
                    <td className="actions">
                      <Inline space="space.050" alignInline="end">
                        <Button
                          appearance="subtle"
                          spacing="compact"
                          onClick={() => open({ kind: 'edit', project, generation: 0 })}
                          testId="edit-project"
                          aria-label={`${canConfigure ? 'Edit' : 'View'} ${project.name}`}
                        >
                          {canConfigure ? 'Edit' : 'View'}
                        </Button>
                        {canConfigure && (
                          <Button
                            appearance="subtle"
                            spacing="compact"
                            onClick={() => {
                              setNote(null);
                              setConfirming(project.id);
                            }}
                            testId="delete-project"
                            aria-label={`Delete ${project.name}`}
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
