import fsp from 'node:fs/promises';
import path from 'node:path';
import type { SASLOptions } from 'kafkajs';
import { ensureCredentials, KafkaCredentials, kafkaPrincipals, loadPartnerIds } from '@vt/kafka-access';
import { uniqueToken } from './ids';
import { LauncherError, ensureTestRunDir, startLocalKafka, stopLocalKafka, waitForKafkaConsumerGroups } from './infra';

export interface PrivateKafka {
  brokers: string[];
  /**
   * What to merge into a service's environment (`serviceEnv`) to point it at this broker: its address, and
   * on a plaintext broker empty `KAFKA_USERNAME`/`KAFKA_PASSWORD`, so the service does not try SASL there.
   */
  serviceEnv: Record<string, string>;
  /** With `accessTable`: every principal's password (libs/kafka-access). */
  credentials?: KafkaCredentials;
  /** Controlled shutdown; the data stays. */
  stop(): Promise<void>;
  /** Starts the broker again on the same data dir and port (stopping it first if it still runs). */
  restart(): Promise<void>;
  /** Stops the broker and deletes its data. */
  destroy(): Promise<void>;
}

export interface KafkaUser {
  name: string;
  password: string;
}

export interface PrivateKafkaSecurity {
  /** SCRAM-SHA-512 users created when the broker is formatted. */
  users: KafkaUser[];
  /** Names of users the authorizer lets do anything; the first one must be in `users` (the readiness check logs in as it). */
  superUsers: string[];
}

export interface PrivateKafkaOptions {
  heapMb?: number;
  /**
   * Opt-in secure mode: the broker's client listener takes SASL_PLAINTEXT with SCRAM-SHA-512 and the
   * StandardAuthorizer refuses whatever no ACL allows. Clients need `sasl: { mechanism: 'scram-sha-512', ... }`.
   */
  security?: PrivateKafkaSecurity;
  /**
   * Secure mode with the real principals: every user of the access table (admin, services, auditor,
   * operator, each partner of the directory) with made-up passwords, returned as `credentials`. No ACLs
   * yet: apply `accessGrants(...)` as the admin.
   */
  accessTable?: boolean;
  /** Wait until consumer groups work (see waitForKafkaConsumerGroups); default true. */
  waitForConsumerGroups?: boolean;
}

/**
 * A broker of the test's own from the local launcher, for tests that take the broker down and bring it
 * back. It lives under the run's folder, so global teardown removes it if a test does not.
 */
export async function startPrivateKafka(options: PrivateKafkaOptions = {}): Promise<PrivateKafka> {
  const runDir = await ensureTestRunDir(process.env['VT_TEST_RUN_ID'] ?? `p${uniqueToken(10)}`);
  const dataDir = path.join(runDir, `private-kafka-${uniqueToken(8)}`);
  const waitForGroups = options.waitForConsumerGroups ?? true;
  let accessCredentials: KafkaCredentials | undefined;
  if (options.accessTable) {
    if (options.security) throw new Error('startPrivateKafka: give either security or accessTable');
    accessCredentials = ensureCredentials(path.join(dataDir, 'kafka-credentials.json'), kafkaPrincipals(loadPartnerIds().partnerIds)).credentials;
  }
  const security = options.security ?? accessCredentials;
  let securityFile: string | undefined;
  let readinessSasl: SASLOptions | undefined;
  if (security) {
    const superUser = security.users.find((user) => user.name === security.superUsers[0]);
    if (!superUser) throw new Error('startPrivateKafka: security.superUsers[0] must name one of security.users');
    readinessSasl = { mechanism: 'scram-sha-512', username: superUser.name, password: superUser.password };
    // The passwords go to the launcher in a file only this user can read, never on its command line.
    await fsp.mkdir(dataDir, { recursive: true });
    securityFile = path.join(dataDir, 'security.json');
    await fsp.writeFile(securityFile, JSON.stringify({ users: security.users, superUsers: security.superUsers }), { mode: 0o600 });
  }

  const start = async (port?: number): Promise<string[]> => {
    try {
      const broker = await startLocalKafka(dataDir, { port, heapMb: options.heapMb, securityFile });
      if (waitForGroups) await waitForKafkaConsumerGroups(broker.brokers, undefined, readinessSasl);
      return broker.brokers;
    } catch (error) {
      if (error instanceof LauncherError && error.prerequisiteMissing) {
        throw new Error(`startPrivateKafka needs the local Kafka launcher, which cannot run here: ${error.message}`);
      }
      throw error;
    }
  };

  const brokers = await start();
  const port = Number(brokers[0]?.split(':').pop());
  return {
    brokers,
    serviceEnv: { KAFKA_BROKERS: brokers.join(','), ...(security ? {} : { KAFKA_USERNAME: '', KAFKA_PASSWORD: '' }) },
    ...(accessCredentials ? { credentials: accessCredentials } : {}),
    stop: () => stopLocalKafka(dataDir),
    restart: async () => {
      await stopLocalKafka(dataDir);
      await start(port);
    },
    destroy: async () => {
      await stopLocalKafka(dataDir);
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
