export * from './errors';
export * from './kafka-client';
export * from './topic-admin';
export * from './schema-validator';
export * from './outbox';
export * from './outbox-relay';
export * from './consumer-runner';
export * from './timers';
