// Unit tests (*.spec.ts) of the command line; they run the commands in-process against a temporary dev issuer.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'vt-cli',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
