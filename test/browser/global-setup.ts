import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumPath } from './chromium';
import { ensureChromium } from './ensure-chromium';

/** Browser tests need Chromium (installed here when allowed) and the built UI; say clearly what is missing. */
export default function globalSetup(): void {
  ensureChromium(chromiumPath);
  if (!existsSync(resolve(__dirname, '../../static/app/dist/index.html'))) {
    throw new Error('The UI is not built: run `npm run build` (npm test runs it first).');
  }
}
