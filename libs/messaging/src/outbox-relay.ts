import { KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CompressionTypes, Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { canonicalJson, ChainHead, CLOUDEVENTS_CONTENT_TYPE, HEADERS, newChainCheckpoint, recordValueHash, TOPICS } from '@vt/contracts';
import { outboxChannel } from '@vt/persistence';
import { MessagingLogger } from './kafka-client';
import { ensureTopics, TopicNames } from './topic-admin';
import { describeError } from './errors';
import { MessagingObserver, observe } from './observer';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  kafka: Kafka;
  topics: TopicNames;
  logger: MessagingLogger;
  /** Signs the chain heads of every batch (docs/adr/0009-tamper-evident-event-chains.md). */
  signer: ChainSigner;
  /** Safety net when a notification is missed (e.g. the listening connection was down). */
  pollIntervalMs?: number;
  batchSize?: number;
  /** Told about every published batch (metrics); optional. */
  observer?: MessagingObserver;
}

/** A service's audit signing key: `AUDIT_KEY_ID` and `AUDIT_SIGNING_KEY` (Ed25519). */
export interface ChainSigner {
  service: string;
  keyId: string;
  privateKey: KeyObject;
}

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  payload: string;
  event_id: string;
  type: string;
  chain_source: string | null;
  chain_seq: string | null;
  chain_hash: string | null;
  traceparent: string | null;
  created_at: Date;
}

/**
 * Publishes committed outbox rows in commit order and marks them published.
 * One relay at a time per schema publishes (a transaction-scoped advisory lock), so replicas cannot
 * reorder a household's events; a send that fails rolls back and is tried again with backoff.
 */
export class OutboxRelay {
  private producer?: Producer;
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private running = false;
  private draining?: Promise<void>;
  private wakeRequested = false;
  private failures = 0;
  private readonly knownTopics = new Set<string>();
  private readonly lockKey: number;
  private stopSignal?: () => void;

  constructor(private readonly options: OutboxRelayOptions) {
    this.lockKey = hashToInt(`outbox-relay:${options.schema}`);
  }

