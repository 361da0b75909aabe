// Run by scripts/check-shared.mjs only, with RAGBOOK_SHARED pointing at a folder of
// workbooks from other projects' test suites (never copied into this repository).
/** @type {import('jest').Config} */
module.exports = {
  ...require('./base'),
  roots: ['<rootDir>/tests/external'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/jest/fixed-seed.js'],
  testTimeout: 600000,
  // One file per concept, so two workers share the work on a two-core machine: the
  // openpyxl file (one Python process, about three minutes) beside the other three.
  maxWorkers: 2,
};
