import { Kafka, logLevel, LogEntry } from 'kafkajs';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  sasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
}

export interface MessagingLogger {
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
  debug?(message: string): void;
}

/** Messages kafkajs logs as errors while a fresh broker elects its coordinators; it retries them itself. */
const TRANSIENT = /coordinator is (loading|not available)|not the correct coordinator|CONCURRENT_TRANSACTIONS|leadership election|There is no leader|does not host this topic-partition|not the leader for that topic-partition/i;
/** Warnings about choices this project made on purpose (docs/adr/0002): bounded producer retries. */
const EXPECTED = /Limiting retries for the idempotent producer/;

export function createKafka(connection: KafkaConnection, logger: MessagingLogger): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log, namespace }: LogEntry) => {
        const { message, ...rest } = log;
        const detail = Object.keys(rest).length > 2 ? ` ${JSON.stringify({ ...rest, timestamp: undefined, logger: undefined })}` : '';
        const line = `[kafkajs ${namespace}] ${message}${detail}`;
        const text = `${message} ${String(rest['error'] ?? '')}`;
        if (EXPECTED.test(text)) logger.debug?.(line);
        else if (level === logLevel.ERROR && !TRANSIENT.test(text)) logger.error(line);
        else if (level <= logLevel.WARN) logger.warn(line);
        else logger.debug?.(line);
      },
  });
}
