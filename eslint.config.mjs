// ESLint with Microsoft's Office add-ins config (React flavour), which also runs
// Prettier. Type-aware checking is left to `tsc --noEmit` in the test command.
import officeAddins from 'eslint-plugin-office-addins';
import tsParser from '@typescript-eslint/parser';
import globals from 'globals';

export default [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'tests/fixtures/**', 'tests/bad-inputs/**', 'tests/artifacts/**', 'examples/**', '.bench/**'] },
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
];
