/**
 * Validates manifest.yml offline with @forge/manifest (the Forge CLI's `forge lint` needs a login).
 * Resources must be built first: the validator checks that each resource path exists.
 */
import { validate } from '@forge/manifest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

async function main(): Promise<void> {
  const manifest = resolve(__dirname, '..', 'manifest.yml');
  if (!existsSync(resolve(__dirname, '..', 'static/app/dist/index.html'))) {
    console.error('static/app/dist is missing: run `npm run build` before validating the manifest.');
    process.exit(1);
  }
  process.chdir(resolve(__dirname, '..'));
  const result = await validate(false, manifest);
  const errors = result.errors ?? [];
  if (!result.success || errors.length > 0) {
    console.error(`manifest.yml is invalid (${errors.length} error(s)):`);
    for (const error of errors) {
      const where = error.reference ? ` [${String(error.reference)}]` : '';
      console.error(`  line ${error.line ?? '?'}: ${error.message}${where}`);
    }
    process.exit(1);
  }
  console.log('manifest.yml is valid.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
