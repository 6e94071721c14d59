import type { SyncProgress } from '../contract';

const PHASES: Record<SyncProgress['phase'], string> = {
  idle: 'done',
  queued: 'queued',
  discovering: 'reading fields and projects',
  searching: 'reading issues and history',
  reconciling: 'checking for deleted issues',
  computing: 'computing metrics',
  publishing: 'publishing the snapshot',
};

/** One line of progress: a bar when the total is known, otherwise a count. */
export function progressLine(p: SyncProgress, width = 28): string {
  const total = p.issuesTotal;
  const share = total ? Math.min(1, p.issuesDone / Math.max(total, 1)) : null;
  const bar =
    share === null
      ? ''
      : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${Math.round(share * 100)}% `;
  const issues = `${p.issuesDone.toLocaleString('en-US')}${total ? ` of ~${total.toLocaleString('en-US')}` : ''} issues`;
  return `${bar}${PHASES[p.phase]} · ${issues} · ${p.requests} requests${p.retries ? `, ${p.retries} retries` : ''}`;
}

/** Draws progress on a terminal (one line, redrawn), or prints each phase once elsewhere. */
export function progressReporter(stream: NodeJS.WriteStream): { update(p: SyncProgress): void; end(): void } {
  let lastPhase = '';
  let drawn = false;
  return {
    update(p) {
      if (stream.isTTY) {
        stream.write(
          `\r${progressLine(p)
            .slice(0, (stream.columns ?? 100) - 1)
            .padEnd((stream.columns ?? 100) - 1)}`,
        );
        drawn = true;
      } else if (p.phase !== lastPhase) {
        stream.write(`${PHASES[p.phase]}…\n`);
      }
      lastPhase = p.phase;
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
