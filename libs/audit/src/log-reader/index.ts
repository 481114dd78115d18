export * from './stop-offsets';
export * from './log-reader';
export * from './log-event';
