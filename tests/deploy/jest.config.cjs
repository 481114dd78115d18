// Unit tests of the deployment manifests under deploy/ (docs/adr/0030): drift from the code and schema validation.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'deploy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
