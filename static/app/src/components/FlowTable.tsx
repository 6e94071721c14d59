import DynamicTable from '@atlaskit/dynamic-table';
import { Box, Text } from '@atlaskit/primitives';
import type { PercentileView, ProjectFlowRow } from '../../../../src/contract';
import type { Formatters } from '../format';

function Percentile({ p, fmt, testId }: { p: PercentileView; fmt: Formatters; testId: string }) {
  if (p.value === null) {
    return (
      <span data-testid={testId} data-value="" title={`Not enough data: ${p.n} of the ${p.minSamples} items needed`}>
        <Text color="color.text.subtlest">n = {p.n}</Text>
      </span>
    );
  }
  return (
    <span data-testid={testId} data-value={String(p.value)} title={`Nearest-rank percentile over ${p.n} items`}>
      {fmt.days(p.value)}
    </span>
  );
}

/** Throughput and cycle time per Jira project; a plain table, so screen readers read every number. */
export function FlowTable({ rows, fmt, caption, compact }: { rows: ProjectFlowRow[]; fmt: Formatters; caption: string; compact: boolean }) {
  const head = {
    cells: [
      { key: 'project', content: 'Project', isSortable: false },
      { key: 'done', content: 'Done' },
      { key: 'p50', content: 'Cycle time P50' },
      ...(compact ? [] : [{ key: 'p85', content: 'P85' }, { key: 'wip', content: 'In progress' }]),
    ],
  };
  const tableRows = rows.map((row) => ({
    key: row.projectKey,
    testId: `row-${row.projectKey}`,
    cells: [
      {
        key: 'project',
        content: (
          <span data-testid="project" title={row.projectKey}>
            {row.projectName}
          </span>
        ),
      },
      { key: 'done', content: <span data-testid="throughput" data-value={String(row.throughput)}>{fmt.number(row.throughput)}</span> },
      { key: 'p50', content: <Percentile p={row.cycleTimeP50} fmt={fmt} testId="p50" /> },
      ...(compact
        ? []
        : [
            { key: 'p85', content: <Percentile p={row.cycleTimeP85} fmt={fmt} testId="p85" /> },
            { key: 'wip', content: <span data-testid="wip">{fmt.number(row.wip)}</span> },
          ]),
    ],
  }));
  return (
    <Box>
      <DynamicTable caption={<Text size="small" color="color.text.subtle">{caption}</Text>} head={head} rows={tableRows} />
    </Box>
  );
}
