// Unit tests of the workspace's pure parts (elfproef hint, problem fields, idempotent submission, form → body), in Node.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'workspace',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
