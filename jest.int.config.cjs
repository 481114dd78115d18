// Integration and end-to-end tests against a real Kafka broker and Postgres server (see libs/testing).
module.exports = {
  preset: './jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  // The three-broker failover tests run with `npm run test:failover` (jest.failover.config.cjs), not here.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/.local/', '<rootDir>/infra/kafka/lib/', '/reliability/broker-failover[^/]*\\.int-spec\\.ts$'],
  modulePathIgnorePatterns: ['<rootDir>/.local/', '<rootDir>/dist/', '<rootDir>/infra/kafka/lib/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60_000,
};
