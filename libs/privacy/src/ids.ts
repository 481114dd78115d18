const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Person ids and key ids are UUIDs, compared and bound into additional data in lower case (as Postgres returns them). */
export function normalizeUuid(value: unknown, what: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new TypeError(`${what} must be a UUID`);
  return value.toLowerCase();
}
