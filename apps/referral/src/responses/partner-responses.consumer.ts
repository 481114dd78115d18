import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import { partnerResponsesTopic } from '@vt/contracts';
import { ConsumerRunner, TopicNames } from '@vt/messaging';
import { DATA_SOURCE, KAFKA, SERVICE_CONFIG, ServiceConfig, TOPIC_NAMES } from '@vt/runtime';
import { partnerById } from '@vt/referral-domain';
import { ReferralConfig } from '../referrals/referral-config';
import { PartnerResponseHandlers } from './partner-response.handlers';

export const RESPONSES_GROUP = 'referral-partner-responses';

/**
 * One consumer group for the answers of every partner that was ever sent a referral: a partner that
 * never received one has nothing it could answer. The partners come from the `partner_subscription`
 * table (a row is added with a partner's first referral); when a new one appears the consumer is
 * started again with its responses topic added, read from the beginning, so no answer is missed.
 * Subscribing to all ~580 partners of the directory up front would create and poll ~1,700 partitions
 * per deployment for partners that may never be referred to.
 */
@Injectable()
export class PartnerResponsesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PartnerResponses');
  private runner?: ConsumerRunner;
  private subscribed: string[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;
  private loop?: Promise<void>;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    private readonly referralConfig: ReferralConfig,
    private readonly handlers: PartnerResponseHandlers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.refresh();
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
    await this.runner?.stop();
  }

  /** The partners whose answers are read right now (for tests and operators). */
  partners(): readonly string[] {
    return this.subscribed;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.loop = this.refresh()
        .catch((error: unknown) => this.logger.warn(`could not follow new partners, trying again: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (this.running) this.schedule();
        });
    }, 500);
  }

  private async refresh(): Promise<void> {
    const rows = (await this.dataSource.query('select partner_id from partner_subscription order by partner_id')) as { partner_id: string }[];
    // Only partners of the directory in force: an id that left the directory cannot answer any more.
    const partners = rows.map((r) => r.partner_id).filter((id) => partnerById(this.referralConfig.directory, id));
    if (partners.length === this.subscribed.length && partners.every((id, i) => id === this.subscribed[i])) return;
    await this.runner?.stop();
    this.runner = undefined;
    this.subscribed = partners;
    if (partners.length === 0) return;
    const runner = new ConsumerRunner({
      service: this.config.service,
      groupId: RESPONSES_GROUP,
      topics: partners.map(partnerResponsesTopic),
      handlers: this.handlers.handlers(),
      dataSource: this.dataSource,
      schema: this.config.databaseSchema,
      kafka: this.kafka,
      topicNames: this.topicNames,
      logger: this.logger,
    });
    await runner.start();
    this.runner = runner;
    this.logger.log(`reading the answers of ${partners.length} partner(s)`);
  }
}
