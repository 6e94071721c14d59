import {
  ensureChromium,
  MANUAL_INSTALL,
  planChromium,
  type ChromiumSituation,
} from '../browser/ensure-chromium';

const missingOnDebianAsRoot: ChromiumSituation = {
  foundPath: undefined,
  isRoot: true,
  hasAptGet: true,
  env: {},
};

function failure(situation: ChromiumSituation): string {
  const plan = planChromium(situation);
  if (plan.action !== 'fail') throw new Error(`expected a failure, got ${plan.action}`);
  return plan.message;
}

describe('planChromium', () => {
  it('uses the Chromium that was found, whatever else holds', () => {
    expect(planChromium({ ...missingOnDebianAsRoot, foundPath: '/usr/bin/chromium' })).toEqual({
      action: 'use',
      path: '/usr/bin/chromium',
    });
    expect(
      planChromium({
        foundPath: '/opt/chrome/chrome',
        isRoot: false,
        hasAptGet: false,
        env: { PMO_NO_APT: '1' },
      }),
    ).toEqual({ action: 'use', path: '/opt/chrome/chrome' });
  });

  it('installs Debian’s chromium and fonts non-interactively when missing, as root, with apt-get', () => {
    const plan = planChromium(missingOnDebianAsRoot);
    expect(plan).toEqual({
      action: 'install',
      notice: expect.stringContaining('installing'),
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'],
      ],
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (plan.action === 'install') expect(plan.notice.split('\n')).toHaveLength(1);
  });

  it('treats PMO_NO_APT=0 or empty as not forbidding the install', () => {
    expect(planChromium({ ...missingOnDebianAsRoot, env: { PMO_NO_APT: '0' } }).action).toBe('install');
    expect(planChromium({ ...missingOnDebianAsRoot, env: { PMO_NO_APT: '' } }).action).toBe('install');
  });

  it.each([
    ['PMO_NO_APT=1', { env: { PMO_NO_APT: '1' } }, 'PMO_NO_APT is set'],
    ['PMO_NO_APT=true', { env: { PMO_NO_APT: 'true' } }, 'PMO_NO_APT is set'],
    ['not root', { isRoot: false }, 'not running as root'],
    ['no apt-get', { hasAptGet: false }, 'apt-get is not available'],
  ])('stops with the command to run when %s', (_name, change, reason) => {
    const message = failure({ ...missingOnDebianAsRoot, ...change });
    expect(message).toContain('`sudo apt-get install -y chromium fonts-dejavu-core`');
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).toContain(reason);
  });

  it('names every reason the install was skipped', () => {
    const message = failure({
      foundPath: undefined,
      isRoot: false,
      hasAptGet: false,
      env: { PMO_NO_APT: '1' },
    });
    expect(message).toContain(
      'apt-get is not available, the tests are not running as root, PMO_NO_APT is set',
    );
  });

  it('does not install when CHROMIUM_PATH points at nothing, since the install would not be used', () => {
    const message = failure({ ...missingOnDebianAsRoot, env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    expect(message).toContain('CHROMIUM_PATH=/nowhere/chromium does not exist');
    expect(message).toContain(MANUAL_INSTALL);
  });
});

describe('ensureChromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('returns what was found without running anything', () => {
    expect(ensureChromium(() => '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });

  it('throws the plan’s message instead of installing when it says to stop', () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    expect(() => ensureChromium(() => undefined)).toThrow('CHROMIUM_PATH=/nowhere/chromium does not exist');
  });
});
