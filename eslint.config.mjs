// ESLint (flat config) with typescript-eslint. Prettier owns the layout; these rules own the shape:
// file length, the layering of src/ (arrows only point down), and typed results in the dashboard and
// the HTTP layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = {
  require: 'readonly',
  module: 'writable',
  process: 'readonly',
  __dirname: 'readonly',
  console: 'readonly',
};

/** Layers that sit below the features: they may not import a feature module, the HTTP layer or the importer. */
const LOW_LAYERS = ['src/graphql/**', 'src/db/**', 'src/domain/**', 'src/entities/**'];
const FEATURE_IMPORTS = {
  patterns: [
    {
      group: ['**/modules/**', '../modules', '../../modules'],
      message: 'plumbing knows no feature: move the code up, or pass what it needs in',
    },
    { group: ['**/http/**', '../http', '../../http'], message: 'the HTTP layer sits above: pass what is needed in' },
    {
      group: ['**/ingest/**', '../ingest', '../../ingest'],
      message: 'the importer sits above: pass what is needed in',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'bench/peer/',
      'bench/out/',
      'coverage/',
      'test-results/',
      '.data/',
      '.test-data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // The hub looks for NUL bytes and control characters on purpose (hostile input, JSON escaping).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Generated from the entities and never edited once committed.
    files: ['src/db/migrations/**/*.ts'],
    rules: { 'max-lines': 'off' },
  },
  { files: LOW_LAYERS, rules: { 'no-restricted-imports': ['error', FEATURE_IMPORTS] } },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx', 'src/http/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        ...node,
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        AbortController: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URLSearchParams: 'readonly',
        setImmediate: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
