import { Stack, Text } from '@atlaskit/primitives';
import { useCallback, useMemo } from 'react';
import { invoke, type AppContext } from '../../bridge';
import { SurfaceShell } from '../../components/SurfaceShell';
import { WinList } from '../../components/WinList';
import { formatters } from '../../format';
import { readGadgetConfig as readConfig } from '../../../../../src/contract/config';

/** The latest wins, featured ones first, each with its evidence. */
export default function WinsGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readConfig('wins', context.extension.gadgetConfiguration), [context]);
  const load = useCallback(() => invoke('reports/wins', { config }), [config]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  return (
    <SurfaceShell
      label="recent wins"
      testId="wins-gadget"
      call={load}
      fmt={fmt}
      refreshMinutes={config.refresh}
    >
      {(data, view) => (
        <Stack space="space.100">
          {data.wins.length === 0 ? (
            <Text testId="empty">No wins found yet{config.goalId ? ' for this goal' : ''}.</Text>
          ) : (
            <WinList wins={data.wins} locale={context.locale} goals={view.goals} />
          )}
        </Stack>
      )}
    </SurfaceShell>
  );
}
