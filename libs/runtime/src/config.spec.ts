import { loadServiceConfig } from './config';

const defaults = { service: 'intake', httpPort: 3001, databaseSchema: 'intake' };

describe('service configuration', () => {
  it('reads a complete environment, with defaults for what is optional', () => {
    expect(loadServiceConfig(defaults, { DATABASE_URL: 'postgres://intake@127.0.0.1:5432/vt', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' })).toEqual({
      service: 'intake',
      httpHost: '127.0.0.1',
      httpPort: 3001,
      databaseUrl: 'postgres://intake@127.0.0.1:5432/vt',
      databaseSchema: 'intake',
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      kafkaClientId: 'intake',
      topicPrefix: '',
      relayPassIdleTimeoutMs: 60_000,
      databasePreparedStatements: true,
    });
  });

  // docs/adr/0043: named prepared statements unless a pooler cannot keep them.
  it('sends prepared statements unless DATABASE_PREPARED_STATEMENTS is false, and names a wrong value', () => {
    const base = { DATABASE_URL: 'postgres://intake@127.0.0.1:5432/vt', KAFKA_BROKERS: '127.0.0.1:9092' };
    expect(loadServiceConfig(defaults, { ...base, DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(loadServiceConfig(defaults, { ...base, DATABASE_PREPARED_STATEMENTS: 'true' }).databasePreparedStatements).toBe(true);
    expect(() => loadServiceConfig(defaults, { ...base, DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(/DATABASE_PREPARED_STATEMENTS must be true or false \(got "no"\)/);
  });

  // docs/adr/0032: a frozen relay pass holds the publishing lock for at most this long.
  it('takes the relay pass idle timeout in milliseconds, from 1 s to an hour', () => {
    const base = { DATABASE_URL: 'postgres://intake@127.0.0.1:5432/vt', KAFKA_BROKERS: '127.0.0.1:9092' };
    expect(loadServiceConfig(defaults, { ...base, RELAY_PASS_IDLE_TIMEOUT_MS: '3000' }).relayPassIdleTimeoutMs).toBe(3000);
    for (const wrong of ['0', '999', '3600001', '5s', '-1']) {
      expect(() => loadServiceConfig(defaults, { ...base, RELAY_PASS_IDLE_TIMEOUT_MS: wrong })).toThrow(/RELAY_PASS_IDLE_TIMEOUT_MS must be milliseconds from 1000 to 3600000/);
    }
  });

  it('reports every problem at once, each naming its variable', () => {
    expect(() => loadServiceConfig(defaults, { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'localhost', DATABASE_SCHEMA: 'Intake', KAFKA_USERNAME: 'intake' })).toThrow(
      /intake cannot start[\s\S]*DATABASE_URL is missing[\s\S]*KAFKA_BROKERS entry "localhost" is not host:port[\s\S]*HTTP_PORT must be a port number[\s\S]*DATABASE_SCHEMA must be[\s\S]*KAFKA_USERNAME and KAFKA_PASSWORD go together/,
    );
  });

  it('never echoes a database password', () => {
    expect(() => loadServiceConfig(defaults, { DATABASE_URL: 'mysql://u:secret@h/db', KAFKA_BROKERS: 'h:1' })).toThrow(/^(?![\s\S]*secret)/);
  });
});
