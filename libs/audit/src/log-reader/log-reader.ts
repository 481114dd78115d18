import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { HEADERS, TOPICS } from '@vt/contracts';
import { waitForLeaders } from '@vt/messaging';
import { StopOffsets } from './stop-offsets';

/** One record as it lies on the log; `topic` is the logical name (without the deployment prefix). */
export interface AuditRecord {
  topic: string;
  partition: number;
  offset: string;
  /** The record key: the household id on household-keyed topics. */
  key: string | undefined;
  /** The event type from the `ce_type` header, when the producer set it (the relay always does). */
  type: string | undefined;
  /** The record value (a CloudEvents JSON document on domain topics). */
  value: string | undefined;
  /** The raw value bytes `value` was decoded from: what a chain hash covers (docs/adr/0009). */
  bytes?: Buffer | undefined;
}

export interface AuditLogConnection {
  brokers: string[];
  /** The deployment's topic prefix (`TOPIC_PREFIX` of the services; tests use one per run); default none. */
  topicPrefix?: string;
  sasl?: { mechanism: 'scram-sha-512'; username: string; password: string };
  clientId?: string;
}

/** A record as `onBatch` gets it: its place and raw value only (nothing decoded). */
export interface AuditRawRecord {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
}

export interface ReadAuditLogOptions extends AuditLogConnection {
  /** Logical topic names to read; default every domain topic (`TOPICS`). Topics missing on the broker are skipped. */
  topics?: readonly string[];
  /** Called for each record of the reading, in order within each partition (give this or `onBatch`). */
  onRecord?(record: AuditRecord): void;
  /**
   * Called with the records of each fetched batch of one partition, in offset order, instead of `onRecord`; the
   * reading waits for a returned promise before the next batch (so a slow consumer of batches holds the reading back).
   */
  onBatch?(records: AuditRawRecord[]): void | Promise<void>;
  /**
   * Topics read to their stop offsets before any record of `topics` is handed over, each record to its `onRecord`
   * (verify: the signed chain heads before the events). The same consumer reads both, so one group join and one
   * reading of the stop offsets serve the whole reading: the later topics stay paused until every partition of these
   * is read, and a record of a later topic arriving before that fails the reading. `onDone` is called once they are.
   */
  first?: { topics: readonly string[]; onRecord(record: AuditRecord): void; onDone?(): void };
  /** Where kafkajs' own warnings go; default nowhere. */
  warn?(message: string): void;
  /** Give up when the log is not read to its stop offsets in this time; default 10 minutes. */
  timeoutMs?: number;
}

export interface AuditLogReading {
  /** The topics read (logical names) and how many records each held up to the stop offsets. */
  topics: { topic: string; records: number }[];
  /** Requested topics that do not exist on the broker. */
  missingTopics: string[];
  records: number;
}

/** Signed chain heads are evidence about the log (keyed by producer), not case events: `vt audit verify` reads them. */
const CHAIN_HEADS_TOPIC = 'vt.audit.chainheads.v1';

/** Every domain topic with case events, the log auditors replay (partner topics hold only projections of these). */
export const DOMAIN_TOPICS: readonly string[] = Object.values(TOPICS as Record<string, string>).filter((topic) => topic !== CHAIN_HEADS_TOPIC);

/** A throw-away consumer group for one reading, under the prefix the auditor principal is granted (`<prefix>vt-auditor…`). */
export function auditReadGroupId(topicPrefix = ''): string {
  return `${topicPrefix}vt-auditor-read-${randomUUID()}`;
}

/**
 * Fetch sizes for reading a whole log: large fetches (kafkajs defaults are 1 MB per partition, 10 MB per
 * request), handed over a batch at a time and processed without awaiting per record.
 */
const READ_FETCH = { maxBytesPerPartition: 4 * 1024 * 1024, maxBytes: 16 * 1024 * 1024 } as const;

/** kafkajs settings for the audit tools; its log goes to `warn` (coordinator start-up noise left out). */
export function auditKafka(connection: AuditLogConnection, warn?: (message: string) => void): Kafka {
  return new Kafka({
    clientId: connection.clientId ?? 'vt-audit',
    brokers: connection.brokers,
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const text = `${entry.log.message} ${String(entry.log['error'] ?? '')}`;
      if (/coordinator is (loading|not available)|not the correct coordinator|leadership election|There is no leader/i.test(text)) return;
      warn?.(`[kafkajs ${entry.namespace}] ${entry.log.message}`);
    },
  });
}

