// `npm run test:interop`: what needs programs beside Node. LibreOffice opening and
// saving what Ragbook writes, and the built task pane in Debian's Chromium (preview
// mode, axe, the bundles' security). The script builds dist/ first; .ci/run
// installs the programs on a bare Debian machine.
/** @type {import('jest').Config} */
module.exports = {
  ...require('./base'),
  roots: ['<rootDir>/tests/interop'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/tests/jest/fixed-seed.js'],
  testTimeout: 180000,
  maxWorkers: 1,
};
