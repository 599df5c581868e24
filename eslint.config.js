import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // suites/ knows nothing of processes, pipes or clocks: it imports only the harness API.
    files: ['suites/**/*.ts'],
    ignores: ['suites/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'execa'], message: 'suites/ knows nothing of processes, pipes or clocks' },
            {
              group: ['../harness/*', '!../harness/api.js', '../../harness/*', '!../../harness/api.js'],
              message: 'import the harness through harness/api.ts',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'Date', 'performance'],
    },
  },
  {
    // One judge: only harness/judge.ts turns an observation into a result (a `verdict` it sets).
    files: ['harness/**/*.ts', 'suites/**/*.ts'],
    ignores: ['harness/judge.ts', 'harness/model/report.ts', '**/*.test.ts', '**/*.testlib.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ObjectExpression > Property[key.name='verdict']",
          message: 'results are built only by harness/judge.ts (judge, foldFinding, explorationOnlyResult)',
        },
      ],
    },
  },
  {
    // The model is the data every part shares (zod schemas, their types, JSON Schemas): it depends on
    // nothing but zod and itself, so reports, case files and the harness can all lean on it.
    files: ['harness/model/**/*.ts'],
    ignores: ['harness/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\./)',
              message: 'harness/model/ imports only zod and its own ./ modules',
            },
          ],
        },
      ],
    },
  },
  {
    // Its tests may use test tools, but not the rest of the project either.
    files: ['harness/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], message: 'harness/model/ tests import only the model' }] },
      ],
    },
  },
  {
    // Reports are pure functions of the run report: they read the model and nothing else of the harness.
    files: ['reports/**/*.ts'],
    ignores: ['reports/**/*.test.ts', 'reports/**/*.testlib.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../harness/*', '!../harness/model', '../../harness/*', '!../../harness/model'],
              message: 'reports/ imports only harness/model/',
            },
          ],
        },
      ],
    },
  },
  {
    // Fixtures are servers in their own right: they never import the harness.
    files: ['fixtures/**/*.ts'],
    ignores: ['fixtures/**/*.test.ts', 'fixtures/expected.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../harness/*', '../../harness/*'] }] },
  },
);
