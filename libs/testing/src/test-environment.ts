import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { createDevIssuer, DevIssuer, Role } from '@vt/auth';
import { SERVICES, ServiceName } from '@vt/contracts';
import { accessGrants, ADMIN_PRINCIPAL, applyGrants, loadPartnerIds, removeGrants, SaslScram, servicePrincipal } from '@vt/kafka-access';
import { Kafka, logLevel } from 'kafkajs';
import { dropServiceDatabase, provisionServiceDatabase } from '@vt/persistence';
import { generateMasterKey } from '@vt/privacy';
import { uniqueToken } from './ids';
import { ensureRunPrincipals, KAFKA_CREDENTIALS_FILE, runKafkaCredentials, runKafkaSasl } from './kafka-credentials';

export interface TestEnvironment {
  runId: string;
  topicPrefix: string;
  kafkaBrokers: string;
  adminDatabaseUrl: string;
  /**
   * Environment for one service: its own schema and role, this run's topic prefix, this run's token issuer,
   * and on the secured broker its own principal (`KAFKA_USERNAME`/`KAFKA_PASSWORD` of `svc-<schema with - for _>`)
   * after the access table's ACLs for this prefix are in place. A schema that names no service gets no principal.
   */
  serviceEnv(schema: string): Promise<Record<string, string>>;
  /** True on the secured broker (SASL/SCRAM, ACLs); false on a plaintext one. */
  secured: boolean;
  /** kafkajs `sasl` for a principal (default the admin `vt-admin`); undefined on a plaintext broker. */
  kafkaSasl(principal?: string): SaslScram | undefined;
  /** `{ brokers, sasl? }` for a principal (default the admin), e.g. `createKafka({ ...env.kafkaConnection(), clientId })`. */
  kafkaConnection(principal?: string): { brokers: string[]; sasl?: SaslScram };
  /** A kafkajs client as a principal (default the admin), logging nothing. */
  kafkaClient(principal?: string, clientId?: string): Kafka;
  /** Puts the access table's ACLs for this environment's topic prefix on the broker (once; `serviceEnv` does it too). */
  grantAccess(): Promise<void>;
  /** This run's master keys for personal data (`PERSONAL_DATA_MASTER_KEYS`), to check what services encrypted. */
  personalDataMasterKeys: string;
  /** This run's `PARTNER_REFERENCE_KEY` (base64), which referral derives partners' household references with (docs/adr/0016). */
  partnerReferenceKey: string;
  /**
   * The public keys of the audit signing keys handed to this environment's services (one per `serviceEnv`
   * call, for the service named like the schema with '-' for '_'), in the format of
   * config/audit/public-keys.json, written to `auditKeysFile` for `vt audit verify --keys`.
   */
  auditPublicKeys(): { keys: Record<string, { service: string; publicKey: string; validFrom: string }> };
  auditKeysFile(): string;
  /** A bearer token from this run's issuer; `regions` are VT region codes (`vt-amsterdam-amstelland`) or `*` (the default). */
  token(roles: Role[], regions?: string[], subject?: string): string;
  /** A bearer token of role `partner` for `partnerId` (its `partner` claim), from this run's issuer. */
  partnerToken(partnerId: string, subject?: string): string;
  /** Headers for a JSON request with a bearer token (and nothing else): `{ ...env.authHeaders(['triage'], ['vt-amsterdam-amstelland']) }`. */
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
  const partnerReferenceKey = randomBytes(32).toString('base64');
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
  const topicPrefix = `t${runId}.`;
  const secured = runKafkaCredentials() !== undefined;
  const kafkaConnection = (principal: string = ADMIN_PRINCIPAL): { brokers: string[]; sasl?: SaslScram } => {
    const sasl = runKafkaSasl(principal);
    return { brokers: kafkaBrokers.split(','), ...(sasl ? { sasl } : {}) };
  };
  const kafkaClient = (principal?: string, clientId = `test-${runId}`): Kafka => new Kafka({ ...kafkaConnection(principal), clientId, logLevel: logLevel.NOTHING });
  // The same access table `npm start` applies, for this file's topic prefix: services run as themselves.
  const grants = secured ? accessGrants({ partnerIds: partnerIds(), topicPrefix }) : [];
  let granted: Promise<void> | undefined;
  const withAdmin = async (work: (admin: ReturnType<Kafka['admin']>) => Promise<void>): Promise<void> => {
    const admin = kafkaClient(ADMIN_PRINCIPAL, `test-${runId}-acls`).admin();
    await admin.connect();
    try {
      await work(admin);
    } finally {
      await admin.disconnect();
    }
  };
  const grantAccess = (): Promise<void> => {
    if (!secured) return Promise.resolve();
    granted ??= withAdmin((admin) => applyGrants(admin, grants)).catch((error: unknown) => {
      granted = undefined;
      throw error;
    });
    return granted;
  };
  const token = (roles: Role[], regions: string[] = ['*'], subject = `test-${roles.join('-')}`): string => devIssuer().issueToken({ subject, roles, regions, ttlSeconds: 3600 });
  return {
    runId,
    topicPrefix,
    kafkaBrokers,
    adminDatabaseUrl,
    async serviceEnv(schema: string) {
      const name = `t_${runId}_${schema}`;
      const provisioned = await provisionServiceDatabase(adminDatabaseUrl, name);
      created.push(name);
      await grantAccess();
      const service = schema.replace(/_/g, '-');
      const known = (SERVICES as readonly string[]).includes(service);
      // A broker formatted before this service existed gets its principal now (the shared dev broker; ensureRunPrincipals).
      if (known) ensureRunPrincipals([servicePrincipal(service as ServiceName)]);
      const principal = known ? runKafkaSasl(servicePrincipal(service as ServiceName)) : undefined;
      const auth = devIssuer();
      const audit = auditSigningKey(schema);
      return {
        DATABASE_URL: provisioned.url,
        DATABASE_SCHEMA: name,
        KAFKA_BROKERS: kafkaBrokers,
        ...(principal ? { KAFKA_USERNAME: principal.username, KAFKA_PASSWORD: principal.password } : {}),
        TOPIC_PREFIX: topicPrefix,
        AUTH_ISSUER: auth.issuer,
        AUTH_AUDIENCE: auth.audience,
        AUTH_JWKS_FILE: auth.jwksFile,
        PERSONAL_DATA_MASTER_KEYS: masterKey.entry,
        PARTNER_REFERENCE_KEY: partnerReferenceKey,
        AUDIT_KEY_ID: audit.keyId,
        AUDIT_SIGNING_KEY: audit.privateKey,
      };
    },
    secured,
    kafkaSasl: (principal) => runKafkaSasl(principal),
    kafkaConnection,
    kafkaClient,
    grantAccess,
    personalDataMasterKeys: masterKey.entry,
    partnerReferenceKey,
    auditPublicKeys: () => ({ keys: { ...auditKeys } }),
    auditKeysFile,
    token,
    partnerToken: (partnerId, subject = `medewerker-${partnerId}`) => devIssuer().issueToken({ subject, roles: ['partner'], regions: [], partner: partnerId, ttlSeconds: 3600 }),
    authHeaders: (roles, regions, subject) => ({ 'content-type': 'application/json', authorization: `Bearer ${token(roles, regions, subject)}` }),
    async cleanup() {
      for (const name of created) await dropServiceDatabase(adminDatabaseUrl, name);
      // The run's own broker is thrown away at teardown; deleting ~4,700 ACLs one filter each costs seconds, so
      // only a long-lived broker from the environment (e.g. the dev broker) gets this prefix's ACLs removed.
      if (granted && !ownRunBroker()) await withAdmin((admin) => removeGrants(admin, grants.filter((grant) => grant.name.startsWith(topicPrefix)), 120_000));
      rmSync(issuerDir, { recursive: true, force: true });
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}

/** True when the credentials belong to a broker global setup started for this run (under .local/test-infra/). */
function ownRunBroker(): boolean {
  const file = process.env[KAFKA_CREDENTIALS_FILE] ?? '';
  return file.startsWith(join(__dirname, '..', '..', '..', '.local', 'test-infra') + sep);
}

let cachedPartnerIds: string[] | undefined;
function partnerIds(): string[] {
  return (cachedPartnerIds ??= loadPartnerIds().partnerIds);
}
