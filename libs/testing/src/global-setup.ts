import './workspace-paths';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type ResolvedInfra, ensureTestRunDir, redactUrl, REPO_ROOT, resolveInfra, waitForKafkaConsumerGroups, waitForPostgres } from './infra';
import { uniqueToken } from './ids';
import { ADMIN_PRINCIPAL, readCredentials, saslFor } from '@vt/kafka-access';
import { useInfra } from './kafka-credentials';

const HANDLE = Symbol.for('vt.testing.infra');

type GlobalWithInfra = typeof globalThis & { [HANDLE]?: ResolvedInfra };

/** The infrastructure handle global setup left for global teardown (both run in Jest's main process). */
export function takeGlobalInfra(): ResolvedInfra | undefined {
  const scope = globalThis as GlobalWithInfra;
  const infra = scope[HANDLE];
  delete scope[HANDLE];
  return infra;
}

/**
 * Jest globalSetup: finds or starts Kafka and Postgres once per run and hands their addresses to the test
 * workers through KAFKA_BROKERS and DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  // Services and the CLI run from dist/ as in production (appEntry); incremental, about a second when nothing changed.
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'tools', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed, so no service can start:\n${build.stderr}${build.stdout}`);
  const runId = `r${uniqueToken(10)}`;
  process.env['VT_TEST_RUN_ID'] = runId;
  await ensureTestRunDir(runId);

  const given = { kafka: Boolean(process.env['KAFKA_BROKERS']?.trim()), postgres: Boolean(process.env['DATABASE_URL']?.trim()) };
  const infra = await resolveInfra({ runId });
  const credentialsFile = infra.kafkaCredentialsFile;
  try {
    const adminSasl = credentialsFile ? saslFor(readCredentials(credentialsFile), ADMIN_PRINCIPAL) : undefined;
    await Promise.all([waitForKafkaConsumerGroups(infra.kafkaBrokers, undefined, adminSasl), waitForPostgres(infra.databaseUrl)]);
  } catch (error) {
    await infra.stop().catch(() => undefined);
    throw error;
  }
  (globalThis as GlobalWithInfra)[HANDLE] = infra;
  // Test workers find the broker, the database and every principal's password here (testEnvironment().serviceEnv, kafkaSasl).
  useInfra(infra);

  const source = { env: 'the environment', docker: 'a Docker container', local: 'the local launcher' }[infra.source];
  const from = (wasGiven: boolean): string => (wasGiven ? 'the environment' : source);
  console.log(
    `\n[vt-testing] Kafka ${infra.kafkaBrokers.join(',')} (${credentialsFile ? 'SASL/SCRAM with ACLs' : 'PLAINTEXT, no ACLs'}) from ${from(given.kafka)}, ` +
      `Postgres ${redactUrl(infra.databaseUrl)} from ${from(given.postgres)}; ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (run ${runId})`,
  );
}
