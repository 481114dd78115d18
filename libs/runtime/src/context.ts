import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What is being handled right now: an HTTP request or a consumed event (docs/adr/0023). Set once where the
 * work enters the service (the request middleware, the consumer's event scope) and read where it is needed
 * (every log line, the outbox's traceparent), so nothing passes it by hand.
 */
export interface RequestContext {
  /** The request's `X-Correlation-Id` (or a new one), or the consumed event's `correlationid`. */
  correlationId: string;
  /** The consumed event's `id`; absent for an HTTP request. */
  causationId?: string;
  /** W3C trace context of the span doing the work (`00-<trace id>-<span id>-<flags>`), when there is one. */
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request or event being handled, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `work` (and everything it starts, sync or async) with `context` as the current context. */
export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of handling a consumed event: its correlation, and the event itself as the cause. */
export function eventContext(event: { id: string; correlationid: string }, traceparent?: string): RequestContext {
  return { correlationId: event.correlationid, causationId: event.id, ...(traceparent ? { traceparent } : {}) };
}

/**
 * A correlation id taken from a client is logged and echoed, so only an opaque token is accepted: letters,
 * digits and `._:-`, at most 128 characters (a UUID, a ULID, a trace id…). Anything else — free text,
 * a name, a very long value — is replaced by a new UUID rather than written to the logs.
 */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CORRELATION_ID.test(value) ? value : randomUUID();
}

export interface TraceParent {
  version: string;
  traceId: string;
  spanId: string;
  flags: string;
  sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$/;

/**
 * Parses a W3C `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header): version `ff`,
 * an all-zero trace or parent id, upper-case hex and, for version `00`, anything after the flags are invalid;
 * a later version may carry more fields after the flags, which are ignored.
 */
export function parseTraceparent(value: unknown): TraceParent | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { version, traceId, spanId, flags, sampled: (parseInt(flags, 16) & 1) === 1 };
}

export function formatTraceparent(parent: Pick<TraceParent, 'traceId' | 'spanId'> & { sampled: boolean }): string {
  return `00-${parent.traceId}-${parent.spanId}-${parent.sampled ? '01' : '00'}`;
}

/** The trace id of a `traceparent`, or undefined when it is not a valid one. */
export function traceIdOf(traceparent: unknown): string | undefined {
  return parseTraceparent(traceparent)?.traceId;
}

/** The fields every log line written while handling a request or an event carries (pino's mixin). */
export function logFields(context: RequestContext | undefined = currentContext()): Record<string, string> {
  if (!context) return {};
  const fields: Record<string, string> = { correlationid: context.correlationId };
  if (context.causationId) fields['causationid'] = context.causationId;
  const traceId = traceIdOf(context.traceparent);
  if (traceId) fields['traceid'] = traceId;
  return fields;
}
