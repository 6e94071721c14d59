import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useMemo, useState } from 'react';
import type { AppError, PmoProject, UnmappedEpic } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { formatters } from '../format';
import { useResolver } from '../useResolver';
import { call, focusOnOpen } from './form';
import { ItemTable, TabMessages } from './listTab';
import { TabHeader } from './parts';
import { useSettings } from './portfolio';

interface ProjectOption {
  value: string;
  label: string;
}

/** The project as a save sends it: everything but its version. */
export function inputOfProject(project: PmoProject) {
  const { version: _version, ...input } = project;
  return input;
}

const loadEpics = () => invoke('config/unmappedEpics');

/**
 * Recently active epics that belong to no PMO project: add each to a project (saved against the
 * project's current version) or dismiss it.
 */
export default function TriageTab({ timeZone }: { timeZone: string | undefined }) {
  const { portfolio, canConfigure, locale } = useSettings();
  const fmt = useMemo(() => formatters(locale, timeZone), [locale, timeZone]);
  const [epics, reload] = useResolver(loadEpics);
  const [adding, setAdding] = useState<string | null>(null);
  const [target, setTarget] = useState<ProjectOption | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [gone, setGone] = useState<Set<string>>(new Set());

  if (epics.status === 'loading') return <Loading label="Looking for unmapped epics" />;
  if (epics.status === 'error') return <ErrorMessage error={epics.error} onRetry={reload} />;
  const projects = portfolio.state.status === 'ready' ? portfolio.state.data.projects : [];
  const options: ProjectOption[] = projects.map((p) => ({ value: p.id, label: p.name }));
  const rows = epics.data.filter((e) => !gone.has(e.key));

  const startAdding = (key: string) => {
    setProblem(null);
    setNote(null);
    setTarget(null);
    setAdding(key);
  };

  const add = async (epic: UnmappedEpic) => {
    const project = projects.find((p) => p.id === target?.value);
    if (!project) return;
    setBusy(epic.key);
    setProblem(null);
    const result = await call(
      invoke('config/saveProject', {
        project: {
          ...inputOfProject(project),
          scope: { ...project.scope, epicKeys: [...new Set([...project.scope.epicKeys, epic.key])] },
        },
        expectedVersion: project.version,
      }),
    );
    setBusy(null);
    if (!result.ok) return setProblem(result.error);
    setAdding(null);
    setGone((g) => new Set(g).add(epic.key));
    setNote(`Added ${epic.key} to “${result.data.name}”.`);
    void portfolio.refresh();
  };

  const dismiss = async (epic: UnmappedEpic) => {
    setBusy(epic.key);
    setProblem(null);
    setNote(null);
    const result = await call(invoke('config/dismissEpic', { key: epic.key }));
    setBusy(null);
    if (!result.ok) return setProblem(result.error);
    setGone((g) => new Set(g).add(epic.key));
    setNote(`Dismissed ${epic.key}. It stays out of this list until it belongs to a PMO project.`);
  };

  return (
    <Stack space="space.200" testId="triage-tab">
      <TabHeader
        title="Unmapped epics"
        description="Epics with recent activity that no PMO project covers. Add each to the project it belongs to, or dismiss it if the PMO does not track it."
        action={
          <Button onClick={reload} isLoading={epics.reloading}>
            Check again
          </Button>
        }
      />
      <TabMessages
        note={note}
        noteTestId="triage-note"
        problem={problem}
        what="PMO project"
        onReload={() => {
          setProblem(null);
          void portfolio.refresh();
          reload();
        }}
      />
      {rows.length === 0 ? (
        <EmptyState
          testId="triage-empty"
          header="Every active epic is mapped"
          headingLevel={3}
          description="No recently active epic is left outside a PMO project. New epics show up here after the next data refresh."
        />
      ) : (
        <ItemTable
          testId="triage-table"
          caption="Unmapped epics"
          columns={['Epic', 'Jira project', 'Status', 'Last activity', 'Items']}
          numeric={['Items']}
        >
          {rows.map((epic) => (
            <TriageRows
              key={epic.key}
              epic={epic}
              open={adding === epic.key}
              busy={busy === epic.key}
              canConfigure={canConfigure}
              options={options}
              target={target}
              onTarget={setTarget}
              onStart={() => startAdding(epic.key)}
              onCancel={() => setAdding(null)}
              onAdd={() => void add(epic)}
              onDismiss={() => void dismiss(epic)}
              lastActivity={`${fmt.date(epic.lastActivity)}`}
              lastActivityTitle={fmt.dateTime(epic.lastActivity)}
            />
          ))}
        </ItemTable>
      )}
    </Stack>
  );
}

function TriageRows({
  epic,
  open,
  busy,
  canConfigure,
  options,
  target,
  onTarget,
  onStart,
  onCancel,
  onAdd,
  onDismiss,
  lastActivity,
  lastActivityTitle,
}: {
  epic: UnmappedEpic;
  open: boolean;
  busy: boolean;
  canConfigure: boolean;
  options: ProjectOption[];
  target: ProjectOption | null;
  onTarget: (o: ProjectOption | null) => void;
  onStart: () => void;
  onCancel: () => void;
  onAdd: () => void;
  onDismiss: () => void;
  lastActivity: string;
  lastActivityTitle: string;
}) {
  const selectId = `triage-${epic.key}-project`;
  return (
    <>
      <tr data-testid={`epic-row-${epic.key}`} className={open ? 'pmo-row-open' : undefined}>
        <th scope="row">
          <Stack space="space.025">
            <span className="pmo-mono">{epic.key}</span>
            <span className="pmo-subtle">{epic.summary}</span>
          </Stack>
        </th>
        <td>{epic.projectKey}</td>
        <td>{epic.status}</td>
        <td title={lastActivityTitle}>{lastActivity}</td>
        <td className="num">{epic.items}</td>
        <td className="actions">
          {canConfigure && !open && (
            <Inline space="space.050" alignInline="end">
              <Button
                spacing="compact"
                onClick={onStart}
                isDisabled={options.length === 0}
                testId="add-to-project"
                aria-label={`Add ${epic.key} to a PMO project`}
              >
                Add to PMO project…
              </Button>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={onDismiss}
                isLoading={busy}
                testId="dismiss-epic"
                aria-label={`Dismiss ${epic.key}`}
              >
                Dismiss
              </Button>
            </Inline>
          )}
        </td>
      </tr>
      {open && (
        <tr className="pmo-row-open" data-testid={`epic-add-${epic.key}`}>
          <td colSpan={6}>
            <Inline space="space.150" alignBlock="end">
              <Stack space="space.050">
                <Label htmlFor={selectId}>Add {epic.key} to</Label>
                <div className="pmo-picker">
                  <Select<ProjectOption>
                    inputId={selectId}
                    ref={focusOnOpen}
                    options={options}
                    value={target}
                    onChange={(o) => onTarget(o)}
                    placeholder="Choose a PMO project"
                  />
                </div>
              </Stack>
              <Button
                appearance="primary"
                onClick={onAdd}
                isDisabled={!target}
                isLoading={busy}
                testId="confirm-add"
              >
                Add
              </Button>
              <Button appearance="subtle" onClick={onCancel}>
                Cancel
              </Button>
            </Inline>
          </td>
        </tr>
      )}
    </>
  );
}
