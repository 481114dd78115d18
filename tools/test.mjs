// `npm test`: the whole suite. Lint and type check, unit tests, then integration and e2e tests against a
// real Kafka broker and a real Postgres (from KAFKA_BROKERS/DATABASE_URL, a Docker engine, or the local
// launchers in infra/, which the Jest global setup starts and stops).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium, ensureDependencies, REPO_ROOT, run } from './ensure-deps.mjs';

ensureDependencies();
ensureChromium();
const bin = (name) => path.join(REPO_ROOT, 'node_modules', '.bin', name);
const reports = path.join(REPO_ROOT, '.local', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [
  // One ESLint run over the workspace (the same flat config, module boundaries included): 30 s here, where
  // `nx run-many -t lint` started ESLint and its TypeScript program once per project (23) and took three minutes.
  // The module-boundary rule reads Nx's project graph; on a clean clone there is none until Nx computes it, and
  // the rule would be skipped with only a warning.
  ['project graph', bin('nx'), ['show', 'projects']],
  ['lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  // The web app (apps/workspace) is checked with its own settings (DOM, JSX, bundler resolution); the root config excludes it.
  ['type check (workspace)', bin('tsc'), ['-p', 'apps/workspace/tsconfig.json', '--noEmit']],
  ['unit tests', bin('jest'), ['-c', 'jest.unit.config.cjs', '--ci', '--json', `--outputFile=${path.join(reports, 'unit.json')}`]],
  // One test file at a time (Jest's default on 2 cores): two at a time made each file 2.2-2.6 times slower (the
  // services' start-up and the broker are CPU-bound here), so the suite took longer, not less.
  ['integration and e2e tests', bin('jest'), ['-c', 'jest.int.config.cjs', '--ci', '--json', `--outputFile=${path.join(reports, 'integration.json')}`]],
];

const failedSteps = [];
for (const [name, command, args] of steps) {
  process.stderr.write(`\n=== ${name} ===\n`);
  if (run(command, args) !== 0) {
    process.stderr.write(`\n${name} failed\n`);
    failedSteps.push(name);
  }
}
let failed = failedSteps.length > 0;

let passed = 0;
let failures = 0;
for (const file of ['unit.json', 'integration.json']) {
  try {
    const report = JSON.parse(readFileSync(path.join(reports, file), 'utf8'));
    passed += report.numPassedTests;
    failures += report.numFailedTests + report.numRuntimeErrorTestSuites;
  } catch {
    if (!failed) failed = true;
  }
}
console.log(`${passed} passed, ${failures} failed${failedSteps.length > 0 ? `; failed steps: ${failedSteps.join(', ')}` : ''}`);
process.exit(failed || failures > 0 || passed === 0 ? 1 : 0);
