import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kafka, SASLOptions, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ensureCredentials, kafkaPrincipals, loadPartnerIds } from '@vt/kafka-access';
import { waitForLeaders } from '@vt/messaging';
import { uniqueToken } from './ids';
import { waitFor, withTimeout } from './wait-for';

export type InfraSource = 'env' | 'docker' | 'local';

export interface ResolvedInfra {
  kafkaBrokers: string[];
  databaseUrl: string;
  /**
   * Set when the broker is secured (SASL/SCRAM-SHA-512, ACLs): the file with every principal's password
   * (libs/kafka-access). Unset for a plaintext broker.
   */
  kafkaCredentialsFile?: string;
  /** Where the broker and database came from; with only one of the two variables set, the source of the other. */
  source: InfraSource;
  /** Stops what `resolveInfra` started; nothing for addresses taken from the environment. */
  stop(): Promise<void>;
}

export interface ResolveInfraOptions {
  /** Names the folder under .local/test-infra/ that local launchers use; defaults to VT_TEST_RUN_ID or a random id. */
  runId?: string;
  env?: NodeJS.ProcessEnv;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const TEST_INFRA_DIR = path.join(REPO_ROOT, '.local', 'test-infra');
export const KAFKA_IMAGE = 'apache/kafka:4.4.0';
export const POSTGRES_IMAGE = 'postgres:15';

export const KAFKA_LAUNCHER = path.join(REPO_ROOT, 'infra', 'kafka', 'kafka.mjs');
const POSTGRES_LAUNCHER = path.join(REPO_ROOT, 'infra', 'postgres', 'postgres.mjs');
const OWNER_FILE = 'owner.json';
const NO_RUNTIME = 'Could not find a working container runtime strategy';
const WHAT_TO_START =
  'Set KAFKA_BROKERS and DATABASE_URL (e.g. from `npm run infra:up`), start a Docker engine, ' +
  "or install Java 17 + Maven (for the Kafka broker jars) and Postgres's server programs (initdb, pg_ctl).";

interface Started<T> {
  value: T;
  stop(): Promise<void>;
}

interface Needs {
  kafka: boolean;
  postgres: boolean;
}

interface Parts {
  kafka?: Started<string[]>;
  postgres?: Started<string>;
}

/**
 * Finds a Kafka broker and a Postgres server for tests, in this order: addresses from the environment,
 * containers on a reachable Docker engine, the repository's local launchers (infra/kafka, infra/postgres).
 * Never a mock: if none of them works, it fails and says what to start.
 */
export async function resolveInfra(options: ResolveInfraOptions = {}): Promise<ResolvedInfra> {
  const env = options.env ?? process.env;
  const envBrokers = parseBrokers(env['KAFKA_BROKERS']);
  const envUrl = env['DATABASE_URL']?.trim() || undefined;
  // A broker from the environment is secured when its credentials file comes with it (`npm run infra:up` prints both).
  const envCredentials = envBrokers ? env['KAFKA_CREDENTIALS_FILE']?.trim() || undefined : undefined;
  if (envBrokers && envUrl) {
    return { kafkaBrokers: envBrokers, databaseUrl: envUrl, ...(envCredentials ? { kafkaCredentialsFile: envCredentials } : {}), source: 'env', stop: async () => undefined };
  }

  const tried = [
    `environment: ${[envBrokers ? undefined : 'KAFKA_BROKERS', envUrl ? undefined : 'DATABASE_URL'].filter(Boolean).join(' and ')} not set`,
  ];
  const needs: Needs = { kafka: !envBrokers, postgres: !envUrl };
  const combine = (parts: Parts, source: InfraSource, credentialsFile?: string): ResolvedInfra => {
    const kafkaCredentialsFile = parts.kafka ? credentialsFile : envCredentials;
    return {
      kafkaBrokers: parts.kafka?.value ?? envBrokers ?? [],
      databaseUrl: parts.postgres?.value ?? envUrl ?? '',
      ...(kafkaCredentialsFile ? { kafkaCredentialsFile } : {}),
      source,
      stop: () => stopParts(parts),
    };
  };

  const engine = await findDockerEngine(env);
  if (engine) {
    try {
      return combine(await startBoth(needs, { kafka: startDockerKafka, postgres: startDockerPostgres }), 'docker');
    } catch (error) {
      const message = errorMessage(error);
      tried.push(message.includes(NO_RUNTIME) ? `Docker: ${engine} is not a working engine (${NO_RUNTIME})` : `Docker (${engine}): ${message}`);
    }
  } else {
    tried.push('Docker: no engine (DOCKER_HOST is not set and no Docker socket answers)');
  }

  const runDir = await ensureTestRunDir(options.runId ?? env['VT_TEST_RUN_ID'] ?? `r${uniqueToken(10)}`);
  // The local broker is the secured one, as `npm start` runs it: every principal of the access table is a
  // SCRAM user from the start, with passwords made up for this run (in the run's folder, removed at teardown).
  const credentialsFile = path.join(runDir, 'kafka-credentials.json');
  try {
    if (needs.kafka) ensureCredentials(credentialsFile, kafkaPrincipals(loadPartnerIds().partnerIds));
    const startSecured = (dir: string): Promise<LocalKafka> => startLocalKafka(dir, { securityFile: credentialsFile });
    return combine(
      await startBoth(needs, {
        kafka: () => startLocalPart(path.join(runDir, 'kafka'), startSecured, stopLocalKafka, (broker) => broker.brokers),
        postgres: () => startLocalPart(path.join(runDir, 'postgres'), startLocalPostgres, stopLocalPostgres, (server) => server.url),
      }),
      'local',
      credentialsFile,
    );
  } catch (error) {
    tried.push(`local launchers: ${errorMessage(error)}`);
  }

  throw new Error(`No Kafka broker and Postgres server for the tests. Tried:\n${tried.map((line) => `  - ${line}`).join('\n')}\n${WHAT_TO_START}`);
}

async function startBoth(
  needs: Needs,
  starters: { kafka: () => Promise<Started<string[]>>; postgres: () => Promise<Started<string>> },
): Promise<Parts> {
  const [kafka, postgres] = await Promise.allSettled([
    needs.kafka ? starters.kafka() : Promise.resolve(undefined),
    needs.postgres ? starters.postgres() : Promise.resolve(undefined),
  ]);
  const parts: Parts = {
    kafka: kafka.status === 'fulfilled' ? kafka.value : undefined,
    postgres: postgres.status === 'fulfilled' ? postgres.value : undefined,
  };
  const failures = [kafka, postgres].filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length === 0) return parts;
  await stopParts(parts);
  throw new Error(failures.map((failure) => errorMessage(failure.reason)).join('\n    '));
}

