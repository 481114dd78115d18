export * from './timeline-model';
export * from './describers';
export * from './person-data';
export * from './build-timeline';
export * from './render-timeline';
export * from './replay-household';
export * from './outbox-timeline';
