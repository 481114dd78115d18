// Unit tests (*.spec.ts) only; the benchmark itself runs through `npm run bench`.
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
