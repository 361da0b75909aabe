// Browser end-to-end tests: the built task pane in Debian's Chromium, driven by
// playwright-core. Separate from `jest` (jest.config.js) because they need dist/,
// a browser, and minutes rather than seconds. Run: npx jest -c jest.e2e.config.js
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Tells the e2e files they were started on purpose (the unit config skips them).
  setupFiles: ['<rootDir>/tests/e2e/enable.js'],
  testTimeout: 120000,
  maxWorkers: 1,
};
