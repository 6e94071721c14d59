/**
 * The browser suite drives Debian's Chromium. On a fresh Debian machine or container where the tests run
 * as root, installing it is one apt-get away, so the suite does that itself rather than stop; anywhere
 * else it stops with the command to run. PMO_NO_APT=1 turns the install off (for machines whose packages
 * must not change under a test run).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const APT_PACKAGES = ['chromium', 'fonts-dejavu-core'] as const;
export const MANUAL_INSTALL = `sudo apt-get install -y ${APT_PACKAGES.join(' ')}`;

export interface ChromiumSituation {
  /** What chromiumPath() found, if anything. */
  foundPath: string | undefined;
  isRoot: boolean;
  hasAptGet: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export type ChromiumPlan =
  | { action: 'use'; path: string }
  | {
      action: 'install';
      notice: string;
      commands: readonly (readonly string[])[];
      env: Record<string, string>;
    }
  | { action: 'fail'; message: string };

function aptForbidden(env: ChromiumSituation['env']): boolean {
  const value = env.PMO_NO_APT?.trim();
  return value !== undefined && value !== '' && value !== '0';
}

/** Decides, without side effects, whether to use the found Chromium, install Debian's, or stop. */
export function planChromium({ foundPath, isRoot, hasAptGet, env }: ChromiumSituation): ChromiumPlan {
  if (foundPath) return { action: 'use', path: foundPath };

  const configured = env.CHROMIUM_PATH;
  // Installing Debian's package would not help: chromiumPath() only looks where CHROMIUM_PATH points.
  if (configured) {
    return {
      action: 'fail',
      message:
        `Browser tests need Chromium, but CHROMIUM_PATH=${configured} does not exist. ` +
        "Point CHROMIUM_PATH at a Chromium executable, or unset it and install Debian's Chromium with " +
        `\`${MANUAL_INSTALL}\`.`,
    };
  }

  const reasons: string[] = [];
  if (!hasAptGet) reasons.push('apt-get is not available');
  if (!isRoot) reasons.push('the tests are not running as root');
  if (aptForbidden(env)) reasons.push('PMO_NO_APT is set');
  if (reasons.length > 0) {
    return {
      action: 'fail',
      message:
        `Browser tests need Chromium and none was found (not installed automatically: ${reasons.join(', ')}). ` +
        `Install it with \`${MANUAL_INSTALL}\`, or set CHROMIUM_PATH to a Chromium executable.`,
    };
  }

  return {
    action: 'install',
    notice:
      `Chromium not found: installing Debian's ${APT_PACKAGES.join(' and ')} with apt-get ` +
      '(set PMO_NO_APT=1 to stop this).',
    commands: [
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', '--no-install-recommends', ...APT_PACKAGES],
    ],
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  };
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Returns the Chromium to use, installing Debian's first when planChromium says so; throws otherwise. */
export function ensureChromium(find: () => string | undefined): string {
  const plan = planChromium({
    foundPath: find(),
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath('apt-get', process.env),
    env: process.env,
  });
  if (plan.action === 'use') return plan.path;
  if (plan.action === 'fail') throw new Error(plan.message);

  console.log(plan.notice);
  for (const [command, ...args] of plan.commands) {
    const result = spawnSync(command as string, args, {
      env: { ...process.env, ...plan.env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      // apt's own output is only worth showing when it failed, and then only its end.
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
      const how = result.error ? result.error.message : `exit code ${String(result.status ?? result.signal)}`;
      throw new Error(
        `\`${[command, ...args].join(' ')}\` failed (${how}); install Chromium with \`${MANUAL_INSTALL}\` ` +
          `or set CHROMIUM_PATH.\n${output}`,
      );
    }
  }
  const installed = find();
  if (!installed) {
    throw new Error(
      `apt-get installed ${APT_PACKAGES.join(' ')} but Chromium is still not found; set CHROMIUM_PATH to it.`,
    );
  }
  return installed;
}
