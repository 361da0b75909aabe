// ESLint with Microsoft's Office add-ins config (React flavour), which also runs
// Prettier. Type-aware checking is left to `tsc --noEmit` in the test command.
import officeAddins from 'eslint-plugin-office-addins';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';
import { builtinModules } from 'node:module';

// The layers (ARCHITECTURE.md), where a developer sees them: Office.js only in
// src/workbook/office/, the DOM only in the pane and the ribbon command, Node only in
// the command line. (src/core is also compiled on its own with the ES2022 library
// and no Node, DOM or Office types: src/core/tsconfig.json.)
const NODE_MODULES = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const nodeImports = {
  paths: NODE_MODULES.filter((m) => !m.endsWith('/*')).map((name) => ({
    name,
    message: 'Node is for src/cli only: core and the adapters take what they need as arguments (see ARCHITECTURE.md).',
  })),
  patterns: [{ group: NODE_MODULES.filter((m) => m.endsWith('/*')), message: 'Node is for src/cli only.' }],
};
const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension', 'OfficeRuntime'].map((name) => ({
  name,
  message: 'Office.js is for src/workbook/office/ only: call the adapter (WorkbookAdapter) instead.',
}));
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'history',
  'fetch',
  'XMLHttpRequest',
  'HTMLElement',
  'Element',
  'Node',
  'Blob',
  'File',
  'FileReader',
  'URL',
  'alert',
  'confirm',
  'requestAnimationFrame',
].map((name) => ({ name, message: 'The DOM is for src/taskpane/ and src/commands/ only.' }));
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
  name,
  message: 'Node is for src/cli only.',
}));

export default [
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'tests/fixtures/**',
      'tests/bad-inputs/**',
      'tests/artifacts/**',
      'examples/**',
      '.bench/**',
    ],
  },
  // The Office config lists .ts but not .tsx files; the task pane is .tsx.
  ...officeAddins.configs.react.map((c) =>
    c.files && c.files.includes('**/*.{js,mjs,cjs,ts,cts,mts}') ? { ...c, files: ['**/*.{js,mjs,cjs,ts,cts,mts,tsx}'] } : c,
  ),
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      // TypeScript itself reports undefined names, with type information ESLint lacks.
      'no-undef': 'off',
      'no-redeclare': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    settings: { react: { version: '19' } },
    rules: {
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['bin/**/*.js', '*.config.js', 'webpack.config.js', 'jest*.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  // The layers.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', nodeImports] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/workbook/office/**'],
    rules: { 'no-restricted-globals': ['error', ...OFFICE_GLOBALS, ...NODE_GLOBALS] },
  },
  {
    files: ['src/core/**/*.ts', 'src/workbook/**/*.ts', 'src/cli/**/*.ts'],
    ignores: ['src/workbook/office/**'],
    rules: { 'no-restricted-globals': ['error', ...OFFICE_GLOBALS, ...NODE_GLOBALS, ...DOM_GLOBALS] },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...OFFICE_GLOBALS, ...DOM_GLOBALS] },
  },
  {
    files: ['src/workbook/office/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
];
