import { waitForLeaders } from '@vt/messaging';
import { randomBytes } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { uniqueToken } from '@vt/testing';
import { Summary, round, summarize } from './stats';
import { benchKafka, errorMessage, log, paddedPayload, withTimeout } from './support';

export interface KafkaRoundTripOptions {
  warmup: number;
  samples: number;
  valueBytes: number;
  maxWaitTimeInMs: number;
  sampleTimeoutMs: number;
}

export interface KafkaRoundTripResult {
  topic: { partitions: 1; replicationFactor: 'broker default' };
  producer: { acks: -1; idempotent: true; maxInFlightRequests: 1 };
  consumer: { maxWaitTimeInMs: number };
  valueBytes: number;
  warmup: number;
  samples: number;
  /** From calling `send` to the consumer's `eachMessage` seeing the record. */
  roundTripMs: Summary;
  /** From calling `send` until it resolved (the broker's acks=-1 answer). */
  produceAckMs: Summary;
}

/** One record at a time through a fresh 1-partition topic, to a consumer of the same process that joined beforehand. */
export async function measureKafkaRoundTrip(brokers: string[], options: KafkaRoundTripOptions): Promise<KafkaRoundTripResult> {
  const kafka = benchKafka(brokers, 'vt-bench-raw');
  const topic = `vt-bench-raw-${uniqueToken(10)}`;
  const groupId = topic;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: options.maxWaitTimeInMs, allowAutoTopicCreation: false });
  const waiting = new Map<string, (arrivedAt: number) => void>();
  let topicCreated = false;
  try {
    await admin.connect();
    topicCreated = await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: -1 }], waitForLeaders: false });
    await waitForLeaders(admin, [topic]);
    await producer.connect();
    await consumer.connect();
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    const crashed = new Promise<never>((_, reject) => {
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) reject(event.payload.error);
      });
    });
    crashed.catch(() => undefined);
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const arrivedAt = performance.now();
        const key = message.key?.toString('utf8') ?? '';
        waiting.get(key)?.(arrivedAt);
        waiting.delete(key);
      },
    });
    await withTimeout(Promise.race([joined, crashed]), 30_000, `the raw-floor consumer to join group ${groupId}`);

    const sampleOnce = async (key: string): Promise<{ roundTrip: number; ack: number }> => {
      const arrived = new Promise<number>((resolve) => waiting.set(key, resolve));
      const sentAt = performance.now();
      await producer.send({ topic, acks: -1, messages: [{ key, value: paddedPayload({ key, sentAt }, options.valueBytes) }] });
      const ackedAt = performance.now();
      const arrivedAt = await withTimeout(Promise.race([arrived, crashed]), options.sampleTimeoutMs, `record ${key} to come back from ${topic}`);
      return { roundTrip: arrivedAt - sentAt, ack: ackedAt - sentAt };
    };

    for (let i = 0; i < options.warmup; i++) await sampleOnce(`warmup-${i}`);
    const roundTrips: number[] = [];
    const acks: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const { roundTrip, ack } = await sampleOnce(`sample-${i}`);
      roundTrips.push(roundTrip);
      acks.push(ack);
    }
    return {
      topic: { partitions: 1, replicationFactor: 'broker default' },
      producer: { acks: -1, idempotent: true, maxInFlightRequests: 1 },
      consumer: { maxWaitTimeInMs: options.maxWaitTimeInMs },
      valueBytes: options.valueBytes,
      warmup: options.warmup,
      samples: roundTrips.length,
      roundTripMs: summarize(roundTrips),
      produceAckMs: summarize(acks),
    };
  } finally {
    const quietly = (what: string) => (error: unknown) => log(`raw floor cleanup: ${what} failed: ${errorMessage(error)}`);
    await consumer.disconnect().catch(quietly('consumer disconnect'));
    await producer.disconnect().catch(quietly('producer disconnect'));
    await admin.deleteGroups([groupId]).catch(quietly(`deleting group ${groupId}`));
    if (topicCreated) await admin.deleteTopics({ topics: [topic] }).catch(quietly(`deleting topic ${topic}`));
    await admin.disconnect().catch(quietly('admin disconnect'));
  }
}

export interface PostgresInsertOptions {
  warmup: number;
  rows: number;
  rowBytes: number;
}

export interface PostgresInsertResult {
  statement: string;
  rowBytes: number;
  warmup: number;
  rows: number;
  /** One autocommit insert (so one commit, one WAL flush) per sample. */
  insertCommitMs: Summary;
  rowsPerSecond: number;
  server: { version: string; fsync: string; synchronousCommit: string };
}

/** One client, one row per insert and commit, into a fresh table of a throw-away schema. */
export async function measurePostgresInsert(databaseUrl: string, options: PostgresInsertOptions): Promise<PostgresInsertResult> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'vt-bench-raw' });
  const schema = `bench_${uniqueToken(10)}`;
  await client.connect();
  let schemaCreated = false;
  try {
    const setting = async (name: string): Promise<string> => {
      const result = await client.query<{ value: string }>('select current_setting($1) as value', [name]);
      return result.rows[0]?.value ?? 'unknown';
    };
    const server = { version: await setting('server_version'), fsync: await setting('fsync'), synchronousCommit: await setting('synchronous_commit') };
    await client.query(`create schema ${schema}`);
    schemaCreated = true;
    await client.query(`create table ${schema}.raw_insert (id bigint primary key, payload text not null, created_at timestamptz not null default now())`);
    const text = `insert into ${schema}.raw_insert (id, payload) values ($1, $2)`;
    const insert = (id: number) => client.query({ name: 'bench-raw-insert', text, values: [id, randomBytes(Math.ceil(options.rowBytes / 2)).toString('hex').slice(0, options.rowBytes)] });

    let id = 0;
    for (let i = 0; i < options.warmup; i++) await insert(++id);
    const latencies: number[] = [];
    const startedAt = performance.now();
    for (let i = 0; i < options.rows; i++) {
      const sentAt = performance.now();
      await insert(++id);
      latencies.push(performance.now() - sentAt);
    }
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    return {
      statement: 'insert one row (id bigint primary key, payload text) as a prepared statement in autocommit',
      rowBytes: options.rowBytes,
      warmup: options.warmup,
      rows: latencies.length,
      insertCommitMs: summarize(latencies),
      rowsPerSecond: round(latencies.length / elapsedSeconds, 1),
      server,
    };
  } finally {
    if (schemaCreated) await client.query(`drop schema ${schema} cascade`).catch((error: unknown) => log(`raw floor cleanup: dropping schema ${schema} failed: ${errorMessage(error)}`));
    await client.end().catch(() => undefined);
  }
}