async function stopParts(parts: Parts): Promise<void> {
  const results = await Promise.allSettled([parts.kafka?.stop(), parts.postgres?.stop()]);
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length > 0) throw new Error(`Stopping test infrastructure failed: ${failures.map((f) => errorMessage(f.reason)).join('; ')}`);
}

export function parseBrokers(value: string | undefined): string[] | undefined {
  const brokers = (value ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  return brokers.length > 0 ? brokers : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

// ---- Docker (testcontainers) ----

/** A quick look for an engine before loading testcontainers, which otherwise probes for a while. */
async function findDockerEngine(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env['DOCKER_HOST']) return `DOCKER_HOST=${env['DOCKER_HOST']}`;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const sockets = [
    '/var/run/docker.sock',
    path.join(os.homedir(), '.docker', 'run', 'docker.sock'),
    path.join(os.homedir(), '.docker', 'desktop', 'docker.sock'),
    ...(uid === undefined ? [] : [`/run/user/${uid}/docker.sock`, `/run/user/${uid}/podman/podman.sock`]),
  ];
  for (const socket of sockets) {
    if (fs.existsSync(socket) && (await socketAnswers(socket))) return socket;
  }
  return undefined;
}

function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ path: socketPath });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

type Testcontainers = typeof import('testcontainers');

async function loadTestcontainers(): Promise<Testcontainers> {
  return import('testcontainers');
}

/** Kafka's cluster id format: 16 random bytes, URL-safe base64 without padding (22 characters). */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * A PLAINTEXT broker without an authorizer: the image's SCRAM users would have to be added at format time
 * through its start script, which is not wired (no Docker engine to try it on here). Tests that need the
 * secured broker (tests/e2e/src/security) start their own through the local launcher.
 */
