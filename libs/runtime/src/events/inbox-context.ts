import { BaseRpcContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { HandlerContext, OutboxMessage } from '@vt/messaging';

/**
 * What `@Ctx()` gives an `@OnEvent` handler: the consumer runner's `HandlerContext` (the inbox transaction's
 * manager, `publish` into the outbox in that transaction, the logical topic the event came from) and the
 * consumer group applying it.
 */
export class InboxContext extends BaseRpcContext<[HandlerContext, string]> implements HandlerContext {
  readonly manager: EntityManager;
  readonly publish: (messages: OutboxMessage[]) => Promise<void>;
  readonly topic: string;
  readonly consumerGroup: string;

  constructor(context: HandlerContext, consumerGroup: string) {
    super([context, consumerGroup]);
    this.manager = context.manager;
    this.publish = (messages) => context.publish(messages);
    this.topic = context.topic;
    this.consumerGroup = consumerGroup;
  }
}
