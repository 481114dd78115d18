// `npm run test:failover`: the three-broker failover tests (tests/e2e/src/reliability/broker-failover*.int-spec.ts,
// docs/adr/0031) on their own: a cluster of three JVMs per file, about 3 minutes each on this machine. Not part of
// `npm test` (its time budget is nearly spent); whether it joins is a decision of its own (see the ADR).
const base = require('./jest.int.config.cjs');

module.exports = { ...base, testMatch: ['**/reliability/broker-failover*.int-spec.ts'], testPathIgnorePatterns: base.testPathIgnorePatterns.filter((pattern) => !pattern.includes('broker-failover')) };
