import { Box, Text } from '@atlaskit/primitives';
import type { PercentileView, ProjectFlowRow } from '../../../../src/contract';
import type { Formatters } from '../format';
import { DrillButton } from './Drill';
import './table.css';

function Percentile({ p, fmt, testId }: { p: PercentileView; fmt: Formatters; testId: string }) {
  if (p.value === null) {
    return (
      <span data-testid={testId} data-value="" title={`Too few items (${p.n}); ${p.minSamples} needed`}>
        <Text color="color.text.subtlest">— ({p.n})</Text>
      </span>
    );
  }
  return (
    <span
      data-testid={testId}
      data-value={String(p.value)}
      title={`Nearest-rank percentile over ${p.n} items`}
    >
      {fmt.days(p.value)}
    </span>
  );
}

/** Throughput and cycle time per Jira project: a plain semantic table, so screen readers read every number. */
export function FlowTable({
  rows,
  fmt,
  caption,
  compact,
  open,
}: {
  rows: ProjectFlowRow[];
  fmt: Formatters;
  caption: string;
  compact: boolean;
  /** Opens the list behind a cell: items done, their cycle times, or work in progress. */
  open: (projectKey: string, projectName: string, kind: 'done' | 'cycle' | 'wip') => void;
}) {
  return (
    <Box>
      <table className="pmo-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col" className="num">
              Done
            </th>
            <th scope="col" className="num">
              Cycle time P50
            </th>
            {!compact && (
              <>
                <th scope="col" className="num">
                  P85
                </th>
                <th scope="col" className="num">
                  In progress
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.projectKey} data-testid={`row-${row.projectKey}`}>
              <th scope="row" data-testid="project" title={row.projectKey}>
                {row.projectName}
              </th>
              <td className="num">
                <DrillButton
                  onOpen={() => open(row.projectKey, row.projectName, 'done')}
                  label={`Show the ${row.throughput} items of ${row.projectName} done`}
                >
                  <span data-testid="throughput" data-value={String(row.throughput)}>
                    {fmt.number(row.throughput)}
                  </span>
                </DrillButton>
              </td>
              <td className="num">
                <DrillButton
                  onOpen={() => open(row.projectKey, row.projectName, 'cycle')}
                  label={`Show the ${row.cycleTimeP50.n} cycle times of ${row.projectName}`}
                >
                  <Percentile p={row.cycleTimeP50} fmt={fmt} testId="p50" />
                </DrillButton>
              </td>
              {!compact && (
                <>
                  <td className="num">
                    <DrillButton
                      onOpen={() => open(row.projectKey, row.projectName, 'cycle')}
                      label={`Show the ${row.cycleTimeP85.n} cycle times of ${row.projectName}`}
                    >
                      <Percentile p={row.cycleTimeP85} fmt={fmt} testId="p85" />
                    </DrillButton>
                  </td>
                  <td className="num" data-testid="wip">
                    <DrillButton
                      onOpen={() => open(row.projectKey, row.projectName, 'wip')}
                      label={`Show the ${row.wip} items of ${row.projectName} in progress`}
                    >
                      {fmt.number(row.wip)}
                    </DrillButton>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}
