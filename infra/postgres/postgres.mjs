#!/usr/bin/env node
// Throw-away local Postgres cluster made with the machine's own initdb/pg_ctl, on 127.0.0.1 only.
// Plain Node ESM with node: built-ins only, so it runs before `npm install` and outside TypeScript.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.local', 'infra', 'postgres');
const SETTINGS_FILE = 'vt-local.conf';

/** A missing tool on this machine (exit code 3 from the CLI), as opposed to a server that failed. */
export class PrerequisiteError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PrerequisiteError';
    this.code = 'VT_PREREQUISITE';
  }
}

const hasServerTools = (dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'));

/** PG_BIN_DIR, else `pg_config --bindir`, else the highest /usr/lib/postgresql/<major>/bin, else initdb on the PATH. */
export function findPgBinDir() {
  const candidates = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (!pgConfig.error && pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  try {
    const majors = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    candidates.push(...majors.map((major) => path.join('/usr/lib/postgresql', major, 'bin')));
  } catch {
    // no Debian-style layout
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const found = candidates.find(hasServerTools);
  if (!found) {
    throw new PrerequisiteError(
      "Postgres's server programs (initdb, pg_ctl) were not found (looked at PG_BIN_DIR, `pg_config --bindir`, " +
        '/usr/lib/postgresql/*/bin and the PATH). Install them (Debian/Ubuntu: `apt-get install postgresql`), ' +
        'set PG_BIN_DIR to their folder, or point DATABASE_URL at a server you already run.',
    );
  }
  return found;
}

/**
 * initdb and pg_ctl refuse to run as root; as root we run them as the `postgres` OS user
 * (or PG_OS_USER) and hand it the cluster's folders.
 */
function osUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const name = process.env.PG_OS_USER ?? 'postgres';
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) {
    throw new PrerequisiteError(
      `Running as root, and Postgres refuses to run as root, but there is no \`${name}\` OS user to run it as. ` +
        'Create one (`useradd --system postgres`), set PG_OS_USER to another unprivileged user, or run as a normal user.',
    );
  }
  const [, , uid, gid] = line.split(':');
  const runner = fs.existsSync('/usr/sbin/runuser') || fs.existsSync('/sbin/runuser') || fs.existsSync('/usr/bin/runuser') ? 'runuser' : 'su';
  return { name, uid: Number(uid), gid: Number(gid), runner };
}

function asUser(user, command, args) {
  if (!user) return [command, args];
  if (user.runner === 'runuser') return ['runuser', ['-u', user.name, '--', command, ...args]];
  const quoted = [command, ...args].map((part) => `'${String(part).replaceAll("'", "'\\''")}'`).join(' ');
  return ['su', ['-s', '/bin/sh', '-c', quoted, user.name]];
}

/** Whether `user` may search every folder from / down to `dir` (Postgres must reach its data and log). */
function canTraverse(dir, user) {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode, uid, gid } = fs.statSync(current);
    const searchable = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!searchable) return false;
    if (path.dirname(current) === current) return true;
  }
}

