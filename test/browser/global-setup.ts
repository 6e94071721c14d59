import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumPath } from './chromium';

/** Browser tests need Debian's Chromium and the built UI; say clearly what is missing. */
export default function globalSetup(): void {
  if (!chromiumPath()) {
    throw new Error(
      'Browser tests need Chromium: install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).',
    );
  }
  if (!existsSync(resolve(__dirname, '../../static/app/dist/index.html'))) {
    throw new Error('The UI is not built: run `npm run build` (npm test runs it first).');
  }
}
