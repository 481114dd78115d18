import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import type { ConsumedEvent, MessagingObserver, PublishedBatch } from '@vt/messaging';
import { LATENCY_BUCKETS, METRICS_REGISTRY, PUBLISH_LAG_BUCKETS } from './registry';

/** The relay's and the consumers' counters and latencies, fed through the `MessagingObserver` they are given. */
@Injectable()
export class MessagingMetrics implements MessagingObserver {
  private readonly publishLatency: Histogram<'topic'>;
  private readonly batchSend: Histogram;
  private readonly published: Counter<'topic' | 'type'>;
  private readonly applied: Counter<'group' | 'type'>;
  private readonly retried: Counter<'group' | 'type'>;
  private readonly deadLettered: Counter<'group' | 'type' | 'reason'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.publishLatency = new Histogram({
      name: 'vt_relay_publish_latency_seconds',
      help: 'Seconds from an event being written to the outbox (its transaction) to the broker acknowledging it, per logical topic.',
      labelNames: ['topic'],
      buckets: PUBLISH_LAG_BUCKETS,
      registers,
    });
    this.batchSend = new Histogram({ name: 'vt_relay_batch_send_seconds', help: 'Seconds the broker took to acknowledge one relay batch.', buckets: LATENCY_BUCKETS, registers });
    this.published = new Counter({ name: 'vt_relay_events_published_total', help: 'Events the outbox relay published, per logical topic and event type.', labelNames: ['topic', 'type'], registers });
    this.applied = new Counter({ name: 'vt_events_applied_total', help: 'Events applied by a consumer group, per event type.', labelNames: ['group', 'type'], registers });
    this.retried = new Counter({ name: 'vt_events_retried_total', help: 'Retries after a transient handler failure, per consumer group and event type.', labelNames: ['group', 'type'], registers });
    this.deadLettered = new Counter({
      name: 'vt_events_dead_lettered_total',
      help: 'Events sent to the dead-letter topic, per consumer group, event type and reason code.',
      labelNames: ['group', 'type', 'reason'],
      registers,
    });
  }

  batchPublished(batch: PublishedBatch): void {
    this.batchSend.observe(batch.sendSeconds);
    const at = batch.publishedAt.getTime();
    for (const event of batch.events) {
      this.publishLatency.observe({ topic: event.topic }, Math.max(0, (at - event.createdAt.getTime()) / 1000));
      this.published.inc({ topic: event.topic, type: event.type });
    }
  }

  eventApplied(event: ConsumedEvent): void {
    this.applied.inc({ group: event.group, type: event.type });
  }

  eventRetried(event: ConsumedEvent): void {
    this.retried.inc({ group: event.group, type: event.type });
  }

  eventDeadLettered(event: ConsumedEvent & { reason: string }): void {
    this.deadLettered.inc({ group: event.group, type: event.type, reason: event.reason });
  }
}
