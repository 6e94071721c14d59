/**
 * `npm run build:forge`: bundles the backend the way `forge deploy` does, with Atlassian's own
 * @forge/bundler (its webpack and ts-loader configuration and the app's tsconfig.json), into
 * `.forge-build/` (git-ignored), then runs Forge's client-side linters over src/.
 *
 * The one difference from `forge deploy`: the Node runtime wrapper that the bundler adds to every
 * bundle is downloaded from Atlassian's CDN by the CLI. Here the bundler's own LocalWrapperProvider reads
 * it from dev/forge-runtime/wrapper instead: the local Forge runtime's wrapper, which defines the platform
 * globals (`__forge_fetch__`, `__forge_runtime__`) that Atlassian's SDKs call at run time.
 *
 * Flags: --no-lint skips the linters; --quiet prints only problems; --if-stale does nothing when the
 * bundle is newer than everything it is built from (npm start and npm test use it).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { getEntryPoints, getNodeBundler, LocalWrapperProvider } from '@forge/bundler';
import {
  ConfigFile,
  FileSystemReader,
  FileSystemWriter,
  StatsigReader,
  type DynamicConfig,
  type DynamicConfigKey,
  type FeatureGate,
  type Logger,
  type StatsigService,
} from '@forge/cli-shared';
import { getClientSideLintersOnly, lint, problemCount, reportLintResults } from '@forge/lint';

const ROOT = resolve(__dirname, '..');
const FORGE_BUILD_DIR = join(ROOT, '.forge-build');
const WRAPPER_DIR = join(ROOT, 'dev/forge-runtime/wrapper');

const quiet = process.argv.includes('--quiet');

const logger: Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => undefined,
  debug: () => undefined,
  info: (message) => {
    if (!quiet) console.log(message);
  },
  warn: (message) => console.warn(message),
  error: (error) => console.error(error.message),
};

/**
 * Forge's linters ask the CLI's feature-flag service a few questions; that service needs an Atlassian
 * login. Offline, every flag is off and no remote configuration exists, as for a CLI that cannot reach it.
 */
class OfflineFlags extends StatsigReader {
  checkGate(_gate: FeatureGate): Promise<boolean | null> {
    return Promise.resolve(null);
  }
  getDynamicConfig<F extends DynamicConfigKey>(_config: F): Promise<DynamicConfig[F] | null> {
    return Promise.resolve(null);
  }
}

async function bundle(config: ConfigFile, reader: FileSystemReader): Promise<void> {
  const handlers = await config.getAppHandlers();
  const entryPoints = getEntryPoints(handlers);
  const bundler = getNodeBundler(logger, new LocalWrapperProvider(reader, WRAPPER_DIR), config);
  const output = await bundler.bundle({ appDirectory: ROOT, entryPoints });
  await rm(FORGE_BUILD_DIR, { recursive: true, force: true });
  await mkdir(FORGE_BUILD_DIR, { recursive: true });
  await cp(output.outputDir, FORGE_BUILD_DIR, { recursive: true });
  for (const [name, content] of output.additionalOutputs ?? []) {
    const file = join(FORGE_BUILD_DIR, name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  await rm(output.outputDir, { recursive: true, force: true });
  const modules = output.metadata?.modules ?? [];
  logger.info(
    `Bundled ${entryPoints.map((e) => e.name).join(', ')} into .forge-build/ ` +
      `(${output.metadata?.tsFiles ?? 0} TypeScript files; packages: ${modules.join(', ')})`,
  );
}

/**
 * Forge's client-side linters (the ones `forge lint` runs before asking Atlassian's servers), less the
 * scope linter: it downloads every product's OpenAPI document from developer.atlassian.com to map the
 * paths the code requests to scopes, and that site is out of reach here (see docs/forge-runtime.md).
 */
const NEEDS_NETWORK = new Set(['PermissionLinter']);

async function runLinters(config: ConfigFile, reader: FileSystemReader): Promise<number> {
  const manifest = await config.readConfig();
  const files = await reader.recursiveReadDir('./src', ['node_modules', '.git']);
  const print = { info: (message: string) => console.log(message) };
  const flags = new OfflineFlags() as unknown as StatsigService;
  const linters = (await getClientSideLintersOnly(manifest, 'development', print, flags)).filter(
    (linter) => !NEEDS_NETWORK.has(linter.constructor.name),
  );
  const results = await lint(files, manifest, 'development', print, flags, {
    linter: { mode: 'client-side' },
    linters,
  });
  const { errors, warnings } = problemCount(results);
  if (errors + warnings > 0) reportLintResults(print, results);
  logger.info(
    `Forge lint: ${linters.length} client-side linters over ${files.length} files: ${errors} errors, ${warnings} warnings`,
  );
  return errors;
}

/** The newest modification time among the bundle's inputs. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const input of ['src', 'manifest.yml', 'tsconfig.json', 'package-lock.json', WRAPPER_DIR]) {
    visit(resolve(ROOT, input));
  }
  return newest;
}

/** Written when Forge's linters passed on the sources the bundle was built from. */
const LINTED = join(FORGE_BUILD_DIR, '.linted');

function bundleIsFresh(lintWanted: boolean): boolean {
  const bundle = join(FORGE_BUILD_DIR, 'index.cjs');
  return (
    existsSync(bundle) && statSync(bundle).mtimeMs > newestInput() && (!lintWanted || existsSync(LINTED))
  );
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  const lintWanted = !process.argv.includes('--no-lint');
  if (process.argv.includes('--if-stale') && bundleIsFresh(lintWanted)) {
    logger.info('The Forge bundle in .forge-build/ is up to date.');
    return;
  }
  const reader = new FileSystemReader();
  const config = new ConfigFile(reader, new FileSystemWriter());
  // The linters run first, as forge deploy runs them: a bundle is never left behind by a failed lint.
  if (lintWanted && (await runLinters(config, reader)) > 0) {
    await rm(LINTED, { force: true });
    process.exit(1);
  }
  await bundle(config, reader);
  if (lintWanted) await writeFile(LINTED, new Date().toISOString());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