async function startDockerKafka(): Promise<Started<string[]>> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  // The advertised address needs the mapped host port, known only after the container starts, so the
  // container waits for it in a file before running the image's own start script.
  const listenersFile = '/tmp/vt-advertised-listeners';
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withEnvironment({
      CLUSTER_ID: randomClusterId(),
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9094',
      KAFKA_NUM_PARTITIONS: '1',
      KAFKA_DEFAULT_REPLICATION_FACTOR: '1',
      KAFKA_MIN_INSYNC_REPLICAS: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withExposedPorts(9092)
    .withCommand([
      'sh',
      '-c',
      `echo vt-waiting-for-listeners; while [ ! -f ${listenersFile} ]; do sleep 0.1; done; ` +
        `export KAFKA_ADVERTISED_LISTENERS="$(cat ${listenersFile})"; exec /etc/kafka/docker/run`,
    ])
    .withWaitStrategy(Wait.forLogMessage('vt-waiting-for-listeners'))
    .withStartupTimeout(120_000)
    .start();
  try {
    const brokers = [`${container.getHost()}:${container.getMappedPort(9092)}`];
    const listeners = `PLAINTEXT://${brokers[0]},BROKER://localhost:9093`;
    const handOver = await container.exec([
      'sh',
      '-c',
      `printf '%s' "$1" > ${listenersFile}.tmp && mv ${listenersFile}.tmp ${listenersFile}`,
      'sh',
      listeners,
    ]);
    if (handOver.exitCode !== 0) throw new Error(`could not pass the advertised listeners to the Kafka container: ${handOver.output}`);
    await waitForKafkaMetadata(brokers, 90_000);
    return { value: brokers, stop: async () => void (await container.stop()) };
  } catch (error) {
    await container.stop().catch(() => undefined);
    throw error;
  }
}

async function startDockerPostgres(): Promise<Started<string>> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(POSTGRES_IMAGE)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withCommand(['postgres', '-c', 'fsync=on', '-c', 'max_connections=200', '-c', 'timezone=UTC'])
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(120_000)
    .start();
  return {
    value: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => void (await container.stop()),
  };
}

// ---- local launchers (run as child processes: they are ES modules, and Jest's sandbox cannot import those) ----

export interface LocalKafka {
  brokers: string[];
  pid: number;
  port: number;
  dataDir: string;
  logFile: string;
}

export interface LocalPostgres {
  url: string;
  pid: number;
  port: number;
  dataDir: string;
  logFile: string;
}

/** A launcher failure; `prerequisiteMissing` when Java, Maven or initdb is not installed. */
export class LauncherError extends Error {
  constructor(
    message: string,
    readonly prerequisiteMissing: boolean,
  ) {
    super(message);
    this.name = 'LauncherError';
  }
}

export function runLauncher(script: string, args: string[], timeoutMs = 240_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const detail = stderr.trim() || error.message;
        reject(new LauncherError(`${path.relative(REPO_ROOT, script)} ${args[0] ?? ''}: ${detail}`, error.code === 3));
      },
    );
  });
}

export function parseLastJsonLine(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').pop() ?? '';
  const parsed: unknown = JSON.parse(line);
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`launcher printed no JSON object: ${line}`);
  return parsed as Record<string, unknown>;
}

