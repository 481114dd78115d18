import { dropServiceDatabase, provisionServiceDatabase } from '@vt/persistence';
import { uniqueToken } from './ids';

export interface TestEnvironment {
  runId: string;
  topicPrefix: string;
  kafkaBrokers: string;
  adminDatabaseUrl: string;
  /** Environment for one service: its own schema and role, this run's topic prefix. */
  serviceEnv(schema: string): Promise<Record<string, string>>;
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
  const created: string[] = [];
  return {
    runId,
    topicPrefix: `t${runId}.`,
    kafkaBrokers,
    adminDatabaseUrl,
    async serviceEnv(schema: string) {
      const name = `t_${runId}_${schema}`;
      const provisioned = await provisionServiceDatabase(adminDatabaseUrl, name);
      created.push(name);
      return { DATABASE_URL: provisioned.url, DATABASE_SCHEMA: name, KAFKA_BROKERS: kafkaBrokers, TOPIC_PREFIX: `t${runId}.` };
    },
    async cleanup() {
      for (const name of created) await dropServiceDatabase(adminDatabaseUrl, name);
    },
  };
}
