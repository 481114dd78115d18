import { KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { CompressionTypes, Kafka, Message, Partitioners, Producer, RecordMetadata } from 'kafkajs';
import { canonicalJson, ChainHead, CLOUDEVENTS_CONTENT_TYPE, HEADERS, newChainCheckpoint, recordValueHash, TOPICS } from '@vt/contracts';
import { applicationName, outboxChannel, queryDeferred } from '@vt/persistence';
import { MessagingLogger } from './kafka-client';
import { ensureTopics, TopicNames } from './topic-admin';
import { describeError } from './errors';
import { MessagingObserver, observe } from './observer';
import { BackoffOptions, backoffDelay } from './backoff';

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
  /** Waits between tries of a topic that cannot be published to (default 1 s doubling up to 60 s). */
  blockedTopicBackoff?: BackoffOptions;
  /** Told about every published batch (metrics); optional. */
  observer?: MessagingObserver;
  /**
   * The longest a pass may leave its transaction idle, waiting for the broker, while it holds the publishing lock
   * (default 60 s): Postgres then ends the session, the lock goes to another instance, and this pass fails and is
   * tried again (docs/adr/0032). Bounds how long a frozen instance (a paused VM, a stopped process) can hold
   * back every other instance's publishing.
   */
  passIdleTimeoutMs?: number;
}

/**
 * The relay producer's retries: 100 ms doubling to 2 s, 15 times, about 23 s (kafkajs randomises each wait by 20%,
 * so at least about 18 s) plus the tries themselves. Longer than a leader failover (4–9 s measured on three nodes,
 * docs/adr/0031), so that a send whose leader died is retried, on the same idempotent producer, until the new leader
 * takes it: the broker then keeps one copy of what the dead leader did write (`sendPartition`). A shorter budget gave up mid-failover and
 * the relay sent the whole topic again on a fresh producer, leaving copies on the partitions already written. Bounded,
 * so that a broker that is really gone fails the pass (the relay backs off and tries again), well within the pass's
 * idle bound (`passIdleTimeoutMs`, 60 s). Kafka's own producer retries for up to 2 minutes (`delivery.timeout.ms`).
 */
export const RELAY_PRODUCER_RETRY = { retries: 15, initialRetryTime: 100, maxRetryTime: 2000 } as const;

/** A topic the relay cannot publish to (no ACL, deleted, invalid); its rows wait in order while the rest flow. */
export interface BlockedTopic {
  /** The logical topic, as the outbox names it. */
  topic: string;
  since: Date;
  reason: string;
  /** Its unpublished rows when last counted (each try counts them again). */
  rows: number;
}

/** What readiness shows of the relay. */
export interface RelayState {
  /** Committed events not yet published. */
  backlog: number;
  oldestUnpublishedAt?: Date;
  lastPublishedAt?: Date;
  /** Since when every attempt to publish failed (the broker is unreachable, say), with the last reason. */
  failingSince?: Date;
  lastError?: string;
  blockedTopics: BlockedTopic[];
  /** When this instance last held the publishing lock (one instance of a service publishes at a time). */
  lastLockedAt?: Date;
  /** Since when every pass of this instance found another instance holding the publishing lock; absent when it got it. */
  lockedOutSince?: Date;
}

interface Blocked extends BlockedTopic {
  failures: number;
  retryAt: number;
}

/**
 * Kafka error types that concern one topic, not the broker: trying other topics is worth it, trying this
 * one again soon is not. (kafkajs remembers every topic it was asked for and refreshes their metadata on
 * each send, so a producer that once sent to such a topic fails for all of them; see `replaceProducer`.)
 */
const TOPIC_ERRORS = new Set(['TOPIC_AUTHORIZATION_FAILED', 'UNKNOWN_TOPIC_OR_PARTITION', 'INVALID_TOPIC_EXCEPTION', 'TOPIC_DELETION_DISABLED', 'POLICY_VIOLATION', 'INVALID_REPLICATION_FACTOR', 'INVALID_PARTITIONS', 'MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);

function errorTypes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const e = error as { type?: unknown; originalError?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof e.type === 'string' ? [e.type] : []),
    ...errorTypes(e.originalError, seen),
    ...errorTypes(e.cause, seen),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((inner) => errorTypes(inner, seen)) : []),
  ];
}

