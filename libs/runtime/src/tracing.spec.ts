import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { CloudEvent } from '@vt/contracts';
import { eventScope } from '@vt/messaging';
import { currentContext, traceIdOf } from './context';
import { consumerEventScope, contextOfTraceparent, initTracing, requestContextMiddleware, shutdownTracing, traceparentOf } from './tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

const event = (extra: Partial<CloudEvent> = {}): CloudEvent =>
  ({ specversion: '1.0', id: 'event-1', source: '/veilig-thuis/intake', type: 'nl.veiligthuis.intake.MeldingReceived.v1', time: new Date().toISOString(), datacontenttype: 'application/json', dataschema: 'x', householdid: 'h-1', correlationid: 'c-1', causationid: 'event-1', data: {}, ...extra }) as CloudEvent;

describe('trace context through consumers (rule: each consumer starts a span as child of the event’s traceparent)', () => {
  beforeAll(() => {
    initTracing('unit-test', {});
  });
  afterAll(async () => {
    await shutdownTracing();
  });

  it('installs itself as messaging’s event scope', () => {
    expect(eventScope()).toBe(consumerEventScope);
  });

  it('reads a traceparent as a parent context, and nothing from an invalid one', () => {
    expect(trace.getSpanContext(contextOfTraceparent(PARENT))?.traceId).toBe(TRACE_ID);
    expect(trace.getSpanContext(contextOfTraceparent('00-nonsense'))).toBeUndefined();
    expect(trace.getSpanContext(contextOfTraceparent(undefined))).toBeUndefined();
  });

  it('handles an event in a span of the event’s trace with a span id of its own, in the event’s context', async () => {
    const seen = await consumerEventScope.handle(event({ traceparent: PARENT }), 'vt.intake.meldingen.v1', async () => ({ context: currentContext(), traceparent: consumerEventScope.traceparent() }));
    expect(traceIdOf(seen.traceparent)).toBe(TRACE_ID);
    expect(seen.traceparent).not.toBe(PARENT);
    expect(seen.context).toEqual({ correlationId: 'c-1', causationId: 'event-1', traceparent: seen.traceparent });
    expect(traceparentOf()).toBeUndefined();
  });

  it('starts a new trace for an event without a traceparent, so what it publishes is still traced', async () => {
    const traceparent = await consumerEventScope.handle(event(), 'vt.intake.meldingen.v1', async () => consumerEventScope.traceparent());
    expect(traceIdOf(traceparent)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf(traceparent)).not.toBe(TRACE_ID);
  });

  it('passes a failure on unchanged', async () => {
    const failure = new Error('boom');
    await expect(consumerEventScope.handle(event({ traceparent: PARENT }), 't', async () => Promise.reject(failure))).rejects.toBe(failure);
  });
});

describe('HTTP request context (rule: the request span honours an incoming traceparent; the response carries one)', () => {
  beforeAll(() => {
    initTracing('unit-test', {});
  });
  afterAll(async () => {
    await shutdownTracing();
  });

  function request(headers: Record<string, string>) {
    const response = Object.assign(new EventEmitter(), { statusCode: 201, headers: {} as Record<string, string>, setHeader(name: string, value: string) { this.headers[name.toLowerCase()] = value; } });
    const finished: unknown[] = [];
    const middleware = requestContextMiddleware((_req, _res, context) => finished.push(context));
    let inside: ReturnType<typeof currentContext>;
    middleware({ method: 'POST', url: '/api/v1/meldingen?x=1', headers } as unknown as IncomingMessage, response as unknown as ServerResponse, () => {
      inside = currentContext();
    });
    return { response, finished, inside: () => inside };
  }

  it('continues the caller’s trace with a span of its own, answers its traceparent and correlation id, and handles the request in that context', () => {
    const { response, finished, inside } = request({ traceparent: PARENT, 'x-correlation-id': 'client-42' });
    expect(traceIdOf(response.headers['traceparent'])).toBe(TRACE_ID);
    expect(response.headers['traceparent']).not.toBe(PARENT);
    expect(response.headers['x-correlation-id']).toBe('client-42');
    expect(inside()).toEqual({ correlationId: 'client-42', traceparent: response.headers['traceparent'] });
    response.emit('finish');
    response.emit('close');
    expect(finished).toHaveLength(1);
  });

  it('starts a new trace and correlation for a request without (valid) ones', () => {
    const { response, inside } = request({ traceparent: 'garbage', 'x-correlation-id': 'Jan Jansen, Dorpsstraat 1' });
    expect(traceIdOf(response.headers['traceparent'])).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf(response.headers['traceparent'])).not.toBe(TRACE_ID);
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(inside()?.correlationId).toBe(response.headers['x-correlation-id']);
  });
});
