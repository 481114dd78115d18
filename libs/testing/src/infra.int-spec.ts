import { waitForLeaders } from '@vt/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { uniqueToken } from './ids';
import { runKafkaSasl } from './kafka-credentials';
import { startPrivateKafka } from './private-kafka';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this through jest.int.config.cjs, whose global setup provides it`);
  return value;
}

describe('test infrastructure provided by global setup', () => {
  it('gives a Kafka broker that lists topics', async () => {
    const sasl = runKafkaSasl();
    const admin = new Kafka({ clientId: 'infra-int-spec', brokers: requireEnv('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) }).admin();
    await admin.connect();
    try {
      await expect(admin.listTopics()).resolves.toEqual(expect.any(Array));
    } finally {
      await admin.disconnect();
    }
  });

  it('gives a Postgres server that answers select 1', async () => {
    const client = new Client({ connectionString: requireEnv('DATABASE_URL') });
    await client.connect();
    try {
      const result = await client.query<{ one: number }>('select 1 as one');
      expect(result.rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});

describe('a private Kafka broker', () => {
  it('keeps topics and records across a stop and restart on the same data dir and port', async () => {
    const broker = await startPrivateKafka();
    const kafka = new Kafka({ clientId: 'infra-int-spec', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const topic = `t${uniqueToken()}.vt.infra.restart.v1`;
    try {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: false });
      await waitForLeaders(admin, [topic]);
      await admin.disconnect();
      const producer = kafka.producer({ idempotent: true });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'household-1', value: 'before restart' }] });
      await producer.disconnect();

      await broker.stop();
      await broker.restart();

      const consumer = kafka.consumer({ groupId: `g${uniqueToken()}`, maxWaitTimeInMs: 100 });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        const value = await new Promise<string | undefined>((resolve, reject) => {
          consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString()) }).catch(reject);
        });
        expect(value).toBe('before restart');
      } finally {
        await consumer.disconnect();
      }
    } finally {
      await broker.destroy();
    }
  }, 120_000);
});