/** True when the failure is about the topic (see TOPIC_ERRORS), not about reaching the broker. */
export function isTopicError(error: unknown): boolean {
  return errorTypes(error).some((type) => TOPIC_ERRORS.has(type));
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
 * One relay at a time per schema publishes (a transaction-scoped advisory lock taken per pass), so replicas
 * cannot reorder a household's events nor publish a row twice; a send that fails rolls back and is tried again
 * with backoff. Every instance of a service runs a relay and any of them may take the next pass: there is no
 * leader to fail over from. An instance that dies mid-pass loses the lock when Postgres ends its session —
 * at once on a host that lives, within SESSION_SETTINGS' keepalive on one that does not, after
 * `passIdleTimeoutMs` for a frozen one — and the others publish its rows (again, if it had sent them:
 * consumers take the copy as a duplicate) at their next pass (docs/adr/0032).
 *
 * Each topic is sent on its own: a topic that cannot be published to (a missing ACL, a deleted partner
 * topic) is blocked — its rows stay unpublished, in order, none skipped — while the other topics' rows
 * keep flowing; it is tried again with backoff and reported by `blockedTopics()` until it goes through
 * (docs/adr/0026). Chains are per (producer, topic, household), so publishing one topic later than the
 * others reorders no chain (docs/adr/0009).
 *
 * A topic's rows are sent one partition per send (the partition of each key, counted when the relay first
 * publishes to the topic) and marked published when every partition acknowledged (`acks=-1`); the producer
 * retries longer than a leader failover (`RELAY_PRODUCER_RETRY`; docs/adr/0031).
 */
export class OutboxRelay {
  private producer?: Producer;
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private running = false;
  private draining?: Promise<void>;
  private wakeRequested = false;
  private failures = 0;
  private producerConnected = false;
  private producerStale = false;
  private lastPublishedAt?: Date;
  private failingSince?: Date;
  private lastError?: string;
  private readonly blocked = new Map<string, Blocked>();
  private readonly knownTopics = new Set<string>();
  /** Partitions of each topic the relay has published to (read when it first sends to the topic, see `ensureKnown`). */
  private readonly partitionCounts = new Map<string, number>();
  /** kafkajs' default partitioner (Java's: murmur2 of the key), used to split a topic's rows by partition before sending. */
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly lockKey: number;
  private lastLockedAt?: Date;
  private lockedOutSince?: Date;
  private stopSignal?: () => void;

  constructor(private readonly options: OutboxRelayOptions) {
    this.lockKey = hashToInt(`outbox-relay:${options.schema}`);
  }

