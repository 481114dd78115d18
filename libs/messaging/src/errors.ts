/** Throw from a handler when trying again later can succeed (a dependency is briefly unavailable). */
export class RetriableError extends Error {
  override readonly name = 'RetriableError';
}

/** Postgres SQLSTATE classes that are worth another attempt: connection trouble, serialization, deadlock, shutdown. */
const RETRIABLE_SQLSTATE = /^(08|40001|40P01|53|57P0[1-3])/;
const RETRIABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

export function isRetriable(error: unknown): boolean {
  if (error instanceof RetriableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (RETRIABLE_SQLSTATE.test(code) || RETRIABLE_NODE_CODES.has(code))) return true;
  const driverError = (error as { driverError?: unknown }).driverError;
  if (driverError && driverError !== error) return isRetriable(driverError);
  return (error as { retriable?: unknown }).retriable === true;
}

/**
 * Whether an error means the database cannot be reached or is not accepting work right now, as opposed to a
 * query that is wrong: an HTTP request answers 503 with `Retry-After` (libs/runtime problem filter), and a
 * consumer does not dead-letter the event it was applying but tries the batch again later (docs/adr/0026). It looks through TypeORM's `driverError`,
 * `cause` and an AggregateError's `errors`, since node-postgres and TypeORM wrap what happened.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current) || seen.size > 20) continue;
    seen.add(current);
    const candidate = current as { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
    const name = typeof candidate.name === 'string' ? candidate.name : '';
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    // The broker and HTTP calls (JWKS) fail with the same socket codes; those are not the database.
    if (name.startsWith('KafkaJS') || (name === 'TypeError' && message === 'fetch failed')) continue;
    if (typeof candidate.code === 'string' && UNAVAILABLE_CODE(candidate.code)) return true;
    if (TYPEORM_NOT_CONNECTED.has(name)) return true;
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    queue.push(candidate.driverError, candidate.cause);
    if (Array.isArray(candidate.errors)) queue.push(...(candidate.errors as unknown[]));
  }
  return false;
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATE class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
 * connect now (starting up, recovering), 53300 too many connections; and the socket errors of a connection.
 */
function UNAVAILABLE_CODE(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || SOCKET_CODES.has(code);
}

const TYPEORM_NOT_CONNECTED = new Set(['CannotExecuteNotConnectedError', 'CannotGetEntityManagerNotConnectedError', 'ConnectionIsNotSetError']);

/** node-postgres and pg-pool report a lost or unobtainable connection with these messages and no code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^Connection terminated due to connection timeout$/,
  // TypeORM, when the data source lost or never made its connection.
  /^Driver not Connected$/,
];

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
