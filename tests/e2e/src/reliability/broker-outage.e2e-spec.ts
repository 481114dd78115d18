import { Client } from 'pg';
import { TOPICS } from '@vt/contracts';
import { aMelding, PrivateKafka, RunningService, startPrivateKafka, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

/** A broker of this test's own, so that it can be taken down without disturbing other tests. */
describe('a broker outage while meldingen are posted', () => {
  let kafka: PrivateKafka;
  let env: TestEnvironment;
  let intake: RunningService | undefined;
  let reader: TopicReader | undefined;
  let db: Client;
  let schema: string;

  beforeAll(async () => {
    kafka = await startPrivateKafka();
    env = testEnvironment();
    const serviceEnv = await env.serviceEnv('intake');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    intake = await startService('intake', { ...serviceEnv, ...kafka.serviceEnv });
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  }, 240_000); // a broker of its own (a JVM) and a service, on a shared machine

  afterAll(async () => {
    await reader?.stop();
    await intake?.stop();
    await db?.end();
    await env?.cleanup();
    await kafka?.destroy();
  });

  async function unpublished(): Promise<number> {
    const result = await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.outbox where published_at is null`);
    return result.rows[0]?.n ?? -1;
  }

  it('accepts meldingen while the broker is down, and delivers every one of their events when it returns', async () => {
    await kafka.stop();
    const householdIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${intake?.url}/api/v1/meldingen`, { method: 'POST', headers: env.authHeaders(['call-handler']), body: JSON.stringify(aMelding().acute().requestBody()) });
      expect(response.status).toBe(201);
      householdIds.push(((await response.json()) as { householdId: string }).householdId);
    }
    // Durable before "accepted": the events wait in the outbox, committed with the meldingen.
    expect(await unpublished()).toBe(3);
    // Issue 13 point 4: "readiness says the relay is behind" — and intake stays in service (docs/adr/0026).
    const behind = await waitFor(
      async () => {
        const response = await fetch(`${intake?.url}/health/ready`);
        const body = (await response.json()) as { status: string; checks: { kafka: { status: string }; relay: { status: string; backlog: number; failingSince?: string } } };
        return response.status === 200 && body.checks.relay.status === 'behind' ? body : undefined;
      },
      { description: 'readiness to say degraded with the relay behind', timeoutMs: 60_000 },
    );
    expect(behind).toMatchObject({ status: 'degraded', checks: { kafka: { status: 'down' }, relay: { status: 'behind', backlog: 3 } } });
    expect(behind.checks.relay.failingSince).toEqual(expect.any(String));

    await kafka.restart();
    reader = await new TopicReader(kafka.brokers, [env.topicPrefix + TOPICS.meldingen]).start();
    await waitFor(() => householdIds.every((id) => reader?.records.some((record) => record.key === id)) || undefined, {
      description: 'the three MeldingReceived events on the topic after the broker returned',
      timeoutMs: 60_000,
    });
    await waitFor(async () => (await unpublished()) === 0 || undefined, { description: 'the outbox to be drained' });
  });
});
