import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Kafka } from 'kafkajs';
import { ADVIESVRAAG_RECEIVED, CloudEvent, MELDING_RECEIVED, newEvent, parseSigningKey, TOPICS } from '@vt/contracts';
import { accessGrants, ADMIN_PRINCIPAL, applyGrants, AUDITOR_PRINCIPAL, loadPartnerIds, removeGrants, servicePrincipal } from '@vt/kafka-access';
import { appendToOutbox, createKafka, OutboxRelay, TopicNames } from '@vt/messaging';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, OutboxTraceparent1764300000095, CreateMessagingTables1764300000000, createServiceDataSource, migrate } from '@vt/persistence';
import { appEntry, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined };

function vtAuditVerify(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [appEntry('vt-cli'), 'audit', 'verify', ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Issue 13 point 4: "One topic that cannot be published to (a missing ACL, a deleted partner topic) no longer
 * holds back every other topic's events: the relay isolates it, keeps publishing the rest, and reports it."
 * On the secured broker, intake's relay runs as svc-intake; its ACLs on the adviesvragen topic are taken away
 * while it runs, then given back. docs/adr/0026; the chains stay verifiable (docs/adr/0009).
 */
describe('the outbox relay with one topic it may not publish to', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let kafka: Kafka;
  let relay: OutboxRelay;
  let schema: string;
  let serviceEnv: Record<string, string>;
  const readers: TopicReader[] = [];

  beforeAll(async () => {
    env = testEnvironment();
    serviceEnv = await env.serviceEnv('intake');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    dataSource = createServiceDataSource({
      url: serviceEnv['DATABASE_URL'] as string,
      schema,
      migrations: [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, OutboxTraceparent1764300000095],
    });
    await dataSource.initialize();
    await migrate(dataSource);
  });

  afterAll(async () => {
    await relay?.stop();
    for (const reader of readers) await reader.stop();
    await dataSource?.destroy();
    await env?.cleanup();
  });

  function append(topic: string, type: string, householdId: string): Promise<CloudEvent> {
    const event = newEvent({ type: type as never, service: 'intake', householdId, time: new Date(), data: { householdId, marker: randomUUID() } as never });
    return dataSource.transaction(async (manager) => {
      await appendToOutbox(manager, schema, [{ topic, event }]);
      return event;
    });
  }

  async function unpublished(topic: string): Promise<number> {
    const [row] = (await dataSource.query('select count(*)::int as n from outbox where published_at is null and topic = $1', [topic])) as { n: number }[];
    return row?.n ?? -1;
  }

  it('keeps publishing the other topics, reports the blocked one, and publishes its rows in order once allowed again, with the audit log clean', async () => {
    expect(env.secured).toBe(true); // this rule is about ACLs: it needs the secured broker
    kafka = createKafka({ ...env.kafkaConnection(servicePrincipal('intake')), clientId: 'relay-blocked-spec' }, quiet);
    const signer = { service: 'intake', keyId: serviceEnv['AUDIT_KEY_ID'] as string, privateKey: parseSigningKey(serviceEnv['AUDIT_SIGNING_KEY'] as string) };
    relay = new OutboxRelay({ dataSource, schema, kafka, topics: new TopicNames(env.topicPrefix), logger: quiet, signer, pollIntervalMs: 200, blockedTopicBackoff: { initialMs: 200, maxMs: 1000 } });
    await relay.start();

    // Both topics in use first, so the relay's producer knows the one that is about to be refused.
    const household = randomUUID();
    await append(TOPICS.meldingen, MELDING_RECEIVED, household);
    const firstAdvies = await append(TOPICS.adviesvragen, ADVIESVRAAG_RECEIVED, household);
    await waitFor(async () => (await relay.pendingCount()) === 0 || undefined, { description: 'the first events published' });

    const adviesGrants = accessGrants({ partnerIds: loadPartnerIds().partnerIds, topicPrefix: env.topicPrefix }).filter(
      (grant) => grant.principal === servicePrincipal('intake') && grant.name === env.topicPrefix + TOPICS.adviesvragen,
    );
    expect(adviesGrants.map((grant) => grant.operation).sort()).toEqual(['CREATE', 'WRITE']);
    const admin = env.kafkaClient(ADMIN_PRINCIPAL).admin();
    await admin.connect();
    try {
      await removeGrants(admin, adviesGrants);

      const blockedEvents = [];
      const otherEvents = [];
      for (let i = 0; i < 3; i++) {
        blockedEvents.push(await append(TOPICS.adviesvragen, ADVIESVRAAG_RECEIVED, household));
        otherEvents.push(await append(TOPICS.meldingen, MELDING_RECEIVED, household));
        otherEvents.push(await append(TOPICS.meldingen, MELDING_RECEIVED, randomUUID()));
      }

      // The other topic's events go out although older rows of the refused topic wait in front of them.
      await waitFor(async () => (await unpublished(TOPICS.meldingen)) === 0 || undefined, { description: 'every MeldingReceived published past the blocked topic', timeoutMs: 60_000 });
      const blocked = await waitFor(() => relay.blockedTopics().find((entry) => entry.topic === TOPICS.adviesvragen && entry.rows === 3), {
        description: 'the adviesvragen topic reported as blocked with its three waiting rows',
      });
      expect(blocked.reason).toMatch(/authoriz/i);
      expect(relay.blockedTopics()).toHaveLength(1);
      expect(await unpublished(TOPICS.adviesvragen)).toBe(3);
      const state = await relay.state();
      expect(state.blockedTopics).toEqual([blocked]);
      expect(state.backlog).toBe(3);

      await applyGrants(admin, adviesGrants);
      await waitFor(async () => ((await relay.pendingCount()) === 0 && relay.blockedTopics().length === 0) || undefined, {
        description: 'the blocked rows published by themselves once the ACLs are back',
        timeoutMs: 60_000,
      });

      // In order, each once, after the first one.
      const reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.adviesvragen]).start();
      readers.push(reader);
      const expected = [firstAdvies, ...blockedEvents].map((event) => event.id);
      await waitFor(() => reader.records.length >= expected.length || undefined, { description: 'the adviesvragen records' });
      const onTopic = reader.records.map((record) => record.json<{ id: string; vtseq: number }>());
      expect(onTopic.map((event) => event.id)).toEqual(expected);
      expect(onTopic.map((event) => event.vtseq)).toEqual([1, 2, 3, 4]);
    } finally {
      await applyGrants(admin, adviesGrants).catch(() => undefined);
      await admin.disconnect();
    }

    // Published out of order across topics, the chains are per topic: verify finds nothing.
    const sasl = env.kafkaSasl(AUDITOR_PRINCIPAL);
    const verified = await vtAuditVerify(['--brokers', env.kafkaBrokers, '--topic-prefix', env.topicPrefix, '--keys', env.auditKeysFile(), '--json'], sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {});
    const report = JSON.parse(verified.stdout) as { findings: unknown[]; stats: { events: number } };
    expect(report.findings).toEqual([]);
    expect(report.stats.events).toBe(2 + 3 + 6);
    expect(verified.code).toBe(0);
  }, 240_000);
});
