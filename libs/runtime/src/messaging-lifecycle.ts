import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, MigrationInterface } from 'typeorm';
import { Kafka } from 'kafkajs';
import { EventType, HOUSEHOLD_DATA_ERASED, HouseholdDataErasedData, PERSON_DATA_ERASED, PersonDataErasedData, TOPICS } from '@vt/contracts';
import { destroyHouseholdKeyOnErasure, destroyOnErasure, PersonDataCipher } from '@vt/privacy';
import { ChainSigner, ConsumerRunner, ensureTopics, EventHandler, MessagingObserver, OutboxRelay, RelayState, retryUntil, TimerRunner, TimerStore, TopicNames } from '@vt/messaging';
import type { ServiceConfig, ServiceDefaults } from './config';
import { ConsumerGroupStatus } from './consumer-status';
import { DATA_SOURCE, KAFKA, SERVICE_CONFIG, TOPIC_NAMES } from './tokens';
import { AUDIT_SIGNER } from './audit-signing';
import { MESSAGING_OBSERVER } from './metrics/registry';

/** A provider that maps event types to handlers; the consumer runner calls them inside its inbox transaction. */
export interface EventHandlers {
  handlers(): Partial<Record<EventType, EventHandler>>;
}

export interface ConsumerDefinition {
  groupId: string;
  topics: string[];
  /** Providers whose handler maps are merged; two providers may not handle the same event type. */
  handlers: Type<EventHandlers>[];
}

export interface ServiceModuleOptions extends ServiceDefaults {
  /** The service's own migrations; the messaging tables are added in front of them. */
  migrations: (new () => MigrationInterface)[];
  /** Topics this service writes; created at start so readers can subscribe before the first event. */
  produces: string[];
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
 * Starts the outbox relay and consumers after the app is wired, and stops them in order on shutdown.
 * Nothing here waits for the broker: the HTTP port opens while topics are created, the relay connects
 * and the consumers join, each retrying with backoff until it succeeds or the service stops
 * (docs/adr/0026). Readiness shows where each stands.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay?: OutboxRelay;
  private readonly runners: ConsumerRunner[] = [];
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

  /** The running consumers by their (logical) group id; the dead-letter admin works through them. */
  consumers(): ReadonlyMap<string, ConsumerRunner> {
    return new Map(this.runners.map((runner) => [runner.groupId, runner]));
  }

  constructor(
    @Inject(SERVICE_MODULE_OPTIONS) private readonly options: ServiceModuleOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    private readonly status: ConsumerGroupStatus,
    private readonly moduleRef: ModuleRef,
    @Inject(TimerStore) private readonly timerStore: TimerStore,
    @Inject(AUDIT_SIGNER) private readonly auditSigner: ChainSigner,
    @Optional() @Inject(MESSAGING_OBSERVER) private readonly observer?: MessagingObserver,
  ) {}

  private timerRunner?: TimerRunner;

  onApplicationBootstrap(): void {
    this.relay = new OutboxRelay({ dataSource: this.dataSource, schema: this.config.databaseSchema, kafka: this.kafka, topics: this.topicNames, logger: this.logger, signer: this.auditSigner, ...(this.observer ? { observer: this.observer } : {}) });
    if (this.options.timers) {
      this.timerRunner = new TimerRunner({ dataSource: this.dataSource, store: this.timerStore, logger: this.logger });
      this.timerRunner.start();
    }
    // Handler maps are wired now, so a programming mistake (two providers for one type) fails the start.
    for (const definition of [...(this.options.consumers ?? []), ...this.erasureConsumer()]) {
      const handlers = this.mergeHandlers(definition);
      this.status.expect(definition.groupId);
      this.runners.push(
        new ConsumerRunner({
          service: this.config.service,
          groupId: definition.groupId,
          topics: definition.topics,
          handlers,
          dataSource: this.dataSource,
          schema: this.config.databaseSchema,
          kafka: this.kafka,
          topicNames: this.topicNames,
          logger: this.logger,
          onMembershipChange: (joined, reason) => this.status.mark(definition.groupId, joined, reason),
          ...(this.observer ? { observer: this.observer } : {}),
        }),
      );
    }
    this.startup = this.startMessaging();
  }

  /** Everything that needs the broker, each part retrying by itself; never rejects. */
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
      ...this.runners.map((runner) => runner.start()),
    ]).catch((error: unknown) => this.logger.error(`starting messaging failed: ${(error as Error).message}`));
  }

  /**
   * A service with personal data keeps data keys of its own: it destroys a person's key when intake records
   * `PersonDataErased` (docs/adr/0007), and the household's own key (free text about the household,
   * docs/adr/0020) when intake records `HouseholdDataErased`; applied once through its inbox, in a consumer
   * group of its own.
   */
  private erasureConsumer(): ConsumerDefinition[] {
    return this.options.personalData ? [{ groupId: this.erasureGroupId(), topics: [TOPICS.privacyErasures], handlers: [] }] : [];
  }

  private erasureGroupId(): string {
    return `${this.config.service}-erasures`;
  }

  private mergeHandlers(definition: ConsumerDefinition): Partial<Record<EventType, EventHandler>> {
    if (this.options.personalData && definition.groupId === this.erasureGroupId()) {
      const keys = this.moduleRef.get(PersonDataCipher, { strict: false }).keys;
      return {
        [PERSON_DATA_ERASED]: async (event, context) => {
          await destroyOnErasure(keys, context.manager, event.data as PersonDataErasedData);
        },
        [HOUSEHOLD_DATA_ERASED]: async (event, context) => {
          await destroyHouseholdKeyOnErasure(keys, context.manager, event.data as HouseholdDataErasedData);
        },
      };
    }
    const merged: Partial<Record<EventType, EventHandler>> = {};
    for (const type of definition.handlers) {
      for (const [eventType, handler] of Object.entries(this.moduleRef.get(type, { strict: false }).handlers()) as [EventType, EventHandler][]) {
        if (merged[eventType]) throw new Error(`consumer group ${definition.groupId}: two providers handle ${eventType}`);
        merged[eventType] = handler;
      }
    }
    return merged;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const runner of this.runners) await runner.stop();
    await this.startup;
    await this.timerRunner?.stop();
    await this.relay?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
