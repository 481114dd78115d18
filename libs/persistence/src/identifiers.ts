const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema and role names are interpolated into DDL, so they are checked, never escaped. */
export function assertIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`${what} "${name}" must be a lower-case Postgres identifier (letters, digits, underscore; at most 63)`);
  }
  return name;
}

/** The LISTEN/NOTIFY channel on which a schema's outbox announces committed events. */
export function outboxChannel(schema: string): string {
  return `${assertIdentifier(schema, 'schema')}_outbox`;
}
