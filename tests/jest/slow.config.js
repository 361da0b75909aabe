// `npm run test:slow`: the long runs. The whole bad-input corpus and its large
// cases through the command, commands killed at random moments, and the property
// tests again with a fresh random seed and more runs (the seed is printed, and
// FC_SEED=<seed> replays it).
/** @type {import('jest').Config} */
module.exports = {
  ...require('./base'),
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/slow/**/*.test.ts', '<rootDir>/tests/property.test.ts', '<rootDir>/tests/dates.test.ts'],
  setupFiles: ['<rootDir>/tests/jest/slow-setup.js'],
  testTimeout: 600000,
};
