export * from './config';
export * from './tokens';
export * from './outbox.service';
export * from './consumer-status';
export * from './health.controller';
export * from './service.module';
export * from './bootstrap';
export * from './actor.decorator';
