export * from './registry';
export * from './http-metrics';
export * from './messaging-metrics';
export * from './state-metrics';
export * from './metrics.controller';
