import { AuditLogConnection } from '@vt/audit';
import { AUDITOR_PRINCIPAL, readCredentials, SaslScram, saslFor } from '@vt/kafka-access';
import type { CliIo } from './cli';

/** A mistake in how an audit command was called: exit code 2. */
export class UsageError extends Error {}

/** The options every audit command takes to find the log (for `parseArgs`). */
export const LOG_CONNECTION_OPTIONS = {
  brokers: { type: 'string' },
  'topic-prefix': { type: 'string' },
} as const;

/** Their lines in a command's help, the descriptions starting at column `column`. */
export function logConnectionHelp(column: number): string {
  const line = (option: string, text: string) => `  ${option.padEnd(column - 2)}${text}`;
  return [
    line('--brokers <list>', 'Kafka bootstrap servers (default KAFKA_BROKERS); on a secured broker the auditor logs in with'),
    line('', 'KAFKA_USERNAME/KAFKA_PASSWORD, or KAFKA_CREDENTIALS_FILE (+ KAFKA_PRINCIPAL, default vt-auditor)'),
    line('--topic-prefix <prefix>', "the deployment's topic prefix (default TOPIC_PREFIX, else none)"),
  ].join('\n');
}

/** Where the log is and how to log in, from the options or the environment the services use. */
export function logConnectionFrom(values: { brokers?: string; 'topic-prefix'?: string }, env: NodeJS.ProcessEnv, clientId = 'vt-audit'): AuditLogConnection & { topicPrefix: string } {
  const brokers = (values.brokers ?? env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new UsageError('--brokers is missing (or set KAFKA_BROKERS), e.g. 127.0.0.1:9092');
  for (const broker of brokers) if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new UsageError(`--brokers entry "${broker}" is not host:port`);
  const topicPrefix = values['topic-prefix'] ?? env['TOPIC_PREFIX'] ?? '';
  if (!/^[a-zA-Z0-9._-]*$/.test(topicPrefix)) throw new UsageError(`--topic-prefix may hold only letters, digits, '.', '_' and '-' (got "${topicPrefix}")`);
  const sasl = auditorSaslFrom(env);
  return { brokers, topicPrefix, clientId, ...(sasl ? { sasl } : {}) };
}

/**
 * The auditor's SCRAM login on a secured broker: `KAFKA_USERNAME`/`KAFKA_PASSWORD`, else the principal
 * `KAFKA_PRINCIPAL` (default `vt-auditor`) from the credentials file `KAFKA_CREDENTIALS_FILE`; none on a plaintext broker.
 */
export function auditorSaslFrom(env: NodeJS.ProcessEnv): SaslScram | undefined {
  const username = env['KAFKA_USERNAME']?.trim();
  const password = env['KAFKA_PASSWORD']?.trim();
  if (username || password) {
    if (!username || !password) throw new UsageError('KAFKA_USERNAME and KAFKA_PASSWORD go together (SASL/SCRAM-SHA-512)');
    return { mechanism: 'scram-sha-512', username, password };
  }
  const file = env['KAFKA_CREDENTIALS_FILE']?.trim();
  if (!file) return undefined;
  try {
    return saslFor(readCredentials(file), env['KAFKA_PRINCIPAL']?.trim() || AUDITOR_PRINCIPAL);
  } catch (error) {
    throw new UsageError(`KAFKA_CREDENTIALS_FILE: ${(error as Error).message}`);
  }
}

/** Reports a failed audit command on stderr (each problem on its own line) and returns its exit code: 2 wrong usage, else 1. */
export function auditFailure(command: string, error: unknown, io: CliIo): number {
  const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  const lines = (error as Error).message.split('\n');
  io.stderr(`vt audit ${command}:${lines.length === 1 ? ` ${lines[0]}` : lines.map((line) => `\n  - ${line}`).join('')}\n${usage ? `Run \`npm run vt -- audit ${command} --help\` for its options.\n` : ''}`);
  return usage ? 2 : 1;
}
