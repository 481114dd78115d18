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

// Each step is [name, commands], its commands ([command, args]) run one after the other; the steps of a group run at
// the same time (each its own process, one core each), their output printed whole, step by step, when the group is
// done. Groups run one after the other.
const groups = [
  // The module-boundary rule reads Nx's project graph; on a clean clone there is none until Nx computes it, and
  // the rule would be skipped with only a warning.
  [['project graph', [[bin('nx'), ['show', 'projects']]]]],
  // ESLint (one run over the workspace, the same flat config, module boundaries included: `nx run-many -t lint` started
  // ESLint and its TypeScript program once per project, 23 times) on one core, both type checks one after the other on
  // the other: 65 s instead of 100 (ESLint 64 s, the type checks 27 + 11 s on a clean clone here).
  [
    ['lint', [[bin('eslint'), ['.', '--max-warnings=0']]]],
    [
      'type check',
      [
        [bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
        // The web app (apps/workspace) is checked with its own settings (DOM, JSX, bundler resolution); the root config excludes it.
        [bin('tsc'), ['-p', 'apps/workspace/tsconfig.json', '--noEmit']],
      ],
    ],
  ],
  // At least two workers (Jest's default is one fewer than the cores, so one on 2 cores): the unit files are CPU-bound
  // and independent, 58-65 s instead of 85 on 2 cores.
  [['unit tests', [[bin('jest'), ['-c', 'jest.unit.config.cjs', '--ci', `--maxWorkers=${Math.max(2, availableParallelism() - 1)}`, '--json', `--outputFile=${path.join(reports, 'unit.json')}`]]]]],
  // One test file at a time (Jest's default on 2 cores): two at a time made each file 2.2-2.6 times slower (the
  // services' start-up and the broker are CPU-bound here), so the suite took longer, not less.
  [['integration and e2e tests', [[bin('jest'), ['-c', 'jest.int.config.cjs', '--ci', '--json', `--outputFile=${path.join(reports, 'integration.json')}`]]]]],
];

/** Runs one command with its output collected (stdout and stderr in the order they came); resolves with its exit code. */
function runCollected(command, args, chunks) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      resolve(1);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** A step's commands one after the other, every one of them run; its exit code is 0 only when all succeeded. */
async function runStep(commands, alone) {
  const chunks = [];
  let code = 0;
  for (const [command, args] of commands) {
    const exit = alone ? run(command, args) : await runCollected(command, args, chunks);
    if (exit !== 0) code = exit;
  }
  return { code, output: Buffer.concat(chunks) };
}

const failedSteps = [];
for (const group of groups) {
  const alone = group.length === 1;
  // A step on its own prints as it goes (its header first); steps side by side print when all are done.
  if (alone) process.stderr.write(`\n=== ${group[0][0]} ===\n`);
  const results = await Promise.all(group.map(([, commands]) => runStep(commands, alone)));
  group.forEach(([name], index) => {
    const { code, output } = results[index];
    if (!alone) process.stderr.write(`\n=== ${name} ===\n${output}`);
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
