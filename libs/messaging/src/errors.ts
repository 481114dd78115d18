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

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
