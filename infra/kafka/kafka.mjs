#!/usr/bin/env node
// Local Apache Kafka broker (KRaft, one combined node on loopback) from jars fetched off Maven Central.
// Plain Node ESM with node: built-ins only, so it runs before `npm install` and outside TypeScript.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
const POM = path.join(HERE, 'pom.xml');
const LOG4J_CONFIG = path.join(HERE, 'log4j2.xml');
const PROPERTIES_TEMPLATE = path.join(HERE, 'server.properties.template');
const LIB_ROOT = path.join(HERE, 'lib');
const COMPLETE_MARKER = '.complete';
const STATE_FILE = 'launcher.json';
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.local', 'infra', 'kafka');

/** The Kafka version pinned in pom.xml; the pom is the single source of truth. */
export const KAFKA_VERSION = readPinnedVersion();

/** A missing tool on this machine (exit code 3 from the CLI), as opposed to a broker that failed. */
export class PrerequisiteError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PrerequisiteError';
    this.code = 'VT_PREREQUISITE';
  }
}

function readPinnedVersion() {
  const pom = fs.readFileSync(POM, 'utf8');
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error(`${POM} does not declare <kafka.version>`);
  return match[1];
}

export function kafkaLibDir(version = KAFKA_VERSION) {
  return path.join(LIB_ROOT, version);
}

function isFetched(libDir) {
  return fs.existsSync(path.join(libDir, COMPLETE_MARKER));
}

export function requireJava() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new PrerequisiteError(
      'The Kafka broker needs Java 17 or newer and `java` is not on the PATH. ' +
        'Install a JDK/JRE 17+ (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`), ' +
        'or point KAFKA_BROKERS at a broker you already run.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (!(major >= 17)) {
    throw new PrerequisiteError(
      `The Kafka broker needs Java 17 or newer; \`java -version\` reports: ${(result.stderr || result.stdout).split('\n')[0]}. ` +
        'Install Java 17+ and put it first on the PATH.',
    );
  }
  return major;
}

function requireMaven() {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new PrerequisiteError(
      `The Kafka ${KAFKA_VERSION} jars are not in ${path.relative(REPO_ROOT, kafkaLibDir())} yet and fetching them needs Maven, ` +
        'which is not on the PATH. Install Maven 3.8+ (Debian/Ubuntu: `apt-get install maven`), ' +
        'or point KAFKA_BROKERS at a broker you already run.',
    );
  }
}

/**
 * Copies the broker's runtime jars from Maven Central into infra/kafka/lib/<version>/ unless a completed
 * copy is there already. The copy lands in a temporary folder first and is renamed into place, so an
 * interrupted or concurrent fetch never leaves a half-filled folder that looks complete.
 */
export async function fetchKafka({ quiet = false } = {}) {
  const libDir = kafkaLibDir();
  if (isFetched(libDir)) return { version: KAFKA_VERSION, libDir, fetched: false };

  requireJava();
  requireMaven();
  await fsp.mkdir(LIB_ROOT, { recursive: true });
  const staging = path.join(LIB_ROOT, `.staging-${KAFKA_VERSION}-${process.pid}-${Date.now()}`);
  if (!quiet) process.stderr.write(`Fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (first run only) ...\n`);
  const started = Date.now();
  try {
    const result = await run(
      'mvn',
      ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'],
      { cwd: REPO_ROOT },
    );
    if (result.code !== 0) {
      throw new Error(
        `Maven could not fetch the Kafka ${KAFKA_VERSION} jars (exit code ${result.code}). ` +
          `Check that Maven Central is reachable (proxy settings live in ~/.m2/settings.xml). Maven said:\n${lastLines(result.output, 30)}`,
      );
    }
    const jars = (await fsp.readdir(staging)).filter((name) => name.endsWith('.jar'));
    if (!jars.includes(`kafka_2.13-${KAFKA_VERSION}.jar`)) {
      throw new Error(`Maven finished but ${staging} holds no kafka_2.13-${KAFKA_VERSION}.jar`);
    }
    await fsp.writeFile(
      path.join(staging, COMPLETE_MARKER),
      `${JSON.stringify({ version: KAFKA_VERSION, jars: jars.length, fetchedAt: new Date().toISOString() })}\n`,
    );
    try {
      await fsp.rename(staging, libDir);
    } catch (error) {
      if (!isFetched(libDir)) throw error;
    }
    if (!quiet) process.stderr.write(`Fetched ${jars.length} jars into ${path.relative(REPO_ROOT, libDir)} in ${Date.now() - started} ms\n`);
    return { version: KAFKA_VERSION, libDir, fetched: true };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

export async function freePort(exclude = []) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port && !exclude.includes(port)) return port;
  }
  throw new Error('Could not find a free TCP port on 127.0.0.1');
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function readState(dataDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeState(dataDir, state) {
  const file = path.join(dataDir, STATE_FILE);
  // A secure broker's state holds its own password: readable by this user only.
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, state.brokerPassword ? { mode: 0o600 } : undefined);
  fs.renameSync(`${file}.tmp`, file);
}

/** True while `pid` is a live (not zombie) process. */
export function processIsAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Guards against signalling a recycled pid: the process must be our broker for this data dir. */
function isOurBroker(pid, dataDir) {
  if (!processIsAlive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(`-Dvt.kafka.dataDir=${dataDir}`);
  } catch {
    return process.platform !== 'linux';
  }
}

