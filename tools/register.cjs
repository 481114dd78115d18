// Runs the TypeScript sources directly: transpile only (tsc checks types in the lint step),
// with the workspace's path aliases. Used by `npm start`, the e2e tests and the benchmark.
const path = require('node:path');
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
process.env.TS_NODE_SWC = process.env.TS_NODE_SWC || 'true';
require('ts-node/register');
const { compilerOptions } = require('../tsconfig.base.json');
require('tsconfig-paths').register({ baseUrl: path.join(__dirname, '..'), paths: compilerOptions.paths });
