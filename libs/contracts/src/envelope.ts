/**
 * CloudEvents 1.0 envelope, structured JSON mode: the whole record value is this object.
 * Extension attribute names must be lower-case alphanumerics (CloudEvents spec), hence `householdid`.
 */
export interface CloudEvent<TType extends string = string, TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  time: string;
  subject?: string;
  datacontenttype: 'application/json';
  dataschema: string;
  householdid: string;
  correlationid: string;
  causationid: string;
  /**
   * Tamper evidence (libs/contracts/src/event-chain.ts): this event's place in its producer's chain for
   * the household on this topic, 1, 2, 3 … without gaps, and the SHA-256 of the previous event in that
   * chain. Assigned by the outbox when the event is written, so absent on an event not yet written.
   */
  vtseq?: number;
  prevhash?: string;
  /**
   * CloudEvents distributed-tracing extension (docs/adr/0023): the W3C trace context of the span that wrote
   * the event, so its consumers' spans join the same trace. Set by the outbox from the current span; part
   * of the hashed record like every other attribute.
   */
  traceparent?: string;
  tracestate?: string;
  data: TData;
}

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=UTF-8';

/** JSON Schema of the envelope; `data` is checked separately against the schema of its `type`. */
export const cloudEventEnvelopeSchema = {
  $id: 'urn:vt:schema:cloudevent-envelope',
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'dataschema', 'householdid', 'correlationid', 'causationid', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', minLength: 1 },
    source: { type: 'string', minLength: 1 },
    type: { type: 'string', minLength: 1 },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', minLength: 1 },
    householdid: { type: 'string', minLength: 1 },
    correlationid: { type: 'string', minLength: 1 },
    causationid: { type: 'string', minLength: 1 },
    vtseq: { type: 'integer', minimum: 1 },
    prevhash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    // Tolerant: a reader that cannot parse it starts a new trace; an event is never refused for its trace context.
    traceparent: { type: 'string', maxLength: 512 },
    tracestate: { type: 'string', maxLength: 512 },
    data: { type: 'object' },
  },
  additionalProperties: true,
} as const;

/** Record header names used next to the envelope (never instead of it). */
export const HEADERS = {
  contentType: 'content-type',
  eventType: 'ce_type',
  eventId: 'ce_id',
  /** The event's `traceparent` again as a header, for tools that trace Kafka records by their headers. */
  traceparent: 'traceparent',
  dlqReason: 'vt-dlq-reason',
  dlqError: 'vt-dlq-error',
  dlqOriginTopic: 'vt-dlq-origin-topic',
  dlqOriginPartition: 'vt-dlq-origin-partition',
  dlqOriginOffset: 'vt-dlq-origin-offset',
  dlqConsumerGroup: 'vt-dlq-consumer-group',
  dlqTime: 'vt-dlq-time',
  dlqAttempts: 'vt-dlq-attempts',
} as const;
