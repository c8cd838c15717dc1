import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import boundaries from './boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Layers and features keep to their boundaries (ARCHITECTURE.md, "Layout by feature"), and no
    // module imports itself round a loop: a cycle makes load order decide what a module sees.
    files: ['electron/**/*.{ts,mts}', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { 'import-x': importX, granska: boundaries },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.mjs', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.mjs', '.js'],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'granska/boundaries': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never touches Node: only the contract client.
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'electron', 'better-sqlite3', '**/electron/**'] }],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts', 'shared/**/*.ts'],
    rules: {
      // Only electron/main may import electron: the backend must run under plain Node.
      'no-restricted-imports': ['error', { paths: ['electron'] }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
