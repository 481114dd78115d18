#!/usr/bin/env node
// `npm run infra:up | infra:down` (and `node tools/infra.mjs status`): one Kafka broker and one Postgres
// cluster for local development, kept under .local/infra/ across runs. Addresses given in the
// environment (KAFKA_BROKERS, DATABASE_URL) win: then nothing is started for them.
// The broker is the secured one (SASL/SCRAM, ACLs; docs/adr/0012): every principal of libs/kafka-access
// is a SCRAM user from format time, with passwords in .local/infra/kafka-credentials.json (git-ignored).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrerequisiteError as KafkaPrerequisiteError, fetchKafka, kafkaStatus, startKafka, stopKafka } from '../infra/kafka/kafka.mjs';
import { ensureDependencies } from './ensure-deps.mjs';
import { PrerequisiteError as PostgresPrerequisiteError, postgresStatus, startPostgres, stopPostgres } from '../infra/postgres/postgres.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INFRA_DIR = path.join(REPO_ROOT, '.local', 'infra');
const KAFKA_DIR = path.join(INFRA_DIR, 'kafka');
const POSTGRES_DIR = path.join(INFRA_DIR, 'postgres');
const LOCK_FILE = path.join(INFRA_DIR, 'up.lock');
export const KAFKA_CREDENTIALS = path.join(INFRA_DIR, 'kafka-credentials.json');
/** The users the dev broker was formatted with; later additions to the directory are not among them. */
const KAFKA_FORMATTED_USERS = path.join(KAFKA_DIR, 'formatted-users.json');

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

async function kafkaUp(log) {
  const status = await kafkaStatus(KAFKA_DIR);
  const state = readJson(path.join(KAFKA_DIR, 'launcher.json'));
  if (status.formatted && !state?.secure) {
    throw new Error(
      `The dev broker in ${relative(KAFKA_DIR)} was formatted without SASL/ACLs (before the secured broker became the default). ` +
        `Re-create it (this drops its topics): npm run infra:down && rm -rf ${relative(KAFKA_DIR)} && npm run infra:up`,
    );
  }
  // Passwords for every principal of the access table; new partners in the directory get one here.
  const credentials = kafkaAccess(['credentials', KAFKA_CREDENTIALS]);
  let brokers = status.brokers;
  if (status.running && status.answering) {
    log(`kafka: already running (pid ${status.pid}), SASL/SCRAM with ACLs, log ${relative(status.logFile)}`);
  } else {
    if (status.running) await stopKafka(KAFKA_DIR);
    await fetchKafka();
    const broker = await startKafka({ dataDir: KAFKA_DIR, security: JSON.parse(fs.readFileSync(KAFKA_CREDENTIALS, 'utf8')) });
    brokers = broker.brokers;
    if (!status.formatted) fs.writeFileSync(KAFKA_FORMATTED_USERS, `${JSON.stringify(credentials.users)}\n`);
    log(`kafka: started pid ${broker.pid} in ${broker.startupMs} ms (SASL/SCRAM with ACLs, ${credentials.users.length} users), log ${relative(broker.logFile)}`);
  }
  const formatted = new Set(readJson(KAFKA_FORMATTED_USERS) ?? credentials.users);
  const missing = credentials.users.filter((name) => !formatted.has(name));
  if (missing.length > 0) {
    // SCRAM users exist from format time only (kafkajs cannot create them); ACLs for them are harmless until then.
    log(
      `kafka: ${missing.length} principal(s) joined the partner directory after the dev broker was formatted and cannot log in yet ` +
        `(${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}). Services are not affected. To add them, re-create the broker ` +
        `(drops its topics): npm run infra:down && rm -rf ${relative(KAFKA_DIR)} && npm run infra:up`,
    );
  }
  return brokers.join(',');
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
export async function infraUp({ log = stderrLog } = {}) {
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
    const [kafka, postgres] = await Promise.allSettled([fromEnv.kafka ?? kafkaUp(log), fromEnv.postgres ?? postgresUp(log)]);
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

/** Stops what `infraUp` started; the data under .local/infra/ stays for the next `up`. */
export async function infraDown({ log = stderrLog } = {}) {
  const [kafka, postgres] = await Promise.all([stopKafka(KAFKA_DIR), stopPostgres(POSTGRES_DIR)]);
  log(kafka.stopped ? `kafka: stopped pid ${kafka.pid}` : 'kafka: was not running');
  log(postgres.stopped ? `postgres: stopped pid ${postgres.pid}` : 'postgres: was not running');
  return { kafka, postgres };
}

export async function infraStatus() {
  const [kafka, postgres] = await Promise.all([kafkaStatus(KAFKA_DIR), postgresStatus(POSTGRES_DIR)]);
  return { kafka, postgres };
}

async function main(command) {
  switch (command) {
    case 'up': {
      const { kafkaBrokers, databaseUrl, kafkaCredentialsFile, source } = await infraUp();
      process.stdout.write(`KAFKA_BROKERS=${kafkaBrokers}\n${kafkaCredentialsFile ? `KAFKA_CREDENTIALS_FILE=${kafkaCredentialsFile}\n` : ''}DATABASE_URL=${databaseUrl}\n`);
      if (source !== 'env') stderrLog(`data and logs: ${relative(INFRA_DIR)}/ (stop with \`npm run infra:down\`)`);
      return 0;
    }
    case 'down':
      await infraDown();
      return 0;
    case 'status': {
      const { kafka, postgres } = await infraStatus();
      const kafkaLine = kafka.running
        ? `running, pid ${kafka.pid}, KAFKA_BROKERS=${kafka.brokers.join(',')}, ${kafka.answering ? 'answering' : 'NOT answering'}`
        : 'stopped';
      const postgresLine = postgres.running ? `running, pid ${postgres.pid}, DATABASE_URL=${postgres.url}${postgres.ready ? '' : ' (not ready)'}` : 'stopped';
      process.stdout.write(`kafka:    ${kafkaLine}\n          log ${relative(kafka.logFile ?? path.join(KAFKA_DIR, 'broker.log'))}\n`);
      process.stdout.write(`postgres: ${postgresLine}\n          log ${relative(postgres.logFile)}\n`);
      return kafka.running && kafka.answering && postgres.running ? 0 : 1;
    }
    default:
      process.stderr.write(
        'Usage: node tools/infra.mjs up|down|status\n' +
          '  up      start Kafka (secured: SASL/SCRAM, ACLs) and Postgres under .local/infra/ (unless KAFKA_BROKERS /\n' +
          '          DATABASE_URL are set) and print KAFKA_BROKERS, KAFKA_CREDENTIALS_FILE and DATABASE_URL\n' +
          '          (e.g. `export $(node tools/infra.mjs up)`)\n' +
          '  down    stop them; data stays for the next up\n' +
          '  status  show what runs (exit code 1 when something is not running)\n',
      );
      return 2;
  }
}

const invokedDirectly = process.argv[1] && fs.realpathSync(path.resolve(process.argv[1])) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv[2]).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof KafkaPrerequisiteError || error instanceof PostgresPrerequisiteError ? 3 : 1;
    },
  );
}
