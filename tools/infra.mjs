#!/usr/bin/env node
// `npm run infra:up | infra:down` (and `node tools/infra.mjs status`): one Kafka broker (or with `--brokers 3`
// a cluster of three) and one Postgres cluster for local development, kept under .local/infra/ across runs. Addresses given in the
// environment (KAFKA_BROKERS, DATABASE_URL) win: then nothing is started for them.
// The broker is the secured one (SASL/SCRAM, ACLs; docs/adr/0012): every principal of libs/kafka-access
// is a SCRAM user from format time, with passwords in .local/infra/kafka-credentials.json (git-ignored).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  PrerequisiteError as KafkaPrerequisiteError,
  fetchKafka,
  kafkaLibDir,
  kafkaClusterStatus,
  kafkaStatus,
  startKafka,
  startKafkaCluster,
  stopKafka,
  stopKafkaCluster,
} from '../infra/kafka/kafka.mjs';
import { ensureDependencies } from './ensure-deps.mjs';
import { PrerequisiteError as PostgresPrerequisiteError, postgresStatus, startPostgres, stopPostgres } from '../infra/postgres/postgres.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INFRA_DIR = path.join(REPO_ROOT, '.local', 'infra');
const KAFKA_DIR = path.join(INFRA_DIR, 'kafka');
/** `--brokers 3`: three combined KRaft nodes (infra/kafka/README.md), beside the single broker's data. */
const KAFKA_CLUSTER_DIR = path.join(INFRA_DIR, 'kafka-cluster');
const POSTGRES_DIR = path.join(INFRA_DIR, 'postgres');
const LOCK_FILE = path.join(INFRA_DIR, 'up.lock');
export const KAFKA_CREDENTIALS = path.join(INFRA_DIR, 'kafka-credentials.json');
/** The users a dev broker (or cluster) was formatted with; later additions to the directory are not among them. */
const formattedUsersFile = (dir) => path.join(dir, 'formatted-users.json');

const relative = (file) => path.relative(process.cwd(), file) || '.';
const stderrLog = (line) => process.stderr.write(`${line}\n`);

