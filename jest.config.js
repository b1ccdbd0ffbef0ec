// `npm test`: two projects. Unit tests (test/unit) boot nothing; every other test file gets a real
// PostgreSQL, started once for the run by test/global-setup.ts.
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The slow ones run with `npm run test:resilience` (jest.resilience.config.js).
      // ide-subscriptions: GraphiQL in Chromium opens its subscription only about half the time (cause not
      // found yet; issue 16 stays open for it), so it runs alone: `npm run test:ide-subscriptions`.
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/resilience/',
        '<rootDir>/test/unit/',
        ...(process.env.IDE_SUBSCRIPTIONS ? [] : ['/ide-subscriptions\\.test\\.ts$']),
      ],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
