import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createDevIssuer, DevIssuer, Role } from '@vt/auth';
import { dropServiceDatabase, provisionServiceDatabase } from '@vt/persistence';
import { generateMasterKey } from '@vt/privacy';
import { uniqueToken } from './ids';

export interface TestEnvironment {
  runId: string;
  topicPrefix: string;
  kafkaBrokers: string;
  adminDatabaseUrl: string;
  /** Environment for one service: its own schema and role, this run's topic prefix, this run's token issuer. */
  serviceEnv(schema: string): Promise<Record<string, string>>;
  /** This run's master keys for personal data (`PERSONAL_DATA_MASTER_KEYS`), to check what services encrypted. */
  personalDataMasterKeys: string;
  /** A bearer token from this run's issuer. */
  token(roles: Role[], regions?: string[], subject?: string): string;
  /** Headers for a JSON request with a bearer token (and nothing else): `{ ...env.authHeaders(['triage'], ['VR13']) }`. */
  authHeaders(roles: Role[], regions?: string[], subject?: string): Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A fresh, isolated slice of the shared infrastructure for one test file: its own topic prefix, and
 * its own schemas and roles (dropped again by `cleanup`).
 */
export function testEnvironment(): TestEnvironment {
  const kafkaBrokers = process.env['KAFKA_BROKERS'];
  const adminDatabaseUrl = process.env['DATABASE_URL'];
  if (!kafkaBrokers || !adminDatabaseUrl) {
    throw new Error('KAFKA_BROKERS and DATABASE_URL are not set: run integration tests through `npm test` (or `npm run test:int`), whose global setup provides them');
  }
  const runId = uniqueToken();
  const masterKey = generateMasterKey(`test-${runId}`);
  const created: string[] = [];
  const issuerDir = join(__dirname, '..', '..', '..', '.local', 'test-issuers', runId);
  let issuer: DevIssuer | undefined;
  const devIssuer = (): DevIssuer => (issuer ??= createDevIssuer(issuerDir));
  const token = (roles: Role[], regions: string[] = ['*'], subject = `test-${roles.join('-')}`): string => devIssuer().issueToken({ subject, roles, regions, ttlSeconds: 3600 });
  return {
    runId,
    topicPrefix: `t${runId}.`,
    kafkaBrokers,
    adminDatabaseUrl,
    async serviceEnv(schema: string) {
      const name = `t_${runId}_${schema}`;
      const provisioned = await provisionServiceDatabase(adminDatabaseUrl, name);
      created.push(name);
      const auth = devIssuer();
      return {
        DATABASE_URL: provisioned.url,
        DATABASE_SCHEMA: name,
        KAFKA_BROKERS: kafkaBrokers,
        TOPIC_PREFIX: `t${runId}.`,
        AUTH_ISSUER: auth.issuer,
        AUTH_AUDIENCE: auth.audience,
        AUTH_JWKS_FILE: auth.jwksFile,
        PERSONAL_DATA_MASTER_KEYS: masterKey.entry,
      };
    },
    personalDataMasterKeys: masterKey.entry,
    token,
    authHeaders: (roles, regions, subject) => ({ 'content-type': 'application/json', authorization: `Bearer ${token(roles, regions, subject)}` }),
    async cleanup() {
      for (const name of created) await dropServiceDatabase(adminDatabaseUrl, name);
      rmSync(issuerDir, { recursive: true, force: true });
    },
  };
}
