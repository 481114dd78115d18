import { Inject, Injectable, Logger, Optional, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import { EventType, TOPICS } from '@vt/contracts';
import { ConsumerRunner, EventHandler, MessagingObserver, TopicNames } from '@vt/messaging';
import type { ServiceConfig, ServiceDefaults } from '../config';
import { ConsumerGroupStatus } from '../consumer-status';
import { DATA_SOURCE, KAFKA, SERVICE_CONFIG, TOPIC_NAMES } from '../tokens';
import { MESSAGING_OBSERVER } from '../metrics/registry';
import { KAFKA_INBOX_TRANSPORT } from './event-pattern';
import { groupEventHandlers, HandlerRegistration, NestEventHandler } from './handler-groups';

/** Topics a consumer group reads that are only known at run time (e.g. the partners referral has sent referrals to). */
export interface ConsumerTopics {
  /** The (logical) topics to read now; asked again every `refreshMs`, and the group restarted when they change. */
  topics(): Promise<string[]>;
}

/** A consumer group: its logical id and the topics it reads. Its handlers are the `@OnEvent(groupId, …)` methods. */
export interface ConsumerDefinition {
  groupId: string;
  /** Fixed topics, or a provider (`ConsumerTopics`) of topics that change while the service runs. */
  topics: string[] | Type<ConsumerTopics>;
  /** How often a `ConsumerTopics` provider is asked again (ms, default 500). */
  refreshMs?: number;
}

/** The part of the service-module options the transport reads. */
export interface ConsumerGroupOptions extends ServiceDefaults {
  consumers?: ConsumerDefinition[];
  personalData?: boolean;
}

export const CONSUMER_GROUP_OPTIONS = Symbol('CONSUMER_GROUP_OPTIONS');

/** The consumer group of a service with personal data that destroys its keys on erasure (docs/adr/0007, 0020). */
export function erasureGroupId(service: string): string {
  return `${service}-erasures`;
}

interface Group {
  definition: ConsumerDefinition;
  handlers: Partial<Record<EventType, EventHandler>>;
  topics: string[];
  runner?: ConsumerRunner;
  timer?: NodeJS.Timeout;
  refreshing?: Promise<void>;
}

/**
 * The project's Kafka consumer runner (inbox, retries, parking, dead letters; libs/messaging) as a Nest custom
 * transport strategy (docs/adr/0028). Nest registers every `@OnEvent` handler with it; at `listen` it sorts them
 * into the declared consumer groups and starts one `ConsumerRunner` per group, whose handler map calls the Nest
 * handlers inside the runner's inbox transaction. It is the one registry of a service's consumers: the
 * dead-letter admin, readiness and metrics read `consumers()`.
 *
 * It is a provider of `ServiceModule`; `bootstrapService` connects it (`connectEventTransport`).
 */
@Injectable()
export class KafkaInboxTransport extends Server implements CustomTransportStrategy {
  private readonly registrations: HandlerRegistration[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly log = new Logger('Consumers');
  private running = false;
  private closed = false;

  constructor(
    @Inject(CONSUMER_GROUP_OPTIONS) private readonly options: ConsumerGroupOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    private readonly membership: ConsumerGroupStatus,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(MESSAGING_OBSERVER) private readonly observer?: MessagingObserver,
  ) {
    super();
    this.transportId = KAFKA_INBOX_TRANSPORT;
  }

  /** The consumer groups this service declares, the erasure group included. */
  declaredGroups(): ConsumerDefinition[] {
    return [...(this.options.consumers ?? []), ...(this.options.personalData ? [{ groupId: erasureGroupId(this.options.service), topics: [TOPICS.privacyErasures] }] : [])];
  }

  /** The running consumers by their (logical) group id: the dead-letter admin, readiness and metrics work through them. */
  consumers(): ReadonlyMap<string, ConsumerRunner> {
    const running = new Map<string, ConsumerRunner>();
    for (const [groupId, group] of this.groups) if (group.runner) running.set(groupId, group.runner);
    return running;
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    this.registrations.push({ pattern, handler: callback as unknown as NestEventHandler, isEventHandler });
    super.addHandler(pattern, callback, isEventHandler, extras);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const definitions = this.declaredGroups();
    const ids = definitions.map((definition) => definition.groupId);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) throw new Error(`consumer group ${duplicate} is declared twice`);
    const handlers = groupEventHandlers(this.registrations, ids);
    this.running = true;
    for (const definition of definitions) {
      const group: Group = { definition, handlers: handlers.get(definition.groupId) ?? {}, topics: [] };
      this.groups.set(definition.groupId, group);
      if (Array.isArray(definition.topics)) {
        this.run(group, definition.topics);
      } else {
        // Its topics come from the database: a database that does not answer yet delays this group, not the service.
        group.refreshing = this.refresh(group)
          .catch((error: unknown) => this.log.warn(`consumer group ${definition.groupId} could not read its topics, trying again: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => {
            if (this.running) this.schedule(group);
          });
      }
    }
  }

  /**
   * Starts the group's runner without waiting for the broker: the runner retries its start and restarts after a
   * crash by itself (docs/adr/0026), so the HTTP port opens while the broker is away; readiness shows the group.
   */
  private run(group: Group, topics: string[]): void {
    const { groupId } = group.definition;
    this.membership.expect(groupId);
    const runner = new ConsumerRunner({
      service: this.config.service,
      groupId,
      topics,
      handlers: group.handlers,
      dataSource: this.dataSource,
      schema: this.config.databaseSchema,
      kafka: this.kafka,
      topicNames: this.topicNames,
      logger: this.log,
      onMembershipChange: (joined, reason) => this.membership.mark(groupId, joined, reason),
      ...(this.observer ? { observer: this.observer } : {}),
    });
    group.topics = topics;
    group.runner = runner;
    // A failed start is retried with backoff by the runner itself until it is stopped.
    runner.start().catch((error: unknown) => this.log.error(`consumer group ${groupId} did not start: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Asks a group's `ConsumerTopics` again; restarts the group (reading new topics from the beginning) when they changed. */
  private async refresh(group: Group): Promise<void> {
    const source = group.definition.topics as Type<ConsumerTopics>;
    const topics = [...new Set(await this.moduleRef.get(source, { strict: false }).topics())].sort();
    if (topics.length === group.topics.length && topics.every((topic, i) => topic === group.topics[i])) return;
    await group.runner?.stop();
    group.runner = undefined;
    group.topics = [];
    if (topics.length === 0) {
      this.membership.forget(group.definition.groupId);
      return;
    }
    this.run(group, topics);
    this.log.log(`consumer group ${group.definition.groupId} reads ${topics.length} topic(s)`);
  }

  private schedule(group: Group): void {
    group.timer = setTimeout(() => {
      group.refreshing = this.refresh(group)
        .catch((error: unknown) => this.log.warn(`consumer group ${group.definition.groupId} could not follow its topics, trying again: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (this.running) this.schedule(group);
        });
    }, group.definition.refreshMs ?? 500);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.running = false;
    for (const group of this.groups.values()) {
      if (group.timer) clearTimeout(group.timer);
      await group.refreshing;
    }
    for (const group of this.groups.values()) await group.runner?.stop();
  }

  on(): never {
    throw new Error('the Kafka inbox transport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumers() as T;
  }
}
