import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { MELDING_RECEIVED, newEvent, parseSigningKey, TOPICS } from '@vt/contracts';
import { ADMIN_PRINCIPAL, AUDITOR_PRINCIPAL, servicePrincipal } from '@vt/kafka-access';
import { appendToOutbox, createKafka, OutboxRelay, TopicNames, waitForLeaders } from '@vt/messaging';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, CreateMessagingTables1764300000000, createServiceDataSource, migrate, OutboxTraceparent1764300000095 } from '@vt/persistence';
import { KAFKA_CREDENTIALS_FILE, PrivateKafkaCluster, readPartitions, startPrivateKafkaCluster, testEnvironment, TestEnvironment, useInfra, waitFor } from '@vt/testing';

/** Households per batch: enough that every partition of a 12-partition topic, and so every node, gets some. */
const HOUSEHOLDS = 48;
const WAIT_MS = 90_000;

/**
 * Issue 14 point 2, docs/adr/0031: **a leader that fails while a send to it is in flight loses nothing the relay marks
 * published, and leaves no copy.** Found with the failover test: kafkajs 2.2.4 resolves a send across several brokers
 * without writing the partitions of a leader that failed mid-request when those partitions move to a broker that had
 * already acknowledged its own part (the first test shows it on the library alone); the relay sends each partition's
 * rows in a send of their own, one leader per send, and checks its acknowledgement (the second).
 *
 * Deterministic: the leader is first stopped (SIGSTOP), so the request to it is in flight and unanswered while the
 * other brokers answer theirs; it stays stopped until it is fenced (4 s, docs/adr/0031) and its partitions have new
 * leaders, and only then is it killed, which fails that request: kafkajs retries after the leaders moved.
 */
