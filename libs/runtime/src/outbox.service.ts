import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { appendToOutbox, OutboxMessage } from '@vt/messaging';
import { SERVICE_CONFIG } from './tokens';
import type { ServiceConfig } from './config';

/** Adds events to this service's outbox within the caller's transaction. */
@Injectable()
export class Outbox {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  publish(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
    return appendToOutbox(manager, this.config.databaseSchema, messages);
  }
}
