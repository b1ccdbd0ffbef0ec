// `npm run test:resilience`: the slow tests (database outage, shutdown under load) in test/resilience/.
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  ...integration,
  displayName: 'resilience',
  testMatch: ['<rootDir>/test/resilience/**/*.test.ts'],
  // admission-latency measures issue 13's goal for cheap queries under an expensive flood, which is
  // not met yet (see the README, "Limits and admission"): `npm run test:admission` runs it alone.
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.ADMISSION_LATENCY ? [] : ['/admission-latency\\.test\\.ts$'])],
  testTimeout: 120000,
  maxWorkers: 1,
};
