import './table.css';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import { router } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { DrillKind, DrillRow } from '../../../../src/contract';
import { invoke } from '../bridge';
import { useResolver } from '../useResolver';
import { dayFormatter, formatters, numberFormatters } from '../format';
import type { DrillRequest } from './Drill';
import { ErrorMessage } from './States';

/** Which dates a list shows: those that made its number. */
const COLUMNS: Record<DrillKind, ('start' | 'done' | 'due' | 'days' | 'age' | 'amount' | 'verdict')[]> = {
  done: ['start', 'done', 'days'],
  cycle: ['start', 'done', 'days'],
  aligned: ['done', 'verdict'],
  wip: ['start', 'age', 'verdict'],
  blocked: ['start', 'age'],
  aging: ['start', 'age'],
  progress: ['verdict', 'done'],
  remaining: ['start', 'verdict'],
  added: ['verdict', 'done'],
  epics: ['done', 'due'],
  'on-time': ['done', 'due', 'verdict'],
  'say-do': ['due', 'done', 'verdict'],
  value: ['done', 'amount'],
  projects: ['done', 'due'],
};

const HEADINGS = {
  start: 'Start',
  done: 'Done',
  due: 'Due or target',
  days: 'Cycle time',
  age: 'In progress for',
  amount: 'Value',
  verdict: 'Counts as',
} as const;

const GOOD = new Set(['on time', 'done', 'aligned']);
const BAD = new Set(['late', 'not done', 'blocked', 'aging']);

/** The issue in Jira, in a new tab (Forge's router: the app's frame may not navigate the product itself). */
function IssueLink({ issueKey, siteUrl }: { issueKey: string; siteUrl?: string }) {
  const href = `${siteUrl ?? ''}/browse/${encodeURIComponent(issueKey)}`;
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      data-testid="drill-key"
      onClick={(event) => {
        event.preventDefault();
        void router.open(href);
      }}
    >
      {issueKey}
    </a>
  );
}

/**
 * The list behind a number, shown in place under it (not a modal: a gadget's frame grows with its
 * content, so a list in the flow of the page is always where the reader is looking). Paged 50 at a time;
 * items the reader may not browse are counted, never named.
 */
export default function DrillPanel({
  request,
  onClose,
  locale,
  timeZone,
  siteUrl,
}: {
  request: DrillRequest;
  onClose: () => void;
  locale?: string;
  timeZone: string;
  siteUrl?: string;
}) {
  const [page, setPage] = useState(1);
  const load = useCallback(
    () => invoke('reports/drill', { scope: request.scope, number: request.number, page }),
    [request, page],
  );
  const [state] = useResolver(load);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Escape closes the list, wherever focus is in the frame.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const fmt = formatters(locale, timeZone);
  const day = dayFormatter(locale);
  const n = numberFormatters(locale);
  const columns = COLUMNS[request.number.kind];
  const cell = (row: DrillRow, column: (typeof columns)[number]): ReactNode => {
    switch (column) {
      case 'start':
        return row.start === null ? '–' : fmt.date(row.start);
      case 'done':
        return row.doneOn ? day(row.doneOn) : row.done === null ? '–' : fmt.date(row.done);
      case 'due':
        return day(row.due);
      case 'days':
        return row.done === null || row.days === null ? 'no start' : fmt.days(row.days);
      case 'age':
        return row.days === null ? '–' : fmt.days(row.days);
      case 'amount':
        return row.amount === null ? '–' : n.amount(row.amount);
      case 'verdict':
        return row.verdict === null ? (
          '–'
        ) : (
          <Lozenge
            appearance={GOOD.has(row.verdict) ? 'success' : BAD.has(row.verdict) ? 'removed' : 'default'}
          >
            {row.verdict}
          </Lozenge>
        );
    }
  };
  return (
    <section className="pmo-drill-panel" aria-labelledby="pmo-drill-title" data-testid="drill">
      <Stack space="space.100">
        <Inline spread="space-between" alignBlock="center" space="space.100">
          <h3 id="pmo-drill-title" className="pmo-drill-title" tabIndex={-1} ref={heading}>
            {request.title}
          </h3>
          <Button spacing="compact" appearance="subtle" onClick={onClose} testId="drill-close">
            Close
          </Button>
        </Inline>
        {state.status === 'loading' && <Spinner size="small" label="Loading the list" />}
        {state.status === 'error' && <ErrorMessage error={state.error} />}
        {state.status === 'ready' && (
          <Stack space="space.100">
            <Text size="small" color="color.text.subtle" testId="drill-summary">
              {state.data.total === 0 ? 'Nothing is counted here.' : `${fmt.number(state.data.total)} in all`}
              {state.data.hidden > 0 &&
                ` · ${fmt.number(state.data.hidden)} ${state.data.hidden === 1 ? 'item' : 'items'} in projects you cannot browse`}
              {state.data.withheld > 0 &&
                ` · ${fmt.number(state.data.withheld)} benefit ${state.data.withheld === 1 ? 'record' : 'records'}, listed for PMO leads`}
            </Text>
            {state.data.rows.length > 0 && (
              <div className="pmo-scroll">
                <table className="pmo-table" data-testid="drill-table">
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">Summary</th>
                      <th scope="col">Status</th>
                      {columns.map((c) => (
                        <th key={c} scope="col" className={c === 'verdict' ? undefined : 'num'}>
                          {HEADINGS[c]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {state.data.rows.map((row, i) => (
                      <tr
                        key={row.key ?? `${row.kind}-${i}`}
                        data-testid="drill-row"
                        data-key={row.key ?? ''}
                      >
                        <th scope="row">
                          {row.key ? (
                            <IssueLink issueKey={row.key} siteUrl={siteUrl} />
                          ) : row.kind === 'project' ? (
                            'PMO project'
                          ) : (
                            'Benefit record'
                          )}
                        </th>
                        <td className="pmo-drill-summary">
                          {row.key ? (row.summary ?? '–') : (row.name ?? '–')}
                        </td>
                        <td>{row.status ?? '–'}</td>
                        {columns.map((c) => (
                          <td key={c} className={c === 'verdict' ? undefined : 'num'}>
                            {cell(row, c)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {state.data.pages > 1 && (
              <Inline space="space.100" alignBlock="center">
                <Button
                  spacing="compact"
                  isDisabled={page <= 1}
                  onClick={() => setPage(page - 1)}
                  testId="drill-prev"
                >
                  Previous
                </Button>
                <Text size="small">
                  Page {state.data.page} of {state.data.pages}
                </Text>
                <Button
                  spacing="compact"
                  isDisabled={page >= state.data.pages}
                  onClick={() => setPage(page + 1)}
                  testId="drill-next"
                >
                  Next
                </Button>
              </Inline>
            )}
          </Stack>
        )}
      </Stack>
    </section>
  );
}