function run(user, command, args) {
  const [file, argv] = asUser(user, command, args);
  return new Promise((resolve) => {
    const child = spawn(file, argv, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ code: -1, output: `${output}${error.message}\n` }));
    child.once('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const pgData = (dataDir) => path.join(dataDir, 'pgdata');
const urlFor = (port) => `postgres://postgres@127.0.0.1:${port}/postgres`;

function configuredPort(dataDir) {
  try {
    const match = /^port\s*=\s*(\d+)/m.exec(fs.readFileSync(path.join(pgData(dataDir), SETTINGS_FILE), 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** postmaster.pid: line 1 pid, line 4 port, line 8 status ("ready" once it accepts connections). */
function readPostmasterPid(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(pgData(dataDir), 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]), status: lines[7]?.trim() };
  } catch {
    return undefined;
  }
}

function processIsAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sqlLiteral = (value) => `'${String(value).replaceAll("'", "''")}'`;

async function writeSettings(dataDir, port, user) {
  const file = path.join(pgData(dataDir), SETTINGS_FILE);
  await fsp.writeFile(
    file,
    [
      '# Written by infra/postgres/postgres.mjs on every start.',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = ${sqlLiteral(pgData(dataDir))}`,
      'fsync = on',
      'synchronous_commit = on',
      'full_page_writes = on',
      'max_connections = 200',
      "timezone = 'UTC'",
      '',
    ].join('\n'),
  );
  if (user) await fsp.chown(file, user.uid, user.gid);
}

/**
 * Creates (first time) and starts a cluster under `dataDir`/pgdata with trust auth on 127.0.0.1.
 * An initialised data dir is reused with its databases; its port is reused unless one is given.
 */
export async function startPostgres(options = {}) {
  if (!options.dataDir) throw new Error('startPostgres needs a dataDir');
  const dataDir = path.resolve(options.dataDir);
  const binDir = findPgBinDir();
  const user = osUser();
  const tool = (name) => path.join(binDir, name);
  const data = pgData(dataDir);
  const logFile = path.resolve(options.logFile ?? path.join(dataDir, 'postgres.log'));

  const running = readPostmasterPid(dataDir);
  if (running && processIsAlive(running.pid)) {
    throw new Error(
      `A Postgres server already runs on ${data} (pid ${running.pid}, port ${running.port}). ` +
        `Stop it first: node infra/postgres/postgres.mjs stop --data-dir ${dataDir}`,
    );
  }

  await fsp.mkdir(dataDir, { recursive: true, mode: 0o755 });
  await fsp.mkdir(path.dirname(logFile), { recursive: true });
  if (!fs.existsSync(logFile)) await fsp.writeFile(logFile, '');
  if (user) {
    for (const dir of [dataDir, path.dirname(logFile)]) {
      if (!canTraverse(dir, user)) {
        throw new Error(
          `The \`${user.name}\` OS user cannot reach ${dir}; Postgres runs as that user when started by root. ` +
            'Use a data dir whose parent folders are world-searchable (chmod o+x), e.g. under the repository or /tmp.',
        );
      }
    }
    await fsp.chown(logFile, user.uid, user.gid);
  }

  const started = Date.now();
  const initialised = fs.existsSync(path.join(data, 'PG_VERSION'));
  if (!initialised) {
    await fsp.rm(data, { recursive: true, force: true });
    await fsp.mkdir(data, { mode: 0o700 });
    if (user) await fsp.chown(data, user.uid, user.gid);
    const init = await run(user, tool('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
    await fsp.appendFile(logFile, `--- initdb (exit ${init.code}) ---\n${init.output}\n`);
    if (init.code !== 0) throw new Error(`initdb failed for ${data} (exit ${init.code}):\n${lastLines(init.output, 20)}`);
    await fsp.appendFile(path.join(data, 'postgresql.conf'), `\ninclude = '${SETTINGS_FILE}'\n`);
  }

  const port = options.port ?? configuredPort(dataDir) ?? (await freePort());
  if (!(await portIsFree(port))) throw new Error(`Port ${port} on 127.0.0.1 is in use, so Postgres for ${dataDir} cannot listen on it.`);
  await writeSettings(dataDir, port, user);

  const start = await run(user, tool('pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
  if (start.code !== 0) {
    throw new Error(
      `pg_ctl could not start Postgres on ${data} (exit ${start.code}):\n${lastLines(start.output, 10)}\n` +
        `Server log ${logFile} ends with:\n${await tailFile(logFile, 30)}`,
    );
  }
  const ready = await run(user, tool('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres']);
  if (ready.code !== 0) throw new Error(`Postgres started but pg_isready says: ${ready.output.trim()}`);

  const pid = readPostmasterPid(dataDir)?.pid;
  return {
    url: urlFor(port),
    pid,
    port,
    dataDir,
    logFile,
    created: !initialised,
    startupMs: Date.now() - started,
    stop: () => stopPostgres(dataDir),
  };
}

/** Stops the server of `dataDir` with a fast shutdown (open sessions are rolled back), if it runs. */
export async function stopPostgres(dataDir = DEFAULT_DATA_DIR, { timeoutSeconds = 60 } = {}) {
  const resolved = path.resolve(dataDir);
  const running = readPostmasterPid(resolved);
  if (!running || !processIsAlive(running.pid)) return { stopped: false };
  const result = await run(osUser(), path.join(findPgBinDir(), 'pg_ctl'), [
    '-D', pgData(resolved), '-m', 'fast', '-w', '-t', String(timeoutSeconds), 'stop',
  ]);
  if (result.code !== 0) throw new Error(`pg_ctl stop failed for ${pgData(resolved)} (exit ${result.code}):\n${result.output.trim()}`);
  return { stopped: true, pid: running.pid };
}

export function postgresStatus(dataDir = DEFAULT_DATA_DIR) {
  const resolved = path.resolve(dataDir);
  const postmaster = readPostmasterPid(resolved);
  const running = Boolean(postmaster && processIsAlive(postmaster.pid));
  const port = running ? postmaster.port : configuredPort(resolved);
  return {
    running,
    ready: running && postmaster.status === 'ready',
    pid: running ? postmaster.pid : undefined,
    url: port ? urlFor(port) : undefined,
    dataDir: resolved,
    initialised: fs.existsSync(path.join(pgData(resolved), 'PG_VERSION')),
    logFile: path.join(resolved, 'postgres.log'),
  };
}

function lastLines(text, count) {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

async function tailFile(file, count) {
  try {
    return lastLines(await fsp.readFile(file, 'utf8'), count);
  } catch (error) {
    return `(could not read ${file}: ${error.message})`;
  }
}

const USAGE = `Usage: node infra/postgres/postgres.mjs <command> [options]
  start                       create (first time only) and start a cluster; prints its DATABASE_URL
  stop                        fast shutdown of the cluster of a data dir
  status                      show whether it runs
Options:
  --data-dir <dir>            default .local/infra/postgres (the cluster itself lives in <dir>/pgdata)
  --port <n>                  default: the previous one for this data dir, else a free one
  --log-file <file>           default <data-dir>/postgres.log
  --json                      machine-readable output`;

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'log-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const dataDir = path.resolve(values['data-dir'] ?? DEFAULT_DATA_DIR);
  const print = (json, text) => process.stdout.write(`${values.json ? JSON.stringify(json) : text}\n`);

  switch (values.help ? 'help' : positionals[0]) {
    case 'start': {
      const server = await startPostgres({
        dataDir,
        port: values.port === undefined ? undefined : Number.parseInt(values.port, 10),
        logFile: values['log-file'],
      });
      const { stop: _stop, ...info } = server;
      print(info, `DATABASE_URL=${server.url}\nPostgres pid ${server.pid} ${server.created ? 'created and ' : ''}started in ${server.startupMs} ms; log ${server.logFile}`);
      return 0;
    }
    case 'stop': {
      const result = await stopPostgres(dataDir);
      print(result, result.stopped ? `Stopped Postgres pid ${result.pid}` : `No Postgres server runs for ${dataDir}`);
      return 0;
    }
    case 'status': {
      const status = postgresStatus(dataDir);
      print(
        status,
        status.running
          ? `running: pid ${status.pid}, ${status.url}${status.ready ? '' : ' (not ready)'}; log ${status.logFile}`
          : `stopped (${status.initialised ? 'data kept in' : 'no cluster in'} ${status.dataDir})`,
      );
      return status.running ? 0 : 1;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
  }
}

const invokedDirectly = process.argv[1] && fs.realpathSync(path.resolve(process.argv[1])) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof PrerequisiteError ? 3 : 1;
    },
  );
}
