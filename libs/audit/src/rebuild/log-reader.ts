import { Kafka } from 'kafkajs';
import { TOPICS } from '@vt/contracts';

export interface LogPosition {
  topic: string;
  partition: number;
  /** First offset still on the log. */
  low: bigint;
  /** The high-water mark fetched at the start: the read stops here. */
  high: bigint;
}

export interface LogRecord {
  /** The topic without the deployment's prefix, as the catalog names it. */
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
}

export interface ReadLogOptions {
  kafka: Kafka;
  /** The deployment's topic prefix (`TOPIC_PREFIX` of the services; tests use one per run). */
  topicPrefix?: string;
  /** Unprefixed topic names; default every domain topic (`TOPICS`). */
  topics?: readonly string[];
  /** Called with each batch of records, in offset order per partition. */
  onBatch(records: LogRecord[]): void | Promise<void>;
  /** Called once the positions are known, before the first batch. */
  onStart?(positions: LogPosition[], total: number, missingTopics: string[]): void;
}

export interface ReadLogResult {
  positions: LogPosition[];
  missingTopics: string[];
  records: number;
}

/**
 * Reads the log from the beginning up to the high-water marks fetched at the start, with a plain kafkajs
 * consumer (`eachBatch`) of a throw-away group (`<prefix>vt-auditor-rebuild-…`) that is deleted afterwards. Records written after the start
 * are left for the next run. Topics the broker does not have are reported, not created.
 */
export async function readLog(options: ReadLogOptions): Promise<ReadLogResult> {
  const prefix = options.topicPrefix ?? '';
  const wanted = [...(options.topics ?? Object.values(TOPICS))];
  const admin = options.kafka.admin();
  await admin.connect();
  // `<prefix>vt-auditor…`: the consumer groups the auditor principal may use on a secured broker (libs/kafka-access).
  const groupId = `${prefix}vt-auditor-rebuild-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let consumerStarted = false;
  try {
    const existing = new Set(await admin.listTopics());
    const missingTopics = wanted.filter((topic) => !existing.has(prefix + topic));
    const present = wanted.filter((topic) => existing.has(prefix + topic));
    const positions: LogPosition[] = [];
    for (const topic of present) {
      for (const p of await admin.fetchTopicOffsets(prefix + topic)) positions.push({ topic, partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) });
    }
    const total = positions.reduce((sum, p) => sum + Number(p.high - p.low), 0);
    options.onStart?.(positions, total, missingTopics);
    const remaining = new Map(positions.filter((p) => p.high > p.low).map((p) => [`${p.topic}:${p.partition}`, p]));
    if (remaining.size === 0) return { positions, missingTopics, records: 0 };

    let records = 0;
    // Fetches of up to 16 MB (4 MB per partition), as readAuditLog's: larger responses cost more in page faults and
    // garbage collection than their fewer round trips save.
    const consumer = options.kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytes: 16 * 1024 * 1024, maxBytesPerPartition: 4 * 1024 * 1024, allowAutoTopicCreation: false });
    await consumer.connect();
    consumerStarted = true;
    try {
      await consumer.subscribe({ topics: present.map((topic) => prefix + topic), fromBeginning: true });
      const done = new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) reject(event.payload.error);
        });
        const topicOf = (prefixed: string) => prefixed.slice(prefix.length);
        consumer
          .run({
            autoCommit: false,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch }) => {
              const topic = topicOf(batch.topic);
              const position = remaining.get(`${topic}:${batch.partition}`);
              if (!position) return;
              const wantedRecords: LogRecord[] = [];
              for (const message of batch.messages) {
                if (BigInt(message.offset) >= position.high) break;
                wantedRecords.push({ topic, partition: batch.partition, offset: message.offset, value: message.value });
              }
              if (wantedRecords.length > 0) await options.onBatch(wantedRecords);
              records += wantedRecords.length;
              // lastOffset() also covers a batch whose last records were filtered (control records).
              if (BigInt(batch.lastOffset()) + 1n >= position.high) {
                remaining.delete(`${topic}:${batch.partition}`);
                consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
                if (remaining.size === 0) resolve();
              }
            },
          })
          .catch(reject);
      });
      await done;
    } finally {
      await consumer.disconnect();
    }
    return { positions, missingTopics, records };
  } finally {
    if (consumerStarted) await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
