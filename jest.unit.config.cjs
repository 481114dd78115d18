// All unit tests (*.spec.ts) in one run; `nx test <project>` runs one project's.
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');

const roots = ['apps', 'libs', 'tests'];
const projects = [];
function walk(dir, depth) {
  if (existsSync(path.join(dir, 'jest.config.cjs'))) projects.push(path.join(dir, 'jest.config.cjs'));
  if (depth === 0) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'src') walk(path.join(dir, entry.name), depth - 1);
  }
}
for (const root of roots) walk(path.join(__dirname, root), 2);

module.exports = { projects };
