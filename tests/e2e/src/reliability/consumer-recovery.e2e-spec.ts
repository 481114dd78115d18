import { Client } from 'pg';
import { Partitioners } from 'kafkajs';
import { TOPICS } from '@vt/contracts';
import { createKafka, ensureTopics, TopicNames } from '@vt/messaging';
import { aMelding, RunningService, startService, startTcpProxy, TcpProxy, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined };

type Readiness = { status: string; checks: { consumers: { status: string; groups?: { group: string; reason: string }[] } } };

/**
 * Issue 13 point 4: "A consumer that fails on a transient broker error recovers by itself … Prove recovery
 * with a test that breaks the broker connection during consumer start." The service reaches the broker
 * through a TCP proxy that drops every connection while the service starts (as a broker that is still
 * loading or goes away mid-handshake does), then lets them through.
 */
describe('a consumer whose broker connection breaks while it starts', () => {
  let env: TestEnvironment;
  let proxy: TcpProxy;
  let service: RunningService | undefined;
  let db: Client;

  beforeAll(async () => {
    env = testEnvironment();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
    await db?.end();
    await env?.cleanup();
  });

  async function readiness(): Promise<{ code: number; body: Readiness }> {
    const response = await fetch(`${service?.url}/health/ready`);
    return { code: response.status, body: (await response.json()) as Readiness };
  }

  it('restarts the consumer by itself, rejoins, applies events, and readiness turns ready by itself', async () => {
    const [broker] = env.kafkaBrokers.split(',');
    proxy = await startTcpProxy(broker as string, { mode: 'drop' });
    const serviceEnv = await env.serviceEnv('crisis_triage');
    const schema = serviceEnv['DATABASE_SCHEMA'] as string;

    // The HTTP port opens although no broker connection succeeds (readiness: degraded, the broker does not answer).
    service = await startService('crisis-triage', { ...serviceEnv, KAFKA_BROKERS: proxy.address }, { readyTimeoutMs: 180_000 });
    const broken = await waitFor(
      async () => {
        const { body } = await readiness();
        const failed = body.checks.consumers.groups?.find((group) => /could not start|crashed/.test(group.reason));
        return failed && proxy.connections() > 0 ? body : undefined;
      },
      { description: 'readiness to report the consumer group not joined after a failed start', timeoutMs: 90_000 },
    );
    expect(broken.checks.consumers.status).toBe('down');
    expect(service.process.exitCode).toBeNull();

    await proxy.setMode('pass');
    await waitFor(async () => ((await readiness()).code === 200 && (await readiness()).body.status === 'ready') || undefined, {
      description: 'readiness to turn ready by itself once the broker is reachable',
      timeoutMs: 90_000,
    });
    expect(service.output()).toMatch(/consumer group crisis-triage could not start: .*; restarting it in \d+ ms \(attempt 1\)/);

    // The rejoined consumer applies an event published after the outage.
    const names = new TopicNames(env.topicPrefix);
    const kafka = createKafka({ ...env.kafkaConnection(), clientId: 'consumer-recovery-spec' }, quiet);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, names, [TOPICS.meldingen]);
    await admin.disconnect();
    const event = aMelding().acute().event();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: names.physical(TOPICS.meldingen), acks: -1, messages: [{ key: event.householdid, value: JSON.stringify(event) }] });
    await producer.disconnect();
    await waitFor(
      async () => ((await db.query(`select 1 from ${schema}.inbox where event_id = $1 and outcome = 'applied'`, [event.id])).rowCount === 1 ? true : undefined),
      { description: 'the MeldingReceived applied by the rejoined consumer', timeoutMs: 60_000 },
    );
  }, 300_000);
});