function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Serialises concurrent `up`s (e.g. `npm start` while `infra:up` runs) so nothing starts twice. */
async function withLock(work) {
  await fsp.mkdir(INFRA_DIR, { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const handle = await fsp.open(LOCK_FILE, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await fsp.readFile(LOCK_FILE, 'utf8').catch(() => ''), 10);
      if (!holder || !processIsAlive(holder)) {
        await fsp.rm(LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another \`infra up\` (pid ${holder}) holds ${LOCK_FILE} for over 3 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await fsp.rm(LOCK_FILE, { force: true });
  }
}

/** Runs tools/kafka-access.ts (TypeScript, libs/kafka-access) and returns its JSON line. */
function kafkaAccess(args) {
  ensureDependencies();
  const result = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'tools/kafka-access.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tools/kafka-access.ts ${args[0]} failed: ${(result.stderr || result.stdout).trim()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The dev Kafka of `brokers` nodes: its data dir, status and start, the same shape for one broker and a cluster. */
function devKafka(brokers) {
  if (brokers === 1) {
    return {
      dir: KAFKA_DIR,
      what: 'kafka',
      status: () => kafkaStatus(KAFKA_DIR),
      start: (security) => startKafka({ dataDir: KAFKA_DIR, security }),
      stop: () => stopKafka(KAFKA_DIR),
    };
  }
  return {
    dir: KAFKA_CLUSTER_DIR,
    what: `kafka (${brokers} nodes)`,
    status: () => kafkaClusterStatus(KAFKA_CLUSTER_DIR),
    start: (security) => startKafkaCluster({ dataDir: KAFKA_CLUSTER_DIR, nodes: brokers, security }),
    stop: () => stopKafkaCluster(KAFKA_CLUSTER_DIR),
  };
}

/**
 * How many brokers `up` runs: the number asked for, else whichever dev Kafka runs already (so `npm start` after
 * `npm run infra:up -- --brokers 3` uses the cluster), else one. One broker and the cluster never run together.
 */
async function chooseBrokers(asked) {
  const [single, cluster] = await Promise.all([kafkaStatus(KAFKA_DIR, { probe: false }), kafkaClusterStatus(KAFKA_CLUSTER_DIR, { probe: false })]);
  const clusterRuns = cluster.nodes.some((node) => node.running);
  if (asked === undefined) return clusterRuns ? cluster.nodes.length : 1;
  if (asked === 1 && clusterRuns) throw new Error(`The ${cluster.nodes.length}-node dev cluster runs; stop it first (npm run infra:down) to run one broker`);
  if (asked > 1 && single.running) throw new Error(`The single dev broker runs; stop it first (npm run infra:down) to run ${asked} brokers`);
  return asked;
}

async function kafkaUp(log, brokers) {
  const kafka = devKafka(brokers);
  const status = await kafka.status();
  const state = brokers === 1 ? readJson(path.join(KAFKA_DIR, 'launcher.json')) : readJson(path.join(KAFKA_CLUSTER_DIR, 'cluster.json'));
  if (status.formatted && !state?.secure) {
    throw new Error(
      `The dev broker in ${relative(kafka.dir)} was formatted without SASL/ACLs (before the secured broker became the default). ` +
        `Re-create it (this drops its topics): npm run infra:down && rm -rf ${relative(kafka.dir)} && npm run infra:up${brokers === 1 ? '' : ` -- --brokers ${brokers}`}`,
    );
  }
  // Passwords for every principal of the access table; new partners in the directory get one here.
  const credentials = kafkaAccess(['credentials', KAFKA_CREDENTIALS]);
  let brokerList = status.brokers;
  if (status.running && status.answering) {
    log(`${kafka.what}: already running (${brokers === 1 ? `pid ${status.pid}` : `pids ${status.nodes.map((node) => node.pid).join(', ')}`}), SASL/SCRAM with ACLs, log ${relative(brokers === 1 ? status.logFile : path.join(kafka.dir, 'node-*', 'broker.log'))}`);
  } else {
    // A single broker that runs but does not answer is restarted; a cluster starts the nodes that do not run.
    if (brokers === 1 && status.running) await kafka.stop();
    await fetchKafka();
    const started = await kafka.start(JSON.parse(fs.readFileSync(KAFKA_CREDENTIALS, 'utf8')));
    brokerList = started.brokers;
    if (!status.formatted) fs.writeFileSync(formattedUsersFile(kafka.dir), `${JSON.stringify(credentials.users)}\n`);
    const pids = brokers === 1 ? `pid ${started.pid}` : `node(s) ${started.started.join(', ')} (pids ${started.nodes.map((node) => node.pid).join(', ')})`;
    log(`${kafka.what}: started ${pids} in ${started.startupMs} ms (SASL/SCRAM with ACLs, ${credentials.users.length} users), log ${relative(brokers === 1 ? started.logFile : path.join(kafka.dir, 'node-*', 'broker.log'))}`);
  }
  const formatted = new Set(readJson(formattedUsersFile(kafka.dir)) ?? credentials.users);
  const missing = credentials.users.filter((name) => !formatted.has(name));
  // A service or system principal added since the broker was formatted (a new service, say svc-shelter-placement) gets
  // its SCRAM user now, or that service could not log in; partners joining the directory are many and need not.
  const added = addScramUsers(brokerList, missing.filter((name) => !name.startsWith('partner-')), log, kafka.what);
  if (added.length > 0) fs.writeFileSync(formattedUsersFile(kafka.dir), `${JSON.stringify([...formatted, ...added])}\n`);
  const stillMissing = missing.filter((name) => !added.includes(name));
  if (stillMissing.length > 0) {
    // SCRAM users exist from format time only (kafkajs cannot create them); ACLs for them are harmless until then.
    const services = stillMissing.filter((name) => !name.startsWith('partner-'));
    log(
      `${kafka.what}: ${stillMissing.length} principal(s) were added to the access table after the dev broker was formatted and cannot log in yet ` +
        `(${stillMissing.slice(0, 3).join(', ')}${stillMissing.length > 3 ? ', …' : ''}). ${services.length > 0 ? `Services among them (${services.join(', ')}) cannot publish or consume.` : 'Services are not affected.'} ` +
        `To add them, re-create the broker (drops its topics): npm run infra:down && rm -rf ${relative(kafka.dir)} && npm run infra:up${brokers === 1 ? '' : ` -- --brokers ${brokers}`}`,
    );
  }
  return brokerList.join(',');
}

/**
 * Gives each of `names` its SCRAM user on a running dev broker, with the password the credentials file already holds,
 * through Kafka's own ConfigCommand as the admin (AlterUserScramCredentials; kafkajs has no such call). Returns the
 * names added; a failure is logged and leaves the rest to the caller's message.
 */
function addScramUsers(brokerList, names, log, what) {
  if (names.length === 0) return [];
  const users = new Map(JSON.parse(fs.readFileSync(KAFKA_CREDENTIALS, 'utf8')).users.map((user) => [user.name, user.password]));
  const admin = users.get('vt-admin');
  if (!admin) return [];
  const commandConfig = path.join(INFRA_DIR, `admin-${process.pid}.properties`);
  fs.writeFileSync(
    commandConfig,
    `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="vt-admin" password="${admin}";\n`,
    { mode: 0o600 },
  );
  const added = [];
  try {
    for (const name of names) {
      const password = users.get(name);
      if (!password) continue;
      const result = spawnSync(
        'java',
        ['-cp', `${kafkaLibDir()}/*`, 'org.apache.kafka.tools.ConfigCommand', '--bootstrap-server', brokerList.join(','), '--command-config', commandConfig, '--alter', '--add-config', `SCRAM-SHA-512=[iterations=4096,password=${password}]`, '--entity-type', 'users', '--entity-name', name],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (result.status !== 0) {
        log(`${what}: could not add the SCRAM user ${name}: ${(result.stderr || result.stdout || String(result.error)).split('\n').slice(0, 2).join(' ')}`);
        continue;
      }
      added.push(name);
    }
  } finally {
    fs.rmSync(commandConfig, { force: true });
  }
  if (added.length > 0) log(`${what}: added ${added.length} principal(s) the broker was formatted without: ${added.join(', ')}`);
  return added;
}

/** Puts the access table's ACLs on a secured broker (idempotent), for the deployment's TOPIC_PREFIX. */
function applyAcls(kafkaBrokers, credentialsFile, log) {
  const applied = kafkaAccess(['apply', kafkaBrokers, credentialsFile, process.env.TOPIC_PREFIX?.trim() ?? '']);
  log(`kafka: ${applied.acls} ACLs in place for ${applied.partners} partners (directory ${applied.directoryVersion}) in ${applied.ms} ms`);
}

async function postgresUp(log) {
  const status = postgresStatus(POSTGRES_DIR);
  if (status.running) {
    log(`postgres: already running (pid ${status.pid}), log ${relative(status.logFile)}`);
    return status.url;
  }
  const server = await startPostgres({ dataDir: POSTGRES_DIR });
  log(`postgres: ${server.created ? 'created and ' : ''}started pid ${server.pid} in ${server.startupMs} ms, log ${relative(server.logFile)}`);
  return server.url;
}

/**
 * Makes sure a broker and a database are reachable and returns their addresses.
 * `kafkaBrokers` is a comma-separated list, exactly as KAFKA_BROKERS expects it.
 */
export async function infraUp({ log = stderrLog, brokers } = {}) {
  const fromEnv = { kafka: process.env.KAFKA_BROKERS?.trim(), postgres: process.env.DATABASE_URL?.trim() };
  // A broker from the environment is secured when its credentials file comes with it; without one it is used as PLAINTEXT.
  const envCredentials = fromEnv.kafka ? process.env.KAFKA_CREDENTIALS_FILE?.trim() || undefined : undefined;
  if (fromEnv.kafka) log(`kafka: using KAFKA_BROKERS from the environment (${envCredentials ? `secured, credentials ${relative(envCredentials)}` : 'PLAINTEXT: no KAFKA_CREDENTIALS_FILE'})`);
  if (fromEnv.postgres) log('postgres: using DATABASE_URL from the environment');
  if (envCredentials) applyAcls(fromEnv.kafka, envCredentials, log);
  if (fromEnv.kafka && fromEnv.postgres) {
    return { kafkaBrokers: fromEnv.kafka, databaseUrl: fromEnv.postgres, ...(envCredentials ? { kafkaCredentialsFile: envCredentials } : {}), source: 'env' };
  }

  return withLock(async () => {
    const kafkaUpIfNeeded = async () => fromEnv.kafka ?? kafkaUp(log, await chooseBrokers(brokers));
    const [kafka, postgres] = await Promise.allSettled([kafkaUpIfNeeded(), fromEnv.postgres ?? postgresUp(log)]);
    if (kafka.status === 'rejected' && postgres.status === 'rejected') {
      throw new Error(`Kafka: ${kafka.reason.message}\nPostgres: ${postgres.reason.message}`, { cause: kafka.reason });
    }
    if (kafka.status === 'rejected') throw kafka.reason;
    if (postgres.status === 'rejected') throw postgres.reason;
    const kafkaBrokers = kafka.value;
    const databaseUrl = postgres.value;
    const kafkaCredentialsFile = fromEnv.kafka ? envCredentials : KAFKA_CREDENTIALS;
    if (!fromEnv.kafka) applyAcls(kafkaBrokers, KAFKA_CREDENTIALS, log);
    return { kafkaBrokers, databaseUrl, ...(kafkaCredentialsFile ? { kafkaCredentialsFile } : {}), source: fromEnv.kafka || fromEnv.postgres ? 'mixed' : 'local' };
  });
}

/** Stops what `infraUp` started (one broker or every node of the cluster); the data under .local/infra/ stays for the next `up`. */
export async function infraDown({ log = stderrLog } = {}) {
  const [kafka, cluster, postgres] = await Promise.all([stopKafka(KAFKA_DIR), stopKafkaCluster(KAFKA_CLUSTER_DIR), stopPostgres(POSTGRES_DIR)]);
  const stoppedNodes = cluster.nodes.filter((node) => node.stopped);
  if (kafka.stopped) log(`kafka: stopped pid ${kafka.pid}`);
  if (stoppedNodes.length > 0) log(`kafka (${cluster.nodes.length} nodes): stopped ${stoppedNodes.map((node) => `node ${node.nodeId} pid ${node.pid}`).join(', ')}`);
  if (!kafka.stopped && stoppedNodes.length === 0) log('kafka: was not running');
  log(postgres.stopped ? `postgres: stopped pid ${postgres.pid}` : 'postgres: was not running');
  return { kafka, cluster, postgres };
}

/** What runs: `kafka` is the cluster when one of its nodes runs (or it exists and the single broker does not), else the single broker. */
export async function infraStatus() {
  const [single, cluster, postgres] = await Promise.all([kafkaStatus(KAFKA_DIR), kafkaClusterStatus(KAFKA_CLUSTER_DIR), postgresStatus(POSTGRES_DIR)]);
  const clusterFirst = cluster.nodes.some((node) => node.running) || (cluster.nodes.length > 0 && !single.running);
  return { kafka: clusterFirst ? cluster : single, postgres };
}

async function main(argv) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { brokers: { type: 'string' } } });
  const command = positionals[0];
  let brokers;
  if (values.brokers !== undefined) {
    brokers = Number(values.brokers);
    if (brokers !== 1 && brokers !== 3) throw new Error(`--brokers must be 1 or 3, not ${values.brokers}`);
    if (command !== 'up') throw new Error('--brokers is an option of `up`');
  }
  switch (command) {
    case 'up': {
      const { kafkaBrokers, databaseUrl, kafkaCredentialsFile, source } = await infraUp({ brokers });
      process.stdout.write(`KAFKA_BROKERS=${kafkaBrokers}\n${kafkaCredentialsFile ? `KAFKA_CREDENTIALS_FILE=${kafkaCredentialsFile}\n` : ''}DATABASE_URL=${databaseUrl}\n`);
      if (source !== 'env') stderrLog(`data and logs: ${relative(INFRA_DIR)}/ (stop with \`npm run infra:down\`)`);
      return 0;
    }
    case 'down':
      await infraDown();
      return 0;
    case 'status': {
      const { kafka, postgres } = await infraStatus();
      const pids = kafka.cluster ? `${kafka.nodes.length} nodes, pids ${kafka.nodes.map((node) => node.pid ?? '-').join(', ')}` : `pid ${kafka.pid}`;
      const kafkaLine = kafka.running
        ? `running, ${pids}, KAFKA_BROKERS=${kafka.brokers.join(',')}, ${kafka.answering ? 'answering' : 'NOT answering'}`
        : kafka.cluster && kafka.nodes.some((node) => node.running)
          ? `DEGRADED: node(s) ${kafka.nodes.filter((node) => !node.running).map((node) => node.nodeId).join(', ')} of ${kafka.nodes.length} stopped (\`npm run infra:up\` starts them), KAFKA_BROKERS=${kafka.brokers.join(',')}`
          : 'stopped';
      const postgresLine = postgres.running ? `running, pid ${postgres.pid}, DATABASE_URL=${postgres.url}${postgres.ready ? '' : ' (not ready)'}` : 'stopped';
      const kafkaLog = kafka.cluster ? path.join(kafka.dataDir, 'node-*', 'broker.log') : (kafka.logFile ?? path.join(KAFKA_DIR, 'broker.log'));
      process.stdout.write(`kafka:    ${kafkaLine}\n          log ${relative(kafkaLog)}\n`);
      process.stdout.write(`postgres: ${postgresLine}\n          log ${relative(postgres.logFile)}\n`);
      return kafka.running && kafka.answering && postgres.running ? 0 : 1;
    }
    default:
      process.stderr.write(
        'Usage: node tools/infra.mjs up [--brokers 1|3]|down|status\n' +
          '  up      start Kafka (secured: SASL/SCRAM, ACLs) and Postgres under .local/infra/ (unless KAFKA_BROKERS /\n' +
          '          DATABASE_URL are set) and print KAFKA_BROKERS, KAFKA_CREDENTIALS_FILE and DATABASE_URL\n' +
          '          (e.g. `export $(node tools/infra.mjs up)`)\n' +
          '          --brokers 3: three KRaft nodes (each broker and controller, one quorum), replication factor 3 and\n' +
          '          min.insync.replicas=2 (.local/infra/kafka-cluster/); without it, whichever dev Kafka runs, else one broker\n' +
          '  down    stop them (every node); data stays for the next up\n' +
          '  status  show what runs (exit code 1 when something is not running)\n',
      );
      return 2;
  }
}

const invokedDirectly = process.argv[1] && fs.realpathSync(path.resolve(process.argv[1])) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof KafkaPrerequisiteError || error instanceof PostgresPrerequisiteError ? 3 : 1;
    },
  );
}