function field<T>(record: Record<string, unknown>, name: string, check: (value: unknown) => value is T): T {
  const value = record[name];
  if (!check(value)) throw new Error(`launcher output lacks a valid "${name}": ${JSON.stringify(record)}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

export async function startLocalKafka(
  dataDir: string,
  options: { port?: number; heapMb?: number; /** secure mode: a JSON file the launcher reads (see infra/kafka/README.md) */ securityFile?: string } = {},
): Promise<LocalKafka> {
  const args = ['start', '--json', '--data-dir', dataDir];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.heapMb !== undefined) args.push('--heap-mb', String(options.heapMb));
  if (options.securityFile !== undefined) args.push('--security-file', options.securityFile);
  const out = parseLastJsonLine(await runLauncher(KAFKA_LAUNCHER, args));
  return {
    brokers: field(out, 'brokers', isStringArray),
    pid: field(out, 'pid', isNumber),
    port: field(out, 'port', isNumber),
    dataDir: field(out, 'dataDir', isString),
    logFile: field(out, 'logFile', isString),
  };
}

export async function stopLocalKafka(dataDir: string): Promise<void> {
  await runLauncher(KAFKA_LAUNCHER, ['stop', '--json', '--data-dir', dataDir]);
}

export async function startLocalPostgres(dataDir: string, options: { port?: number } = {}): Promise<LocalPostgres> {
  const args = ['start', '--json', '--data-dir', dataDir];
  if (options.port !== undefined) args.push('--port', String(options.port));
  const out = parseLastJsonLine(await runLauncher(POSTGRES_LAUNCHER, args));
  return {
    url: field(out, 'url', isString),
    pid: field(out, 'pid', isNumber),
    port: field(out, 'port', isNumber),
    dataDir: field(out, 'dataDir', isString),
    logFile: field(out, 'logFile', isString),
  };
}

export async function stopLocalPostgres(dataDir: string): Promise<void> {
  await runLauncher(POSTGRES_LAUNCHER, ['stop', '--json', '--data-dir', dataDir]);
}

async function startLocalPart<R, T>(
  dataDir: string,
  start: (dir: string) => Promise<R>,
  stop: (dir: string) => Promise<void>,
  pick: (started: R) => T,
): Promise<Started<T>> {
  const started = await start(dataDir).catch(async (error: unknown) => {
    await stop(dataDir).catch(() => undefined);
    throw error;
  });
  return {
    value: pick(started),
    stop: async () => {
      await stop(dataDir);
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- per-run folders under .local/test-infra/ ----

interface Owner {
  pid: number;
  createdAt: string;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function testRunDir(runId: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(runId)) throw new Error(`Unusable test run id: ${runId}`);
  return path.join(TEST_INFRA_DIR, runId);
}

/**
 * Creates .local/test-infra/<runId>/ owned by this process, after cleaning up the folders of runs whose
 * owner died without tearing down (a killed Jest leaves brokers and clusters running otherwise).
 */
export async function ensureTestRunDir(runId: string, ownerPid: number = process.pid): Promise<string> {
  const dir = testRunDir(runId);
  await cleanupAbandonedTestRuns();
  await fsp.mkdir(dir, { recursive: true });
  const ownerFile = path.join(dir, OWNER_FILE);
  if (!fs.existsSync(ownerFile)) {
    const owner: Owner = { pid: ownerPid, createdAt: new Date().toISOString() };
    await fsp.writeFile(ownerFile, `${JSON.stringify(owner)}\n`);
  }
  return dir;
}

async function readOwner(dir: string): Promise<Owner | undefined> {
  try {
    const parsed: unknown = JSON.parse(await fsp.readFile(path.join(dir, OWNER_FILE), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && isNumber((parsed as Record<string, unknown>)['pid'])) return parsed as Owner;
  } catch {
    return undefined;
  }
  return undefined;
}

export async function cleanupAbandonedTestRuns(): Promise<void> {
  let entries: string[];
  try {
    entries = await fsp.readdir(TEST_INFRA_DIR);
  } catch {
    return;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const dir = path.join(TEST_INFRA_DIR, entry);
      const owner = await readOwner(dir);
      if (owner ? processIsAlive(owner.pid) : Date.now() - (await fsp.stat(dir)).mtimeMs < 10 * 60_000) return;
      await cleanupTestRunDir(dir);
    }),
  );
}

/** Stops every broker and cluster a run's folder holds (the shared ones and private ones tests forgot) and removes it. */
export async function cleanupTestRunDir(dir: string): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const sub = path.join(dir, entry.name);
        // A single broker keeps launcher.json in its data dir, a cluster cluster.json (the launcher's `stop` stops every node).
        if (fs.existsSync(path.join(sub, 'launcher.json')) || fs.existsSync(path.join(sub, 'cluster.json'))) await stopLocalKafka(sub).catch(() => undefined);
        if (fs.existsSync(path.join(sub, 'pgdata'))) await stopLocalPostgres(sub).catch(() => undefined);
      }),
  );
  await fsp.rm(dir, { recursive: true, force: true });
}

// ---- readiness ----

/** Resolves once the brokers answer a metadata request listing at least one broker. */
export async function waitForKafkaMetadata(brokers: string[], timeoutMs = 60_000, sasl?: SASLOptions): Promise<void> {
  const admin = new Kafka({ clientId: 'vt-test-readiness', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, ...(sasl ? { sasl } : {}) }).admin();
  try {
    await waitFor(
      async () => {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      },
      { description: `Kafka at ${brokers.join(',')} to answer a metadata request`, timeoutMs, intervalMs: 250 },
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * On a fresh broker the group coordinator is unavailable until `__consumer_offsets` exists and is loaded.
 * This joins a throw-away group, consumes and commits one record, and checks the commit, so tests start
 * against a broker where consumer groups work at once.
 */
export async function waitForKafkaConsumerGroups(brokers: string[], timeoutMs = 60_000, sasl?: SASLOptions): Promise<void> {
  const kafka = new Kafka({ clientId: 'vt-test-readiness', brokers, logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) });
  const topic = `vt-test-readiness-${uniqueToken(10)}`;
  const groupId = topic;
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const deadline = Date.now() + timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  let topicCreated = false;
  try {
    await admin.connect();
    topicCreated = await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: false });
    await waitForLeaders(admin, [topic], remaining());
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'ready?' }] });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) reject(event.payload.error);
        });
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
              resolve();
            },
          })
          .catch(reject);
      }),
      remaining(),
      `a consumer group on ${brokers.join(',')} to join and commit`,
    );
    await waitFor(
      async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return offsets?.partitions[0]?.offset === '1';
      },
      { description: `the committed offset of group ${groupId}`, timeoutMs: remaining() },
    );
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    if (topicCreated) await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

export async function waitForPostgres(databaseUrl: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      const client = new Client({ connectionString: databaseUrl });
      try {
        await client.connect();
        const result = await client.query<{ one: number }>('select 1 as one');
        return result.rows[0]?.one === 1;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    { description: `Postgres at ${redactUrl(databaseUrl)} to answer select 1`, timeoutMs, intervalMs: 200 },
  );
}

