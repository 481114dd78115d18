import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PRINCIPAL, KafkaCredentials, readCredentials, SaslScram, saslFor } from '@vt/kafka-access';

/** Names the credentials of a secured broker (libs/kafka-access); global setup sets it for the run's broker. */
export const KAFKA_CREDENTIALS_FILE = 'KAFKA_CREDENTIALS_FILE';

let cached: { file: string; credentials: KafkaCredentials } | undefined;

/**
 * Points this process (and the processes it starts) at `infra`: KAFKA_BROKERS, DATABASE_URL, and KAFKA_CREDENTIALS_FILE
 * when the broker is the secured one (unset for a plaintext one). `testEnvironment()`, `runKafkaSasl` and services
 * started by `startService` then log in to it.
 */
export function useInfra(infra: { kafkaBrokers: string[]; databaseUrl: string; kafkaCredentialsFile?: string }): void {
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  if (infra.kafkaCredentialsFile) process.env[KAFKA_CREDENTIALS_FILE] = infra.kafkaCredentialsFile;
  else delete process.env[KAFKA_CREDENTIALS_FILE];
}

/** The run's broker credentials, or undefined when the run's broker is plaintext. */
export function runKafkaCredentials(env: NodeJS.ProcessEnv = process.env): KafkaCredentials | undefined {
  const file = env[KAFKA_CREDENTIALS_FILE]?.trim();
  if (!file) return undefined;
  if (cached?.file !== file) {
    const read = readCredentials(file);
    const added = addedUsers(file).filter((user) => !read.users.some((known) => known.name === user.name));
    cached = { file, credentials: { ...read, users: [...read.users, ...added] } };
  }
  return cached.credentials;
}

/** kafkajs `sasl` options for a principal of the run's broker (default: the admin), or undefined on a plaintext broker. */
export function runKafkaSasl(principal: string = ADMIN_PRINCIPAL): SaslScram | undefined {
  const credentials = runKafkaCredentials();
  return credentials ? saslFor(credentials, principal) : undefined;
}

/**
 * The admin's `sasl` options if `brokers` are the run's secured broker, else undefined: harness clients
 * (TopicReader, readiness checks) then work unchanged against a test's own plaintext broker.
 */
export function harnessSaslFor(brokers: readonly string[]): SaslScram | undefined {
  const runBrokers = process.env['KAFKA_BROKERS']?.split(',').map((broker) => broker.trim());
  const same = runBrokers !== undefined && runBrokers.length === brokers.length && runBrokers.every((broker, index) => broker === brokers[index]);
  return same ? runKafkaSasl() : undefined;
}

/**
 * Principals a long-lived broker lacks because it was formatted before they were added to the access table (a new
 * service, say `svc-signal-matching`, on the shared dev broker): each gets a SCRAM user now, made by the admin through
 * Kafka's own `ConfigCommand` (AlterUserScramCredentials; kafkajs has no such call), and its password is kept in
 * `.local/test-infra/added-users/` of this checkout, next to the run's credentials, never in the broker's own file.
 * A broker the run formatted itself already has every principal, so nothing happens there.
 */
export function ensureRunPrincipals(principals: readonly string[]): void {
  const credentials = runKafkaCredentials();
  const file = process.env[KAFKA_CREDENTIALS_FILE]?.trim();
  if (!credentials || !file) return;
  const missing = principals.filter((name) => !credentials.users.some((user) => user.name === name));
  if (missing.length === 0) return;
  const brokers = process.env['KAFKA_BROKERS'] ?? '';
  const admin = saslFor(credentials, ADMIN_PRINCIPAL);
  const dir = join(REPO_ROOT_FOR_USERS, '.local', 'test-infra', 'added-users');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const commandConfig = join(dir, `admin-${process.pid}.properties`);
  writeFileSync(
    commandConfig,
    `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";\n`,
    { mode: 0o600 },
  );
  try {
    for (const name of missing) {
      const password = randomBytes(24).toString('hex');
      const result = spawnSync(
        'java',
        ['-cp', `${kafkaLibDir()}/*`, 'org.apache.kafka.tools.ConfigCommand', '--bootstrap-server', brokers, '--command-config', commandConfig, '--alter', '--add-config', `SCRAM-SHA-512=[iterations=4096,password=${password}]`, '--entity-type', 'users', '--entity-name', name],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (result.status !== 0) throw new Error(`could not add the SCRAM user ${name} to the broker ${brokers}: ${(result.stderr || result.stdout || String(result.error)).split('\n').slice(0, 3).join(' ')}`);
      credentials.users.push({ name, password });
    }
  } finally {
    rmSync(commandConfig, { force: true });
  }
  writeFileSync(addedUsersFile(file), `${JSON.stringify({ users: credentials.users.filter((user) => addedNames(file).has(user.name) || missing.includes(user.name)) }, null, 1)}\n`, { mode: 0o600 });
}

const REPO_ROOT_FOR_USERS = join(__dirname, '..', '..', '..');

function addedUsersFile(credentialsFile: string): string {
  const key = createHash('sha256').update(`${credentialsFile}|${process.env['KAFKA_BROKERS'] ?? ''}`).digest('hex').slice(0, 16);
  return join(REPO_ROOT_FOR_USERS, '.local', 'test-infra', 'added-users', `${key}.json`);
}

function addedNames(credentialsFile: string): Set<string> {
  const file = addedUsersFile(credentialsFile);
  if (!existsSync(file)) return new Set();
  return new Set((JSON.parse(readFileSync(file, 'utf8')) as { users: { name: string }[] }).users.map((user) => user.name));
}

/** The users added by `ensureRunPrincipals` for this broker (merged into the run's credentials). */
function addedUsers(credentialsFile: string): { name: string; password: string }[] {
  const file = addedUsersFile(credentialsFile);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { users: { name: string; password: string }[] }).users : [];
}

/** The pinned Kafka's jars (infra/kafka/pom.xml; fetched by `infra/kafka/kafka.mjs fetch`). */
function kafkaLibDir(): string {
  const pom = readFileSync(join(REPO_ROOT_FOR_USERS, 'infra', 'kafka', 'pom.xml'), 'utf8');
  const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('infra/kafka/pom.xml declares no <kafka.version>');
  return join(REPO_ROOT_FOR_USERS, 'infra', 'kafka', 'lib', version);
}
