// ESLint (flat config) for every JavaScript file of the repository: the web code, its workers, the node tests,
// the build scripts and the benchmarks. Formatting is Prettier's job (.prettierrc.json); this checks for
// mistakes. `npm run lint` runs both, and clang-format for the C++.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: [
      'build/**',
      'dist/**',
      'node_modules/**',
      'bench/node_modules/**',
      'web/lib/generated/**',
      'web/lib/batchnorm-playground.js',
      'test-artifacts/**',
      'tests/consumers/**/node_modules/**',
      'tests/consumers/**/dist/**',
      'tests/consumers/jekyll-site/_site/**',
      'tests/consumers/jekyll-site/assets/**',
    ],
  },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
];
