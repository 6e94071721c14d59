import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ReactNode } from 'react';
import './settings.css';
import { plural } from './form';
import { useSettings } from './portfolio';

const cardStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface.sunken',
  padding: 'space.250',
});
const tileStyle = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface',
  padding: 'space.200',
});

const stepStyle = xcss({
  width: '24px',
  height: '24px',
  borderRadius: 'radius.full',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  flexShrink: 0,
});

function Step({
  n,
  title,
  done,
  children,
}: {
  n: number;
  title: string;
  done: boolean;
  children: ReactNode;
}) {
  return (
    <Inline space="space.150" alignBlock="start">
      <Box
        xcss={stepStyle}
        backgroundColor={done ? 'color.background.success.bold' : 'color.background.neutral'}
      >
        <Text size="small" weight="bold" color={done ? 'color.text.inverse' : 'color.text'}>
          {done ? '✓' : n}
        </Text>
      </Box>
      <Stack space="space.050">
        <Text weight="medium">{title}</Text>
        {children}
      </Stack>
    </Inline>
  );
}

/**
 * What the portfolio holds at a glance; on a first run, the three steps to describe it, each with its
 * action.
 */
export function PortfolioSummary({
  onCreateGoal,
  onCreateProject,
  onOpen,
}: {
  onCreateGoal: () => void;
  onCreateProject: () => void;
  onOpen: (tab: 'goals' | 'projects' | 'triage') => void;
}) {
  const { portfolio, canConfigure } = useSettings();
  if (portfolio.state.status !== 'ready') return null;
  const { goals, projects } = portfolio.state.data;
  const active = goals.filter((g) => g.status === 'active').length;
  const unlinked = projects.filter((p) => p.goals.length === 0).length;
  const firstRun = goals.length === 0 || projects.length === 0;

  if (firstRun) {
    return (
      <Box xcss={cardStyle} testId="getting-started">
        <Stack space="space.200">
          <Stack space="space.050">
            <Heading size="medium" as="h2">
              {goals.length === 0 ? 'Start with your strategic goals' : 'Map your first PMO project'}
            </Heading>
            <Text color="color.text.subtle">
              A few minutes here turn Jira data into what the PMO delivered, and for which goal.
            </Text>
          </Stack>
          <Step n={1} title="Name your strategic goals" done={goals.length > 0}>
            <Text color="color.text.subtle">
              {goals.length > 0
                ? `${plural(goals.length, 'goal')} so far.`
                : 'Three to five outcomes the portfolio exists for, each with its period and weight.'}
            </Text>
            {goals.length === 0 && canConfigure && (
              <Box>
                <Button appearance="primary" onClick={onCreateGoal} testId="start-create-goal">
                  Create a goal
                </Button>
              </Box>
            )}
          </Step>
          <Step n={2} title="Map PMO projects to Jira" done={projects.length > 0}>
            <Text color="color.text.subtle">
              Pick the epics, whole Jira projects or JQL that make up each initiative, and link it to its
              goals.
            </Text>
            {goals.length > 0 && projects.length === 0 && canConfigure && (
              <Box>
                <Button appearance="primary" onClick={onCreateProject} testId="start-create-project">
                  Map your first PMO project
                </Button>
              </Box>
            )}
          </Step>
          <Step n={3} title="Review unmapped epics" done={false}>
            <Text color="color.text.subtle">
              PMO Wins lists active epics that no PMO project covers yet, so nothing slips through.
            </Text>
          </Step>
        </Stack>
      </Box>
    );
  }

  return (
    <div className="pmo-tiles" data-testid="portfolio-summary">
      <Tile
        value={plural(goals.length, 'goal')}
        detail={`${active} active`}
        action={<Button onClick={() => onOpen('goals')}>Goals</Button>}
      />
      <Tile
        value={plural(projects.length, 'PMO project')}
        detail={unlinked === 0 ? 'Each linked to a goal' : `${plural(unlinked, 'project')} without a goal`}
        action={<Button onClick={() => onOpen('projects')}>PMO projects</Button>}
      />
      <Tile
        value="Unmapped epics"
        detail="Active epics outside every PMO project"
        action={<Button onClick={() => onOpen('triage')}>Review</Button>}
      />
    </div>
  );
}

function Tile({ value, detail, action }: { value: string; detail: string; action: ReactNode }) {
  return (
    <Box xcss={tileStyle}>
      <Inline spread="space-between" alignBlock="center" space="space.200">
        <Stack space="space.025">
          <Heading size="small" as="h3">
            {value}
          </Heading>
          <Text size="small" color="color.text.subtle">
            {detail}
          </Text>
        </Stack>
        {action}
      </Inline>
    </Box>
  );
}
