import { Stack, Text } from '@atlaskit/primitives';
import { useMemo } from 'react';
import { invoke, type AppContext } from '../../bridge';
import { SurfaceShell } from '../../components/SurfaceShell';
import { WinList } from '../../components/WinList';
import { formatters } from '../../format';
import { readConfig } from './config';

/** The latest wins, featured ones first, each with its evidence. */
export default function WinsGadget({ context }: { context: AppContext }) {
  const config = useMemo(() => readConfig('wins', context.extension.gadgetConfiguration), [context]);
  const fmt = useMemo(() => formatters(context.locale, context.timezone), [context]);
  return (
    <SurfaceShell
      label="recent wins"
      testId="wins-gadget"
      call={() => invoke('reports/wins', { config })}
      deps={[config]}
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