function renderProperties({ nodeId, port, controllerPort, logDirs, extraProperties }) {
  const values = { NODE_ID: String(nodeId), PORT: String(port), CONTROLLER_PORT: String(controllerPort), LOG_DIRS: logDirs };
  const rendered = fs
    .readFileSync(PROPERTIES_TEMPLATE, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .replace(/\$\{([A-Z_]+)\}/g, (whole, name) => {
      if (!(name in values)) throw new Error(`Unknown placeholder ${whole} in ${PROPERTIES_TEMPLATE}`);
      return values[name];
    });
  const overrides = new Map(Object.entries(extraProperties).map(([key, value]) => [key, String(value)]));
  const lines = rendered.split('\n').map((line) => {
    const key = /^([^#=\s][^=]*)=/.exec(line)?.[1]?.trim();
    if (key === undefined || !overrides.has(key)) return line;
    const value = overrides.get(key);
    overrides.delete(key);
    return `${key}=${value}`;
  });
  for (const [key, value] of overrides) lines.push(`${key}=${value}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

function javaArgs({ libDir, logFile, dataDir, heapMb }) {
  return [
    `-Xmx${heapMb}m`,
    `-Xms${Math.min(heapMb, 256)}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    `-Dvt.kafka.log.file=${logFile}`,
    `-Dkafka.logs.dir=${path.dirname(logFile)}`,
    `-Dvt.kafka.dataDir=${dataDir}`,
    '-cp',
    `${libDir}${path.sep}*`,
  ];
}

/**
 * Formats a node's KRaft storage. One node alone is a `--standalone` quorum; a node of a cluster gets the
 * cluster's id and `--initial-controllers` (every voter with its directory id) from the caller.
 */
async function formatStorage({ libDir, dataDir, logFile, propsFile, formatArgs, clusterId: givenClusterId, quorumArgs = ['--standalone'] }) {
  const base = javaArgs({ libDir, logFile, dataDir, heapMb: 256 });
  let clusterId = givenClusterId;
  if (!clusterId) {
    const uuid = await run('java', [...base, 'kafka.tools.StorageTool', 'random-uuid'], { cwd: dataDir });
    clusterId = uuid.stdout.trim().split('\n').pop()?.trim();
    if (uuid.code !== 0 || !clusterId) {
      throw new Error(`kafka.tools.StorageTool random-uuid failed (exit ${uuid.code}):\n${lastLines(uuid.output, 20)}`);
    }
  }
  // The format output can contain SCRAM salts and keys, so it goes to the broker log, not the terminal.
  const format = await run(
    'java',
    [...base, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, ...quorumArgs, ...formatArgs],
    { cwd: dataDir },
  );
  await fsp.appendFile(logFile, `--- kafka.tools.StorageTool format (exit ${format.code}) ---\n${format.output}\n`);
  if (format.code !== 0) {
    throw new Error(`Formatting the KRaft storage in ${dataDir} failed (exit ${format.code}):\n${lastLines(format.output, 20)}`);
  }
  return clusterId;
}

const BROKER_PRINCIPAL = 'vt-broker';
const SCRAM_NAME = /^[A-Za-z0-9._-]+$/;

function checkSecurity(security) {
  const users = security.users ?? [];
  const superUsers = security.superUsers ?? [];
  if (!Array.isArray(users) || !Array.isArray(superUsers)) throw new Error('security.users and security.superUsers must be arrays');
  for (const user of users) {
    if (!user || !SCRAM_NAME.test(user.name ?? '')) throw new Error(`security user name ${JSON.stringify(user?.name)} must match ${SCRAM_NAME}`);
    if (user.name === BROKER_PRINCIPAL) throw new Error(`security user name ${BROKER_PRINCIPAL} is reserved for the broker itself`);
    if (typeof user.password !== 'string' || user.password.length < 8 || /[\s,\]"\\;=]/.test(user.password)) {
      throw new Error(`the password of security user ${user.name} must be 8+ characters without whitespace , ] " \\ ; =`);
    }
  }
  for (const name of superUsers) if (!SCRAM_NAME.test(name)) throw new Error(`super user ${JSON.stringify(name)} must match ${SCRAM_NAME}`);
  return { users, superUsers };
}

/**
 * Secure mode: the client listener (the returned `brokers`) is SASL_PLAINTEXT with SCRAM-SHA-512 and the
 * StandardAuthorizer denies whatever no ACL allows. The broker talks to itself as the internal super user
 * `vt-broker` (SCRAM on the client listener, SASL/PLAIN with a static JAAS user on the controller listener,
 * because KRaft controllers do not support SCRAM). A PLAINTEXT listener on loopback serves only the
 * launcher's readiness probe: its principal is User:ANONYMOUS, which no ACL names, so the authorizer
 * refuses it everything except the unauthorised Metadata broker list the probe reads.
 */
function securityProperties({ port, controllerPort, probePort, brokerPassword, superUsers }) {
  const scramLogin = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${BROKER_PRINCIPAL}" password="${brokerPassword}";`;
  const plainLogin = `org.apache.kafka.common.security.plain.PlainLoginModule required username="${BROKER_PRINCIPAL}" password="${brokerPassword}" user_${BROKER_PRINCIPAL}="${brokerPassword}";`;
  return {
    listeners: `SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort},PROBE://127.0.0.1:${probePort}`,
    'advertised.listeners': `SASL_PLAINTEXT://127.0.0.1:${port},PROBE://127.0.0.1:${probePort}`,
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,PROBE:PLAINTEXT',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': scramLogin,
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config': plainLogin,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': [BROKER_PRINCIPAL, ...superUsers].map((name) => `User:${name}`).join(';'),
    'allow.everyone.if.no.acl.found': 'false',
  };
}

/**
 * Starts one combined broker+controller on 127.0.0.1 and resolves once it answers a Metadata request
 * that lists itself (i.e. it is registered and unfenced, not merely listening).
 * A data dir that was formatted before keeps its topics and records; its ports are reused unless given.
 */
export async function startKafka(options = {}) {
  if (!options.dataDir) throw new Error('startKafka needs a dataDir');
  const dataDir = path.resolve(options.dataDir);
  // 1 GB: every test file grants ~4,700 ACLs (a run's own broker keeps them until it is thrown away), and a
  // long-lived dev broker keeps those of runs that did not clean up; 512 MB ran out of heap at ~430,000 ACL records.
  const heapMb = options.heapMb ?? 1024;
  const nodeId = options.nodeId ?? 1;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const { libDir } = await fetchKafka({ quiet: options.quiet });
  requireJava();
  await fsp.mkdir(dataDir, { recursive: true });

  if (fs.existsSync(path.join(dataDir, CLUSTER_FILE))) {
    throw new Error(`${dataDir} holds a ${readClusterState(dataDir)?.nodes?.length ?? 'multi'}-node cluster; start it with --brokers (startKafkaCluster) or use another data dir`);
  }
  const previous = readState(dataDir);
  if (previous?.pid && isOurBroker(previous.pid, dataDir)) {
    throw new Error(
      `A Kafka broker already runs on ${dataDir} (pid ${previous.pid}, ${previous.brokers.join(',')}). ` +
        `Stop it first: node infra/kafka/kafka.mjs stop --data-dir ${dataDir}`,
    );
  }
  const logDirs = path.join(dataDir, 'kraft');
  const formatted = fs.existsSync(path.join(logDirs, 'meta.properties'));
  // Reusing the previous ports keeps the address clients know and the KRaft voter endpoint stable.
  const port = options.port ?? previous?.port ?? (await freePort());
  const controllerPort = options.controllerPort ?? previous?.controllerPort ?? (await freePort([port]));
  if (port === controllerPort) throw new Error(`port and controllerPort must differ (both ${port})`);
  // Secure mode is opt-in: without `options.security` nothing below differs from the plaintext broker.
  const security = options.security ? checkSecurity(options.security) : undefined;
  if (formatted && Boolean(security) !== Boolean(previous?.secure)) {
    throw new Error(`${dataDir} was formatted ${previous?.secure ? 'with' : 'without'} security; start it the same way or use a new data dir`);
  }
  let probePort;
  let brokerPassword;
  if (security) {
    probePort = previous?.probePort ?? (await freePort([port, controllerPort]));
    brokerPassword = (formatted ? previous?.brokerPassword : undefined) ?? crypto.randomBytes(24).toString('hex');
  }
  for (const candidate of probePort === undefined ? [port, controllerPort] : [port, controllerPort, probePort]) {
    if (!(await portIsFree(candidate))) {
      throw new Error(`Port ${candidate} on 127.0.0.1 is in use, so the broker for ${dataDir} cannot listen on it.`);
    }
  }

  const logFile = path.resolve(options.logFile ?? previous?.logFile ?? path.join(dataDir, 'broker.log'));
  await fsp.mkdir(path.dirname(logFile), { recursive: true });
  const propsFile = path.join(dataDir, 'server.properties');
  const extraProperties = security
    ? { ...securityProperties({ port, controllerPort, probePort, brokerPassword, superUsers: security.superUsers }), ...options.extraProperties }
    : (options.extraProperties ?? {});
  await fsp.writeFile(propsFile, renderProperties({ nodeId, port, controllerPort, logDirs, extraProperties }));
  // In secure mode the file holds the broker's own password: readable by this user only.
  if (security) await fsp.chmod(propsFile, 0o600);
  const formatArgs = [...(options.formatArgs ?? [])];
  if (security) {
    for (const user of [{ name: BROKER_PRINCIPAL, password: brokerPassword }, ...security.users]) {
      formatArgs.push('--add-scram', `SCRAM-SHA-512=[name=${user.name},password=${user.password}]`);
    }
  }
  const clusterId = formatted ? previous?.clusterId : await formatStorage({ libDir, dataDir, logFile, propsFile, formatArgs });

  const brokers = [`127.0.0.1:${port}`];
  const { pid, exited } = spawnBroker({
    libDir,
    dataDir,
    logFile,
    heapMb,
    propsFile,
    state: {
      kafkaVersion: KAFKA_VERSION,
      port,
      controllerPort,
      brokers,
      clusterId,
      logFile,
      propsFile,
      ...(security ? { secure: true, probePort, brokerPassword } : {}),
    },
  });

  const started = Date.now();
  try {
    await waitUntilListed({ port: probePort ?? port, nodeIds: [nodeId], exited, readyTimeoutMs });
  } catch (error) {
    if (pid && processIsAlive(pid)) await terminate(pid, 10_000);
    writeState(dataDir, { ...readState(dataDir), pid: null });
    throw new Error(`${error.message}\nBroker log ${logFile} ends with:\n${await tailFile(logFile, 40)}`);
  }

  return {
    brokers,
    pid,
    port,
    controllerPort,
    dataDir,
    logFile,
    ...(security ? { secure: true, mechanism: 'scram-sha-512' } : {}),
    startupMs: Date.now() - started,
    stop: () => stopKafka(dataDir),
  };
}

/**
 * Starts `kafka.Kafka` for one node as a detached process logging to `logFile`, and records it (with
 * `state`) in the node's launcher.json so that `stop`/`status` work from any process. `exited()` says how
 * it ended if it already did.
 */
function spawnBroker({ libDir, dataDir, logFile, heapMb, propsFile, state }) {
  const logFd = fs.openSync(logFile, 'a');
  let child;
  try {
    child = spawn('java', [...javaArgs({ libDir, logFile, dataDir, heapMb }), 'kafka.Kafka', propsFile], {
      cwd: dataDir,
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
  } finally {
    fs.closeSync(logFd);
  }
  let exit;
  child.once('exit', (code, signal) => (exit = signal ? `was killed by ${signal}` : `exited with code ${code}`));
  child.once('error', (error) => (exit = `could not be started: ${error.message}`));
  child.unref();
  writeState(dataDir, { ...state, pid: child.pid, startedAt: new Date().toISOString() });
  return { pid: child.pid, exited: () => exit };
}

/**
 * Resolves once the broker behind `port` answers a Metadata request that lists every node of `nodeIds`
 * (registered and unfenced), not merely when the port opens.
 */
async function waitUntilListed({ port, nodeIds, exited, readyTimeoutMs, what = 'The Kafka broker' }) {
  const started = Date.now();
  let listed = [];
  for (;;) {
    const exit = exited();
    if (exit) throw new Error(`${what} ${exit} before it was ready.`);
    try {
      const metadata = await probeKafka({ host: '127.0.0.1', port, timeoutMs: 2_000 });
      listed = metadata.brokers.map((broker) => broker.nodeId);
      if (nodeIds.every((nodeId) => listed.includes(nodeId))) return;
    } catch {
      // not answering yet
    }
    if (Date.now() - started > readyTimeoutMs) {
      const seen = listed.length > 0 ? ` (it lists nodes ${listed.join(', ')} of ${nodeIds.join(', ')})` : '';
      throw new Error(`${what} did not answer a metadata request listing ${nodeIds.length === 1 ? 'itself' : 'every node'} within ${readyTimeoutMs} ms${seen}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends SIGTERM (controlled shutdown), waits for the exit, and falls back to SIGKILL after `timeoutMs`. */
async function terminate(pid, timeoutMs) {
  const signal = (name) => {
    try {
      process.kill(pid, name);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  };
  signal('SIGTERM');
  if (await waitForExit(pid, timeoutMs)) return 'SIGTERM';
  signal('SIGKILL');
  if (await waitForExit(pid, 10_000)) return 'SIGKILL';
  throw new Error(`Kafka broker pid ${pid} did not exit after SIGKILL`);
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (processIsAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Stops the broker recorded for `dataDir`, if it runs. Works from any process. */
export async function stopKafka(dataDir = DEFAULT_DATA_DIR, { timeoutMs = 30_000 } = {}) {
  const resolved = path.resolve(dataDir);
  const state = readState(resolved);
  if (!state?.pid || !isOurBroker(state.pid, resolved)) {
    if (state?.pid) writeState(resolved, { ...state, pid: null });
    return { stopped: false };
  }
  const via = await terminate(state.pid, timeoutMs);
  writeState(resolved, { ...state, pid: null, stoppedAt: new Date().toISOString() });
  return { stopped: true, pid: state.pid, via };
}

export async function kafkaStatus(dataDir = DEFAULT_DATA_DIR, { probe = true } = {}) {
  const resolved = path.resolve(dataDir);
  const state = readState(resolved);
  const running = Boolean(state?.pid && isOurBroker(state.pid, resolved));
  const status = {
    running,
    pid: running ? state.pid : undefined,
    brokers: state?.brokers,
    logFile: state?.logFile,
    dataDir: resolved,
    formatted: fs.existsSync(path.join(resolved, 'kraft', 'meta.properties')),
  };
  if (running && probe) {
    try {
      const metadata = await probeKafka({ host: '127.0.0.1', port: state.probePort ?? state.port, timeoutMs: 2_000 });
      status.answering = metadata.brokers.length > 0;
    } catch {
      status.answering = false;
    }
  }
  return status;
}

// ---- a cluster of combined nodes (`--brokers 3`) ----

const CLUSTER_FILE = 'cluster.json';
/** The cluster sizes the launcher starts; 3 is Kafka's smallest cluster that keeps a quorum and min.insync.replicas=2 through the loss of one node. */
export const CLUSTER_SIZES = [3];

/**
 * Topic and failure-detection settings of every node of a cluster. Replication factor 3 with
 * min.insync.replicas=2 for every topic created with the broker default (the services' topics, -1) and for the
 * internal ones, so an acks=all write is on two nodes before it is acknowledged and one node may die.
 * Unclean leader election stays off: only an in-sync replica becomes leader, so nothing acknowledged is lost.
 * A node that stops heartbeating is fenced after 4 s instead of 9 s (heartbeat every 0.5 s instead of 2 s):
 * its partitions get new leaders within the producers' retry budget (kafkajs' idempotent producer in
 * libs/messaging retries about 3 s). On a loaded 2-core machine a starved node may be fenced for nothing;
 * that moves leaders, it loses nothing.
 */
function clusterProperties(nodeCount) {
  const replicas = Math.min(3, nodeCount);
  const minIsr = replicas >= 3 ? 2 : 1;
  return {
    'default.replication.factor': replicas,
    'min.insync.replicas': minIsr,
    'offsets.topic.replication.factor': replicas,
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minIsr,
    'share.coordinator.state.topic.replication.factor': replicas,
    'share.coordinator.state.topic.min.isr': minIsr,
    'unclean.leader.election.enable': 'false',
    'broker.heartbeat.interval.ms': 500,
    'broker.session.timeout.ms': 4000,
  };
}

/** A Kafka `Uuid` as the storage tool prints it: 16 random bytes, URL-safe base64 without padding, not starting with '-'. */
function kafkaUuid() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-') && !/^A{21}[AQ]$/.test(id)) return id;
  }
}

export function clusterNodeDir(dataDir, nodeId) {
  return path.join(path.resolve(dataDir), `node-${nodeId}`);
}

function readClusterState(dataDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, CLUSTER_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeClusterState(dataDir, state) {
  const file = path.join(dataDir, CLUSTER_FILE);
  // A secure cluster's state holds the nodes' own password: readable by this user only.
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, state.brokerPassword ? { mode: 0o600 } : undefined);
  fs.renameSync(`${file}.tmp`, file);
}

/** True when `dataDir` holds a cluster started by `startKafkaCluster` (it has a cluster.json). */
export function isKafkaCluster(dataDir) {
  return fs.existsSync(path.join(path.resolve(dataDir), CLUSTER_FILE));
}

function nodePid(dataDir, nodeId) {
  const nodeDir = clusterNodeDir(dataDir, nodeId);
  const pid = readState(nodeDir)?.pid;
  return pid && isOurBroker(pid, nodeDir) ? pid : undefined;
}

/**
 * Starts a cluster of `nodes` combined KRaft nodes (each broker and controller; the controllers form one
 * quorum of `nodes` voters) on 127.0.0.1 under `dataDir/node-<id>/`, each with its own ports, and resolves
 * once every node answers a Metadata request listing all of them.
 *
 * The first start formats every node with the same cluster id and `--initial-controllers` (a dynamic
 * quorum, KIP-853) and, with `security`, the same SCRAM users; `cluster.json` keeps the ports, ids and the
 * nodes' shared password. Later starts reuse them and start only the nodes that do not run, so after a
 * `killKafkaNode` the same call (or `onlyNodes: [id]`) brings that node back with its data.
 */
export async function startKafkaCluster(options = {}) {
  if (!options.dataDir) throw new Error('startKafkaCluster needs a dataDir');
  const dataDir = path.resolve(options.dataDir);
  const heapMb = options.heapMb ?? 1024;
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const { libDir } = await fetchKafka({ quiet: options.quiet });
  requireJava();
  await fsp.mkdir(dataDir, { recursive: true });
  if (fs.existsSync(path.join(dataDir, STATE_FILE))) {
    throw new Error(`${dataDir} holds a single-node broker; use another data dir for a cluster`);
  }
  const security = options.security ? checkSecurity(options.security) : undefined;
  let state = readClusterState(dataDir);
  const nodeCount = options.nodes ?? state?.nodes.length ?? 3;
  if (!CLUSTER_SIZES.includes(nodeCount)) throw new Error(`a cluster has ${CLUSTER_SIZES.join(' or ')} nodes, not ${nodeCount}`);
  if (state && state.nodes.length !== nodeCount) {
    throw new Error(`${dataDir} holds a ${state.nodes.length}-node cluster, not ${nodeCount}; use another data dir`);
  }
  if (state && Boolean(security) !== Boolean(state.secure)) {
    throw new Error(`${dataDir} was formatted ${state.secure ? 'with' : 'without'} security; start it the same way or use a new data dir`);
  }
  if (!state) {
    const taken = [];
    const port = async () => {
      const found = await freePort(taken);
      taken.push(found);
      return found;
    };
    const nodes = [];
    for (let nodeId = 1; nodeId <= nodeCount; nodeId++) {
      nodes.push({ nodeId, port: await port(), controllerPort: await port(), ...(security ? { probePort: await port() } : {}), directoryId: kafkaUuid() });
    }
    state = {
      kafkaVersion: KAFKA_VERSION,
      clusterId: kafkaUuid(),
      nodes,
      ...(security ? { secure: true, brokerPassword: crypto.randomBytes(24).toString('hex') } : {}),
      createdAt: new Date().toISOString(),
    };
    writeClusterState(dataDir, state);
  }
  const brokers = state.nodes.map((node) => `127.0.0.1:${node.port}`);
  const wanted = options.onlyNodes ?? state.nodes.map((node) => node.nodeId);
  const toStart = state.nodes.filter((node) => wanted.includes(node.nodeId) && !nodePid(dataDir, node.nodeId));
  for (const node of toStart) {
    for (const candidate of [node.port, node.controllerPort, node.probePort].filter((p) => p !== undefined)) {
      if (!(await portIsFree(candidate))) throw new Error(`Port ${candidate} on 127.0.0.1 is in use, so node ${node.nodeId} of ${dataDir} cannot listen on it.`);
    }
  }

  const bootstrap = state.nodes.map((node) => `127.0.0.1:${node.controllerPort}`).join(',');
  const initialControllers = state.nodes.map((node) => `${node.nodeId}@127.0.0.1:${node.controllerPort}:${node.directoryId}`).join(',');
  const prepared = await Promise.all(
    toStart.map(async (node) => {
      const nodeDir = clusterNodeDir(dataDir, node.nodeId);
      await fsp.mkdir(nodeDir, { recursive: true });
      const logDirs = path.join(nodeDir, 'kraft');
      const logFile = path.join(nodeDir, 'broker.log');
      const propsFile = path.join(nodeDir, 'server.properties');
      const extraProperties = {
        ...clusterProperties(nodeCount),
        'controller.quorum.bootstrap.servers': bootstrap,
        ...(security
          ? securityProperties({ port: node.port, controllerPort: node.controllerPort, probePort: node.probePort, brokerPassword: state.brokerPassword, superUsers: security.superUsers })
          : {}),
        ...options.extraProperties,
      };
      await fsp.writeFile(propsFile, renderProperties({ nodeId: node.nodeId, port: node.port, controllerPort: node.controllerPort, logDirs, extraProperties }));
      if (security) await fsp.chmod(propsFile, 0o600);
      if (!fs.existsSync(path.join(logDirs, 'meta.properties'))) {
        const formatArgs = [];
        if (security) {
          for (const user of [{ name: BROKER_PRINCIPAL, password: state.brokerPassword }, ...security.users]) {
            formatArgs.push('--add-scram', `SCRAM-SHA-512=[name=${user.name},password=${user.password}]`);
          }
        }
        await formatStorage({ libDir, dataDir: nodeDir, logFile, propsFile, formatArgs, clusterId: state.clusterId, quorumArgs: ['--initial-controllers', initialControllers] });
      }
      return { node, nodeDir, logFile, propsFile };
    }),
  );

  const started = Date.now();
  const spawned = prepared.map(({ node, nodeDir, logFile, propsFile }) => ({
    node,
    nodeDir,
    logFile,
    ...spawnBroker({
      libDir,
      dataDir: nodeDir,
      logFile,
      heapMb,
      propsFile,
      state: {
        kafkaVersion: KAFKA_VERSION,
        cluster: dataDir,
        nodeId: node.nodeId,
        port: node.port,
        controllerPort: node.controllerPort,
        brokers: [`127.0.0.1:${node.port}`],
        clusterId: state.clusterId,
        logFile,
        propsFile,
        ...(security ? { secure: true, probePort: node.probePort, brokerPassword: state.brokerPassword } : {}),
      },
    }),
  }));
  const nodeIds = state.nodes.map((node) => node.nodeId);
  try {
    // Each node started here is ready when it lists every node: registered, unfenced, and the quorum up.
    await Promise.all(
      spawned.map(({ node, exited }) =>
        waitUntilListed({ port: node.probePort ?? node.port, nodeIds, exited, readyTimeoutMs, what: `Kafka node ${node.nodeId}` }).catch((error) => {
          throw Object.assign(error, { nodeId: node.nodeId });
        }),
      ),
    );
  } catch (error) {
    await Promise.all(
      spawned.map(async ({ pid, nodeDir }) => {
        if (pid && processIsAlive(pid)) await terminate(pid, 10_000);
        writeState(nodeDir, { ...readState(nodeDir), pid: null });
      }),
    );
    const failed = spawned.find(({ node }) => node.nodeId === error.nodeId) ?? spawned[0];
    throw new Error(`${error.message}\nNode ${failed?.node.nodeId} log ${failed?.logFile} ends with:\n${failed ? await tailFile(failed.logFile, 40) : ''}`);
  }

  return {
    brokers,
    clusterId: state.clusterId,
    dataDir,
    nodes: state.nodes.map((node) => ({
      nodeId: node.nodeId,
      broker: `127.0.0.1:${node.port}`,
      port: node.port,
      controllerPort: node.controllerPort,
      pid: nodePid(dataDir, node.nodeId) ?? null,
      dataDir: clusterNodeDir(dataDir, node.nodeId),
      logFile: path.join(clusterNodeDir(dataDir, node.nodeId), 'broker.log'),
    })),
    started: spawned.map(({ node }) => node.nodeId),
    ...(security ? { secure: true, mechanism: 'scram-sha-512' } : {}),
    startupMs: Date.now() - started,
    stop: () => stopKafkaCluster(dataDir),
  };
}

/** Kills one node of a cluster at once (default SIGKILL: no controlled shutdown, as a crash) and waits for it to be gone. */
export async function killKafkaNode(dataDir, nodeId, { signal = 'SIGKILL' } = {}) {
  const resolved = path.resolve(dataDir);
  const pid = nodePid(resolved, nodeId);
  if (!pid) return { killed: false, nodeId };
  process.kill(pid, signal);
  if (!(await waitForExit(pid, 30_000))) throw new Error(`Kafka node ${nodeId} (pid ${pid}) did not exit after ${signal}`);
  const nodeDir = clusterNodeDir(resolved, nodeId);
  writeState(nodeDir, { ...readState(nodeDir), pid: null, stoppedAt: new Date().toISOString() });
  return { killed: true, nodeId, pid, signal };
}

/**
 * Stops every node of a cluster at the same time (SIGTERM each, SIGKILL after `timeoutMs`): one by one, the
 * last nodes would wait for a controller quorum that the first ones took away.
 */
export async function stopKafkaCluster(dataDir, { timeoutMs = 30_000 } = {}) {
  const resolved = path.resolve(dataDir);
  const state = readClusterState(resolved);
  if (!state) return { stopped: false, nodes: [] };
  const nodes = await Promise.all(state.nodes.map(async (node) => ({ nodeId: node.nodeId, ...(await stopKafka(clusterNodeDir(resolved, node.nodeId), { timeoutMs })) })));
  return { stopped: nodes.some((node) => node.stopped), nodes };
}

export async function kafkaClusterStatus(dataDir, { probe = true } = {}) {
  const resolved = path.resolve(dataDir);
  const state = readClusterState(resolved);
  if (!state) return { cluster: true, running: false, formatted: false, dataDir: resolved, brokers: [], nodes: [] };
  const nodes = await Promise.all(state.nodes.map(async (node) => ({ nodeId: node.nodeId, ...(await kafkaStatus(clusterNodeDir(resolved, node.nodeId), { probe })) })));
  return {
    cluster: true,
    running: nodes.every((node) => node.running),
    answering: probe ? nodes.every((node) => node.answering) : undefined,
    formatted: nodes.every((node) => node.formatted),
    dataDir: resolved,
    brokers: state.nodes.map((node) => `127.0.0.1:${node.port}`),
    nodes,
  };
}

// ---- a minimal Kafka wire-protocol client: ApiVersions v0, then Metadata v1..v8 (non-flexible) ----

const API_METADATA = 3;
const API_VERSIONS = 18;

function kafkaRequest({ host, port, apiKey, apiVersion, body, timeoutMs }) {
  const clientId = Buffer.from('vt-infra-probe');
  const correlationId = Math.floor(Math.random() * 0x7fffffff);
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);

  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    let received = Buffer.alloc(0);
    const fail = (error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('close', () => reject(new Error(`${host}:${port} closed the connection`)));
    socket.once('connect', () => socket.write(Buffer.concat([size, payload])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const length = received.readInt32BE(0);
      if (received.length < 4 + length) return;
      socket.destroy();
      if (received.readInt32BE(4) !== correlationId) reject(new Error('correlation id mismatch'));
      else resolve(received.subarray(8, 4 + length));
    });
  });
}

class Reader {
  constructor(buffer) {
    this.buffer = buffer;
    this.offset = 0;
  }
  int8() {
    return this.buffer.readInt8((this.offset += 1) - 1);
  }
  int16() {
    return this.buffer.readInt16BE((this.offset += 2) - 2);
  }
  int32() {
    return this.buffer.readInt32BE((this.offset += 4) - 4);
  }
  string() {
    const length = this.int16();
    if (length < 0) return null;
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

/** Asks a broker for its cluster metadata over the Kafka protocol; resolves with the brokers it lists. */
export async function probeKafka({ host = '127.0.0.1', port, timeoutMs = 2_000 }) {
  const versions = new Reader(
    await kafkaRequest({ host, port, apiKey: API_VERSIONS, apiVersion: 0, body: Buffer.alloc(0), timeoutMs }),
  );
  const errorCode = versions.int16();
  const supported = new Map();
  for (let count = versions.int32(); count > 0; count--) {
    const key = versions.int16();
    supported.set(key, { min: versions.int16(), max: versions.int16() });
  }
  const range = supported.get(API_METADATA);
  if (!range) throw new Error(`ApiVersions answered with error ${errorCode} and no Metadata range`);
  const version = Math.min(range.max, 8);
  if (version < Math.max(range.min, 1)) throw new Error(`broker supports Metadata v${range.min}..v${range.max} only`);

  const body = Buffer.alloc(4 + (version >= 4 ? 1 : 0) + (version >= 8 ? 2 : 0));
  body.writeInt32BE(0, 0); // an empty topic list: brokers only
  const metadata = new Reader(await kafkaRequest({ host, port, apiKey: API_METADATA, apiVersion: version, body, timeoutMs }));
  if (version >= 3) metadata.int32(); // throttle_time_ms
  const brokers = [];
  for (let count = metadata.int32(); count > 0; count--) {
    const nodeId = metadata.int32();
    const brokerHost = metadata.string();
    const brokerPort = metadata.int32();
    metadata.string(); // rack
    brokers.push({ nodeId, host: brokerHost, port: brokerPort });
  }
  return { metadataVersion: version, brokers };
}

// ---- helpers ----

function run(command, args, { cwd }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ code: -1, stdout, output: `${output}${error.message}\n` }));
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, output }));
  });
}

function lastLines(text, count) {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

async function tailFile(file, count) {
  try {
    const handle = await fsp.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return lastLines(buffer.toString('utf8'), count);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return `(could not read ${file}: ${error.message})`;
  }
}

// ---- command line ----

const USAGE = `Usage: node infra/kafka/kafka.mjs <command> [options]
  fetch                       copy the Kafka ${KAFKA_VERSION} jars from Maven Central into infra/kafka/lib/ (once)
  start                       format (first time only) and start a broker, or with --brokers 3 a cluster; prints the address(es)
  stop                        stop the broker, or every node of the cluster, of a data dir (SIGTERM, SIGKILL after 30 s)
  status                      show whether the broker (every node) of a data dir runs and answers
  kill --node <id>            kill one node of a cluster at once (SIGKILL, as a crash); \`start\` brings it back
Options:
  --data-dir <dir>            default .local/infra/kafka (one broker), .local/infra/kafka-cluster (--brokers 3)
  --brokers <n>               1 (default): one combined node; 3: three combined nodes (broker + controller each, one
                              controller quorum of three), replication factor 3 and min.insync.replicas=2
  --node <id>                 start: start only this node of the cluster; kill: the node to kill
  --port <n>                  client port (default: the previous one for this data dir, else a free one; one broker only)
  --controller-port <n>       KRaft controller port (same rule)
  --log-file <file>           default <data-dir>/broker.log (one broker only)
  --heap-mb <n>               broker heap per node, default 1024
  --security-file <file>      secure mode (first start of a data dir): JSON {"users":[{"name","password"}],"superUsers":[names]};
                              SASL_PLAINTEXT + SCRAM-SHA-512 client listener, ACLs enforced. Passwords never go on the command line.
  --json                      machine-readable output`;

export const DEFAULT_CLUSTER_DATA_DIR = path.join(REPO_ROOT, '.local', 'infra', 'kafka-cluster');

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      brokers: { type: 'string' },
      node: { type: 'string' },
      port: { type: 'string' },
      'controller-port': { type: 'string' },
      'log-file': { type: 'string' },
      'heap-mb': { type: 'string' },
      'security-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  const number = (name) => (values[name] === undefined ? undefined : Number.parseInt(values[name], 10));
  const brokerCount = number('brokers');
  if (brokerCount !== undefined && brokerCount !== 1 && !CLUSTER_SIZES.includes(brokerCount)) throw new Error(`--brokers must be 1 or ${CLUSTER_SIZES.join(', ')}`);
  const dataDir = path.resolve(values['data-dir'] ?? (brokerCount > 1 || values.node !== undefined ? DEFAULT_CLUSTER_DATA_DIR : DEFAULT_DATA_DIR));
  const cluster = brokerCount > 1 || isKafkaCluster(dataDir);
  const print = (json, text) => process.stdout.write(`${values.json ? JSON.stringify(json) : text}\n`);
  const security = () => (values['security-file'] === undefined ? undefined : JSON.parse(fs.readFileSync(values['security-file'], 'utf8')));

  switch (values.help ? 'help' : command) {
    case 'fetch': {
      const result = await fetchKafka();
      print(result, result.fetched ? `Kafka ${result.version} jars in ${result.libDir}` : `Kafka ${result.version} jars already in ${result.libDir}`);
      return 0;
    }
    case 'start': {
      if (cluster) {
        if (values.port !== undefined || values['controller-port'] !== undefined || values['log-file'] !== undefined) {
          throw new Error('--port, --controller-port and --log-file are for one broker; a cluster picks free ports once and keeps them in cluster.json');
        }
        const started = await startKafkaCluster({
          dataDir,
          nodes: brokerCount,
          heapMb: number('heap-mb'),
          security: security(),
          onlyNodes: values.node === undefined ? undefined : [number('node')],
          quiet: values.json,
        });
        const { stop: _stop, ...info } = started;
        print(
          info,
          `Kafka ${KAFKA_VERSION} cluster of ${started.nodes.length} answers on ${started.brokers.join(',')} ` +
            `(${started.started.length > 0 ? `started node(s) ${started.started.join(', ')}, ready in ${started.startupMs} ms` : 'every node was running already'})\n` +
            `${started.nodes.map((node) => `node ${node.nodeId}: pid ${node.pid}, ${node.broker}, log ${node.logFile}`).join('\n')}\ndata: ${started.dataDir}`,
        );
        return 0;
      }
      const broker = await startKafka({
        dataDir,
        port: number('port'),
        controllerPort: number('controller-port'),
        logFile: values['log-file'],
        heapMb: number('heap-mb'),
        security: security(),
        quiet: values.json,
      });
      const { stop: _stop, ...info } = broker;
      print(info, `Kafka ${KAFKA_VERSION} broker pid ${broker.pid} answers on ${broker.brokers.join(',')} (ready in ${broker.startupMs} ms)\nlog: ${broker.logFile}\ndata: ${broker.dataDir}`);
      return 0;
    }
    case 'kill': {
      if (!isKafkaCluster(dataDir) || values.node === undefined) throw new Error('kill needs --node <id> and the data dir of a cluster (--brokers 3)');
      const result = await killKafkaNode(dataDir, number('node'));
      print(result, result.killed ? `Killed node ${result.nodeId} (pid ${result.pid}, ${result.signal})` : `Node ${result.nodeId} of ${dataDir} does not run`);
      return 0;
    }
    case 'stop': {
      if (cluster) {
        const result = await stopKafkaCluster(dataDir);
        const stopped = result.nodes.filter((node) => node.stopped);
        print(result, stopped.length > 0 ? `Stopped ${stopped.map((node) => `node ${node.nodeId} pid ${node.pid} (${node.via})`).join(', ')}` : `No node of the cluster in ${dataDir} runs`);
        return 0;
      }
      const result = await stopKafka(dataDir);
      print(result, result.stopped ? `Stopped Kafka broker pid ${result.pid} (${result.via})` : `No Kafka broker runs for ${dataDir}`);
      return 0;
    }
    case 'status': {
      if (cluster) {
        const status = await kafkaClusterStatus(dataDir);
        print(
          status,
          status.nodes.length === 0
            ? `no cluster in ${status.dataDir}`
            : status.nodes
                .map((node) => `node ${node.nodeId}: ${node.running ? `running, pid ${node.pid} on ${node.brokers.join(',')}, ${node.answering ? 'answering' : 'NOT answering'}` : 'stopped'}; log ${node.logFile}`)
                .join('\n'),
        );
        return status.running ? 0 : 1;
      }
      const status = await kafkaStatus(dataDir);
      print(
        status,
        status.running
          ? `running: pid ${status.pid} on ${status.brokers.join(',')}, ${status.answering ? 'answering' : 'NOT answering'}; log ${status.logFile}`
          : `stopped (${status.formatted ? 'data kept in' : 'no data in'} ${status.dataDir})`,
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
