// `npm run test:failover`: the three-broker failover test (tests/e2e/src/reliability/broker-failover.int-spec.ts,
// docs/adr/0031) on its own. It is not part of `npm test` yet: on the first clean-clone run it reported 26 events
// that crisis-triage's outbox marked published (before the leader was killed) as not read back from the cluster,
// and it is not yet known whether the cluster lost them or the test's reader missed them (see the ADR). It stays
// out of CI until that is settled, and in the repository so that whoever settles it runs exactly this.
const base = require('./jest.int.config.cjs');

module.exports = { ...base, testMatch: ['**/reliability/broker-failover.int-spec.ts'], testPathIgnorePatterns: base.testPathIgnorePatterns.filter((pattern) => !pattern.includes('broker-failover')) };
