// The layers' boundaries (docs/architecture.md): the domain imports nothing of the app; resolvers reach
// the app only through services and the contract; the UI imports only the contract of the backend; the
// Forge platform SDKs are used only by the Forge adapters (src/forge) and the local runtime (dev/).
// Every import across layers is a relative path or a bare package name, so the rule reads the import's
// text: a file leaves its folder with one more "../" than it sits deep in it.
const MAX_DEPTH = 4;
const leaving = (depth) => `(\\.\\./){${depth}}\\.\\.(/|$)`;
const below = (dir, depth) => `${dir}/${'*/'.repeat(depth)}*.{ts,tsx,mts}`;

const FORGE_SDK = {
  regex: '^@forge/(api|kvs|events)(/|$)',
  message: "Forge's platform SDKs belong to the Forge adapters (src/forge) and the local runtime (dev/).",
};

/** One block per depth below `dir`, each with its own "../" count, the same rule otherwise. */
const within = (dir, patterns) =>
  Array.from({ length: MAX_DEPTH }, (_, depth) => ({
    files: [below(dir, depth)],
    rules: { 'no-restricted-imports': ['error', { patterns: patterns(depth) }] },
  }));

export default [
  {
    files: ['**/*.{ts,tsx,mts}'],
    ignores: ['src/forge/**', 'dev/**', 'test/runtime/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FORGE_SDK] }] },
  },
  ...within('src/domain', (depth) => [
    {
      regex: `^${leaving(depth)}`,
      message: 'The domain imports nothing of the app outside src/domain.',
    },
    {
      regex: '^(?![./]|date-fns(/|$)|@date-fns/tz(/|$)|pure-rand(/|$)|zod(/|$))',
      message: 'The domain uses only date-fns, @date-fns/tz, pure-rand and zod.',
    },
  ]),
  ...within('src/resolvers', (depth) => [
    {
      regex: `^(?!(\\.\\./){${depth + 1}}(services|contract)(/|$))${leaving(depth)}`,
      message: 'Resolvers reach the app through src/services and src/contract only.',
    },
    {
      regex: '^(?![./]|@forge/resolver(/|$)|zod(/|$))',
      message: 'Resolvers use only @forge/resolver and zod among packages.',
    },
  ]),
  ...within('static/app', (depth) => [
    {
      regex: `^(?!(\\.\\./){${depth + 2}}src/contract(/|$))${leaving(depth)}`,
      message: 'The UI imports nothing of the backend but src/contract.',
    },
    FORGE_SDK,
  ]),
];
