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

export interface ReadAuditLogOptions extends AuditLogConnection {
  /** Logical topic names to read; default every domain topic (`TOPICS`). Topics missing on the broker are skipped. */
  topics?: readonly string[];
  /** Called for each record of the reading, in order within each partition. */
  onRecord(record: AuditRecord): void;
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
const READ_FETCH = { maxBytesPerPartition: 16 * 1024 * 1024, maxBytes: 64 * 1024 * 1024 } as const;

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

/**
 * Reads the given topics from the beginning up to the high-water marks fetched at the start, so the read
 * ends even while services keep producing. Uses a throw-away consumer group that never commits offsets.
 */
export async function readAuditLog(options: ReadAuditLogOptions): Promise<AuditLogReading> {
  const prefix = options.topicPrefix ?? '';
  const wanted = [...new Set(options.topics ?? DOMAIN_TOPICS)];
  const kafka = auditKafka(options, options.warn);
  const admin = kafka.admin();
  await admin.connect();
  let present: string[];
  let stops: StopOffsets;
  try {
    const existing = new Set(await admin.listTopics());
    present = wanted.filter((topic) => existing.has(prefix + topic));
    if (present.length > 0) await waitForLeaders(admin, present.map((topic) => prefix + topic));
    stops = new StopOffsets(
      await Promise.all(
        present.map(async (topic) => ({ topic: prefix + topic, partitions: await admin.fetchTopicOffsets(prefix + topic) })),
      ),
    );
  } finally {
    await admin.disconnect();
  }
  const counts = new Map<string, number>(present.map((topic) => [topic, 0]));
  const reading = (): AuditLogReading => ({
    topics: present.map((topic) => ({ topic, records: counts.get(topic) ?? 0 })),
    missingTopics: wanted.filter((topic) => !present.includes(topic)),
    records: [...counts.values()].reduce((sum, n) => sum + n, 0),
  });
  if (stops.done) return reading();

  // `<prefix>vt-auditor…`: the only consumer groups the auditor principal may use on a secured broker (libs/kafka-access).
  const consumer = kafka.consumer({ groupId: auditReadGroupId(prefix), maxWaitTimeInMs: 100, allowAutoTopicCreation: false, ...READ_FETCH });
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    stops.reached(payload.topic, payload.partition, payload.lastOffset);
    if (stops.done) finish();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });
  const timeoutMs = options.timeoutMs ?? 600_000;
  const timer = setTimeout(() => fail(new Error(`the log was not read to its end within ${timeoutMs} ms; still reading ${stops.pending().join(', ')}`)), timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: present.map((topic) => prefix + topic), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const topic = batch.topic.startsWith(prefix) ? batch.topic.slice(prefix.length) : batch.topic;
        for (const message of batch.messages) {
          if (!stops.includes(batch.topic, batch.partition, message.offset)) continue;
          counts.set(topic, (counts.get(topic) ?? 0) + 1);
          options.onRecord({
            topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString('utf8'),
            type: message.headers?.[HEADERS.eventType]?.toString(),
            value: message.value?.toString('utf8'),
            bytes: message.value ?? undefined,
          });
        }
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return reading();
}
