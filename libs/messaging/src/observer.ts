/**
 * What the messaging backbone reports as it works, for metrics (libs/runtime/src/metrics). Every method is
 * optional and called synchronously on the hot path: an observer only counts and returns. The relay and
 * the consumer runner call it through `observe()`, so a missing observer is a no-op and a throwing one
 * never breaks publishing or consuming.
 *
 * Arguments carry only event types, topics, consumer groups and reason codes: no ids, keys or payloads.
 */
export interface MessagingObserver {
  /** A batch of outbox rows was sent to the broker and marked published. */
  batchPublished?(batch: PublishedBatch): void;
  /** An event was applied by a consumer group's handler (its inbox transaction committed). */
  eventApplied?(event: ConsumedEvent): void;
  /** A handler failed with a retriable error and the event is tried again after a backoff. */
  eventRetried?(event: ConsumedEvent & { attempt: number }): void;
  /** An event went to the service's dead-letter topic; `reason` is a code such as `handler-failed` or `household-parked`. */
  eventDeadLettered?(event: ConsumedEvent & { reason: string }): void;
}

export interface PublishedBatch {
  /** How long the broker took to accept the batch (the `sendBatch` call), in seconds. */
  sendSeconds: number;
  /** The published events: their logical topic, CloudEvents type, and when their outbox row was written. */
  events: { topic: string; type: string; createdAt: Date }[];
  /** When the batch was acknowledged by the broker. */
  publishedAt: Date;
}

export interface ConsumedEvent {
  /** Logical consumer-group name (without the deployment prefix). */
  group: string;
  /** CloudEvents type, or `unreadable` for a record that was not a valid event. */
  type: string;
}

/** Calls one observer method, if the observer and the method exist; an observer that throws is ignored. */
export function observe<K extends keyof MessagingObserver>(observer: MessagingObserver | undefined, method: K, argument: Parameters<NonNullable<MessagingObserver[K]>>[0]): void {
  const call = observer?.[method] as ((value: typeof argument) => void) | undefined;
  if (!call) return;
  try {
    call.call(observer, argument);
  } catch {
    // Metrics never stop messaging.
  }
}
