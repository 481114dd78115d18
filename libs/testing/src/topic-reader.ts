import { Consumer, Kafka, KafkaMessage, logLevel, SASLOptions } from 'kafkajs';
import { waitForLeaders } from '@vt/messaging';
import { harnessSaslFor } from './kafka-credentials';

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
  json<T = Record<string, unknown>>(): T;
}

/**
 * Reads topics from the beginning with a plain kafkajs consumer of its own group, collecting every record,
 * so tests can wait for what they expect to appear. Independent of the project's messaging code.
 */
export class TopicReader {
  readonly records: ReadRecord[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly brokers: string[],
    private readonly topics: string[],
    /** Who reads: by default the admin on the run's secured broker, no SASL on a plaintext one. */
    private readonly options: { sasl?: SASLOptions; groupId?: string } = {},
  ) {}

  async start(): Promise<this> {
    const sasl = this.options.sasl ?? harnessSaslFor(this.brokers);
    const kafka = new Kafka({ brokers: this.brokers, clientId: 'topic-reader', logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) });
    // Right after a topic is created, or the broker restarted, a partition may have no leader yet.
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitForLeaders(admin, this.topics, 10_000);
    } finally {
      await admin.disconnect();
    }
    this.consumer = kafka.consumer({ groupId: this.options.groupId ?? `reader-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    try {
      await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
      await this.consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          this.records.push(toRecord(topic, partition, message));
        },
      });
    } catch (error) {
      await this.consumer.disconnect();
      throw error;
    }
    return this;
  }

  on(topic: string): ReadRecord[] {
    return this.records.filter((record) => record.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function toRecord(topic: string, partition: number, message: KafkaMessage): ReadRecord {
  const value = message.value?.toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(message.headers ?? {})) if (header !== undefined) headers[name] = header.toString();
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8'),
    value,
    headers,
    json: <T>() => JSON.parse(value ?? 'null') as T,
  };
}
