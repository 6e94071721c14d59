import { Box, Text } from '@atlaskit/primitives';
import type { PercentileView, ProjectFlowRow } from '../../../../src/contract';
import type { Formatters } from '../format';
import './table.css';

function Percentile({ p, fmt, testId }: { p: PercentileView; fmt: Formatters; testId: string }) {
  if (p.value === null) {
    return (
      <span
        data-testid={testId}
        data-value=""
        title={`Not enough data: ${p.n} of the ${p.minSamples} items needed`}
      >
        <Text color="color.text.subtlest">n = {p.n}</Text>
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
}: {
  rows: ProjectFlowRow[];
  fmt: Formatters;
  caption: string;
  compact: boolean;
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
                <span data-testid="throughput" data-value={String(row.throughput)}>
                  {fmt.number(row.throughput)}
                </span>
              </td>
              <td className="num">
                <Percentile p={row.cycleTimeP50} fmt={fmt} testId="p50" />
              </td>
              {!compact && (
                <>
                  <td className="num">
                    <Percentile p={row.cycleTimeP85} fmt={fmt} testId="p85" />
                  </td>
                  <td className="num" data-testid="wip">
                    {fmt.number(row.wip)}
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