  async start(): Promise<void> {
    this.running = true;
    this.producer = this.options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 } });
    await this.producer.connect();
    await this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 2000);
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.stopSignal?.();
    await this.draining;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect();
  }

  /** Starts a drain unless one is running; a wake during a drain makes it go round once more. */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeRequested = true;
      return;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = undefined;
    });
  }

  /** How many committed events wait to be published; for readiness, shutdown and tests. */
  async pendingCount(): Promise<number> {
    const [row] = (await this.options.dataSource.query('select count(*)::int as n from outbox where published_at is null')) as { n: number }[];
    return row?.n ?? 0;
  }

  private async drainLoop(): Promise<void> {
    do {
      this.wakeRequested = false;
      let published: number;
      try {
        published = await this.publishBatch();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        const delay = Math.min(100 * 2 ** this.failures, 5000);
        this.options.logger.warn(`outbox relay could not publish (attempt ${this.failures}), retrying in ${delay} ms: ${describeError(error)}`);
        await this.pause(delay);
        this.wakeRequested = true;
        continue;
      }
      if (published === (this.options.batchSize ?? 500)) this.wakeRequested = true;
    } while (this.running && this.wakeRequested);
  }

  private async publishBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    return this.options.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query('select pg_try_advisory_xact_lock($1) as locked', [this.lockKey])) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      const rows = (await manager.query(
        `select position, topic, message_key, payload, event_id, payload::json->>'type' as type, chain_source, chain_seq, chain_hash, traceparent, created_at
           from outbox where published_at is null order by position limit $1`,
        [this.options.batchSize ?? 500],
      )) as OutboxRow[];
      if (rows.length === 0) return 0;
      await this.ensureKnown([...rows.map((row) => row.topic), TOPICS.auditChainHeads]);
      const byTopic = new Map<string, Message[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({
          key: row.message_key,
          value: this.recordValue(row),
          headers: {
            [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE,
            [HEADERS.eventId]: row.event_id,
            [HEADERS.eventType]: row.type,
            // The event carries its traceparent in the (hashed) record value; the header repeats it (docs/adr/0023).
            ...(row.traceparent ? { [HEADERS.traceparent]: row.traceparent } : {}),
          },
        });
        byTopic.set(row.topic, messages);
      }
      const checkpoint = this.checkpoint(rows);
      if (checkpoint) byTopic.set(TOPICS.auditChainHeads, [checkpoint]);
      const sendStarted = process.hrtime.bigint();
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: this.options.topics.physical(topic), messages })),
      });
      const sendSeconds = Number(process.hrtime.bigint() - sendStarted) / 1e9;
      await manager.query('update outbox set published_at = now() where position = any($1::bigint[])', [rows.map((row) => row.position)]);
      observe(this.options.observer, 'batchPublished', { sendSeconds, publishedAt: new Date(), events: rows.map((row) => ({ topic: row.topic, type: row.type, createdAt: row.created_at })) });
      return rows.length;
    });
  }

  /**
   * The record value: the stored payload byte for byte, which the outbox wrote as the canonical JSON its
   * chain hash covers (docs/adr/0009). A row stored before payloads were canonical (an upgrade with
   * unpublished rows) is published as its canonical JSON when that is what its hash covers; a payload that
   * matches its hash in neither form was changed in the table, goes out as stored, and verify reports it.
   */
  private recordValue(row: OutboxRow): Buffer {
    const stored = Buffer.from(row.payload, 'utf8');
    if (row.chain_hash === null || recordValueHash(stored) === row.chain_hash) return stored;
    let canonical: string | undefined;
    try {
      canonical = canonicalJson(JSON.parse(row.payload));
    } catch {
      canonical = undefined;
    }
    if (canonical !== undefined && recordValueHash(canonical) === row.chain_hash) return Buffer.from(canonical, 'utf8');
    this.options.logger.warn(`outbox row ${row.position} (event ${row.event_id}) does not match its chain hash; published as stored, audit verify will report it as altered`);
    return stored;
  }

  /**
   * The signed heads of the chains in this batch, sent after the batch's events in the same request.
   * Rows written before chains existed have no chain and are left out.
   */
  private checkpoint(rows: OutboxRow[]): Message | undefined {
    const heads = new Map<string, ChainHead>();
    for (const row of rows) {
      if (row.chain_seq === null || row.chain_hash === null || row.chain_source === null) continue;
      const householdid = (JSON.parse(row.payload) as { householdid: string }).householdid;
      const key = JSON.stringify([row.chain_source, row.topic, householdid]);
      const seq = Number(row.chain_seq);
      const known = heads.get(key);
      if (!known || known.seq < seq) heads.set(key, { source: row.chain_source, topic: row.topic, householdid, seq, hash: row.chain_hash });
    }
    if (heads.size === 0) return undefined;
    const { signer } = this.options;
    // An AuditChainCheckpointed CloudEvent (docs/adr/0027), keyed by the producing service.
    const checkpoint = newChainCheckpoint({ service: signer.service, keyId: signer.keyId, privateKey: signer.privateKey, heads: [...heads.values()] });
    return {
      key: signer.service,
      value: canonicalJson(checkpoint),
      headers: { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventId]: checkpoint.id, [HEADERS.eventType]: checkpoint.type },
    };
  }

  private async ensureKnown(topics: string[]): Promise<void> {
    const unknown = [...new Set(topics)].filter((topic) => !this.knownTopics.has(topic));
    if (unknown.length === 0) return;
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, this.options.topics, unknown);
    } finally {
      await admin.disconnect();
    }
    for (const topic of unknown) this.knownTopics.add(topic);
  }

  private async listen(): Promise<void> {
    const options = this.options.dataSource.options as { url?: string; extra?: Record<string, unknown> };
    const client = new Client({ connectionString: options.url, application_name: `${this.options.schema}-outbox-listener` });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.options.logger.warn(`outbox listener connection lost, relying on polling until it is back: ${describeError(error)}`);
      this.listener = undefined;
      void this.reconnectListener();
    });
    await client.connect();
    await client.query(`listen ${outboxChannel(this.options.schema)}`);
    this.listener = client;
  }

  private async reconnectListener(): Promise<void> {
    while (this.running && !this.listener) {
      await this.pause(1000);
      try {
        await this.listen();
        this.wake();
      } catch {
        // keep polling; the interval timer keeps events moving meanwhile
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.stopSignal = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function hashToInt(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}
