export * from './wait-for';
export * from './ids';
export * from './service-process';
export * from './test-environment';
export * from './private-kafka';
export * from './topic-reader';
export * from './builders';
export { resolveInfra, redactUrl, testRunDir, cleanupTestRunDir, waitForKafkaConsumerGroups, waitForPostgres, KAFKA_IMAGE, REPO_ROOT } from './infra';
export type { ResolvedInfra, InfraSource } from './infra';
