import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge, Registry } from 'prom-client';
import { TopicNames } from '@vt/messaging';
import { DATA_SOURCE, KAFKA, TOPIC_NAMES } from '../tokens';
import { MessagingLifecycle, SERVICE_MODULE_OPTIONS, ServiceModuleOptions } from '../messaging-lifecycle';
import { METRICS_REGISTRY } from './registry';

/** The open states of a statutory clock, as the timer table keeps them (libs/messaging/src/timers.ts). */
export const OPEN_CLOCK_STATES = ['running', 'approaching', 'breached'] as const;
export type OpenClockState = (typeof OPEN_CLOCK_STATES)[number];

export interface ClockCount {
  clock: string;
  region: string;
  state: OpenClockState;
  count: number;
}

/**
 * Every (clock, region) seen in any open state gets all three states, zero where none: a dashboard can
 * tell "no breached clock" from "no data".
 */
export function clockSeries(rows: readonly ClockCount[]): ClockCount[] {
  const keys = new Map<string, { clock: string; region: string }>();
  for (const row of rows) keys.set(JSON.stringify([row.clock, row.region]), { clock: row.clock, region: row.region });
  const counts = new Map(rows.map((row) => [JSON.stringify([row.clock, row.region, row.state]), row.count]));
  return [...keys.values()].flatMap(({ clock, region }) => OPEN_CLOCK_STATES.map((state) => ({ clock, region, state, count: counts.get(JSON.stringify([clock, region, state])) ?? 0 })));
}

/**
 * A consumer group's lag per partition: the newest offset (high watermark) minus the group's committed
 * offset. A partition the group has not committed on yet counts from the oldest offset still kept (the
 * consumers start from the beginning).
 */
