/** Jest runs every suite: unit, contract and integration in node, and the browser suite against headless Chromium. */
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
      roots: ['<rootDir>/test/unit', '<rootDir>/test/contract', '<rootDir>/test/integration'],
      transform: { '^.+\\.tsx?$': swc },
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
