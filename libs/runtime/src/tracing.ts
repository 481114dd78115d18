import type { IncomingMessage, ServerResponse } from 'node:http';
import { Context, context as otelContext, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { CloudEvent } from '@vt/contracts';
import { EventScope, installEventScope } from '@vt/messaging';
import { correlationIdFrom, eventContext, RequestContext, runInContext } from './context';
import { currentRootLogger } from './logging';

/**
 * Traces (docs/adr/0023). One W3C trace context travels from the HTTP request through the outbox (stored with
 * the row, and as the CloudEvents `traceparent` attribute on the event) into every consumer's span, so a
 * melding's path from its 201 to the partner topic is one trace.
 *
 * Span ids are made and propagated always; spans are recorded and exported only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: OTLP over HTTP, batched.
 * Without an endpoint every span is a non-recording one (the ids, nothing else), so tracing costs next to nothing.
 */
export interface Tracing {
  /** True when spans are recorded and sent to an OTLP endpoint. */
  exporting: boolean;
  /** Sends what is batched and stops; call on shutdown. */
  shutdown(): Promise<void>;
}

let provider: NodeTracerProvider | undefined;

/** Sends the spans still batched and stops exporting (the service module calls it on shutdown). */
export async function shutdownTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  await stopping?.shutdown();
}

export function initTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (provider) return { exporting: Boolean(exportEndpoint(env)), shutdown: () => Promise.resolve() };
  const exporting = Boolean(exportEndpoint(env));
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    // Off: every span non-recording (ids only). On: follow the caller's sampling decision, sample new traces.
    sampler: exporting ? new ParentBasedSampler({ root: new AlwaysOnSampler() }) : new AlwaysOffSampler(),
    spanProcessors: exporting ? [new BatchSpanProcessor(otlpExporter())] : [],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  installEventScope(consumerEventScope);
  return { exporting, shutdown: shutdownTracing };
}

/** Loaded only when exporting: the OTLP exporter and its transformer are most of tracing's start-up cost. */
function otlpExporter(): SpanExporter {
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  return new OTLPTraceExporter();
}

function exportEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined;
}

const tracer = () => trace.getTracer('@vt/runtime');

/** The `traceparent` of the span active in `context` (the current one by default), if there is one. */
export function traceparentOf(context: Context = otelContext.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context, carrier);
  return carrier['traceparent'];
}

/** The parent context a `traceparent` (and `tracestate`) names; the root context when it names none or is invalid. */
export function contextOfTraceparent(traceparent: unknown, tracestate?: unknown): Context {
  if (typeof traceparent !== 'string') return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent, ...(typeof tracestate === 'string' ? { tracestate } : {}) });
}

/**
 * Handling a consumed event: a consumer span, child of the event's `traceparent`, with the event's correlation
 * and id as the log context; what the handler appends to the outbox carries this span's traceparent.
 */
export const consumerEventScope: EventScope = {
  handle<T>(event: CloudEvent, topic: string, work: () => Promise<T>): Promise<T> {
    const parent = contextOfTraceparent(event.traceparent, event.tracestate);
    const span = tracer().startSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.destination.name': topic, 'messaging.message.id': event.id, 'cloudevents.event_type': event.type },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    return otelContext.with(active, () =>
      runInContext(eventContext(event, traceparentOf(active)), async () => {
        const started = process.hrtime.bigint();
        const fields = () => ({ context: 'Consumer', type: event.type, topic, durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 });
        try {
          const outcome = await work();
          // Ids, type and outcome only: never the event's data (docs/adr/0023).
          currentRootLogger()?.debug({ ...fields(), outcome: (outcome as { kind?: unknown } | undefined)?.kind }, 'event handled');
          return outcome;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
          currentRootLogger()?.debug(fields(), 'event handling failed');
          throw error;
        } finally {
          span.end();
        }
      }),
    );
  },
  traceparent: () => traceparentOf(),
};

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Express middleware for every request: a server span, child of the request's `traceparent` when it has a
 * valid one; the request context (correlation from `X-Correlation-Id` or new); and both echoed on the response
 * (`traceparent`, `X-Correlation-Id`) so a client can find its trace and its log lines.
 */
export function requestContextMiddleware(onFinish?: (request: IncomingMessage & { route?: { path?: string } }, response: ServerResponse, context: RequestContext, durationMs: number) => void) {
  return (request: IncomingMessage & { route?: { path?: string } }, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    const parent = contextOfTraceparent(request.headers['traceparent'], request.headers['tracestate']);
    const method = request.method ?? 'GET';
    const span: Span = tracer().startSpan(`${method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': (request.url ?? '').split('?')[0] ?? '' } }, parent);
    const active = trace.setSpan(parent, span);
    const traceparent = traceparentOf(active);
    const context: RequestContext = { correlationId: correlationIdFrom(request.headers[CORRELATION_HEADER]), ...(traceparent ? { traceparent } : {}) };
    if (traceparent) response.setHeader('traceparent', traceparent);
    response.setHeader('X-Correlation-Id', context.correlationId);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = request.route?.path;
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      onFinish?.(request, response, context, Number(process.hrtime.bigint() - started) / 1e6);
    };
    // 'finish' when the answer went out; 'close' too when the client went away first.
    response.once('finish', end);
    response.once('close', end);
    otelContext.with(active, () => runInContext(context, next));
  };
}
