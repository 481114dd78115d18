export interface ServiceConfig {
  service: string;
  httpHost: string;
  httpPort: number;
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  kafkaClientId: string;
  kafkaSasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
  topicPrefix: string;
  /**
   * `RELAY_PASS_IDLE_TIMEOUT_MS` (default 60000): how long a relay pass may wait on the broker while it holds the
   * publishing lock before Postgres ends its session and another instance publishes (docs/adr/0032).
   */
  relayPassIdleTimeoutMs: number;
  /**
   * `DATABASE_PREPARED_STATEMENTS` (default `true`): statements with parameters go as named prepared statements, parsed
   * once per session (docs/adr/0043). `false` for a connection pooler that hands one session's statements to
   * another (PgBouncer in transaction mode before 1.21, or without `max_prepared_statements`).
   */
  databasePreparedStatements: boolean;
}

export interface ServiceDefaults {
  service: string;
  httpPort: number;
  databaseSchema: string;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Reads and checks the service's configuration from the environment once, at start-up. Every problem
 * is reported at once, each with the variable and an example of a valid value.
 */
export function loadServiceConfig(defaults: ServiceDefaults, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const databaseUrl = read('DATABASE_URL');
  if (!databaseUrl) problems.push('DATABASE_URL is missing (e.g. postgres://intake:secret@127.0.0.1:5432/veiligthuis); `npm run infra:up` prints one');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push(`DATABASE_URL must start with postgres:// (got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}")`);

  const brokers = (read('KAFKA_BROKERS') ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) problems.push('KAFKA_BROKERS is missing (comma-separated host:port, e.g. 127.0.0.1:9092); `npm run infra:up` prints one');
  for (const broker of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(broker)) problems.push(`KAFKA_BROKERS entry "${broker}" is not host:port`);

  const portText = read('HTTP_PORT') ?? String(defaults.httpPort);
  const httpPort = Number(portText);
  if (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535) problems.push(`HTTP_PORT must be a port number 0-65535 (got "${portText}")`);

  const databaseSchema = read('DATABASE_SCHEMA') ?? defaults.databaseSchema;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) problems.push(`DATABASE_SCHEMA must be a lower-case Postgres identifier (got "${databaseSchema}")`);

  const topicPrefix = read('TOPIC_PREFIX') ?? '';
  if (!/^[a-zA-Z0-9._-]*$/.test(topicPrefix)) problems.push(`TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-' (got "${topicPrefix}")`);

  const passText = read('RELAY_PASS_IDLE_TIMEOUT_MS') ?? '60000';
  const relayPassIdleTimeoutMs = Number(passText);
  if (!/^\d+$/.test(passText) || relayPassIdleTimeoutMs < 1000 || relayPassIdleTimeoutMs > 3_600_000) problems.push(`RELAY_PASS_IDLE_TIMEOUT_MS must be milliseconds from 1000 to 3600000 (got "${passText}")`);

  const preparedText = read('DATABASE_PREPARED_STATEMENTS') ?? 'true';
  if (preparedText !== 'true' && preparedText !== 'false') problems.push(`DATABASE_PREPARED_STATEMENTS must be true or false (got "${preparedText}")`);

  const username = read('KAFKA_USERNAME');
  const password = read('KAFKA_PASSWORD');
  if ((username && !password) || (!username && password)) problems.push('KAFKA_USERNAME and KAFKA_PASSWORD go together (SASL/SCRAM-SHA-512)');

  if (problems.length > 0) {
    throw new ConfigurationError(`${defaults.service} cannot start; fix its configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    service: defaults.service,
    httpHost: read('HTTP_HOST') ?? '127.0.0.1',
    httpPort,
    databaseUrl: databaseUrl as string,
    databaseSchema,
    kafkaBrokers: brokers,
    kafkaClientId: read('KAFKA_CLIENT_ID') ?? defaults.service,
    ...(username && password ? { kafkaSasl: { mechanism: 'scram-sha-512' as const, username, password } } : {}),
    topicPrefix,
    relayPassIdleTimeoutMs,
    databasePreparedStatements: preparedText !== 'false',
  };
}
