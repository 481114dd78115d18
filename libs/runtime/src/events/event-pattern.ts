import { applyDecorators, ArgumentsHost, Catch, Controller, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import type { EventType } from '@vt/contracts';

/** The transport id of `KafkaInboxTransport`: `@OnEvent` handlers are registered with it and no other transport. */
export const KAFKA_INBOX_TRANSPORT = Symbol('KafkaInboxTransport');

/**
 * The pattern of an event handler: the event type it applies and the consumer group it is applied in. A
 * consumer group is declared once, with its topics, in `ServiceModule.forRoot({ consumers })`; every handler
 * names it, so one controller may serve several groups and a group may have handlers in several controllers.
 */
export interface InboxEventPattern {
  consumerGroup: string;
  eventType: EventType;
}

export function isInboxEventPattern(pattern: unknown): pattern is InboxEventPattern {
  if (typeof pattern !== 'object' || pattern === null) return false;
  const { consumerGroup, eventType } = pattern as Record<string, unknown>;
  return typeof consumerGroup === 'string' && consumerGroup !== '' && typeof eventType === 'string' && eventType !== '' && Object.keys(pattern).length === 2;
}

/**
 * Declares an event handler: `@EventPattern({ consumerGroup, eventType })` for the Kafka inbox transport. The
 * method receives the CloudEvent with `@Payload()` and the `InboxContext` (transaction manager, `publish`, topic)
 * with `@Ctx()`, and runs inside the consumer runner's inbox transaction; it returns a Promise or an Observable,
 * which the transport awaits. A throw fails the event: the runner retries it (retriable errors) or dead-letters it
 * and parks the household, as for every consumer (docs/adr/0002, 0028).
 */
export function OnEvent(consumerGroup: string, eventType: EventType): MethodDecorator {
  const pattern: InboxEventPattern = { consumerGroup, eventType };
  return EventPattern(pattern, KAFKA_INBOX_TRANSPORT);
}

/**
 * Hands a handler's error to the consumer runner as it was thrown. Without it Nest's default RPC filter would
 * log the error and replace it by `{ status: 'error', message: 'Internal server error' }`, and the runner could
 * no longer tell a retriable error (a lost connection, a serialization failure) from a bug.
 */
@Catch()
export class RethrowToConsumerRunner implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** A controller of event handlers (`@OnEvent` methods); use it instead of `@Controller()` so errors reach the runner unchanged. */
export function EventsController(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(RethrowToConsumerRunner));
}
