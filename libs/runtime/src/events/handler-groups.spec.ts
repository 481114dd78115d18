import 'reflect-metadata';
import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomTransportStrategy, Ctx, MessageHandler, MessagePattern, Payload, Server } from '@nestjs/microservices';
import { of } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { ACUTE_CHECK_COMPLETED, CloudEvent, EventType, MELDING_RECEIVED } from '@vt/contracts';
import type { EventHandler, HandlerContext } from '@vt/messaging';
import { EventsController, KAFKA_INBOX_TRANSPORT, OnEvent } from './event-pattern';
import { groupEventHandlers, HandlerRegistration, HandlerRegistrationError } from './handler-groups';
import { InboxContext } from './inbox-context';

/** Stands in for KafkaInboxTransport: collects what Nest registers, as the transport does, without Kafka. */
class CollectingTransport extends Server implements CustomTransportStrategy {
  readonly registrations: HandlerRegistration[] = [];
  constructor() {
    super();
    this.transportId = KAFKA_INBOX_TRANSPORT;
  }
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    this.registrations.push({ pattern, handler: callback as never, isEventHandler });
    super.addHandler(pattern, callback, isEventHandler, extras);
  }
  listen(callback: () => void): void {
    callback();
  }
  close(): void {
    // nothing to stop: no connection was opened
  }
  on(): never {
    throw new Error('no events');
  }
  unwrap<T>(): T {
    return undefined as T;
  }
}

class Retriable extends Error {}

const seen: { handler: string; eventId: string; topic: string; group: string }[] = [];

@EventsController()
class TriageEvents {
  @OnEvent('intake', ACUTE_CHECK_COMPLETED)
  async checked(@Payload() event: CloudEvent<EventType>, @Ctx() context: InboxContext): Promise<void> {
    seen.push({ handler: 'checked', eventId: event.id, topic: context.topic, group: context.consumerGroup });
  }

  @OnEvent('intake-erasures', MELDING_RECEIVED)
  received(@Payload() event: CloudEvent<EventType>) {
    if (event.id === 'fails') throw new Retriable('connection lost');
    return of(1, 2);
  }
}

@EventsController()
class TwiceTheSame {
  @OnEvent('intake', ACUTE_CHECK_COMPLETED)
  async again(): Promise<void> {
    seen.push({ handler: 'again', eventId: '', topic: '', group: 'intake' });
  }
}

@EventsController()
class RequestResponse {
  @MessagePattern({ consumerGroup: 'intake', eventType: MELDING_RECEIVED })
  answer(): string {
    return 'no';
  }
}

async function registered(...controllers: Type<unknown>[]): Promise<HandlerRegistration[]> {
  @Module({ controllers })
  class TestModule {}
  const transport = new CollectingTransport();
  const app = await NestFactory.createMicroservice(TestModule, { strategy: transport, logger: false });
  await app.listen();
  await app.close();
  return transport.registrations;
}

function event(id: string, type: EventType): CloudEvent<EventType> {
  return { specversion: '1.0', id, source: '/test', type, time: new Date(0).toISOString(), datacontenttype: 'application/json', dataschema: 'x', householdid: 'h1', correlationid: id, causationid: id, data: {} } as unknown as CloudEvent<EventType>;
}

const context = (topic: string): HandlerContext => ({ manager: {} as EntityManager, publish: async () => undefined, topic });

// Issue 13 point 7: handlers are declared with @EventPattern on controllers; the transport groups them into the
// declared consumer groups and hands each group's runner a handler map; failures reach the runner unchanged.
describe('grouping @OnEvent handlers into consumer groups', () => {
  beforeEach(() => (seen.length = 0));

  it('gives each declared group the handlers that name it, calling them with the CloudEvent and the inbox context', async () => {
    const groups = groupEventHandlers(await registered(TriageEvents), ['intake', 'intake-erasures']);
    expect(Object.keys(groups.get('intake') ?? {})).toEqual([ACUTE_CHECK_COMPLETED]);
    expect(Object.keys(groups.get('intake-erasures') ?? {})).toEqual([MELDING_RECEIVED]);
    await (groups.get('intake')?.[ACUTE_CHECK_COMPLETED] as EventHandler)(event('e1', ACUTE_CHECK_COMPLETED), context('vt.triage.assessments.v1'));
    expect(seen).toEqual([{ handler: 'checked', eventId: 'e1', topic: 'vt.triage.assessments.v1', group: 'intake' }]);
  });

  it('awaits an Observable a handler returns, and rejects with the error the handler threw (so the runner can retry or dead-letter it)', async () => {
    const handler = groupEventHandlers(await registered(TriageEvents), ['intake', 'intake-erasures']).get('intake-erasures')?.[MELDING_RECEIVED] as EventHandler;
    await expect(handler(event('ok', MELDING_RECEIVED), context('vt.privacy.erasures.v1'))).resolves.toBeUndefined();
    const failure = handler(event('fails', MELDING_RECEIVED), context('vt.privacy.erasures.v1'));
    await expect(failure).rejects.toBeInstanceOf(Retriable);
    await expect(failure).rejects.toThrow('connection lost');
  });

  it('refuses at start an event type handled twice in one consumer group', async () => {
    const registrations = await registered(TriageEvents, TwiceTheSame);
    expect(() => groupEventHandlers(registrations, ['intake', 'intake-erasures'])).toThrow(HandlerRegistrationError);
    expect(() => groupEventHandlers(registrations, ['intake', 'intake-erasures'])).toThrow(`consumer group intake has two handlers of ${ACUTE_CHECK_COMPLETED}`);
  });

  it('allows one event type in two different groups', async () => {
    const registrations: HandlerRegistration[] = [
      { pattern: { consumerGroup: 'a', eventType: MELDING_RECEIVED }, handler: async () => undefined, isEventHandler: true },
      { pattern: { consumerGroup: 'b', eventType: MELDING_RECEIVED }, handler: async () => undefined, isEventHandler: true },
    ];
    expect([...groupEventHandlers(registrations, ['a', 'b']).keys()]).toEqual(['a', 'b']);
  });

  it('refuses a handler of an undeclared group, a declared group without handlers, a request-response handler and a pattern that is not { consumerGroup, eventType }', async () => {
    expect(() => groupEventHandlers([], ['intake'])).toThrow('consumer group intake is declared but has no @OnEvent handler');
    const registrations = await registered(TriageEvents);
    expect(() => groupEventHandlers(registrations, ['intake'])).toThrow('which is not declared (declared: intake)');
    const requestResponse = await registered(RequestResponse);
    expect(() => groupEventHandlers(requestResponse, [])).toThrow('is a @MessagePattern');
    const odd: HandlerRegistration = { pattern: 'nl.veiligthuis.intake.MeldingReceived.v1', handler: async () => undefined, isEventHandler: true };
    expect(() => groupEventHandlers([odd], [])).toThrow('is not an event pattern { consumerGroup, eventType }');
  });

  it('leaves out event types nobody handles, so the runner skips them as before', async () => {
    const groups = groupEventHandlers(await registered(TriageEvents), ['intake', 'intake-erasures']);
    expect(groups.get('intake')?.[MELDING_RECEIVED]).toBeUndefined();
  });
});
