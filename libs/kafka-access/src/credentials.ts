import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ADMIN_PRINCIPAL } from './access-table';

/**
 * The SCRAM users of one broker and their passwords. The same JSON is the local launcher's security file
 * (`infra/kafka/kafka.mjs start --security-file`), so the broker is formatted with exactly these users.
 * It lives next to the broker's data (`.local/…`, git-ignored), readable by its owner only.
 */
export interface KafkaCredentials {
  users: { name: string; password: string }[];
  superUsers: string[];
}

export interface SaslScram {
  mechanism: 'scram-sha-512';
  username: string;
  password: string;
}

export function readCredentials(file: string): KafkaCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Kafka credentials: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const credentials = parsed as Partial<KafkaCredentials>;
  if (!Array.isArray(credentials.users) || !Array.isArray(credentials.superUsers)) {
    throw new Error(`Kafka credentials: ${file} is not {"users":[{"name","password"}],"superUsers":[...]}`);
  }
  return { users: credentials.users, superUsers: credentials.superUsers };
}

/**
 * Makes sure `file` holds a password for every principal: existing ones are kept, missing ones are made
 * up (random, 48 hex characters). Returns the credentials and the names that were added.
 */
export function ensureCredentials(file: string, principals: readonly string[]): { credentials: KafkaCredentials; added: string[] } {
  const existing = existsSync(file) ? readCredentials(file) : { users: [], superUsers: [ADMIN_PRINCIPAL] };
  const known = new Set(existing.users.map((user) => user.name));
  const added = principals.filter((name) => !known.has(name));
  if (added.length === 0 && existsSync(file)) return { credentials: existing, added };
  const credentials: KafkaCredentials = {
    users: [...existing.users, ...added.map((name) => ({ name, password: randomBytes(24).toString('hex') }))],
    superUsers: existing.superUsers.length > 0 ? existing.superUsers : [ADMIN_PRINCIPAL],
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(credentials, null, 1)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { credentials, added };
}

/** kafkajs `sasl` options for one principal. */
export function saslFor(credentials: KafkaCredentials, principal: string): SaslScram {
  const user = credentials.users.find((candidate) => candidate.name === principal);
  if (!user) throw new Error(`Kafka credentials hold no user ${principal} (known: ${credentials.users.length} users; is it in the partner directory?)`);
  return { mechanism: 'scram-sha-512', username: user.name, password: user.password };
}
