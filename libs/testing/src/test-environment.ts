import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
  /**
   * The public keys of the audit signing keys handed to this environment's services (one per `serviceEnv`
   * call, for the service named like the schema with '-' for '_'), in the format of
   * config/audit/public-keys.json, written to `auditKeysFile` for `vt audit verify --keys`.
   */
  auditPublicKeys(): { keys: Record<string, { service: string; publicKey: string; validFrom: string }> };
  auditKeysFile(): string;
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
  const auditDir = join(__dirname, '..', '..', '..', '.local', 'test-audit', runId);
  const auditKeys: Record<string, { service: string; publicKey: string; validFrom: string }> = {};
  const auditKeysFile = (): string => {
    mkdirSync(auditDir, { recursive: true });
    const file = join(auditDir, 'public-keys.json');
    writeFileSync(file, JSON.stringify({ keys: auditKeys }, null, 2));
    return file;
  };
  const auditSigningKey = (schema: string): { keyId: string; privateKey: string } => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyId = `test-${runId}-${schema}`;
    auditKeys[keyId] = { service: schema.replace(/_/g, '-'), publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(), validFrom: '2000-01-01T00:00:00.000Z' };
    return { keyId, privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
  };
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
      const audit = auditSigningKey(schema);
      return {
        DATABASE_URL: provisioned.url,
        DATABASE_SCHEMA: name,
        KAFKA_BROKERS: kafkaBrokers,
        TOPIC_PREFIX: `t${runId}.`,
        AUTH_ISSUER: auth.issuer,
        AUTH_AUDIENCE: auth.audience,
        AUTH_JWKS_FILE: auth.jwksFile,
        PERSONAL_DATA_MASTER_KEYS: masterKey.entry,
        AUDIT_KEY_ID: audit.keyId,
        AUDIT_SIGNING_KEY: audit.privateKey,
      };
    },
    personalDataMasterKeys: masterKey.entry,
    auditPublicKeys: () => ({ keys: { ...auditKeys } }),
    auditKeysFile,
    token,
    authHeaders: (roles, regions, subject) => ({ 'content-type': 'application/json', authorization: `Bearer ${token(roles, regions, subject)}` }),
    async cleanup() {
      for (const name of created) await dropServiceDatabase(adminDatabaseUrl, name);
      rmSync(issuerDir, { recursive: true, force: true });
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}
