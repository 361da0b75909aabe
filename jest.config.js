// `npm test`: the fast suite. Node alone, no system program, the same result every
// run (fast-check with a fixed seed), a few minutes on two cores.
// The other suites (tests/jest/): `npm run test:interop` (LibreOffice, Chromium),
// `npm run test:slow` (whole corpora, random seeds), and `npm run check:shared`
// (tests/external/, over other projects' workbooks, never part of this suite).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/(interop|slow|external)/'],
  setupFiles: ['<rootDir>/tests/jest/fixed-seed.js'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 60000,
};
