import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Stack } from '@atlaskit/primitives';
import { useMemo } from 'react';
import type { AuditEntry } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { formatters } from '../format';
import { useResolver } from '../useResolver';
import { ItemTable } from './listTab';
import { TabHeader } from './parts';
import { useSettings } from './portfolio';

const ENTITY: Record<AuditEntry['entity'], string> = {
  goal: 'goal',
  project: 'PMO project',
  settings: 'settings',
  portfolio: 'portfolio',
  win: 'win',
  health: 'health override',
};
/** Authors that are not people: the app itself, and accounts closed since (their ids erased). */
const SPECIAL: Record<string, string> = { app: 'PMO Wins', 'closed-account': 'A closed account' };

const VERB: Record<AuditEntry['action'], string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  import: 'Imported',
};

export function describe(entry: AuditEntry): string {
  if (entry.action === 'import') return entry.name || 'Imported the portfolio';
  if (entry.entity === 'settings') return 'Changed the settings';
  if (entry.entity === 'health') return entry.name;
  if (entry.entity === 'win') {
    return entry.action === 'delete'
      ? `Removed the curation of the win “${entry.name}”`
      : `Curated the win “${entry.name}”`;
  }
  return `${VERB[entry.action]} the ${ENTITY[entry.entity]} “${entry.name}”`;
}

const loadAudit = () => invoke('config/audit');

/** Who changed the portfolio, when, and what: newest first. */
export default function RecentChanges({
  timeZone,
  onRefreshKey,
}: {
  timeZone: string | undefined;
  /** Changes when the portfolio changes, so the list follows. */
  onRefreshKey: unknown;
}) {
  const { locale, accountId } = useSettings();
  const fmt = useMemo(() => formatters(locale, timeZone), [locale, timeZone]);
  const [audit, reload] = useResolver(loadAudit, onRefreshKey);

  const body = () => {
    if (audit.status === 'loading') return <Loading label="Loading recent changes" />;
    if (audit.status === 'error') return <ErrorMessage error={audit.error} onRetry={reload} />;
    const entries = [...audit.data].sort((a, b) => b.at - a.at);
    if (entries.length === 0)
      return (
        <EmptyState
          header="No changes yet"
          headingLevel={3}
          description="Every change to goals, PMO projects and settings is listed here with who made it and when."
        />
      );
    return (
      <ItemTable
        testId="audit-table"
        caption="Recent changes"
        columns={['When', 'Who', 'What', 'Fields']}
        actions={false}
      >
        {entries.map((entry, i) => (
          <tr key={`${entry.at}-${i}`} data-testid="audit-row">
            <td title={fmt.dateTime(entry.at)}>{fmt.dateTime(entry.at)}</td>
            <td>
              {entry.accountId === accountId ? (
                'You'
              ) : SPECIAL[entry.accountId] ? (
                SPECIAL[entry.accountId]
              ) : (
                <span className="pmo-mono" title="Jira account ID">
                  {entry.accountId}
                </span>
              )}
            </td>
            <td>
              {describe(entry)}
              {entry.note && <div className="pmo-subtle">{entry.note}</div>}
            </td>
            <td className="pmo-subtle">{entry.changed.length ? entry.changed.join(', ') : '—'}</td>
          </tr>
        ))}
      </ItemTable>
    );
  };

  return (
    <Stack space="space.200" testId="audit-tab">
      <TabHeader
        title="Recent changes"
        description="The latest changes to goals, PMO projects and settings."
        action={
          <Button onClick={reload} isLoading={audit.status === 'ready' && audit.reloading}>
            Refresh
          </Button>
        }
      />
      {body()}
    </Stack>
  );
}
