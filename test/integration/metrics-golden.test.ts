/**
 * `pmo-wins metrics --json` on a fixed demo site and clock, against the output recorded in
 * golden/metrics-demo-seed9.json.gz: a change meant to keep behaviour (a restructuring) must print the
 * same numbers. A change meant to alter numbers records the new output with UPDATE_GOLDEN=1 and says why
 * in its commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startDemoJira } from '../../dev/demo-jira';
import { pmoWins } from './pmo-wins-cli';

const GOLDEN = resolve(__dirname, 'golden/metrics-demo-seed9.json.gz');
const SAMPLE = resolve(__dirname, '../../dev/demo-jira/sample-portfolio.json');

it('prints the recorded metrics for the demo site (seed 9, 600 issues, 18 Nov 2026)', async () => {
  const demo = await startDemoJira({ seed: 9, issues: 600, now: new Date('2026-11-18T10:00:00Z') });
  const folder = await mkdtemp(join(tmpdir(), 'pmo-golden-'));
  try {
    const { code, stdout, stderr } = await pmoWins([
      'metrics',
      '--jira',
      demo.url,
      '--config',
      SAMPLE,
      '--store',
      folder,
      '--now',
      '2026-11-18T12:00:00.000Z',
      '--json',
    ]);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, gzipSync(stdout, { level: 9 }));
    const recorded: unknown = JSON.parse(gunzipSync(readFileSync(GOLDEN)).toString('utf8'));
    expect(JSON.parse(stdout)).toEqual(recorded);
  } finally {
    await demo.close();
    await rm(folder, { recursive: true, force: true });
  }
}, 90_000);
