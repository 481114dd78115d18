import { CloudEvent } from '@vt/contracts';

/**
 * How messaging takes part in a service's request/event context and trace (docs/adr/0023), without
 * depending on the runtime that keeps them: the runtime installs these at start-up (libs/runtime tracing.ts);
 * until then, and in a process that never installs them, an event is handled as it is and no traceparent
 * is written.
 */
export interface EventScope {
  /** Runs the handling of one consumed event — its attempts, retries and dead-lettering — inside its context and span. */
  handle<T>(event: CloudEvent, topic: string, work: () => Promise<T>): Promise<T>;
  /** The W3C traceparent of the current span, written with each outbox row and on the event. */
  traceparent(): string | undefined;
}

const passThrough: EventScope = {
  handle: (_event, _topic, work) => work(),
  traceparent: () => undefined,
};

let installed: EventScope = passThrough;

export function installEventScope(scope: EventScope | undefined): void {
  installed = scope ?? passThrough;
}

export function eventScope(): EventScope {
  return installed;
}
