import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Admin, ConfigResourceTypes, ITopicMetadata } from 'kafkajs';
import { Client } from 'pg';
import { partnerReferralsTopic, SERVICES, TOPICS } from '@vt/contracts';
import { ADMIN_PRINCIPAL, AUDITOR_PRINCIPAL, servicePrincipal } from '@vt/kafka-access';
import {
  aMelding,
  appEntry,
  expectedHouseholdReference,
  KAFKA_CREDENTIALS_FILE,
  PartitionRecord,
  PrivateKafkaCluster,
  readPartitions,
  startPrivateKafkaCluster,
  testEnvironment,
  TestEnvironment,
  TopicReader,
  useInfra,
  waitFor,
} from '@vt/testing';
import { Envelope, Services, startFourServices } from '../partner/partner-flow';

const ROOT = join(__dirname, '..', '..', '..', '..');
const PARTNER = 'lokaal-team-gm0014';
/** Bounds for waits on a 2-core machine shared with other work, never expectations of speed. */
const WAIT_MS = 90_000;
/** Meldingen accepted before the kill, and after the partitions have new leaders. */
const BEFORE_KILL = 4;
const AFTER_FAILOVER = 4;
/**
 * One melding every PACE_MS: a steady stream that goes on through the failover (intake's 201 does not wait for the
 * broker) without flooding two cores. Each melding's veiligheidsbeoordeling is posted beside the stream, as soon as
 * crisis-triage knows the melding.
 */
const PACE_MS = 400;

