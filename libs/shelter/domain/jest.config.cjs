// Unit tests (*.spec.ts) only; integration and e2e specs run under the root jest.int.config.cjs.
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'shelter-domain',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
