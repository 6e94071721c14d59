import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The runtime suite runs the Forge bundle: say how to build it when it is missing. */
export default function globalSetup(): void {
  if (!existsSync(resolve(__dirname, '../../.forge-build/__forge__.cjs'))) {
    throw new Error('The Forge bundle is not built: run `npm run build:forge` (npm test runs it first).');
  }
}
