export * from './wait-for';
export * from './ids';
export * from './service-process';
export * from './test-environment';
export * from './private-kafka';
export * from './private-kafka-cluster';
export * from './topic-reader';
export * from './read-partitions';
export { runKafkaSasl, runKafkaCredentials, useInfra, KAFKA_CREDENTIALS_FILE, ensureRunPrincipals } from './kafka-credentials';
export * from './builders';
export { resolveInfra, redactUrl, testRunDir, cleanupTestRunDir, waitForKafkaConsumerGroups, waitForPostgres, KAFKA_IMAGE, REPO_ROOT } from './infra';
export type { ResolvedInfra, InfraSource } from './infra';
export * from './partner-references';
export * from './prometheus-text';
export * from './tcp-proxy';
export * from './private-postgres';
export * from './shelter-monitor-scenario';
export * from './vt-cli';

import { applyKafkajsIdleFix } from '@vt/messaging';

// Test processes hold kafkajs clients for minutes; without this each connection spins on a 1 ms timer (libs/messaging kafkajs-idle-fix.ts).
applyKafkajsIdleFix();
