import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { applyKafkajsIdleFix } from './kafkajs-idle-fix';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  sasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
  /** kafkajs' own info messages too (group joins, rebalances), written at debug; for `LOG_LEVEL=debug`. */
  verbose?: boolean;
}

export interface MessagingLogger {
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
  debug?(message: string): void;
}

/**
 * Messages kafkajs logs as errors or warnings while a fresh broker elects its coordinators and leaders, a
 * transaction coordinator finishes an earlier transaction, a topic was just created, or one connection attempt
 * to a busy broker timed out and it tries again; it retries them itself.
 * Normal at every start-up, so logged at info (docs/adr/0023); if the retries run out, the caller's error says so.
 */
const TRANSIENT =
  /coordinator is (loading|not available)|not the correct coordinator|CONCURRENT_TRANSACTIONS|leadership election|There is no leader|LEADER_NOT_AVAILABLE|does not host this topic-partition|not the leader for that topic-partition|UNKNOWN_TOPIC_OR_PARTITION|NOT_COORDINATOR|COORDINATOR_NOT_AVAILABLE|COORDINATOR_LOAD_IN_PROGRESS|REBALANCE_IN_PROGRESS|The group is rebalancing|Topic creation errors|TOPIC_ALREADY_EXISTS|Connection timeout|Failed to connect to seed broker, trying another broker/i;
/** Warnings about choices this project made on purpose (docs/adr/0002): bounded producer retries. */
const EXPECTED = /Limiting retries for the idempotent producer/;

/** The level a kafkajs log entry is written at: its own, except the known noise above. */
export function kafkaLogLevel(level: logLevel, message: string, error?: unknown): 'error' | 'warn' | 'info' | 'debug' {
  const text = `${message} ${String(error ?? '')}`;
  if (EXPECTED.test(text)) return 'debug';
  if (level <= logLevel.WARN && TRANSIENT.test(text)) return 'info';
  if (level === logLevel.ERROR) return 'error';
  if (level === logLevel.WARN) return 'warn';
  return 'debug';
}

export function createKafka(connection: KafkaConnection, logger: MessagingLogger): Kafka {
  // Every client of the project's services goes through here; see kafkajs-idle-fix.ts.
  applyKafkajsIdleFix();
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    logLevel: connection.verbose ? logLevel.INFO : logLevel.WARN,
    logCreator:
      () =>
      ({ level, log, namespace }: LogEntry) => {
        const { message, ...rest } = log;
        const detail = Object.keys(rest).length > 2 ? ` ${JSON.stringify({ ...rest, timestamp: undefined, logger: undefined })}` : '';
        const line = `[kafkajs ${namespace}] ${message}${detail}`;
        switch (kafkaLogLevel(level, message, rest['error'])) {
          case 'error':
            return logger.error(line);
          case 'warn':
            return logger.warn(line);
          case 'info':
            return logger.log(line);
          default:
            return logger.debug?.(line);
        }
      },
  });
}
