import { Client } from 'pg';
import { Partitioners } from 'kafkajs';
import { TOPICS } from '@vt/contracts';
import { createKafka, ensureTopics, TopicNames } from '@vt/messaging';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined };
const COUNT = 300;

describe('a consuming service killed mid-stream', () => {
  let env: TestEnvironment;
  let db: Client;
  const running: RunningService[] = [];
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    env = testEnvironment();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    for (const service of running) await service.stop();
    await db?.end();
    await env?.cleanup();
  });

  it('resumes after SIGKILL without losing or applying twice any event', async () => {
    const names = new TopicNames(env.topicPrefix);
    const kafka = createKafka({ ...env.kafkaConnection(), clientId: 'restart-spec' }, quiet);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, names, [TOPICS.meldingen]);
    await admin.disconnect();
    const meldingen = Array.from({ length: COUNT }, () => aMelding().event());
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: names.physical(TOPICS.meldingen), acks: -1, messages: meldingen.map((event) => ({ key: event.householdid, value: JSON.stringify(event) })) });
    await producer.disconnect();

    const serviceEnv = await env.serviceEnv('crisis_triage');
    const schema = serviceEnv['DATABASE_SCHEMA'] as string;
    const checked = async () => (await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.acute_check`)).rows[0]?.n ?? 0;

    const first = await startService('crisis-triage', serviceEnv);
    running.push(first);
    await waitFor(async () => ((await checked()) >= 30 ? true : undefined), { description: 'the first acute checks', intervalMs: 5 });
    await first.kill();
    const atKill = await checked();

    const second = await startService('crisis-triage', serviceEnv);
    running.push(second);
    await waitFor(async () => ((await checked()) === COUNT ? true : undefined), { description: `all ${COUNT} acute checks (${atKill} done at the kill)`, timeoutMs: 60_000 });

    // Applied once: one acute check per melding, one applied inbox entry per event.
    const distinct = await db.query<{ n: number }>(`select count(distinct melding_id)::int as n from ${schema}.acute_check`);
    expect(distinct.rows[0]?.n).toBe(COUNT);
    const inbox = await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.inbox where outcome = 'applied'`);
    expect(inbox.rows[0]?.n).toBe(COUNT);

    // Nothing lost downstream: every melding's result is on the triage topic, each as one event
    // (a record may appear twice after a kill between publish and mark; it is the same event id).
    reader = await new TopicReader(env.kafkaBrokers.split(','), [names.physical(TOPICS.triageAssessments)]).start();
    await waitFor(() => new Set(reader?.records.map((r) => r.json<{ data: { meldingId: string } }>().data.meldingId)).size === COUNT || undefined, {
      description: `AcuteCheckCompleted for all ${COUNT} meldingen on the topic`,
      timeoutMs: 60_000,
    });
    const eventIdsPerMelding = new Map<string, Set<string>>();
    for (const record of reader.records) {
      const event = record.json<{ id: string; data: { meldingId: string } }>();
      eventIdsPerMelding.set(event.data.meldingId, (eventIdsPerMelding.get(event.data.meldingId) ?? new Set()).add(event.id));
    }
    expect([...eventIdsPerMelding.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(atKill).toBeLessThan(COUNT);
  });
});
