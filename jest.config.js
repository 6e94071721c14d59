/**
 * Jest runs every suite: unit and contract tests in node (`npm run test:unit`: no build, no browser);
 * integration tests, which drive the app's stack, its command line and the demo Jira together; the runtime
 * suite, which runs the Forge bundle on the local Forge runtime; and the browser suite against headless
 * Chromium.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit', '<rootDir>/test/contract'],
      transform: { '^.+\\.tsx?$': swc },
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      // A sync over the demo Jira takes a few seconds, more on a loaded machine: room, never a measure.
      testTimeout: 30_000,
      transform: { '^.+\\.tsx?$': swc },
    },
    {
      displayName: 'runtime',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/runtime'],
      transform: { '^.+\\.tsx?$': swc },
      globalSetup: '<rootDir>/test/runtime/global-setup.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/browser'],
      transform: { '^.+\\.tsx?$': swc },
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
    },
  ],
};
