import Button from '@atlaskit/button/new';
import { Box, Inline, Text } from '@atlaskit/primitives';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppError, PortfolioConfigView, Result } from '../../../../src/contract';
import '../components/table.css';
import { call, focusOnOpen, SaveProblem } from './form';
import { useSettings } from './portfolio';
import './settings.css';

interface Item {
  id: string;
  name: string;
  version: number;
}

/** What a tab hands the form it opens on an item. */
export interface EditorProps<T> {
  readOnly: boolean;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  /** Fetches the latest version and reopens the form with it. */
  onReload: () => Promise<void>;
}

type Editor<T> = { kind: 'create' } | { kind: 'edit'; item: T; generation: number } | null;

/**
 * The list-and-form flow a configuration tab shares: which item the form is open on (reopened at the
 * latest version after a conflict), which row asks to confirm a delete, the last note and save problem.
 */
export function useItemEditor<T extends Item>({
  createRequest,
  noun,
  itemsOf,
  deleteItem,
}: {
  /** Raised by the overview's create buttons: each new value opens an empty form once. */
  createRequest: number;
  /** "goal", "PMO project": how notes name an item. */
  noun: string;
  itemsOf: (config: PortfolioConfigView) => T[];
  deleteItem: (item: T) => Promise<Result<unknown>>;
}) {
  const { portfolio, canConfigure } = useSettings();
  const [editor, setEditor] = useState<Editor<T>>(null);
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

  const open = (next: Editor<T>) => {
    setNote(null);
    setProblem(null);
    setConfirming(null);
    setEditor(next);
  };

  const reloadEditor = async () => {
    const fresh = await portfolio.refresh();
    if (!fresh || editor?.kind !== 'edit') return;
    const item = itemsOf(fresh).find((i) => i.id === editor.item.id);
    if (item) setEditor({ kind: 'edit', item, generation: editor.generation + 1 });
    else {
      setEditor(null);
      setNote(`“${editor.item.name}” was deleted by someone else.`);
    }
  };

  const remove = async (item: T) => {
    setDeleting(true);
    setProblem(null);
    const result = await call(deleteItem(item));
    setDeleting(false);
    setConfirming(null);
    if (!result.ok) return setProblem(result.error);
    setNote(`Deleted the ${noun} “${item.name}”.`);
    await portfolio.refresh();
  };

  const form: (EditorProps<T> & { key: string; item: T | null }) | null = editor && {
    key: editor.kind === 'edit' ? `${editor.item.id}:${editor.generation}` : 'new',
    item: editor.kind === 'edit' ? editor.item : null,
    readOnly: !canConfigure,
    onCancel: () => setEditor(null),
    onReload: reloadEditor,
    onSaved: (saved) => {
      setEditor(null);
      setNote(`Saved the ${noun} “${saved.name}”.`);
      void portfolio.refresh();
    },
  };

  return {
    /** What the open form needs, or null while the list shows. */
    form,
    note,
    problem,
    confirming,
    deleting,
    create: () => open({ kind: 'create' }),
    edit: (item: T) => open({ kind: 'edit', item, generation: 0 }),
    askDelete: (item: T) => {
      setNote(null);
      setConfirming(item.id);
    },
    cancelDelete: () => setConfirming(null),
    remove: (item: T) => void remove(item),
    dismissProblem: () => {
      setProblem(null);
      void portfolio.refresh();
    },
  };
}

/** A tab's last success note and its save problem, above the list. */
export function TabMessages({
  note,
  noteTestId,
  problem,
  what,
  onReload,
}: {
  note: string | null;
  noteTestId: string;
  problem: AppError | null;
  what: string;
  onReload: () => void;
}) {
  return (
    <>
      {note && (
        <Text color="color.text.success" testId={noteTestId}>
          {note}
        </Text>
      )}
      {problem && <SaveProblem error={problem} what={what} onReload={onReload} />}
    </>
  );
}

/** A settings table: a hidden caption, column headings (numeric ones right-aligned) and the rows. */
export function ItemTable({
  testId,
  caption,
  columns,
  numeric = [],
  actions = true,
  children,
}: {
  testId: string;
  caption: string;
  columns: string[];
  numeric?: string[];
  /** Whether the last column holds each row's buttons. */
  actions?: boolean;
  children: ReactNode;
}) {
  return (
    <Box>
      <table className="pmo-table" data-testid={testId}>
        <caption className="pmo-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={numeric.includes(column) ? 'num' : undefined}>
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="pmo-visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </Box>
  );
}

/** The row that stands in for an item while its delete waits for a confirm. */
export function ConfirmDeleteRow({
  testId,
  colSpan,
  confirmTestId,
  deleting,
  onConfirm,
  onCancel,
  children,
}: {
  testId: string;
  colSpan: number;
  confirmTestId: string;
  deleting: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** The question, naming the item and what its delete touches. */
  children: ReactNode;
}) {
  return (
    <tr className="pmo-row-open" data-testid={testId}>
      <td colSpan={colSpan}>
        <Inline space="space.150" alignBlock="center" spread="space-between">
          <Text>{children}</Text>
          <Inline space="space.100">
            <Button
              appearance="danger"
              isLoading={deleting}
              onClick={onConfirm}
              testId={confirmTestId}
              ref={focusOnOpen}
            >
              Delete
            </Button>
            <Button appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </Inline>
        </Inline>
      </td>
    </tr>
  );
}

/** A row's Edit (View, read-only) and Delete buttons; `kind` names their test ids, e.g. `edit-goal`. */
export function RowActions({
  kind,
  name,
  canConfigure,
  onEdit,
  onDelete,
}: {
  kind: string;
  name: string;
  canConfigure: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const verb = canConfigure ? 'Edit' : 'View';
  return (
    <td className="actions">
      <Inline space="space.050" alignInline="end">
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={onEdit}
          testId={`edit-${kind}`}
          aria-label={`${verb} ${name}`}
        >
          {verb}
        </Button>
        {canConfigure && (
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={onDelete}
            testId={`delete-${kind}`}
            aria-label={`Delete ${name}`}
          >
            Delete
          </Button>
        )}
      </Inline>
    </td>
  );
}
