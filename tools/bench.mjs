#!/usr/bin/env node
// `npm run bench`: runs tests/bench/src/main.ts from source; the services it measures run from dist/ as in
// production, so it builds them first (incremental). The result document goes to stdout, progress to
// stderr. Signals are passed on so the benchmark can stop what it started before exiting.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  build({ quiet: true });
} catch (error) {
  process.stderr.write(`bench: npm run build failed: ${error.message}\n`);
  process.exit(1);
}
const child = spawn(process.execPath, ['-r', path.join(ROOT, 'tools', 'register.cjs'), path.join(ROOT, 'tests', 'bench', 'src', 'main.ts'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`bench: could not start node: ${error.message}\n`);
  process.exitCode = 1;
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (os.constants.signals[signal] ?? 0);
});