describe('three brokers: a leader stops answering while a send to it is in flight', () => {
  let cluster: PrivateKafkaCluster;
  let env: TestEnvironment;
  let admin: Admin;
  let dataSource: DataSource | undefined;
  let relay: OutboxRelay | undefined;
  const savedEnv = { KAFKA_BROKERS: process.env['KAFKA_BROKERS'], [KAFKA_CREDENTIALS_FILE]: process.env[KAFKA_CREDENTIALS_FILE] };
  const stopped: number[] = [];

  beforeAll(async () => {
    const databaseUrl = process.env['DATABASE_URL'];
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm run test:int`, whose global setup provides it');
    cluster = await startPrivateKafkaCluster({ principals: [servicePrincipal('intake'), AUDITOR_PRINCIPAL] });
    useInfra({ kafkaBrokers: cluster.brokers, databaseUrl, kafkaCredentialsFile: cluster.credentialsFile });
    env = testEnvironment();
    // Short request timeouts: a metadata request that lands on the stopped node is given up on soon and sent to another.
    admin = new Kafka({ ...env.kafkaConnection(ADMIN_PRINCIPAL), clientId: 'failover-relay-admin', requestTimeout: 3000, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  }, 300_000);

  afterAll(async () => {
    await relay?.stop();
    await dataSource?.destroy();
    await admin?.disconnect();
    // A node left stopped would hold on to the connections of whatever cleans up: gone first.
    for (const nodeId of stopped) await cluster?.kill(nodeId);
    await env?.cleanup();
    await cluster?.destroy();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }, 180_000);

  const pidOf = (nodeId: number): number => {
    const pid = cluster.nodes().find((node) => node.nodeId === nodeId)?.pid;
    if (typeof pid !== 'number') throw new Error(`node ${nodeId} does not run`);
    return pid;
  };

  /** Leaders per partition of `topic` once all three nodes are in every ISR. */
  async function leadersInSync(topic: string): Promise<Map<number, number>> {
    const metadata = await waitFor(
      async () => {
        const [described] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
        return described && described.partitions.every((partition) => partition.isr.length === 3 && partition.leader >= 0) ? described : undefined;
      },
      { description: `every partition of ${topic} with three in-sync replicas`, timeoutMs: WAIT_MS, intervalMs: 100 },
    );
    return new Map(metadata.partitions.map((partition) => [partition.partitionId, partition.leader]));
  }

  /** Stops `nodeId` (SIGSTOP): its connections stay open and take requests, and nothing answers them. */
  function stop(nodeId: number): void {
    process.kill(pidOf(nodeId), 'SIGSTOP');
    stopped.push(nodeId);
  }

  /** Waits until the stopped node is fenced and no partition of `topic` is led by it any more, then kills it. */
  async function killOnceMoved(nodeId: number, topic: string): Promise<void> {
    // Asked of the two others only, each time on a new client: a client that knows the stopped node keeps sending it requests.
    const others = cluster.nodes().filter((node) => node.nodeId !== nodeId).map((node) => node.broker);
    await waitFor(
      async () => {
        const survivors = new Kafka({ brokers: others, sasl: env.kafkaSasl(ADMIN_PRINCIPAL), clientId: 'failover-relay-survivors', requestTimeout: 3000, logLevel: logLevel.NOTHING }).admin();
        await survivors.connect();
        try {
          const [described] = (await survivors.fetchTopicMetadata({ topics: [topic] })).topics;
          return described?.partitions.every((partition) => partition.leader >= 0 && partition.leader !== nodeId) || undefined;
        } finally {
          await survivors.disconnect();
        }
      },
      { description: `the partitions node ${nodeId} led to move to the other two`, timeoutMs: WAIT_MS, intervalMs: 100 },
    );
    // Its connections close: the requests in flight to it fail now, after its partitions have new leaders.
    await cluster.kill(nodeId);
    stopped.splice(stopped.indexOf(nodeId), 1);
  }

  it('kafkajs 2.2.4 alone resolves such a send without writing the stopped leader’s partitions (why the relay checks every acknowledgement)', async () => {
    const topic = `${env.topicPrefix}failover-probe`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 3 }] });
    await waitForLeaders(admin, [topic]);
    const leaders = await leadersInSync(topic);
    // kafkajs as the relay used it before: idempotent, acks=all, one request in flight, and retries that outlast the failover.
    const kafka = new Kafka({ ...env.kafkaConnection(ADMIN_PRINCIPAL), clientId: 'failover-probe', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 } });
    await producer.connect();
    try {
      const all = [...leaders.keys()];
      // Connected to every node and knowing every leader before the send that matters.
      await producer.send({ topic, acks: -1, messages: all.map((partition) => ({ partition, key: `warm-${partition}`, value: 'warm-up', headers: { ce_id: `warm-${partition}` } })) });
      const victim = leaders.get(0) as number;
      const others = new Set([...leaders.values()].filter((leader) => leader !== victim));
      expect(others.size).toBe(2); // both survivors answer their part of the send, so either can inherit the victim's partitions

      stop(victim);
      const ids = all.map((partition) => ({ partition, id: randomUUID() }));
      const sending = producer.send({ topic, acks: -1, messages: ids.map(({ partition, id }) => ({ partition, key: id, value: id, headers: { ce_id: id } })) });
      sending.catch(() => undefined); // awaited below
      await killOnceMoved(victim, topic);
      const acknowledged = await sending;

      const log = await readPartitions(cluster.brokers, [topic], { sasl: env.kafkaSasl(ADMIN_PRINCIPAL) });
      const written = new Set(log.records.map((record) => record.eventId));
      const victimPartitions = all.filter((partition) => leaders.get(partition) === victim);
      process.stdout.write(
        `[failover-relay] kafkajs send resolved with acknowledgements for partitions ${acknowledged.map((entry) => entry.partition).sort().join(', ')}; ` +
          `node ${victim} led ${victimPartitions.join(', ')}; not on the log: ${ids.filter(({ id }) => !written.has(id)).map(({ partition }) => partition).join(', ')}\n`,
      );
      // The send resolved, yet the partitions the stopped node led hold nothing of it, and kafkajs did not acknowledge them.
      expect(ids.filter(({ id }) => !written.has(id)).map(({ partition }) => partition)).toEqual(victimPartitions);
      expect(acknowledged.map((entry) => entry.partition).filter((partition) => victimPartitions.includes(partition))).toEqual([]);
    } finally {
      await producer.disconnect();
    }
    await cluster.restart(leaders.get(0) as number);
  }, 300_000);

  it('the outbox relay marks published only what every partition acknowledged: each row on the log exactly once', async () => {
    const serviceEnv = await env.serviceEnv('intake');
    const schema = serviceEnv['DATABASE_SCHEMA'] as string;
    dataSource = createServiceDataSource({
      url: serviceEnv['DATABASE_URL'] as string,
      schema,
      migrations: [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, OutboxTraceparent1764300000095],
    });
    await dataSource.initialize();
    await migrate(dataSource);
    const ds = dataSource;
    const warnings: string[] = [];
    const logger = { error: (line: string) => warnings.push(line), warn: (line: string) => warnings.push(line), log: () => undefined };
    const kafka = createKafka({ ...env.kafkaConnection(servicePrincipal('intake')), clientId: 'failover-relay' }, logger);
    const signer = { service: 'intake', keyId: serviceEnv['AUDIT_KEY_ID'] as string, privateKey: parseSigningKey(serviceEnv['AUDIT_SIGNING_KEY'] as string) };
    const started = new OutboxRelay({ dataSource: ds, schema, kafka, topics: new TopicNames(env.topicPrefix), logger, signer, pollIntervalMs: 200 });
    relay = started;
    await started.start();
    const batch = (): Promise<void> =>
      ds.transaction(async (manager) => {
        const events = Array.from({ length: HOUSEHOLDS }, () => {
          const householdId = randomUUID();
          return { topic: TOPICS.meldingen, event: newEvent({ type: MELDING_RECEIVED as never, service: 'intake', householdId, time: new Date(), data: { householdId, marker: randomUUID() } as never }) };
        });
        await appendToOutbox(manager, schema, events);
      });
    const drained = (description: string): Promise<true> => waitFor(async () => (await started.pendingCount()) === 0 || undefined, { description, timeoutMs: WAIT_MS });

    // A first batch: the relay's producer is connected to every node and knows every leader.
    await batch();
    await drained('the first batch published');
    const topic = `${env.topicPrefix}${TOPICS.meldingen}`;
    const leaders = await leadersInSync(topic);
    const victim = leaders.get(0) as number;
    expect(new Set(leaders.values()).size).toBe(3);

    // The node stops answering, and a batch for every partition is committed: the relay sends it at once (notified by
    // the commit); the other two nodes acknowledge their part, the request to the stopped one waits. Once its partitions
    // have moved to those two, it is killed: that request fails and kafkajs retries against the new leaders.
    stop(victim);
    await batch();
    await killOnceMoved(victim, topic);
    await drained('the second batch published after the failover');

    const published = (await ds.query(`select event_id from outbox where topic = $1 and published_at is not null`, [TOPICS.meldingen])) as { event_id: string }[];
    expect(published).toHaveLength(2 * HOUSEHOLDS);
    const log = await readPartitions(cluster.brokers, [topic], { sasl: env.kafkaSasl(ADMIN_PRINCIPAL) });
    const copies = new Map<string, number>();
    for (const record of log.records) copies.set(String(record.eventId), (copies.get(String(record.eventId)) ?? 0) + 1);
    process.stdout.write(
      `[failover-relay] node ${victim} stopped; ${published.length} rows published, ${log.records.length} records on ${topic}; relay said: ${warnings.filter((line) => /acknowledgement|could not publish|cannot publish/.test(line)).join(' | ') || 'nothing'}\n`,
    );
    expect(published.filter((row) => !copies.has(row.event_id))).toEqual([]);
    expect([...copies].filter(([, n]) => n !== 1)).toEqual([]);
    expect(log.records).toHaveLength(published.length);
  }, 300_000);
});
