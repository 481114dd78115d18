import { Kafka } from 'kafkajs';
import { HEADERS, MELDING_RECEIVED, MeldingReceivedData } from '@vt/contracts';
import { EventValidator, waitForLeaders } from '@vt/messaging';

export interface MeldingLogReading {
  /** The MeldingReceived of every wanted melding found on the topic. */
  found: Map<string, MeldingReceivedData>;
  /** Records read, and records of the wanted meldingen that were not valid MeldingReceived events (with why). */
  records: number;
  invalid: { meldingId?: string; partition: number; offset: string; reason: string }[];
}

/**
 * Reads `topic` (a physical name) from the beginning up to the end offsets it has when the read starts, in a
 * throw-away consumer group that never commits, and keeps the MeldingReceived events of the wanted meldingen. It
 * stops early once all are found. Each record is checked against its contract first; a record that is not a valid
 * MeldingReceived is reported, never guessed at.
 */
export async function readMeldingenReceived(options: { kafka: Kafka; topic: string; groupId: string; wanted: ReadonlySet<string>; timeoutMs?: number; signal?: AbortSignal }): Promise<MeldingLogReading> {
  const { kafka, topic, groupId, wanted } = options;
  const reading: MeldingLogReading = { found: new Map(), records: 0, invalid: [] };
  if (wanted.size === 0) return reading;
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<number, bigint>();
  try {
    if (!(await admin.listTopics()).includes(topic)) return reading;
    await waitForLeaders(admin, [topic]);
    for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) if (BigInt(high) > BigInt(low)) remaining.set(partition, BigInt(high));
  } finally {
    await admin.disconnect();
  }
  if (remaining.size === 0) return reading;
  const stops = new Map(remaining);
  const validator = new EventValidator();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false, maxBytesPerPartition: 8 * 1024 * 1024 });
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    const stop = remaining.get(payload.partition);
    if (stop !== undefined && BigInt(payload.lastOffset) + 1n >= stop) remaining.delete(payload.partition);
    if (remaining.size === 0) finish();
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
  });
  const stopped = () => fail(new Error('the read was stopped: the service is shutting down'));
  options.signal?.addEventListener('abort', stopped, { once: true });
  const timeoutMs = options.timeoutMs ?? 600_000;
  const timer = setTimeout(() => fail(new Error(`${topic} was not read to its end within ${timeoutMs} ms; partitions still unread: ${[...remaining.keys()].join(', ')}`)), timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const stop = stops.get(batch.partition) ?? 0n;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= stop) continue;
          reading.records += 1;
          if (message.headers?.[HEADERS.eventType]?.toString() !== undefined && message.headers[HEADERS.eventType]?.toString() !== MELDING_RECEIVED) continue;
          const parsed = validator.parse(message.value);
          if (!parsed.ok) {
            const meldingId = /"meldingId"\s*:\s*"([0-9a-f-]{36})"/.exec(message.value?.toString('utf8') ?? '')?.[1];
            if (meldingId && wanted.has(meldingId)) reading.invalid.push({ meldingId, partition: batch.partition, offset: message.offset, reason: parsed.reason });
            continue;
          }
          if (parsed.event.type !== MELDING_RECEIVED) continue;
          const data = parsed.event.data as MeldingReceivedData;
          if (wanted.has(data.meldingId) && !reading.found.has(data.meldingId)) reading.found.set(data.meldingId, data);
        }
        if (reading.found.size === wanted.size) finish();
      },
    });
    await finished;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stopped);
    await consumer.disconnect();
  }
  return reading;
}
