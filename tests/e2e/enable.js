// Loaded by jest.e2e.config.js only: the browser tests run when this is set, and
// are skipped when the unit-test run (jest.config.js) happens to collect them.
process.env.RAGBOOK_E2E = '1';
