/** The bundle `npm run build:forge` makes with Forge's bundler: what manifest.yml names is there. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRuntimeManifest } from '../../dev/forge-runtime/manifest';
import { ROOT } from './harness';

const BUILD = join(ROOT, '.forge-build');

describe('the Forge bundle', () => {
  const manifest = readRuntimeManifest(join(ROOT, 'manifest.yml'));

  it('exports every function handler manifest.yml names', () => {
    const handlers = [...manifest.functions.values()];
    expect(handlers.length).toBeGreaterThanOrEqual(5);
    for (const fn of handlers) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(join(BUILD, `${fn.module}.cjs`)) as Record<string, unknown>;
      expect({ handler: `${fn.module}.${fn.exportName}`, type: typeof bundle[fn.exportName] }).toEqual({
        handler: `${fn.module}.${fn.exportName}`,
        type: 'function',
      });
    }
  });

  it('carries the runtime wrapper the bundler was given, and the version file Forge reads', () => {
    expect(readFileSync(join(BUILD, '__forge__.cjs'), 'utf8')).toContain(
      "require('./__forge_wrapper__.cjs')",
    );
    expect(readFileSync(join(BUILD, '__forge_wrapper__.cjs'), 'utf8')).toContain('__forge_fetch__');
    expect(JSON.parse(readFileSync(join(BUILD, 'runtime.json'), 'utf8'))).toEqual({ version: 'local' });
  });

  it('gives every function a time limit Forge allows for the modules that invoke it', () => {
    const limits = Object.fromEntries([...manifest.functions.values()].map((f) => [f.key, f.timeoutSeconds]));
    expect(limits).toEqual({
      resolver: 25,
      'macro-export': 25,
      installed: 25,
      'issue-event': 25,
      'scheduled-sync': 55,
      'sync-consumer': 900,
      'privacy-job': 900,
    });
  });
});
