import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Installs the locked dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(REPO_ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(REPO_ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  process.stderr.write('installing dependencies (npm ci)…\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm ci failed with exit code ${result.status}`);
}

/**
 * The workspace's browser test drives Debian's chromium through playwright-core (Playwright's own browser download
 * cannot reach its host from these machines). Installs it with apt-get when missing and running as root; otherwise
 * says how. Never fails the caller: only that test needs it, and it names the missing browser itself.
 */
export function ensureChromium() {
  const executable = process.env.VT_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(executable)) return;
  if (process.env.VT_CHROMIUM || process.platform !== 'linux' || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(`${executable} is missing: the workspace's browser test (tests/e2e/src/workspace) needs Chromium. Install it (Debian: apt-get install -y chromium) or set VT_CHROMIUM to its path.\n`);
    return;
  }
  process.stderr.write('installing chromium (apt-get) for the workspace\'s browser test…\n');
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (install()) return;
  spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!install()) process.stderr.write('apt-get install chromium failed; the workspace\'s browser test will fail until Chromium is installed.\n');
}

/** Runs a command in the repository, inheriting output; resolves with its exit code. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}
