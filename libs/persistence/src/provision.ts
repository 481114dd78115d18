import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { assertIdentifier } from './identifiers';

export interface ProvisionedDatabase {
  schema: string;
  role: string;
  /** Connection string that logs in as the service's own role. */
  url: string;
}

/**
 * One schema and one role per service: the role owns its schema and nothing else.
 * Runs with an administrative connection; safe to run again (the role gets a new password each time).
 */
export async function provisionServiceDatabase(adminUrl: string, schema: string, role = schema, password = randomBytes(18).toString('base64url')): Promise<ProvisionedDatabase> {
  assertIdentifier(schema, 'schema');
  assertIdentifier(role, 'role');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const roleExists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    const literalPassword = password.replace(/'/g, "''");
    // A fresh password on every run: nothing to keep in the repository or in a file.
    await client.query(`${roleExists.rowCount === 0 ? 'create' : 'alter'} role ${role} login password '${literalPassword}'`);
    await client.query(`create schema if not exists ${schema} authorization ${role}`);
    await client.query(`revoke all on schema ${schema} from public`);
    const url = new URL(adminUrl);
    url.username = role;
    url.password = password;
    return { schema, role, url: url.toString() };
  } finally {
    await client.end();
  }
}

/** Removes what `provisionServiceDatabase` created; for test runs. */
export async function dropServiceDatabase(adminUrl: string, schema: string, role = schema): Promise<void> {
  assertIdentifier(schema, 'schema');
  assertIdentifier(role, 'role');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`select pg_terminate_backend(pid) from pg_stat_activity where usename = $1`, [role]);
    await client.query(`drop role if exists ${role}`);
  } finally {
    await client.end();
  }
}
