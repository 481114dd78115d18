import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Kafka, Partitioners } from 'kafkajs';
import { AUDIT_CHAIN_CHECKPOINTED, canonicalJson, CloudEvent, eventChainHash, MELDING_RECEIVED, newEvent, parseSigningKey, recordValueHash, SAFETY_ASSESSMENT_COMPLETED, TOPICS } from '@vt/contracts';
import { appendToOutbox, createKafka, ensureTopics, OutboxRelay, TopicNames } from '@vt/messaging';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, CreateMessagingTables1764300000000, createServiceDataSource, migrate, OutboxTraceparent1764300000095 } from '@vt/persistence';
import { readAuditLog, AuditRecord } from '@vt/audit';
import { appEntry, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** `npm run vt -- audit verify …` as a process: its exit code and output. */
function vtAuditVerify(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [appEntry('vt-cli'), 'audit', 'verify', ...args],
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined };

interface Report {
  findings: { kind: string; topic: string; partition?: number; offset?: string; eventId?: string; householdId?: string; producer?: string; seq?: number; detail: string }[];
  stats: { events: number; chains: number };
  unknownKeys?: { keyId: string; producers: string[]; checkpoints: number }[];
  hashedIn?: 'worker' | 'main';
}

/**
 * Builds a log through the real outbox and relay (real Postgres, real Kafka), copies it to a second topic
 * set with plain kafkajs while tampering with it in each way, and runs `vt audit verify` on both.
 */
describe('vt audit verify on a real log', () => {
  let env: TestEnvironment;
  let dataSource: DataSource;
  let kafka: Kafka;
  let relay: OutboxRelay;
  let keysFile: string;
  const households: string[] = Array.from({ length: 6 }, () => randomUUID());
  const EVENTS_PER_HOUSEHOLD = 4;

  beforeAll(async () => {
    env = testEnvironment();
    const serviceEnv = await env.serviceEnv('intake');
    const schema = serviceEnv['DATABASE_SCHEMA'] as string;
    dataSource = createServiceDataSource({
      url: serviceEnv['DATABASE_URL'] as string,
      schema,
      migrations: [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, OutboxTraceparent1764300000095],
    });
    await dataSource.initialize();
    await migrate(dataSource);
    kafka = createKafka({ ...env.kafkaConnection(), clientId: 'audit-verify-spec' }, quiet);
    const signer = { service: 'intake', keyId: serviceEnv['AUDIT_KEY_ID'] as string, privateKey: parseSigningKey(serviceEnv['AUDIT_SIGNING_KEY'] as string) };
    relay = new OutboxRelay({ dataSource, schema, kafka, topics: new TopicNames(env.topicPrefix), logger: quiet, signer });
    await relay.start();
    keysFile = env.auditKeysFile();

    // Each household's events in separate transactions, interleaved, so the relay signs several batches.
    for (let round = 0; round < EVENTS_PER_HOUSEHOLD; round++) {
      await Promise.all(
        households.map((householdId) =>
          dataSource.transaction((manager) =>
            appendToOutbox(manager, schema, [
              {
                topic: TOPICS.meldingen,
                event: newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId, time: new Date(), data: { meldingId: randomUUID(), householdId, round } as never }),
              },
            ]),
          ),
        ),
      );
    }
    await waitFor(async () => (await relay.pendingCount()) === 0 || undefined, { description: 'the outbox to be drained' });
  });

  afterAll(async () => {
    await relay?.stop();
    await dataSource?.destroy();
    await env?.cleanup();
  });

  /**
   * The CLI logs in as the auditor (read-only, its consumer groups under this file's prefix) on a secured
   * broker; the tampered copy lives under another prefix, outside the auditor's groups, so the test's admin reads it.
   */
  function login(prefix: string): Record<string, string> {
    const sasl = env.kafkaSasl(prefix === env.topicPrefix ? 'vt-auditor' : undefined);
    return sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {};
  }

  async function verify(prefix: string, ...extra: string[]): Promise<{ code: number; stdout: string; report: Report; text: string }> {
    const base = ['--brokers', env.kafkaBrokers, '--topic-prefix', prefix, '--keys', keysFile, ...extra];
    const [json, text] = await Promise.all([vtAuditVerify([...base, '--json'], login(prefix)), vtAuditVerify(base, login(prefix))]);
    expect({ code: text.code, stderr: json.stderr }).toEqual({ code: json.code, stderr: '' });
    return { code: json.code, stdout: json.stdout, report: JSON.parse(json.stdout) as Report, text: text.stdout };
  }

  async function readAll(topic: string): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    await readAuditLog({ ...env.kafkaConnection(), topicPrefix: env.topicPrefix, topics: [topic], onRecord: (record) => records.push(record) });
    return records;
  }

  it('finds each event on the log as the exact canonical JSON its chain hash covers, as the outbox stored it', async () => {
    const events = await readAll(TOPICS.meldingen);
    const stored = (await dataSource.query('select event_id, payload, chain_hash from outbox')) as { event_id: string; payload: string; chain_hash: string }[];
    const byId = new Map(stored.map((row) => [row.event_id, row]));
    expect(events).toHaveLength(households.length * EVENTS_PER_HOUSEHOLD);
    for (const record of events) {
      const event = JSON.parse(record.value as string) as CloudEvent;
      const row = byId.get(event.id);
      expect(record.value).toBe(canonicalJson(event));
      expect(record.value).toBe(row?.payload);
      expect(recordValueHash(record.bytes as Buffer)).toBe(row?.chain_hash);
      expect(eventChainHash(event)).toBe(row?.chain_hash);
    }
  });

  it('verifies the untouched log clean', async () => {
    const { code, report, text } = await verify(env.topicPrefix);
    expect(report.findings).toEqual([]);
    expect(report.stats).toMatchObject({ events: households.length * EVENTS_PER_HOUSEHOLD, chains: households.length });
    expect(code).toBe(0);
    expect(text).toMatch(/Clean: no altered, forged, dropped, duplicated or reordered event/);
  });

  it('names each altered, forged, dropped, duplicated and reordered event in a tampered copy, and exits 1', async () => {
    const events = await readAll(TOPICS.meldingen);
    const checkpoints = await readAll(TOPICS.auditChainHeads);
    const parse = (record: AuditRecord): CloudEvent => JSON.parse(record.value as string) as CloudEvent;
    const ofHousehold = (householdId: string) => events.filter((record) => parse(record).householdid === householdId);
    const [alteredH, droppedH, duplicatedH, swappedH, forgedH, reserialisedH] = households as [string, string, string, string, string, string];
    const byHousehold = new Map(households.map((h) => [h, ofHousehold(h)]));
    for (const records of byHousehold.values()) expect(records.map((r) => parse(r).vtseq)).toEqual([1, 2, 3, 4]);

    // Tamper, partition by partition, in offset order.
    const copy = new Map<number, { value: string; key: string | undefined }[]>();
    const altered = byHousehold.get(alteredH)?.[1] as AuditRecord;
    const dropped = byHousehold.get(droppedH)?.[1] as AuditRecord;
    const duplicated = byHousehold.get(duplicatedH)?.[1] as AuditRecord;
    const [swapA, swapB] = [byHousehold.get(swappedH)?.[1], byHousehold.get(swappedH)?.[2]] as [AuditRecord, AuditRecord];
    const forgedAfter = byHousehold.get(forgedH)?.[3] as AuditRecord;
    // Same content, other bytes (whitespace): the hash covers the bytes, so this is an altered event too.
    const reserialised = byHousehold.get(reserialisedH)?.[2] as AuditRecord;
    const partitionOf = (record: AuditRecord) => copy.get(record.partition) ?? copy.set(record.partition, []).get(record.partition) ?? [];
    const forgedEvent = { ...parse(forgedAfter), id: randomUUID(), vtseq: 5, prevhash: eventChainHash(parse(forgedAfter)), data: { meldingId: randomUUID(), householdId: forgedH } };
    for (const record of events) {
      const target = partitionOf(record);
      if (record === dropped) continue;
      if (record === swapA) continue;
      let value = record.value as string;
      if (record === altered) value = canonicalJson({ ...parse(record), data: { ...(parse(record).data as object), round: 99 } });
      if (record === reserialised) value = JSON.stringify(parse(record), null, 1);
      target.push({ value, key: record.key });
      if (record === duplicated) target.push({ value, key: record.key });
      if (record === swapB) target.push({ value: swapA.value as string, key: swapA.key });
      if (record === forgedAfter) target.push({ value: canonicalJson(forgedEvent), key: record.key });
    }

    const tampered = `${env.topicPrefix}tampered.`;
    const names = new TopicNames(tampered);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, names, [TOPICS.meldingen, TOPICS.auditChainHeads]);
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: names.physical(TOPICS.auditChainHeads), acks: -1, messages: checkpoints.map((r) => ({ key: r.key ?? null, value: r.value ?? null, partition: r.partition })) });
      for (const [partition, messages] of copy) {
        await producer.send({ topic: names.physical(TOPICS.meldingen), acks: -1, messages: messages.map((m) => ({ key: m.key ?? null, value: m.value, partition })) });
      }
    } finally {
      await producer.disconnect();
    }

    const { code, report, text } = await verify(tampered, '--topic', TOPICS.meldingen);
    const at = (record: AuditRecord) => ({ id: parse(record).id, household: parse(record).householdid, seq: parse(record).vtseq });
    const named = report.findings.map((f) => ({ kind: f.kind, id: f.eventId, household: f.householdId, seq: f.seq }));
    expect(named).toEqual(
      expect.arrayContaining([
        { kind: 'altered', ...at(altered) },
        { kind: 'altered', ...at(reserialised) },
        { kind: 'forged', id: forgedEvent.id, household: forgedH, seq: 5 },
        { kind: 'dropped', id: undefined, household: droppedH, seq: 2 },
        { kind: 'duplicated', ...at(duplicated) },
        { kind: 'reordered', ...at(swapA) },
      ]),
    );
    expect(report.findings).toHaveLength(6);
    expect(report.findings.find((f) => f.kind === 'duplicated')?.detail).toMatch(/^an identical copy of the event at offset \d+$/);
    expect(report.findings.every((f) => f.topic === TOPICS.meldingen && f.partition !== undefined && f.producer === 'intake')).toBe(true);
    expect(code).toBe(1);
    expect(text).toMatch(/6 findings \(2 altered, 1 forged, 1 dropped, 1 duplicated, 1 reordered\)/);
    expect(text).toContain(`FORGED ${TOPICS.meldingen}[`);

    // The same findings with every event hashed and parsed on the main thread (`--no-worker`) as with the worker
    // thread (the default where there is a second core). Their order across partitions follows the order kafkajs
    // hands the partitions over, which differs from reading to reading.
    const alone = await verify(tampered, '--topic', TOPICS.meldingen, '--no-worker');
    const inOrder = (findings: Report['findings']) => [...findings].sort((a, b) => (a.partition ?? -1) - (b.partition ?? -1) || Number(a.offset ?? -1) - Number(b.offset ?? -1) || a.detail.localeCompare(b.detail));
    expect(inOrder(alone.report.findings)).toEqual(inOrder(report.findings));
    expect({ byDefault: report.hashedIn, alone: alone.report.hashedIn }).toEqual({ byDefault: availableParallelism() > 1 ? 'worker' : 'main', alone: 'main' });

    // One household alone: only its own findings.
    const one = await verify(tampered, '--household', droppedH);
    expect(one.report.findings.map((f) => f.kind)).toEqual(['dropped']);
  });

  // Rule (issue 13, point 8): chain-head checkpoints are CloudEvents like every other record on a vt.* topic.
  it('finds every chain-head checkpoint the relay wrote as an AuditChainCheckpointed CloudEvent from its service', async () => {
    const checkpoints = await readAll(TOPICS.auditChainHeads);
    expect(checkpoints.length).toBeGreaterThan(0);
    const keyId = (await env.serviceEnv('intake'))['AUDIT_KEY_ID'];
    for (const record of checkpoints) {
      const event = JSON.parse(record.value as string) as Record<string, unknown>;
      expect(event).toMatchObject({ specversion: '1.0', type: AUDIT_CHAIN_CHECKPOINTED, source: '/veilig-thuis/intake', datacontenttype: 'application/json', data: { keyId, heads: expect.any(Array), signature: expect.any(String) } });
      expect(event['correlationid']).toBe(event['id']);
      expect(record.type).toBe(AUDIT_CHAIN_CHECKPOINTED);
    }
  });

  // Rule (issue 13, point 8): without the right public keys, verify says which key ids it does not know and how
  // to pass them, and does not report every event as forged.
  it('without the public keys, names the unknown key id and how to pass it, reports the events unverifiable (not forged), and exits 3', async () => {
    const keyId = (await env.serviceEnv('intake'))['AUDIT_KEY_ID'] as string;
    const base = ['--brokers', env.kafkaBrokers, '--topic-prefix', env.topicPrefix];
    const [json, text] = await Promise.all([vtAuditVerify([...base, '--json'], login(env.topicPrefix)), vtAuditVerify(base, login(env.topicPrefix))]);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.findings.filter((f) => f.kind !== 'unverifiable')).toEqual([]);
    expect(report.findings).toHaveLength(households.length * EVENTS_PER_HOUSEHOLD);
    expect(report.findings.every((f) => f.detail.startsWith(`unknown key ${keyId}:`))).toBe(true);
    expect(report.unknownKeys).toEqual([expect.objectContaining({ keyId, producers: ['intake'] })]);
    expect({ json: json.code, text: text.code }).toEqual({ json: 3, text: 3 });
    expect(text.stdout).toContain(`Unknown key ids: "${keyId}"`);
    expect(text.stdout).toMatch(/--keys <file>/);
    expect(text.stdout).toMatch(/VT_AUDIT_PUBLIC_KEYS=<file>/);
    expect(text.stdout).not.toMatch(/FORGED/);
    expect(text.stderr).toContain(`Unknown key ids: "${keyId}"`);

    // The same through the environment variable instead of --keys: clean again.
    const withEnv = await vtAuditVerify([...base, '--json'], { ...login(env.topicPrefix), VT_AUDIT_PUBLIC_KEYS: keysFile });
    expect({ code: withEnv.code, findings: (JSON.parse(withEnv.stdout) as Report).findings }).toEqual({ code: 0, findings: [] });
  });

  it('refuses wrong usage with exit code 2, naming the option', async () => {
    const { code, stderr } = await vtAuditVerify(['--topic', 'meldingen'], { KAFKA_BROKERS: env.kafkaBrokers });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--topic "meldingen" is not a topic name/);
  });

  it('refuses to write a superseded event version to the outbox, so its clear text can never reach the log again (ADR 0004, ADR 0020)', async () => {
    const householdId = randomUUID();
    const v1 = newEvent({
      type: SAFETY_ASSESSMENT_COMPLETED,
      service: 'intake',
      householdId,
      time: new Date(),
      data: { assessmentId: randomUUID(), meldingId: randomUUID(), householdId, taxatie: 'acuut', outcome: 'onderzoek', reasoning: 'clear text', completedAt: new Date().toISOString(), deadline: { dueAt: new Date().toISOString(), met: true }, actor: 'user:t' },
    });
    const schema = (await env.serviceEnv('intake'))['DATABASE_SCHEMA'] as string;
    await expect(dataSource.transaction((manager) => appendToOutbox(manager, schema, [{ topic: TOPICS.triageAssessments, event: v1 }]))).rejects.toThrow(
      /SafetyAssessmentCompleted\.v1, which is superseded by nl\.veiligthuis\.triage\.SafetyAssessmentCompleted\.v2/,
    );
    expect(await dataSource.query('select 1 from outbox where event_id = $1', [v1.id])).toEqual([]);
  });
});
