export * from './event-pattern';
export * from './inbox-context';
export * from './handler-groups';
export * from './kafka-inbox.transport';
export * from './erasure-events.controller';
