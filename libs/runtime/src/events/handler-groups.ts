import { isObservable, lastValueFrom, Observable } from 'rxjs';
import type { CloudEvent, EventType } from '@vt/contracts';
import type { EventHandler } from '@vt/messaging';
import { InboxContext } from './inbox-context';
import { isInboxEventPattern } from './event-pattern';

/** A handler as Nest registers it with a transport: called with the payload and the context. */
export type NestEventHandler = (payload: CloudEvent<EventType>, context: InboxContext) => Promise<unknown> | unknown;

export interface HandlerRegistration {
  pattern: unknown;
  handler: NestEventHandler;
  isEventHandler: boolean;
}

export class HandlerRegistrationError extends Error {}

/** Awaits what a Nest handler returned: a Promise, an Observable (its last value, or none) or a plain value. */
export async function settle(result: unknown): Promise<void> {
  const value = await result;
  if (isObservable(value)) await lastValueFrom(value as Observable<unknown>, { defaultValue: undefined });
}

/**
 * What the rejection of a handler becomes for the consumer runner: an Error as thrown, or else (Nest's RPC filter
 * replaced it, the controller was not an `@EventsController()`) an Error carrying what is left of it.
 */
function asError(error: unknown): unknown {
  if (error instanceof Error) return error;
  const message = typeof error === 'object' && error !== null && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  return new Error(`event handler failed: ${message}`);
}

/**
 * Sorts the `@OnEvent` handlers Nest registered into the declared consumer groups: one handler map (event type →
 * handler) per group, for a `ConsumerRunner`. Refuses, before anything is consumed: a request-response
 * (`@MessagePattern`) handler, a pattern that is not `{ consumerGroup, eventType }`, a group nobody declared, a
 * declared group without handlers, and two handlers of one event type in one group (Nest would chain them and
 * run both, so one event would be applied twice in one transaction). Event types without a handler are not in
 * the map: the runner skips them (records nothing), as before.
 */
export function groupEventHandlers(registrations: readonly HandlerRegistration[], declaredGroups: readonly string[]): Map<string, Partial<Record<EventType, EventHandler>>> {
  const groups = new Map<string, Partial<Record<EventType, EventHandler>>>(declaredGroups.map((group) => [group, {}]));
  const problems: string[] = [];
  for (const { pattern, handler, isEventHandler } of registrations) {
    const shown = JSON.stringify(pattern);
    if (!isEventHandler) {
      problems.push(`${shown} is a @MessagePattern: the Kafka inbox transport only has event handlers (@OnEvent)`);
      continue;
    }
    if (!isInboxEventPattern(pattern)) {
      problems.push(`${shown} is not an event pattern { consumerGroup, eventType }: declare the handler with @OnEvent(consumerGroup, eventType)`);
      continue;
    }
    const handlers = groups.get(pattern.consumerGroup);
    if (!handlers) {
      problems.push(`${pattern.eventType} is handled in consumer group ${pattern.consumerGroup}, which is not declared (declared: ${declaredGroups.join(', ') || 'none'})`);
      continue;
    }
    if (handlers[pattern.eventType]) {
      problems.push(`consumer group ${pattern.consumerGroup} has two handlers of ${pattern.eventType}`);
      continue;
    }
    handlers[pattern.eventType] = async (event, context) => {
      try {
        await settle(handler(event, new InboxContext(context, pattern.consumerGroup)));
      } catch (error) {
        throw asError(error);
      }
    };
  }
  for (const [group, handlers] of groups) if (Object.keys(handlers).length === 0) problems.push(`consumer group ${group} is declared but has no @OnEvent handler`);
  if (problems.length > 0) throw new HandlerRegistrationError(`the event handlers cannot start:\n  - ${problems.join('\n  - ')}`);
  return groups;
}
