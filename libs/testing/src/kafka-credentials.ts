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
  if (cached?.file !== file) cached = { file, credentials: readCredentials(file) };
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
