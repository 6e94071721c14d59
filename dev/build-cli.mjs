// Compiles the `pmo-wins` command into one CommonJS file for Node 22 (the packages it uses stay in
// node_modules), so the command needs no TypeScript compiler at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/pmo-wins.cjs',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
