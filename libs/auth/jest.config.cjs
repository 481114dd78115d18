// Unit tests (*.spec.ts), including one that serves a tiny Nest app over real HTTP in-process (no broker, no database).
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'auth',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