/** Tries at reading the stop offsets, each on a client of its own (`stopOffsets`). */
export const STOP_OFFSET_TRIES = 3;

/** A read of the end offsets that does not describe every partition of the topic: kafkajs lost track of it. */
class IncompleteOffsets extends Error {}

/**
 * The topics of `wanted` that exist, and each partition's high watermark: where this reading stops.
 *
 * Read on a fresh client (new connections, metadata fetched anew) and checked: every partition the topic's metadata
 * names must have offsets. kafkajs 2.2.4's `fetchTopicOffsets` builds its requests from a metadata cache that every
 * concurrent call refreshes with its own list of topics; a call that finds its topic missing from that cache sends
 * nothing and then crashes on the empty answer ("Cannot destructure property 'partitions' of 'high.pop(...)'",
 * docs/adr/0031), and a request a slow broker answered after its timeout is dropped ("Response without match"). So
 * topics are read one after the other, and a try that fails for a reason that is not about access (a timeout, a
 * connection or leader error, an empty or incomplete answer) is repeated on a new client, at most
 * `STOP_OFFSET_TRIES` times, each failure told to `warn`; then it fails naming every cause.
 */
async function stopOffsets(options: ReadAuditLogOptions, prefix: string, wanted: string[]): Promise<{ present: string[]; stops: StopOffsets }> {
  const causes: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const admin = auditKafka(options, options.warn).admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const present = wanted.filter((topic) => existing.has(prefix + topic));
      if (present.length === 0) return { present, stops: new StopOffsets([]) };
      await waitForLeaders(admin, present.map((topic) => prefix + topic));
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present.map((topic) => prefix + topic) });
      const offsets: { topic: string; partitions: { partition: number; low: string; high: string }[] }[] = [];
      for (const topic of present) {
        const name = prefix + topic;
        const expected = (metadata.find((entry) => entry.name === name)?.partitions ?? []).map((partition) => partition.partitionId).sort((a, b) => a - b);
        let partitions: { partition: number; low: string; high: string }[];
        try {
          partitions = await admin.fetchTopicOffsets(name);
        } catch (error) {
          // kafkajs' own crash on an answer it built from a cache without the topic (see above), not a failure of the broker.
          if (error instanceof TypeError && /node_modules[\\/]kafkajs/.test(error.stack ?? '')) throw new IncompleteOffsets(`kafkajs fetchTopicOffsets(${name}) crashed: ${error.message}`);
          throw error;
        }
        const got = partitions.map((partition) => partition.partition).sort((a, b) => a - b);
        if (expected.length === 0 || got.join() !== expected.join() || partitions.some((p) => !/^\d+$/.test(String(p.high)) || !/^\d+$/.test(String(p.low)))) {
          throw new IncompleteOffsets(`offsets of ${name} for partitions [${got.join(', ')}], its metadata names [${expected.join(', ')}]`);
        }
        offsets.push({ topic: name, partitions });
      }
      return { present, stops: new StopOffsets(offsets) };
    } catch (error) {
      causes.push(`try ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
      if (!worthAnotherTry(error) || attempt >= STOP_OFFSET_TRIES) {
        throw new Error(`could not read the end offsets of the log (${causes.join('; ')})`, { cause: error });
      }
      options.warn?.(`reading the end offsets of the log failed (${causes[causes.length - 1]}); trying again on a new connection`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** Failures a new client can get past: kafkajs' retriable errors (connections, timeouts, leaders) and incomplete answers; not access or a bad request. */
function worthAnotherTry(error: unknown): boolean {
  if (error instanceof IncompleteOffsets) return true;
  const e = error as { retriable?: unknown; name?: unknown; type?: unknown };
  if (e?.type === 'TOPIC_AUTHORIZATION_FAILED' || e?.type === 'SASL_AUTHENTICATION_FAILED' || e?.name === 'KafkaJSSASLAuthenticationError') return false;
  return e?.retriable === true || e?.name === 'KafkaJSNumberOfRetriesExceeded' || e?.name === 'KafkaJSConnectionError' || e?.name === 'KafkaJSRequestTimeoutError';
}

/**
 * Reads the given topics from the beginning up to the high-water marks fetched at the start, so the read
 * ends even while services keep producing. Uses a throw-away consumer group that never commits offsets.
 */
export async function readAuditLog(options: ReadAuditLogOptions): Promise<AuditLogReading> {
  const prefix = options.topicPrefix ?? '';
  const firstTopics = new Set(options.first?.topics ?? []);
  const wanted = [...new Set(options.topics ?? DOMAIN_TOPICS)].filter((topic) => !firstTopics.has(topic));
  const kafka = auditKafka(options, options.warn);
  const { present: presentAll, stops } = await stopOffsets(options, prefix, [...firstTopics, ...wanted]);
  const present = presentAll.filter((topic) => !firstTopics.has(topic));
  const counts = new Map<string, number>(present.map((topic) => [topic, 0]));
  const reading = (): AuditLogReading => ({
    topics: present.map((topic) => ({ topic, records: counts.get(topic) ?? 0 })),
    missingTopics: wanted.filter((topic) => !present.includes(topic)),
    records: [...counts.values()].reduce((sum, n) => sum + n, 0),
  });
  // The first topics are read when none of their partitions is still to be read (or there are none).
  const firstPresent = presentAll.filter((topic) => firstTopics.has(topic)).map((topic) => prefix + topic);
  let firstRead = false;
  const checkFirstRead = (): boolean => {
    if (!firstRead && firstPresent.every((topic) => stops.doneWith(topic))) {
      firstRead = true;
      options.first?.onDone?.();
    }
    return firstRead;
  };
  checkFirstRead();
  if (stops.done) return reading();

  // `<prefix>vt-auditor…`: the only consumer groups the auditor principal may use on a secured broker (libs/kafka-access).
  const consumer = kafka.consumer({ groupId: auditReadGroupId(prefix), maxWaitTimeInMs: 100, allowAutoTopicCreation: false, ...READ_FETCH });
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const later = present.map((topic) => ({ topic: prefix + topic }));
  const logicalNames = new Map<string, string>();
  // After every join (a restart after a crash joins anew, with nothing paused) and before the first fetch: the later
  // topics wait while the first ones are read.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (!firstRead && later.length > 0) consumer.pause(later);
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    stops.reached(payload.topic, payload.partition, payload.lastOffset);
    if (!firstRead && checkFirstRead() && later.length > 0) consumer.resume(later);
    if (stops.done) finish();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });
  const timeoutMs = options.timeoutMs ?? 600_000;
  const timer = setTimeout(() => fail(new Error(`the log was not read to its end within ${timeoutMs} ms; still reading ${stops.pending().join(', ')}`)), timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: presentAll.map((topic) => prefix + topic), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        // One string per topic for the whole reading (compared by identity first wherever records are matched by topic).
        let topic = logicalNames.get(batch.topic);
        if (topic === undefined) logicalNames.set(batch.topic, (topic = batch.topic.startsWith(prefix) ? batch.topic.slice(prefix.length) : batch.topic));
        const messages = batch.messages;
        if (messages.length === 0) return;
        // Offsets rise within a batch: when its last record lies below the stop offset, so do all.
        const last = messages[messages.length - 1] as (typeof messages)[number];
        const whole = stops.includes(batch.topic, batch.partition, last.offset);
        let taken = 0;
        const isFirst = firstTopics.has(topic);
        if (!isFirst && !firstRead) {
          fail(new Error(`a record of ${topic} arrived before ${[...firstTopics].join(', ')} ${firstTopics.size === 1 ? 'was' : 'were'} read`));
          return;
        }
        if (options.onBatch && !isFirst) {
          const records: AuditRawRecord[] = [];
          for (const message of messages) {
            if (!whole && !stops.includes(batch.topic, batch.partition, message.offset)) continue;
            records.push({ topic, partition: batch.partition, offset: message.offset, value: message.value });
          }
          taken = records.length;
          counts.set(topic, (counts.get(topic) ?? 0) + taken);
          if (taken > 0) await options.onBatch(records);
          return;
        }
        for (const message of messages) {
          if (!whole && !stops.includes(batch.topic, batch.partition, message.offset)) continue;
          taken++;
          (isFirst ? options.first?.onRecord : options.onRecord)?.({
            topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8'),
            type: message.headers?.[HEADERS.eventType]?.toString(),
            value: message.value?.toString('utf8'),
            bytes: message.value ?? undefined,
          });
        }
        if (!isFirst) counts.set(topic, (counts.get(topic) ?? 0) + taken);
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return reading();
}
