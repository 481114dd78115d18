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

/** Postgres SQLSTATEs that mean the database cannot be reached or is going away (not a conflict). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * True when the error says the database is unreachable (refused, reset, terminated, shutting down), as
 * opposed to a failure of the work itself. Such a failure says nothing about the event being handled: a
 * consumer stops and tries the whole batch again later instead of dead-lettering it.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || RETRIABLE_NODE_CODES.has(code))) return true;
  if (UNAVAILABLE_MESSAGE.test(String((error as { message?: unknown }).message ?? ''))) return true;
  const driverError = (error as { driverError?: unknown }).driverError;
  return driverError !== undefined && driverError !== error ? isDatabaseUnavailable(driverError) : false;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
