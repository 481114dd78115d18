import pino, { Logger as PinoInstance, LoggerOptions } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { logFields } from './context';

/**
 * Structured logs (docs/adr/0023): one JSON object per line on stdout, with `service`, `level` (a name:
 * `info`, `warn`…), `time` (ISO 8601), `msg`, the Nest `context` (which part logged), and — while a request
 * or a consumed event is being handled — its `correlationid`, `causationid` and `traceid`.
 *
 * No personal data and no free text: services log ids, codes and counts, never request bodies or event data.
 * As a second line of defence the fields that could carry them are redacted wherever they turn up.
 */
export const REDACTED_PATHS = [
  'body',
  'data',
  'payload',
  'headers.authorization',
  'headers.cookie',
  'req.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.body',
  'request.headers.authorization',
  'res.body',
  'event.data',
  'events[*].data',
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = (env['LOG_LEVEL'] ?? 'info').toLowerCase();
  // Nest's name for info is `log`.
  if (wanted === 'log') return 'info';
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? wanted : 'info';
}

export function loggerOptions(service: string, env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  return {
    level: logLevel(env),
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => logFields(),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

let root: PinoInstance | undefined;

/** The process's root logger (one per service process), writing JSON lines to stdout synchronously. */
export function rootLogger(service: string, env: NodeJS.ProcessEnv = process.env): PinoInstance {
  root ??= pino(loggerOptions(service, env), pino.destination({ dest: 1, sync: true }));
  return root;
}

/** The root logger once the service made it; undefined in a process that is not a service (tests, the CLI). */
export function currentRootLogger(): PinoInstance | undefined {
  return root;
}

/** Logs that a service could not start (one JSON line, no stack of personal data) and exits non-zero. */
export function exitOnStartupFailure(service: string, error: unknown, message?: string): never {
  const logger = rootLogger(service);
  if (message !== undefined) logger.fatal({ context: 'Bootstrap' }, message);
  else logger.fatal({ context: 'Bootstrap', err: error }, `${service} could not start`);
  // And once in plain text on stderr, for the person starting it: a configuration problem reads as written
  // (one problem a line), not as an escaped JSON string. Configuration messages never echo secrets.
  process.stderr.write(`${service} could not start: ${message ?? (error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
}

/**
 * TypeORM's messages as log lines, never with a query's parameters (they are the data: names, ciphertext,
 * free text). A failed query is logged at debug with its SQL and error code: the code that ran it decides
 * whether the failure matters (a unique violation can be the answer it expected) and logs that itself.
 */
export function typeOrmLogger(logger: PinoInstance): TypeOrmLogger {
  const database = logger.child({ context: 'Database' });
  const sql = (query: string) => query.replace(/\s+/g, ' ').slice(0, 300);
  return {
    logQuery: () => undefined,
    logQueryError: (error: string | Error, query: string) => {
      const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
      database.debug({ query: sql(query), ...(typeof code === 'string' ? { code } : {}) }, 'query failed');
    },
    logQuerySlow: (time: number, query: string) => database.info({ query: sql(query), durationMs: time }, 'slow query'),
    logSchemaBuild: (message: string) => database.debug(message),
    logMigration: (message: string) => database.info(message),
    log: (level: 'log' | 'info' | 'warn', message: unknown) => {
      // Driver messages such as "Postgres pool raised an error. <error>": the error text, no data.
      const text = String(message);
      if (level === 'warn') database.warn(text);
      else database.info(text);
    },
  };
}
