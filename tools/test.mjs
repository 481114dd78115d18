// `npm test`: the whole suite. Lint and type check, unit tests, then integration and e2e tests against a
// real Kafka broker and a real Postgres (from KAFKA_BROKERS/DATABASE_URL, a Docker engine, or the local
// launchers in infra/, which the Jest global setup starts and stops).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ensureChromium, ensureDependencies, REPO_ROOT, run } from './ensure-deps.mjs';

ensureDependencies();
ensureChromium();
const bin = (name) => path.join(REPO_ROOT, 'node_modules', '.bin', name);
const reports = path.join(REPO_ROOT, '.local', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// Each step is [name, command, args]; the steps of a group run at the same time (each its own process, one core each),
// their output printed whole, step by step, when the group is done. Groups run one after the other.
const groups = [
  // The module-boundary rule reads Nx's project graph; on a clean clone there is none until Nx computes it, and
  // the rule would be skipped with only a warning.
  [['project graph', bin('nx'), ['show', 'projects']]],
  // ESLint (one run over the workspace, the same flat config, module boundaries included: `nx run-many -t lint` started
  // ESLint and its TypeScript program once per project, 23 times) on one core, both type checks one after the other on
  // the other: 65 s instead of 100 (ESLint 64 s, the type checks 27 + 11 s on a clean clone here).
  [
    ['lint', bin('eslint'), ['.', '--max-warnings=0']],
    [
      'type check',
      'sh',
      // The web app (apps/workspace) is checked with its own settings (DOM, JSX, bundler resolution); the root config excludes it.
      ['-c', '"$0" -p tsconfig.json --noEmit; root=$?; "$0" -p apps/workspace/tsconfig.json --noEmit && [ "$root" -eq 0 ]', bin('tsc')],
    ],
  ],
  // At least two workers (Jest's default is one fewer than the cores, so one on 2 cores): the unit files are CPU-bound
  // and independent, 58-65 s instead of 85 on 2 cores.
  [['unit tests', bin('jest'), ['-c', 'jest.unit.config.cjs', '--ci', `--maxWorkers=${Math.max(2, availableParallelism() - 1)}`, '--json', `--outputFile=${path.join(reports, 'unit.json')}`]]],
  // One test file at a time (Jest's default on 2 cores): two at a time made each file 2.2-2.6 times slower (the
  // services' start-up and the broker are CPU-bound here), so the suite took longer, not less.
  [['integration and e2e tests', bin('jest'), ['-c', 'jest.int.config.cjs', '--ci', '--json', `--outputFile=${path.join(reports, 'integration.json')}`]]],
];

/** Runs a step with its output collected (stdout and stderr in the order they came); resolves with its exit code. */
function runCollected(command, args) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      resolve({ code: 1, output: Buffer.concat(chunks) });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks) }));
  });
}

const failedSteps = [];
for (const group of groups) {
  if (group.length === 1) {
    const [[name, command, args]] = group;
    process.stderr.write(`\n=== ${name} ===\n`);
    if (run(command, args) !== 0) {
      process.stderr.write(`\n${name} failed\n`);
      failedSteps.push(name);
    }
    continue;
  }
  const results = await Promise.all(group.map(([, command, args]) => runCollected(command, args)));
  group.forEach(([name], index) => {
    const { code, output } = results[index];
    process.stderr.write(`\n=== ${name} ===\n`);
    process.stderr.write(output);
    if (code !== 0) {
      process.stderr.write(`\n${name} failed\n`);
      failedSteps.push(name);
    }
  });
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
