export * from './envelope';
export * from './topics';
export * from './events';
export * from './catalog';
export * from './new-event';
export * from './event-chain';
export * from './personal-data';
export * from './upcasters';
export { ASYNCAPI_FILE, asyncApiText, buildAsyncApiDocument } from './asyncapi';