export function partitionLag(committed: readonly { partition: number; offset: string }[], latest: readonly { partition: number; high: string; low: string }[]): { partition: number; lag: number }[] {
  const byPartition = new Map(committed.map((entry) => [entry.partition, BigInt(entry.offset)]));
  return latest.map(({ partition, high, low }) => {
    const at = byPartition.get(partition);
    const from = at === undefined || at < 0n ? BigInt(low) : at;
    const lag = BigInt(high) - from;
    return { partition, lag: Number(lag < 0n ? 0n : lag) };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

type LagSample = { group: string; topic: string; partition: number; lag: number };

/**
 * State read at scrape time: outbox backlog, parked households, statutory clocks (database) and consumer
 * lag (broker, cached for `METRICS_LAG_CACHE_MS`, 5 s by default). A source that fails or does not answer
 * in time leaves its series out of that scrape and counts `vt_metrics_collect_errors_total{source}`; the
 * rest is still served.
 */
@Injectable()
export class StateMetrics implements OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private readonly backlog: Gauge;
  private readonly oldest: Gauge;
  private readonly parked: Gauge<'group'>;
  private readonly clocks: Gauge<'clock' | 'region' | 'state'>;
  private readonly lag: Gauge<'group' | 'topic' | 'partition'>;
  private readonly blocked: Gauge<'topic'>;
  private readonly errors: Counter<'source'>;
  private admin?: Promise<Admin>;
  private lagCache?: { at: number; samples: Promise<LagSample[]> };
  private readonly lagCacheMs = Number(process.env['METRICS_LAG_CACHE_MS'] ?? '5000');
  private readonly timeoutMs = 3000;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TOPIC_NAMES) private readonly topicNames: TopicNames,
    @Inject(SERVICE_MODULE_OPTIONS) private readonly options: ServiceModuleOptions,
    private readonly messaging: MessagingLifecycle,
  ) {
    const registers = [registry];
    this.backlog = new Gauge({ name: 'vt_outbox_backlog', help: 'Outbox rows committed but not yet published.', registers });
    this.oldest = new Gauge({ name: 'vt_outbox_oldest_unpublished_age_seconds', help: 'Age of the oldest unpublished outbox row in seconds; 0 when none waits.', registers });
    this.parked = new Gauge({ name: 'vt_parked_households', help: 'Households parked behind a dead letter, per consumer group.', labelNames: ['group'], registers });
    this.clocks = new Gauge({
      name: 'vt_statutory_clocks',
      help: 'Open statutory clocks per clock, VT region and state (running, approaching: past its warning point, breached: past due and not done).',
      labelNames: ['clock', 'region', 'state'],
      registers,
    });
    this.lag = new Gauge({ name: 'vt_consumer_lag', help: 'Records not yet consumed per consumer group, topic and partition (newest offset minus committed offset).', labelNames: ['group', 'topic', 'partition'], registers });
    this.blocked = new Gauge({
      name: 'vt_relay_blocked_topic_rows',
      help: 'Outbox rows waiting for a topic the relay cannot publish to (missing ACL, deleted topic), per topic; a series exists only while the topic is blocked (docs/adr/0026).',
      labelNames: ['topic'],
      registers,
    });
    this.errors = new Counter({ name: 'vt_metrics_collect_errors_total', help: 'Scrapes in which a source of the state metrics failed or timed out.', labelNames: ['source'], registers });
  }

  /** Reads every source; called before the registry is rendered. */
  async collect(): Promise<void> {
    await Promise.all([
      this.guard('outbox', () => this.collectOutbox()),
      this.guard('parked-households', () => this.collectParked()),
      ...(this.options.timers ? [this.guard('statutory-clocks', () => this.collectClocks())] : []),
      this.guard('consumer-lag', () => this.collectLag()),
    ]);
    this.collectBlockedTopics();
  }

  private async guard(source: string, run: () => Promise<void>): Promise<void> {
    try {
      await withTimeout(run(), this.timeoutMs, source);
    } catch (error) {
      this.errors.inc({ source });
      this.logger.warn(`metrics source ${source} failed: ${(error as Error).message}`);
    }
  }

  private async collectOutbox(): Promise<void> {
    const [row] = (await this.dataSource.query(
      `select count(*)::int as n, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age from outbox where published_at is null`,
    )) as { n: number; age: number }[];
    this.backlog.set(row?.n ?? 0);
    this.oldest.set(Math.max(0, row?.age ?? 0));
  }

  /** From the relay's own state: no query. */
  private collectBlockedTopics(): void {
    this.blocked.reset();
    for (const topic of this.messaging.outboxRelay()?.blockedTopics() ?? []) this.blocked.set({ topic: topic.topic }, topic.rows);
  }

  private async collectParked(): Promise<void> {
    const rows = (await this.dataSource.query('select consumer_group as "group", count(*)::int as n from parked_households group by consumer_group')) as { group: string; n: number }[];
    this.parked.reset();
    for (const group of this.messaging.consumers().keys()) this.parked.set({ group }, 0);
    for (const row of rows) this.parked.set({ group: row.group }, row.n);
  }

  private async collectClocks(): Promise<void> {
    const region = this.options.clockRegionSql ?? `'unknown'`;
    const rows = (await this.dataSource.query(
      `select t.clock, coalesce(${region}, 'unknown') as region, t.state, count(*)::int as count
         from timer t where t.state = any($1) group by 1, 2, 3`,
      [[...OPEN_CLOCK_STATES]],
    )) as ClockCount[];
    this.clocks.reset();
    for (const series of clockSeries(rows)) this.clocks.set({ clock: series.clock, region: series.region, state: series.state }, series.count);
  }

  private async collectLag(): Promise<void> {
    const now = Date.now();
    if (!this.lagCache || now - this.lagCache.at >= this.lagCacheMs) {
      const samples = this.readLag();
      this.lagCache = { at: now, samples };
      samples.catch(() => {
        if (this.lagCache?.samples === samples) this.lagCache = undefined;
      });
    }
    const samples = await this.lagCache.samples;
    this.lag.reset();
    for (const sample of samples) this.lag.set({ group: sample.group, topic: sample.topic, partition: String(sample.partition) }, sample.lag);
  }

  private async readLag(): Promise<LagSample[]> {
    const admin = await this.connectedAdmin();
    const samples: LagSample[] = [];
    try {
      for (const [group, runner] of this.messaging.consumers()) {
        const topics = [...runner.topics];
        const committed = await admin.fetchOffsets({ groupId: this.topicNames.physical(group), topics: topics.map((topic) => this.topicNames.physical(topic)) });
        for (const topic of topics) {
          const latest = await admin.fetchTopicOffsets(this.topicNames.physical(topic));
          const ofTopic = committed.find((entry) => entry.topic === this.topicNames.physical(topic))?.partitions ?? [];
          for (const { partition, lag } of partitionLag(ofTopic, latest)) samples.push({ group, topic, partition, lag });
        }
      }
    } catch (error) {
      // A broken connection is made anew at the next scrape.
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
    return samples;
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      const connecting = admin.connect().then(() => admin);
      connecting.catch(() => {
        if (this.admin === connecting) this.admin = undefined;
      });
      this.admin = connecting;
    }
    return this.admin;
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.disconnect().catch(() => undefined);
  }
}
