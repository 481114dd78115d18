import { IHeaders, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { HEADERS } from '@vt/contracts';

export interface DeadLetter {
  dlqPartition: number;
  dlqOffset: string;
  originTopic: string;
  originPartition: number;
  /** The record as it was on its origin topic: its key, value, headers and offset. */
  message: KafkaMessage;
  eventId: string | undefined;
  reason: string;
  error: string;
}

const DLQ_HEADERS = new Set<string>(Object.entries(HEADERS).filter(([name]) => name.startsWith('dlq')).map(([, header]) => header));

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0]?.toString() : value.toString();
}

function eventIdOf(value: Buffer | null): string | undefined {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? '') as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a dead-letter topic from the beginning up to its end as it was when the read started, and returns
 * the dead letters of one consumer group and household in the order they were dead-lettered.
 */
export async function readDeadLetters(kafka: Kafka, topic: string, consumerGroup: string, householdKey: string, timeoutMs = 30_000): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(partition, BigInt(high));
  } finally {
    await admin.disconnect();
  }
  const remaining = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
  const found: DeadLetter[] = [];
  if (remaining.size === 0) return found;
  const reader = kafka.consumer({ groupId: `${consumerGroup}.redrive-reader.${Date.now()}`, maxWaitTimeInMs: 50, allowAutoTopicCreation: false });
  reader.logger().setLogLevel(logLevel.NOTHING);
  await reader.connect();
  try {
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = ends.get(partition) ?? 0n;
        if (BigInt(message.offset) < end && message.key?.toString('utf8') === householdKey && header(message.headers, HEADERS.dlqConsumerGroup) === consumerGroup) {
          const originHeaders: IHeaders = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) if (!DLQ_HEADERS.has(name)) originHeaders[name] = value;
          found.push({
            dlqPartition: partition,
            dlqOffset: message.offset,
            originTopic: header(message.headers, HEADERS.dlqOriginTopic) ?? '',
            originPartition: Number(header(message.headers, HEADERS.dlqOriginPartition) ?? -1),
            message: { ...message, headers: originHeaders, offset: header(message.headers, HEADERS.dlqOriginOffset) ?? message.offset } as KafkaMessage,
            eventId: eventIdOf(message.value),
            reason: header(message.headers, HEADERS.dlqReason) ?? 'unknown',
            error: header(message.headers, HEADERS.dlqError) ?? '',
          });
        }
        if (BigInt(message.offset) + 1n >= end) {
          remaining.delete(partition);
          if (remaining.size === 0) done();
        }
      },
    });
    await Promise.race([
      finished,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`reading ${topic} to its end took longer than ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } finally {
    await reader.disconnect();
  }
  return found.sort((a, b) => a.dlqPartition - b.dlqPartition || Number(BigInt(a.dlqOffset) - BigInt(b.dlqOffset)));
}
