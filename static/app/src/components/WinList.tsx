import './table.css';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { ReactNode } from 'react';
import { WIN_KIND, type CuratedWin } from '../../../../src/contract';
import { dayFormatter } from '../format';

/** Wins, featured first, each with its evidence; `actions` adds a PMO lead's curation controls. */
export function WinList({
  wins,
  locale,
  goals,
  actions,
}: {
  wins: CuratedWin[];
  locale?: string;
  goals: { id: string; name: string }[];
  actions?: (win: CuratedWin) => ReactNode;
}) {
  const day = dayFormatter(locale);
  const goalName = new Map(goals.map((g) => [g.id, g.name]));
  return (
    <ul className="pmo-wins" data-testid="wins">
      {wins.map((win) => (
        <li
          key={win.id}
          data-testid="win"
          data-win={win.id}
          className={win.hidden ? 'pmo-win-hidden' : undefined}
        >
          <Stack space="space.050">
            <Inline space="space.100" alignBlock="center" shouldWrap>
              {win.featured && (
                <Lozenge appearance="inprogress" isBold>
                  Featured
                </Lozenge>
              )}
              {win.hidden && <Lozenge>Hidden</Lozenge>}
              <Lozenge appearance="success">{WIN_KIND[win.kind]}</Lozenge>
              <Text weight="bold" testId="win-title">
                {win.title}
              </Text>
            </Inline>
            <Text size="small" color="color.text.subtle">
              {day(win.date)}
              {win.goalIds.length > 0 ? ` · ${win.goalIds.map((g) => goalName.get(g) ?? g).join(', ')}` : ''}
            </Text>
            <Text testId="win-evidence">{win.evidence}</Text>
            {win.note && (
              <Box>
                <Text size="small" testId="win-note">
                  <em>PMO note:</em> {win.note}
                </Text>
              </Box>
            )}
            {actions?.(win)}
          </Stack>
        </li>
      ))}
    </ul>
  );
}
