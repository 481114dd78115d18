import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { DataSource, MigrationInterface } from 'typeorm';
import { Kafka } from 'kafkajs';
import { ChainSigner, ConsumerRunner, ensureTopics, MessagingObserver, OutboxRelay, RelayState, retryUntil, TimerRunner, TimerStore, TopicNames } from '@vt/messaging';
import type { ServiceConfig } from './config';
import { DATA_SOURCE, KAFKA, SERVICE_CONFIG, TOPIC_NAMES } from './tokens';
import { AUDIT_SIGNER } from './audit-signing';
import { MESSAGING_OBSERVER } from './metrics/registry';
import { ConsumerDefinition, ConsumerGroupOptions, KafkaInboxTransport } from './events/kafka-inbox.transport';

export type { ConsumerDefinition } from './events/kafka-inbox.transport';

export interface ServiceModuleOptions extends ConsumerGroupOptions {
  /** The service's own migrations; the messaging tables are added in front of them. */
  migrations: (new () => MigrationInterface)[];
  /** Topics this service writes; created at start so readers can subscribe before the first event. */
  produces: string[];
  /**
   * The consumer groups, each with its topics, declared once; the handlers are the `@OnEvent(groupId, eventType)`
   * methods of `@EventsController()`s (docs/adr/0028), run by the `KafkaInboxTransport`.
   */
  consumers?: ConsumerDefinition[];
  /** Durable statutory clocks: adds the timer table, a `TimerStore` to inject and a runner that fires due timers. */
  timers?: boolean;
  /**
   * Personal data encrypted per person (libs/privacy): adds the `person_key` table and a `PersonDataCipher`
   * to inject; the master keys come from `PERSONAL_DATA_MASTER_KEYS`. Also a consumer group
   * `<service>-erasures` on `vt.privacy.erasures.v1` that destroys this service's key of a person when
   * `PersonDataErased` arrives (crypto-shredding reaches every key table).
   */
  personalData?: boolean;
  /**
   * With `timers`: the VT region a statutory clock counts for in `vt_statutory_clocks`, as an SQL expression
   * over the timer row `t` (e.g. a lookup of the clock's melding). `unknown` when absent or null.
   */
  clockRegionSql?: string;
}

export const SERVICE_MODULE_OPTIONS = Symbol('SERVICE_MODULE_OPTIONS');

/**
 * Starts the outbox relay (and the timer runner) after the app is wired, and stops them in order on shutdown.
 * The consumers are the `KafkaInboxTransport`'s (started by `startAllMicroservices`, stopped before this).
 * Nothing here waits for the broker: the HTTP port opens while topics are created, the relay connects
 * and the consumers join, each retrying with backoff until it succeeds or the service stops
 * (docs/adr/0026). Readiness shows where each stands.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay?: OutboxRelay;
  private stopping = false;
  private startup?: Promise<void>;

  /** The relay's backlog, last publish, failure and blocked topics; undefined before it started. */
  relayState(): Promise<RelayState> | undefined {
    return this.relay?.state();
  }

  /** The relay, e.g. for its `blockedTopics()`; undefined before it started. */
  outboxRelay(): OutboxRelay | undefined {
    return this.relay;
  }

  /** The running consumers by their (logical) group id: the transport's registry (kept here for callers of old). */
  consumers(): ReadonlyMap<string, ConsumerRunner> {
    return this.transport.consumers();
  }

  constructor(
    @Inject(SERVICE_MODULE_OPTIONS) private readonly options: ServiceModuleOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    private readonly transport: KafkaInboxTransport,
    @Inject(TimerStore) private readonly timerStore: TimerStore,
    @Inject(AUDIT_SIGNER) private readonly auditSigner: ChainSigner,
    @Optional() @Inject(MESSAGING_OBSERVER) private readonly observer?: MessagingObserver,
  ) {}

  private timerRunner?: TimerRunner;

  onApplicationBootstrap(): void {
    this.relay = new OutboxRelay({ dataSource: this.dataSource, schema: this.config.databaseSchema, kafka: this.kafka, topics: this.topicNames, logger: this.logger, signer: this.auditSigner, passIdleTimeoutMs: this.config.relayPassIdleTimeoutMs, ...(this.observer ? { observer: this.observer } : {}) });
    if (this.options.timers) {
      this.timerRunner = new TimerRunner({ dataSource: this.dataSource, store: this.timerStore, logger: this.logger });
      this.timerRunner.start();
    }
    this.startup = this.startMessaging();
  }

  /** What needs the broker here, each part retrying by itself; never rejects. */
  private async startMessaging(): Promise<void> {
    const relay = this.relay;
    await Promise.all([
      // Topics this service writes, so readers can subscribe before the first event; the relay and consumers create theirs too.
      retryUntil(
        `creating the topics ${this.config.service} writes`,
        async () => {
          const admin = this.kafka.admin();
          await admin.connect();
          try {
            await ensureTopics(admin, this.topicNames, this.options.produces);
          } finally {
            await admin.disconnect().catch(() => undefined);
          }
        },
        { logger: this.logger, stopped: () => this.stopping },
      ),
      relay?.start(),
    ]).catch((error: unknown) => this.logger.error(`starting messaging failed: ${(error as Error).message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // Normally closed already (Nest closes the transport before shutdown hooks); again here when it was never connected.
    await this.transport.close();
    await this.startup;
    await this.timerRunner?.stop();
    await this.relay?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
