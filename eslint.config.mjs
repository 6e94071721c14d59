// ESLint: typescript-eslint's recommended rules everywhere, plus promise safety where types are known;
// for the UI, the rules of hooks and jsx-a11y's recommended accessibility rules.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint.boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'static/app/dist/',
      'static/app/dist-macro-config/',
      'test-artifacts/',
      '.pmo-wins/',
      '.forge-build/',
      'dist/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      // Each file is linted with the first of these programs that holds it, so the backend's own config (no
      // DOM, no jest) wins for src/. Listed rather than found by the project service, which looks only for a
      // file named tsconfig.json near each source and so would miss tsconfig.dev.json.
      parserOptions: {
        project: [
          './tsconfig.json',
          './static/app/tsconfig.json',
          './tsconfig.dev.json',
          './test/browser/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['static/app/src/**/*.{ts,tsx}'],
    ...jsxA11y.flatConfigs.recommended,
    plugins: { ...jsxA11y.flatConfigs.recommended.plugins, 'react-hooks': reactHooks },
    settings: {
      // The UI is built from Atlaskit components, which jsx-a11y would otherwise skip: check each as the
      // element it renders (Box and Text take that element from `as`).
      'jsx-a11y': {
        polymorphicPropName: 'as',
        components: {
          Box: 'div',
          Button: 'button',
          Label: 'label',
          Text: 'span',
          Textarea: 'textarea',
          Textfield: 'input',
        },
      },
    },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['dev/host/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['*.js', '*.mjs', 'bin/*.js', 'dev/*.js', 'dev/*.mjs', 'dev/forge-runtime/wrapper/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...boundaries,
);
