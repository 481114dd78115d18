/**
 * Whether an error means the database cannot be reached or is not accepting work right now (a 503 with
 * `Retry-After`), as opposed to a query that is wrong (a 500). It looks through TypeORM's `driverError`,
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
