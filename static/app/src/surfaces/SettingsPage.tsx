import Heading from '@atlaskit/heading';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import type { AppContext } from '../bridge';
import { FieldSettingsSection } from '../components/FieldSettings';
import { Loading, Notice } from '../components/States';
import { formatters } from '../format';
import { DataFromJira } from '../settings/DataFromJira';
import { PortfolioSummary } from '../settings/Overview';
import { SettingsContext, usePortfolio, type SettingsEnv } from '../settings/portfolio';
import '../settings/settings.css';

const GoalsTab = lazy(() => import('../settings/GoalsTab'));
const ProjectsTab = lazy(() => import('../settings/ProjectsTab'));
const TriageTab = lazy(() => import('../settings/TriageTab'));
const PmoSettingsTab = lazy(() => import('../settings/PmoSettingsTab'));
const ImportExportTab = lazy(() => import('../settings/ImportExportTab'));
const RecentChanges = lazy(() => import('../settings/RecentChanges'));

const TABS = ['overview', 'goals', 'projects', 'triage', 'settings', 'import', 'changes'] as const;
type TabName = (typeof TABS)[number];
const LABELS: Record<TabName, string> = {
  overview: 'Overview',
  goals: 'Goals',
  projects: 'PMO projects',
  triage: 'Unmapped epics',
  settings: 'Settings',
  import: 'Import and export',
  changes: 'Recent changes',
};

const panelStyle = xcss({ width: '100%', paddingBlockStart: 'space.300' });

function Panel({ children, label }: { children: ReactNode; label: string }) {
  return (
    <TabPanel>
      <Box xcss={panelStyle}>
        <Suspense fallback={<Loading label={`Loading ${label.toLowerCase()}`} />}>{children}</Suspense>
      </Box>
    </TabPanel>
  );
}

/**
 * PMO Wins settings (Jira admin page): where a PMO lead describes the portfolio (goals, PMO projects and
 * their Jira scope, settings), triages unmapped epics, and watches the data refresh. Everyone else sees
 * it read-only.
 */
export default function SettingsPage({ context }: { context: AppContext }) {
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  const portfolio = usePortfolio();
  const [tab, setTab] = useState<TabName>('overview');
  const [createGoal, setCreateGoal] = useState(0);
  const [createProject, setCreateProject] = useState(0);

  // config/get says whether the viewer may change anything (asked of Jira once, as the viewer).
  const canConfigure = portfolio.state.status === 'ready' && portfolio.state.data.canConfigure;
  const readOnly = portfolio.state.status === 'ready' && !portfolio.state.data.canConfigure;
  const damage = portfolio.state.status === 'ready' ? portfolio.state.data.damage : null;
  const env: SettingsEnv = useMemo(
    () => ({ locale: context.locale, accountId: context.accountId, canConfigure, portfolio }),
    [context, canConfigure, portfolio],
  );
  const changesKey =
    portfolio.state.status === 'ready' && !portfolio.state.reloading ? portfolio.state.data : null;

  return (
    <SettingsContext.Provider value={env}>
      <Box padding="space.300" testId="settings-page">
        <Stack space="space.300">
          <Stack space="space.100">
            <Heading size="large" as="h1">
              PMO Wins settings
            </Heading>
            <Text color="color.text.subtle">
              Describe the portfolio: the strategic goals, the PMO projects that serve them, and which Jira
              work belongs to each.
            </Text>
          </Stack>
          {damage && (
            <Box testId="config-damage">
              <Notice title="Stored settings are damaged" appearance="error">
                <Text>{damage}</Text>
              </Notice>
            </Box>
          )}
          {readOnly && (
            <Box testId="read-only">
              <Notice title="Read only">
                <Text>
                  Only Jira administrators and members of the PMO-lead group can change these settings, and
                  only they see budgets, costs, benefits, JQL filters and the change history. Epics and Jira
                  projects you cannot browse are left out.
                </Text>
              </Notice>
            </Box>
          )}
          <Tabs
            id="pmo-settings-tabs"
            selected={TABS.indexOf(tab)}
            onChange={(index) => setTab(TABS[index] ?? 'overview')}
            testId="settings-tabs"
          >
            <TabList>
              {TABS.map((name) => (
                <Tab key={name} testId={`tab-${name}`}>
                  {LABELS[name]}
                </Tab>
              ))}
            </TabList>
            <Panel label="Overview">
              <Stack space="space.400">
                <PortfolioSummary
                  onCreateGoal={() => {
                    setTab('goals');
                    setCreateGoal((n) => n + 1);
                  }}
                  onCreateProject={() => {
                    setTab('projects');
                    setCreateProject((n) => n + 1);
                  }}
                  onOpen={setTab}
                />
                <DataFromJira fmt={fmt} canConfigure={canConfigure} />
                {canConfigure && (
                  <div className="pmo-narrow">
                    <FieldSettingsSection canConfigure={canConfigure} />
                  </div>
                )}
              </Stack>
            </Panel>
            <Panel label="Goals">
              <GoalsTab createRequest={createGoal} />
            </Panel>
            <Panel label="PMO projects">
              <ProjectsTab createRequest={createProject} onGoToGoals={() => setTab('goals')} />
            </Panel>
            <Panel label="Unmapped epics">
              <TriageTab timeZone={context.timezone} />
            </Panel>
            <Panel label="Settings">
              <PmoSettingsTab />
            </Panel>
            <Panel label="Import and export">
              {canConfigure ? <ImportExportTab /> : <LeadsOnly what="Import and export" />}
            </Panel>
            <Panel label="Recent changes">
              {canConfigure ? (
                <RecentChanges timeZone={context.timezone} onRefreshKey={changesKey} />
              ) : (
                <LeadsOnly what="The change history" />
              )}
            </Panel>
          </Tabs>
        </Stack>
      </Box>
    </SettingsContext.Provider>
  );
}

/** A part of the settings only PMO leads and Jira administrators may open. */
function LeadsOnly({ what }: { what: string }) {
  return (
    <Box testId="leads-only">
      <Notice title="For PMO leads">
        <Text>{what} is open to Jira administrators and members of the PMO-lead group only.</Text>
      </Notice>
    </Box>
  );
}