function vtAuditVerify(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [appEntry('vt-cli'), 'audit', 'verify', ...args],
      // Bounded, so that a read that does not end fails the test with the CLI's own words instead of hanging it.
      { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 150_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A finding of `vt audit verify --json`. */
interface Finding {
  kind: string;
  detail: string;
  topic: string;
  partition?: number;
  offset?: string;
  eventId?: string;
}

interface Accepted {
  meldingId: string;
  householdId: string;
  /** Whether the veiligheidsbeoordeling (outcome overdracht-lokaal-team) was answered 201. */
  assessed: boolean;
}

/**
 * Issue 14 point 2, and the rule it checks: **with replication factor 3, min.insync.replicas=2 and acks=all,
 * losing the leader of the partitions being written (kill -9: no controlled shutdown) loses nothing the brokers
 * acknowledged, delivers every accepted melding's referral to the partner exactly once in effect, and leaves the
 * audit log verifiable** (docs/adr/0031; the outbox and inbox of docs/adr/0002; the chains of docs/adr/0009).
 *
 * A private cluster of three combined KRaft nodes (libs/testing `startPrivateKafkaCluster`), secured with the real
 * principals and ACLs, and the four services as processes with KAFKA_BROKERS listing all three nodes. Posters keep
 * registering meldingen in GM0014 and completing their veiligheidsbeoordeling with outcome overdracht-lokaal-team
 * (which refers the household to lokaal-team-gm0014's topic) while the node leading the partner topic's partition
 * that was written last is killed.
 *
 * "Exactly once in effect" here: for every household whose melding got a 201, the partner topic holds exactly one
 * referral for the partner's reference of that household: one distinct CloudEvent id and one referralId, however
 * many records carry them; and no referral of a household that got no 201. A consumer de-duplicating by CloudEvent
 * id sees each referral once. **No copies either**: the relay's producer retries longer than a failover, on the same
 * idempotent producer, and sends again only the partitions kafkajs did not acknowledge (docs/adr/0031), so a kill in
 * the middle of a send leaves no identical copy; `vt audit verify` must find nothing at all (no copy, no altered,
 * forged, dropped or reordered event, no different event under a used seq) and exit 0. The test prints any copy.
 * "Nothing acknowledged is lost": every outbox row a service marked published (its relay got acks=all from the
 * leader, with at least min.insync.replicas=2 in sync) is on its topic after the failover, read back from the
 * surviving nodes, as are every 201 melding's MeldingReceived and every 201 assessment's SafetyAssessmentCompleted.
 * Then the killed node is started again on its own data and must rejoin every in-sync replica set, and
 * `vt audit verify` reads the whole log from the three nodes.
 */
describe('three brokers: the leader of the partitions being written is killed while meldingen are posted', () => {
  let cluster: PrivateKafkaCluster | undefined;
  let env: TestEnvironment | undefined;
  let services: Services | undefined;
  let admin: Admin | undefined;
  let db: Client | undefined;
  const readers: TopicReader[] = [];
  const savedEnv = { KAFKA_BROKERS: process.env['KAFKA_BROKERS'], [KAFKA_CREDENTIALS_FILE]: process.env[KAFKA_CREDENTIALS_FILE] };
  /** How long each step took, printed with the outcome (run times on a shared machine vary a lot). */
  const steps: string[] = [];
  let stepStarted = Date.now();
  const step = (name: string): void => {
    steps.push(`${name} ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
    stepStarted = Date.now();
    if (process.env['VT_TEST_VERBOSE']) process.stdout.write(`[broker-failover] ${steps[steps.length - 1]}\n`);
  };

  beforeAll(async () => {
    const databaseUrl = process.env['DATABASE_URL'];
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm run test:int`, whose global setup provides it');
    stepStarted = Date.now();
    // The users this file logs in as; the ACLs are the whole access table's for this file's prefix, as on the run's broker.
    cluster = await startPrivateKafkaCluster({ principals: [...SERVICES.map(servicePrincipal), AUDITOR_PRINCIPAL] });
    step('cluster up');
    // Services, the CLI and the harness's clients of this file use the cluster, logged in as the access table's principals.
    useInfra({ kafkaBrokers: cluster.brokers, databaseUrl, kafkaCredentialsFile: cluster.credentialsFile });
    env = testEnvironment();
    services = await startFourServices(env);
    step('services up');
    admin = env.kafkaClient(undefined, 'broker-failover-admin').admin();
    await admin.connect();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 300_000); // three JVMs formatted and started, then four services, on a shared machine

  afterAll(async () => {
    for (const reader of readers) await reader.stop().catch(() => undefined);
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await admin?.disconnect();
    await db?.end();
    await env?.cleanup();
    await cluster?.destroy();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }, 120_000);

  const physical = (topic: string): string => `${env?.topicPrefix ?? ''}${topic}`;
  const partnerTopic = (): string => physical(partnerReferralsTopic(PARTNER));
  /** The topics a melding's way to the partner writes: each service's stream on it, the partner's topic and the chain heads. */
  const writtenTopics = (): string[] => [...[TOPICS.meldingen, TOPICS.triageAssessments, TOPICS.householdPhases, TOPICS.referrals, TOPICS.auditChainHeads].map(physical), partnerTopic()];
  const schemas = (): string[] => ['intake', 'crisis_triage', 'safety_investigation', 'referral'].map((schema) => `t_${env?.runId}_${schema}`);

  async function metadata(topics: string[]): Promise<ITopicMetadata[]> {
    return (await (admin as Admin).fetchTopicMetadata({ topics })).topics;
  }

  it('delivers every accepted melding’s referral to the partner exactly once in effect, loses nothing acknowledged, and leaves the chains verifiable', async () => {
    const e = env as TestEnvironment;
    const svc = services as Services;
    const kafka = cluster as PrivateKafkaCluster;
    const partnerReader = await new TopicReader(kafka.brokers, [partnerTopic()]).start();
    readers.push(partnerReader);

    const accepted: Accepted[] = [];
    const problems: string[] = [];
    const assessments: Promise<void>[] = [];
    let posting = true;
    // The veiligheidsbeoordeling that refers the household to the lokaal team. crisis-triage knows the melding once it
    // consumed its MeldingReceived (404 until then), so it is retried until then, through the failover too.
    const assess = async (melding: Accepted): Promise<void> => {
      const assessed = await waitFor(
        async () => {
          const response = await fetch(`${svc.crisisTriage.url}/api/v1/meldingen/${melding.meldingId}/safety-assessment`, {
            method: 'POST',
            headers: e.authHeaders(['triage'], ['*'], 'triage-failover'),
            body: JSON.stringify({ taxatie: 'structureel', outcome: 'overdracht-lokaal-team', reasoning: 'Hulp via het lokaal team volstaat.' }),
          });
          return response.status === 404 ? undefined : response;
        },
        { description: `crisis-triage to take the veiligheidsbeoordeling of melding ${melding.meldingId}`, timeoutMs: WAIT_MS, intervalMs: 100 },
      );
      if (assessed.status === 201) melding.assessed = true;
      else problems.push(`the veiligheidsbeoordeling of ${melding.meldingId} answered ${assessed.status}: ${await assessed.text()}`);
    };
    const post = async (): Promise<void> => {
      while (posting) {
        const startedAt = Date.now();
        const registered = await fetch(`${svc.intake.url}/api/v1/meldingen`, {
          method: 'POST',
          headers: e.authHeaders(['call-handler'], ['*'], 'call-handler-failover'),
          body: JSON.stringify(aMelding().inGemeente('GM0014').requestBody()),
        });
        if (registered.status === 201) {
          const melding: Accepted = { ...((await registered.json()) as { meldingId: string; householdId: string }), assessed: false };
          accepted.push(melding);
          const assessment = assess(melding);
          assessment.catch(() => undefined); // awaited (and its failure reported) by settled()
          assessments.push(assessment);
        } else {
          problems.push(`POST /meldingen answered ${registered.status}: ${await registered.text()}`);
        }
        // The stream's rate, not a wait for a condition.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, PACE_MS - (Date.now() - startedAt))));
      }
    };
    const poster = post();
    poster.catch(() => undefined); // awaited (and its failure reported) by settled()
    const settled = async (): Promise<void> => {
      posting = false;
      await poster;
      const outcomes = await Promise.allSettled(assessments);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    };
    try {
      // Meldingen flow end to end before anything breaks: referrals reach the partner's topic.
      await waitFor(() => (accepted.filter((m) => m.assessed).length >= BEFORE_KILL && partnerReader.records.length >= 2) || undefined, {
        description: `${BEFORE_KILL} assessed meldingen and referrals on ${partnerTopic()}`,
        timeoutMs: WAIT_MS,
      });
      step('flowing');

      // Every topic of the way was created with the broker default (replication factor -1): three replicas, all in sync, min.insync.replicas=2.
      const before = await metadata(writtenTopics());
      for (const topic of before) {
        for (const partition of topic.partitions) {
          expect({ topic: topic.name, partition: partition.partitionId, replicas: partition.replicas.length, isr: partition.isr.length }).toEqual({
            topic: topic.name,
            partition: partition.partitionId,
            replicas: 3,
            isr: 3,
          });
        }
      }
      const configs = await (admin as Admin).describeConfigs({
        includeSynonyms: false,
        resources: [TOPICS.meldingen, partnerReferralsTopic(PARTNER)].map((name) => ({ type: ConfigResourceTypes.TOPIC, name: physical(name), configNames: ['min.insync.replicas', 'unclean.leader.election.enable'] })),
      });
      for (const resource of configs.resources) {
        expect(Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue]))).toEqual({ 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false' });
      }

      // The leader of the partner topic's partition written last: kill -9, no controlled shutdown, mid-stream.
      const latest = partnerReader.records[partnerReader.records.length - 1];
      const leader = before.find((topic) => topic.name === partnerTopic())?.partitions.find((partition) => partition.partitionId === latest?.partition)?.leader;
      if (leader === undefined || leader < 0) throw new Error(`no leader known for ${partnerTopic()} partition ${latest?.partition}`);
      const led = before.flatMap((topic) => topic.partitions.filter((partition) => partition.leader === leader).map((partition) => `${topic.name.slice(e.topicPrefix.length)}[${partition.partitionId}]`));
      const acceptedAtKill = accepted.length;
      const killedAt = Date.now();
      await kafka.kill(leader);

      // Failover: every partition the node led has a new leader from its ISR, and the two survivors keep min.insync.replicas=2.
      const after = await waitFor(
        async () => {
          const topics = await metadata(writtenTopics());
          const stale = topics.flatMap((topic) => topic.partitions.filter((partition) => partition.leader === leader || partition.leader < 0 || partition.isr.includes(leader)));
          return stale.length === 0 ? topics : undefined;
        },
        { description: `every partition node ${leader} led or followed to move to the two other nodes`, timeoutMs: WAIT_MS, intervalMs: 100 },
      );
      const failoverMs = Date.now() - killedAt;
      step('failover');
      for (const topic of after) for (const partition of topic.partitions) expect(partition.isr).toHaveLength(2);
      const acceptedAtFailover = accepted.length;

      // Keep posting: meldingen accepted after the leaders moved go all the way too.
      await waitFor(() => accepted.slice(acceptedAtFailover).filter((m) => m.assessed).length >= AFTER_FAILOVER || undefined, {
        description: `${AFTER_FAILOVER} more meldingen accepted and assessed after the failover`,
        timeoutMs: WAIT_MS,
      });
      await settled();
      step('posted');
      expect(problems).toEqual([]);
      expect(accepted.every((m) => m.assessed)).toBe(true);

      // Every event of every service published (the outboxes drained), and every accepted melding's referral on the partner's topic.
      const reference = (householdId: string): string => expectedHouseholdReference(e.partnerReferenceKey, PARTNER, householdId);
      const references = new Map(accepted.map((m) => [reference(m.householdId), m]));
      // The partner's topic read from its beginning after the failover without a consumer group (`readPartitions`, as
      // below): a kafkajs consumer that lost its broker mid-fetch may have given up or missed partitions.
      let partnerLog: PartitionRecord[] = [];
      const projections = (): Envelope[] => partnerLog.map((record) => JSON.parse(record.value ?? 'null') as Envelope);
      await waitFor(
        async () => {
          // One statement for every schema: a pg Client runs one query at a time (pg deprecates queuing them).
          const counted = schemas().map((schema) => `select count(*)::int as n from ${schema}.outbox where published_at is null`).join(' union all ');
          const counts = (await (db as Client).query<{ n: number }>(counted)).rows.map((row) => row.n);
          return (counts.length === schemas().length && counts.every((n) => n === 0)) || undefined;
        },
        { description: 'every service’s outbox to be drained', timeoutMs: WAIT_MS, intervalMs: 200 },
      );
      await waitFor(
        async () => {
          partnerLog = (await readPartitions(kafka.brokers, [partnerTopic()], { sasl: e.kafkaSasl(ADMIN_PRINCIPAL) })).records;
          return [...references.keys()].every((ref) => projections().some((event) => event.data['householdReference'] === ref)) || undefined;
        },
        { description: `a referral on ${partnerTopic()} for each of the ${accepted.length} accepted meldingen`, timeoutMs: WAIT_MS, intervalMs: 500 },
      );

      step('drained');

      // Exactly once in effect: one distinct CloudEvent id and one referralId per accepted household; none for any other.
      const byHousehold = new Map<string, Envelope[]>();
      for (const event of projections()) {
        const ref = String(event.data['householdReference']);
        byHousehold.set(ref, [...(byHousehold.get(ref) ?? []), event]);
      }
      expect([...byHousehold.keys()].filter((ref) => !references.has(ref))).toEqual([]);
      const perHousehold = [...references.keys()].map((ref) => {
        const events = byHousehold.get(ref) ?? [];
        return { householdId: references.get(ref)?.householdId, eventIds: new Set(events.map((event) => event.id)).size, referralIds: new Set(events.map((event) => event.data['referralId'])).size };
      });
      expect(perHousehold.filter((entry) => entry.eventIds !== 1 || entry.referralIds !== 1)).toEqual([]);
      const identicalCopies = projections().length - new Set(projections().map((event) => event.id)).size;

      // Nothing acknowledged lost: every row the relays marked published (acks=all) is on its topic, read back from the surviving nodes.
      const published: { schema: string; topic: string; event_id: string; after_kill: boolean }[] = [];
      for (const schema of schemas()) {
        const rows = await (db as Client).query<{ topic: string; event_id: string; after_kill: boolean }>(
          `select topic, event_id, published_at >= to_timestamp($1 / 1000.0) as after_kill from ${schema}.outbox where published_at is not null`,
          [killedAt],
        );
        published.push(...rows.rows.map((row) => ({ schema, ...row })));
      }
      // Read without a consumer group (docs/adr/0031): every partition of every topic written, from its earliest offset to
      // its high watermark now, after the failover, by a client of its own (Kafka's Java consumer, assign). acks=all: an
      // acknowledged record is below the high watermark, so one read decides; nothing is waited for or read again.
      const log = await readPartitions(kafka.brokers, [...new Set([...published.map((row) => physical(row.topic)), ...writtenTopics()])], { sasl: e.kafkaSasl(ADMIN_PRINCIPAL) });
      expect(log.partitions.filter((partition) => partition.low !== 0)).toEqual([]); // nothing deleted: these topics keep everything
      const onLog = new Set(log.records.map((record) => `${record.topic} ${record.eventId}`));
      const missing = published.filter((row) => !onLog.has(`${physical(row.topic)} ${row.event_id}`));
      if (missing.length > 0) {
        process.stdout.write(`[broker-failover] ${missing.length} published rows not on the log: ${JSON.stringify(missing.slice(0, 50))}; partitions: ${JSON.stringify(log.partitions)}\n`);
      }
      expect(missing).toEqual([]);
      const events = (topic: string): Envelope[] => log.records.filter((record) => record.topic === physical(topic)).map((record) => JSON.parse(record.value ?? 'null') as Envelope);
      const meldingenOnLog = new Set(events(TOPICS.meldingen).map((event) => event.data['meldingId']));
      expect(accepted.filter((m) => !meldingenOnLog.has(m.meldingId))).toEqual([]);
      const assessmentsOnLog = new Set(
        events(TOPICS.triageAssessments)
          .filter((event) => event.type === 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2')
          .map((event) => event.data['meldingId']),
      );
      expect(accepted.filter((m) => !assessmentsOnLog.has(m.meldingId))).toEqual([]);
      step('read back');

      // The killed node comes back on its own data (same ports, same directory) and catches up into every ISR.
      await kafka.restart(leader);
      expect(kafka.nodes().find((node) => node.nodeId === leader)?.pid).toEqual(expect.any(Number));
      await waitFor(
        async () => (await metadata(writtenTopics())).every((topic) => topic.partitions.every((partition) => partition.isr.length === 3 && partition.isr.includes(leader))) || undefined,
        { description: `node ${leader} back in the ISR of every written partition`, timeoutMs: WAIT_MS, intervalMs: 200 },
      );
      step('restarted and in sync');

      // The chains verify: nothing altered, forged, dropped, reordered or copied by the failover; verify exits 0.
      const sasl = e.kafkaSasl(AUDITOR_PRINCIPAL);
      const verified = await vtAuditVerify(
        ['--brokers', kafka.brokers.join(','), '--topic-prefix', e.topicPrefix, '--keys', e.auditKeysFile(), '--json'],
        sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {},
      );
      step('verified');
      const report = JSON.parse(verified.stdout || '{}') as { findings?: Finding[]; stats?: { events: number } };
      const findings = report.findings ?? [];
      const copies = findings.filter((finding) => finding.kind === 'duplicated' && finding.detail.startsWith('an identical copy'));
      const publishedIds = new Set(published.map((row) => row.event_id));
      process.stdout.write(
        `[broker-failover] killed node ${leader} (it led ${led.length} written partitions: ${led.join(', ')}) after ${acceptedAtKill} meldingen; ` +
          `failover in ${failoverMs} ms; ${accepted.length} meldingen accepted (${acceptedAtFailover - acceptedAtKill} while failing over); ` +
          `${published.length} events published, ${published.filter((row) => row.after_kill).length} after the kill; ${identicalCopies} identical copies on the partner topic; ` +
          `audit verify exit ${verified.code}: ${report.stats?.events ?? '?'} events, ${findings.length} findings` +
          `${copies.length > 0 ? ` (identical copies: ${copies.map((copy) => `${copy.topic}[${copy.partition}]@${copy.offset} ${copy.eventId}${publishedIds.has(copy.eventId ?? '') ? '' : ' NOT PUBLISHED'}`).join(', ')})` : ''}; ` +
          `verify's warnings: ${verified.stderr.trim() ? verified.stderr.trim().split('\n').slice(-10).join(' | ') : 'none'}; steps: ${steps.join(', ')}\n`,
      );
      expect({ findings, stderr: report.stats ? '' : verified.stderr.slice(-3000) }).toEqual({ findings: [], stderr: '' });
      expect(identicalCopies).toBe(0);
      expect(verified.code).toBe(0);
    } finally {
      await settled().catch(() => undefined);
    }
  }, 420_000); // bounds on a 2-core machine shared with other runs; the steps' times are printed
});
