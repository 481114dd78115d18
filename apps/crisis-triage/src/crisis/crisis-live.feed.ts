import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { TOPICS } from '@vt/contracts';
import { backoffDelay, describeError, ensureTopics, TopicNames } from '@vt/messaging';
import { DATA_SOURCE, KAFKA, TOPIC_NAMES } from '@vt/runtime';
import { CRISIS_TRIAGE_GROUP } from '../consumer-groups';
import { LiveNotice, LiveSubscriber, LiveSubscribers, noticeOf, SSE_HEARTBEAT } from './crisis-live';

/** A screen is one stream; far above a region's crisis staff per instance, it only bounds a runaway client. */
export const MAX_LIVE_SUBSCRIBERS = 500;
/** Comment lines this often keep proxies (the ingress, Vite's proxy) from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

export interface LiveStream extends LiveSubscriber {
  close(): void;
}

/**
 * The live crisis queue of this instance (docs/adr/0035): a Kafka consumer of its own (group
 * `<prefix>crisis-triage.live.<instance>`, covered by crisis-triage's prefixed group ACL) reads the triage topic
 * from the latest offset, commits nothing, and tells each open stream of the event's region that an
 * intervention was requested or changed. Every instance reads every partition, so a stream on any instance hears
 * of every intervention. Not an inbox consumer: it changes no state and may miss a notice while it rejoins; a screen
 * re-reads the queue whenever its stream (re)connects.
 */
@Injectable()
export class CrisisLiveFeed implements OnApplicationBootstrap, OnModuleDestroy {
  readonly subscribers = new LiveSubscribers<LiveStream>(MAX_LIVE_SUBSCRIBERS);
  readonly groupId = `${CRISIS_TRIAGE_GROUP}.live.${randomUUID()}`;
  private readonly logger = new Logger('CrisisLiveFeed');
  private consumer?: Consumer;
  private running = false;
  private joined = false;
  private failures = 0;
  private restartTimer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** Whether the consumer is in its group (the stream's `ready` event says so). */
  get live(): boolean {
    return this.joined;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.heartbeat = setInterval(() => this.subscribers.all().forEach((stream) => stream.send(SSE_HEARTBEAT)), HEARTBEAT_MS);
    this.heartbeat.unref();
    // Not awaited: the service starts without waiting for the broker, like its other consumers (docs/adr/0026).
    void this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    // Open streams would keep the HTTP server from closing; the screens reconnect to another instance.
    for (const stream of this.subscribers.all()) stream.close();
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async start(): Promise<void> {
    if (!this.running) return;
    const consumer = this.kafka.consumer({
      groupId: this.topicNames.physical(this.groupId),
      maxWaitTimeInMs: 500,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000, restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (consumer !== this.consumer) return;
      this.joined = true;
      this.failures = 0;
    });
    consumer.on(consumer.events.CRASH, (event) => this.restart(consumer, describeError(event.payload.error)));
    try {
      // As every consumer of the service does before it subscribes: the topic exists and each partition has a leader.
      // The service creates the topic at start at the same time; subscribing before its leaders are elected failed
      // with "does not host this topic-partition" (a WARN and a restart at a normal start-up).
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, this.topicNames, [TOPICS.triageAssessments]);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      if (!this.running || consumer !== this.consumer) return;
      await consumer.connect();
      // From the latest offset: a new group has none committed, and it commits none (autoCommit false).
      await consumer.subscribe({ topics: [this.topicNames.physical(TOPICS.triageAssessments)], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          // Nobody to tell: the record is not read (the feed is live only; a screen re-reads the queue when it connects).
          if (this.subscribers.size === 0) return;
          let event: unknown;
          try {
            event = JSON.parse(message.value?.toString('utf8') ?? 'null');
          } catch {
            return; // not an event this feed knows; the inbox consumers deal with malformed records
          }
          await this.deliver(event);
        },
      });
    } catch (error) {
      this.restart(consumer, describeError(error));
    }
  }

  private restart(consumer: Consumer, reason: string): void {
    if (consumer !== this.consumer) return;
    this.joined = false;
    this.failures++;
    const delay = backoffDelay(this.failures);
    this.logger.warn(`live crisis-queue consumer failed (attempt ${this.failures}), trying again in ${delay} ms: ${reason}`);
    void consumer.disconnect().catch(() => undefined);
    this.consumer = undefined;
    if (!this.running) return;
    this.restartTimer = setTimeout(() => void this.start(), delay);
    this.restartTimer.unref();
  }

  /** An event's notice to its region's streams; a CrisisActionRecorded names no region, so its intervention's is read. */
  async deliver(event: unknown): Promise<void> {
    const found = noticeOf(event);
    if (!found || this.subscribers.size === 0) return;
    const region = found.region ?? (await this.regionOf(found.notice));
    if (region) this.subscribers.publish(region, found.notice);
  }

  private async regionOf(notice: LiveNotice): Promise<string | undefined> {
    try {
      const [row] = (await this.dataSource.query('select crisis_region from crisis_intervention where intervention_id = $1', [notice.interventionId])) as { crisis_region: string }[];
      return row?.crisis_region;
    } catch (error) {
      this.logger.warn(`live crisis-queue: the region of an intervention could not be read: ${describeError(error)}`);
      return undefined;
    }
  }
}