  /**
   * Starts publishing. Does not wait for the broker: connecting is part of each drain and is retried with
   * backoff like a failed send, so a broker that is down at start delays publishing, not the service.
   */
  async start(): Promise<void> {
    this.running = true;
    this.producer = this.newProducer();
    this.producerConnected = false;
    try {
      await this.listen();
    } catch (error) {
      this.options.logger.warn(`outbox listener could not connect, relying on polling until it can: ${describeError(error)}`);
      void this.reconnectListener();
    }
    this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 2000);
    this.wake();
  }

  private newProducer(): Producer {
    return this.options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: RELAY_PRODUCER_RETRY });
  }

  /** The producer, connected; a fresh one after a topic was blocked (see TOPIC_ERRORS). */
  private async connectedProducer(): Promise<Producer> {
    if (this.producerStale && this.producer) {
      const old = this.producer;
      this.producer = this.newProducer();
      this.producerConnected = false;
      this.producerStale = false;
      await old.disconnect().catch(() => undefined);
    }
    const producer = this.producer ?? (this.producer = this.newProducer());
    if (!this.producerConnected) {
      await producer.connect();
      this.producerConnected = true;
    }
    return producer;
  }

  /** Topics the relay cannot publish to at the moment, with why, since when, and how many rows wait. */
  blockedTopics(): BlockedTopic[] {
    return [...this.blocked.values()].map(({ topic, since, reason, rows }) => ({ topic, since, reason, rows }));
  }

  /** Backlog, last success, failure and blocked topics; for readiness and the dead-letter admin. */
  async state(): Promise<RelayState> {
    const [row] = (await this.options.dataSource.query(
      'select count(*)::int as n, min(created_at) as oldest from outbox where published_at is null',
    )) as { n: number; oldest: Date | null }[];
    return {
      backlog: row?.n ?? 0,
      ...(row?.oldest ? { oldestUnpublishedAt: new Date(row.oldest) } : {}),
      ...(this.lastPublishedAt ? { lastPublishedAt: this.lastPublishedAt } : {}),
      ...(this.failingSince ? { failingSince: this.failingSince, lastError: this.lastError } : {}),
      blockedTopics: this.blockedTopics(),
      ...(this.lastLockedAt ? { lastLockedAt: this.lastLockedAt } : {}),
      ...(this.lockedOutSince ? { lockedOutSince: this.lockedOutSince } : {}),
    };
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.stopSignal?.();
    await this.draining;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
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
      const passStarted = Date.now();
      try {
        published = await this.publishBatch();
        if (this.failingSince) this.options.logger.log(`outbox relay is publishing again after ${this.failures} failed attempt(s)`);
        this.failures = 0;
        this.failingSince = undefined;
        this.lastError = undefined;
      } catch (error) {
        this.failures += 1;
        this.failingSince ??= new Date();
        const bound = this.options.passIdleTimeoutMs ?? 60_000;
        // A pass that outlived its idle bound lost its session (and the lock) to Postgres; say so rather than only what broke.
        this.lastError = Date.now() - passStarted >= bound ? `the pass took longer than its idle bound (${bound} ms) and lost its database session; its rows are sent again: ${describeError(error)}` : describeError(error);
        // After a few failures in a row, start over with a fresh producer rather than trust the old one's state.
        if (this.failures % 3 === 0) this.producerStale = true;
        const delay = Math.min(100 * 2 ** this.failures, 5000);
        this.options.logger.warn(`outbox relay could not publish (attempt ${this.failures}), retrying in ${delay} ms: ${this.lastError}`);
        await this.pause(delay);
        this.wakeRequested = true;
        continue;
      }
      if (published === (this.options.batchSize ?? 500)) this.wakeRequested = true;
    } while (this.running && this.wakeRequested);
  }

  private async publishBatch(): Promise<number> {
    if (!this.running) return 0;
    const producer = await this.connectedProducer();
    const batchSize = this.options.batchSize ?? 500;
    const now = Date.now();
    // A blocked topic sits out until its next try; its rows are not selected, so none of them is skipped.
    const waiting = [...this.blocked.values()].filter((blocked) => blocked.retryAt > now).map((blocked) => blocked.topic);
    return this.options.dataSource.transaction(async (manager) => {
      // One instance publishes at a time (docs/adr/0032): the lock ends with this transaction, or with the session
      // when the process dies; an instance that does not get it publishes nothing this pass.
      // While the sends are out the session is idle in this transaction; a pass idle for longer loses its session, and
      // with it the lock. Set in the statement that takes the lock, so no moment holds the lock without the bound.
      // One round trip: take the lock (with the bound) and, only when it was got, read the batch. The CTE calls
      // volatile functions, so Postgres evaluates it once, before the outbox is read.
      const selected = (await manager.query(
        `with lock as (select set_config('idle_in_transaction_session_timeout', $2, true) as bound, pg_try_advisory_xact_lock($1) as locked)
         select lock.locked, o.position, o.topic, o.message_key, o.payload, o.event_id, o.type, o.chain_source, o.chain_seq, o.chain_hash, o.traceparent, o.created_at
           from lock left join lateral (
             select position, topic, message_key, payload, event_id, payload::json->>'type' as type, chain_source, chain_seq, chain_hash, traceparent, created_at
               from outbox where lock.locked and published_at is null and not (topic = any($4::text[])) order by position limit $3
           ) o on true
          order by o.position`,
        [this.lockKey, String(this.options.passIdleTimeoutMs ?? 60_000), batchSize, waiting],
      )) as (OutboxRow & { locked: boolean })[];
      if (!selected[0]?.locked) {
        this.lockedOutSince ??= new Date();
        return 0;
      }
      this.lastLockedAt = new Date();
      this.lockedOutSince = undefined;
      const rows = selected.filter((row) => row.position !== null);
      if (rows.length === 0) return 0;
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
      const sendStarted = process.hrtime.bigint();
      const send = (topic: string, messages: Message[], shared?: Producer) => this.sendTopic(topic, messages, shared).then((error) => ({ topic, messages, error }));
      let outcomes = await Promise.all([...byTopic].map(([topic, messages]) => send(topic, messages, this.blocked.has(topic) ? undefined : producer)));
      // Every topic failing for a reason that is not about the topic: the broker is the problem; back off as a whole.
      const failedFirst = outcomes.filter((outcome) => outcome.error !== undefined);
      const [first] = failedFirst;
      if (first && failedFirst.length === outcomes.length && !failedFirst.some((outcome) => isTopicError(outcome.error))) throw first.error;
      if (failedFirst.length > 0) {
        // kafkajs refreshes metadata of every topic the shared producer knows on each send, so one topic that
        // became unpublishable fails the others' sends too: try each failed one alone before blaming it.
        this.producerStale = true;
        outcomes = await Promise.all(outcomes.map((outcome) => (outcome.error === undefined || this.blocked.has(outcome.topic) ? outcome : send(outcome.topic, outcome.messages))));
      }
      const failed = outcomes.filter((outcome) => outcome.error !== undefined);
      const sent = new Set(outcomes.filter((outcome) => outcome.error === undefined).map((outcome) => outcome.topic));
      const published = rows.filter((row) => sent.has(row.topic));
      if (published.length > 0) {
        // The signed heads of exactly what went out; a blocked topic's chains get theirs when they go.
        const checkpoint = this.checkpoint(published);
        if (checkpoint) {
          // Not through the shared producer when it may have learned a failing topic in this batch.
          const error = await this.sendTopic(TOPICS.auditChainHeads, [checkpoint], failedFirst.length > 0 ? undefined : producer);
          if (error !== undefined) throw error;
        }
        const sendSeconds = Number(process.hrtime.bigint() - sendStarted) / 1e9;
        // Sent with the COMMIT (docs/adr/0043); a failure fails the COMMIT, and the rows are published again next pass.
        await queryDeferred(manager, 'update outbox set published_at = now() where position = any($1::bigint[])', [published.map((row) => row.position)]);
        this.lastPublishedAt = new Date();
        observe(this.options.observer, 'batchPublished', { sendSeconds, publishedAt: this.lastPublishedAt, events: published.map((row) => ({ topic: row.topic, type: row.type, createdAt: row.created_at })) });
      }
      for (const topic of sent) this.unblock(topic);
      for (const outcome of failed) await this.block(manager, outcome.topic, outcome.error);
      return published.length;
    });
  }

  /**
   * Sends one topic's rows through the shared producer, or without one through a producer of its own (a
   * blocked topic, so the shared one never learns a topic it cannot describe); returns the error instead
   * of throwing it.
   */
  private async sendTopic(topic: string, messages: Message[], shared?: Producer): Promise<unknown> {
    const physical = this.options.topics.physical(topic);
    let own: Producer | undefined;
    try {
      await this.ensureKnown([topic]);
      const byPartition = this.byPartition(topic, messages);
      const producer = shared ?? (own = this.newProducer());
      if (own) await own.connect();
      // Every partition's send settles before this returns, so no send of this pass is still out when the next begins.
      const errors = await Promise.all([...byPartition].map(([partition, batch]) => this.sendPartition(producer, physical, partition, batch)));
      return errors.find((error) => error !== undefined);
    } catch (error) {
      return error ?? new Error(`send to ${topic} failed`);
    } finally {
      await own?.disconnect().catch(() => undefined);
    }
  }

  /** The topic's messages by partition: the partition kafkajs' default partitioner gives each key (as it would itself). */
  private byPartition(topic: string, messages: Message[]): Map<number, Message[]> {
    const count = this.partitionCounts.get(topic);
    if (!count) throw new Error(`the number of partitions of ${this.options.topics.physical(topic)} is not known`);
    const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [], isr: [] }));
    const byPartition = new Map<number, Message[]>();
    for (const message of messages) {
      const partition = this.partitioner({ topic: this.options.topics.physical(topic), partitionMetadata, message });
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), message]);
    }
    return byPartition;
  }

  /**
   * One partition's rows in a send of their own, so one leader's: kafkajs 2.2.4 mishandles a send across several
   * leaders when one of them fails mid-request (docs/adr/0031). It keeps the answers of the leaders that acknowledged
   * their part across its retries, and (1) when the failed leader's partitions move to one of those, the retry finds
   * every leader answered and resolves without writing them (tulios/kafkajs#1303): rows marked published that are on
   * no broker; (2) it retries as soon as the first request fails, while the others may still be out (with acks=all a
   * leader holds its answer until the dead node leaves the ISR), and sends those again with new sequence numbers: a
   * copy on a partition whose leader never failed. A send to one partition has no other leader to confuse. Its
   * acknowledgement is checked all the same. Returns the error instead of throwing it.
   */
  private async sendPartition(producer: Producer, physical: string, partition: number, messages: Message[]): Promise<unknown> {
    try {
      const acknowledged = await producer.send({ topic: physical, acks: -1, compression: CompressionTypes.None, messages: messages.map((message) => ({ ...message, partition })) });
      const ok = acknowledged.some((entry: RecordMetadata) => entry.topicName === physical && entry.partition === partition && entry.errorCode === 0);
      return ok ? undefined : new Error(`kafkajs reported the send to ${physical} partition ${partition} done without its acknowledgement: ${JSON.stringify(acknowledged)}`);
    } catch (error) {
      return error ?? new Error(`send to ${physical} partition ${partition} failed`);
    }
  }

  private async block(manager: EntityManager, topic: string, error: unknown): Promise<void> {
    const [count] = (await manager.query('select count(*)::int as n from outbox where published_at is null and topic = $1', [topic])) as { n: number }[];
    const known = this.blocked.get(topic);
    const failures = (known?.failures ?? 0) + 1;
    const delay = backoffDelay(failures, { initialMs: 1000, maxMs: 60_000, ...this.options.blockedTopicBackoff });
    const types = [...new Set(errorTypes(error))];
    const reason = `${describeError(error)}${types.length > 0 ? ` (${types.join(', ')})` : ''}`;
    if (!known) {
      this.options.logger.warn(`outbox relay cannot publish to ${topic}; holding its ${count?.n ?? 0} row(s) in order and publishing the other topics, trying it again in ${delay} ms: ${reason}`);
      // The shared producer may have learned the topic; a fresh one keeps it out of every metadata refresh.
      this.producerStale = true;
    } else {
      this.options.logger.warn(`outbox relay still cannot publish to ${topic} (try ${failures}, ${count?.n ?? 0} row(s) waiting), trying again in ${delay} ms: ${reason}`);
    }
    this.knownTopics.delete(topic);
    this.blocked.set(topic, { topic, since: known?.since ?? new Date(), reason, rows: count?.n ?? 0, failures, retryAt: Date.now() + delay });
    // Wake up for its next try even when nothing else happens.
    setTimeout(() => this.wake(), delay + 10).unref();
  }

  private unblock(topic: string): void {
    const known = this.blocked.get(topic);
    if (!known) return;
    this.blocked.delete(topic);
    this.options.logger.log(`outbox relay publishes to ${topic} again (blocked since ${known.since.toISOString()})`);
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
      const { topics: described } = await admin.fetchTopicMetadata({ topics: unknown.map((topic) => this.options.topics.physical(topic)) });
      for (const { name, partitions } of described) this.partitionCounts.set(this.options.topics.logical(name), partitions.length);
    } finally {
      await admin.disconnect();
    }
    for (const topic of unknown) this.knownTopics.add(topic);
  }

  private async listen(): Promise<void> {
    const options = this.options.dataSource.options as { url?: string; extra?: Record<string, unknown> };
    const client = new Client({ connectionString: options.url, application_name: applicationName(this.options.schema, 'outbox-listener'), keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
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
