import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { Admin, AssignerProtocol } from 'kafkajs';
import { ACUTE_CHECK_COMPLETED, DEADLINE_BREACHED, MELDING_RECEIVED, TOPICS } from '@vt/contracts';
import { AUDITOR_PRINCIPAL } from '@vt/kafka-access';
import { aMelding, AppName, appEntry, parsePrometheusText, RunningService, sampleSum, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const APPS: AppName[] = ['intake', 'crisis-triage', 'safety-investigation', 'referral'];
/**
 * A frozen relay pass loses the publishing lock after this (RELAY_PASS_IDLE_TIMEOUT_MS; 60 s by default). Short to keep
 * the test short, long enough for a send on a loaded 2-core machine: at 5 s, passes at load 20 outran it.
 */
const PASS_IDLE_TIMEOUT_MS = 10_000;

type Envelope = { id: string; type: string; householdid: string; vtseq: number; data: Record<string, unknown> };
type Readiness = { status: string; checks: { consumers: { groups: { consumerGroup: string; joined: boolean }[] }; relay: { status: string; lastLockedAt?: string; lockedOutSince?: string } } };
type Posted = { key: string; meldingId: string; householdId: string; via: string };

/**
 * Issue 14 point 3, docs/adr/0032: two instances of every service against one schema per service and one topic
 * prefix, as a deployment with two replicas runs them. Each test names the rule it checks.
 */
describe('two instances of every service', () => {
  let env: TestEnvironment;
  let db: Client;
  let admin: Admin;
  let reader: TopicReader;
  const schemas = {} as Record<AppName, string>;
  const instances = {} as Record<AppName, [RunningService, RunningService]>;
  /** Every melding intake answered for, by its Idempotency-Key. */
  const posted = new Map<string, Posted>();
  const instanceOf = new Map<RunningService, string>();
  const label = (service: RunningService): string => instanceOf.get(service) ?? service.name;

  beforeAll(async () => {
    env = testEnvironment();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    const started = Date.now();
    // One schema and one set of credentials per service, shared by its two instances; both start at the same moment
    // on the fresh schema, so their migrations run at once.
    await Promise.all(
      APPS.map(async (app) => {
        const serviceEnv = await env.serviceEnv(app.replace(/-/g, '_'));
        schemas[app] = serviceEnv['DATABASE_SCHEMA'] as string;
        const pair = await Promise.all(
          (['a', 'b'] as const).map(async (x) => {
            const name = `${app}-${x}`;
            const service = await startService(app, { ...serviceEnv, VT_INSTANCE_ID: name, KAFKA_CLIENT_ID: name, RELAY_PASS_IDLE_TIMEOUT_MS: String(PASS_IDLE_TIMEOUT_MS) }, { readyTimeoutMs: 150_000 });
            instanceOf.set(service, name);
            return service;
          }),
        );
        instances[app] = pair as [RunningService, RunningService];
      }),
    );
    console.log(`eight instances ready in ${Date.now() - started} ms`);
    admin = env.kafkaClient(undefined, `multi-instance-${env.runId}`).admin();
    await admin.connect();
    const topics = [TOPICS.meldingen, TOPICS.triageAssessments, TOPICS.triageDeadlines, TOPICS.auditAccess].map((topic) => env.topicPrefix + topic);
    reader = await waitFor(() => new TopicReader(env.kafkaBrokers.split(','), topics).start(), { description: 'the topics to read' });
  }, 200_000);

  afterAll(async () => {
    await reader?.stop();
    await admin?.disconnect();
    for (const pair of Object.values(instances)) {
      for (const service of pair) {
        if (service.process.exitCode === null && service.process.signalCode === null) service.process.kill('SIGCONT');
      }
    }
    await Promise.all(Object.values(instances).flatMap((pair) => pair.map((service) => service.stop())));
    await db?.end();
    await env?.cleanup();
  });

  const alive = (service: RunningService) => service.process.exitCode === null && service.process.signalCode === null;
  const onTopic = (topic: string) => reader.on(env.topicPrefix + topic).map((record) => record.json<Envelope>());
  const readiness = async (service: RunningService) => (await (await fetch(`${service.url}/health/ready`)).json()) as Readiness;
  const publishedBy = async (service: RunningService) => sampleSum(parsePrometheusText(await (await fetch(`${service.url}/metrics`)).text()), 'vt_relay_events_published_total', { topic: TOPICS.meldingen });
  const meldingenOnTopic = () => onTopic(TOPICS.meldingen).filter((event) => event.type === MELDING_RECEIVED);

  /** Posts one melding with an Idempotency-Key; a request the instance cannot answer is sent again, same key, to the other. */
  async function post(to: RunningService, other: RunningService, key = randomUUID()): Promise<Posted> {
    const body = JSON.stringify(aMelding().requestBody());
    const headers = { ...env.authHeaders(['call-handler']), 'idempotency-key': key };
    for (const target of to === other ? [to] : [to, other]) {
      try {
        const response = await fetch(`${target.url}/api/v1/meldingen`, { method: 'POST', headers, body });
        if (response.status !== 201 && response.status !== 200) throw new Error(`${label(target)} answered ${response.status}: ${await response.text()}`);
        const { meldingId, householdId } = (await response.json()) as { meldingId: string; householdId: string };
        const result = { key, meldingId, householdId, via: label(target) };
        posted.set(key, result);
        return result;
      } catch (error) {
        if (target === other && alive(other)) throw error;
      }
    }
    throw new Error(`melding ${key} not accepted by either instance`);
  }

  const lockHolder = async (): Promise<string | undefined> => {
    const result = await db.query<{ application_name: string }>(
      `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.objsubid = 1 and l.granted and a.application_name like $1`,
      [`${schemas.intake}@%`],
    );
    return result.rows[0]?.application_name.split('@').pop();
  };

  it('starts both instances of each service at once on one fresh schema, each migration applied once (rule: migrations run under a lock)', async () => {
    for (const app of APPS) {
      const rows = await db.query<{ n: number; distinct: number }>(`select count(*)::int as n, count(distinct name)::int as distinct from ${schemas[app]}.typeorm_migrations`);
      expect(rows.rows[0]?.n).toBeGreaterThan(0);
      expect(rows.rows[0]?.n).toBe(rows.rows[0]?.distinct);
    }
  });

  it('puts both instances in every consumer group and splits its partitions between them (rule: consumer groups share partitions)', async () => {
    for (const app of APPS) {
      const [a, b] = instances[app];
      const groups = (await readiness(a)).checks.consumers.groups.map((group) => group.consumerGroup);
      expect(groups.length).toBeGreaterThan(0);
      for (const group of groups) {
        const physical = env.topicPrefix + group;
        const assigned = await waitFor(
          async () => {
            const { groups: [described] } = await admin.describeGroups([physical]);
            if (described?.state !== 'Stable' || described.members.length !== 2) return undefined;
            const byMember = described.members.map((member) => ({ clientId: member.clientId, assignment: AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {} }));
            const partitions = byMember.map(({ assignment }) => Object.entries(assignment).flatMap(([topic, list]) => list.map((partition) => `${topic}:${partition}`)));
            return partitions.every((list) => list.length > 0) ? { byMember, partitions } : undefined;
          },
          { description: `group ${group} stable with both instances holding partitions`, timeoutMs: 30_000 },
        );
        expect(assigned.byMember.map((member) => member.clientId).sort()).toEqual([label(a), label(b)].sort());
        // Split, not shared: no partition is assigned twice, and every partition of the group's topics is assigned.
        const all = assigned.partitions.flat();
        expect(new Set(all).size).toBe(all.length);
        const topics = [...new Set(all.map((partition) => partition.slice(0, partition.lastIndexOf(':'))))];
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
        expect(all.length).toBe(metadata.reduce((sum, topic) => sum + topic.partitions.length, 0));
        console.log(`${app} group ${group}: ${assigned.byMember.map((member, i) => `${member.clientId} ${assigned.partitions[i]?.length}`).join(', ')} of ${all.length} partitions`);
      }
    }
  });

  it('publishes every outbox row once while both relays run, and both instances are ready (rule: one relay publishes at a time)', async () => {
    const [a, b] = instances.intake;
    const before = (await publishedBy(a)) + (await publishedBy(b));
    const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? post(a, b) : post(b, a))));
    const ids = new Set(batch.map((melding) => melding.meldingId));
    await waitFor(() => ids.size === new Set(meldingenOnTopic().map((event) => event.data['meldingId']).filter((id) => ids.has(id as string))).size || undefined, {
      description: 'the 20 MeldingReceived on the topic',
    });
    // Two relays woken by the same NOTIFY and both publishing would put rows on the topic twice.
    const records = meldingenOnTopic().filter((event) => ids.has(event.data['meldingId'] as string));
    expect(records).toHaveLength(20);
    expect(new Set(records.map((event) => event.id)).size).toBe(20);
    const [byA, byB] = [await publishedBy(a), await publishedBy(b)];
    expect(byA + byB - before).toBe(20);
    console.log(`relay: intake-a published ${byA}, intake-b ${byB} MeldingReceived so far; no row twice`);
    // The instance that did not hold the lock at its last pass is as ready as the one that did.
    for (const service of [a, b]) {
      const state = await readiness(service);
      expect(state.status).toBe('ready');
      expect(state.checks.relay.status).toBe('up');
    }
  });

  it('never forks an audit chain that both instances append to at once (rule: chain heads are locked per chain)', async () => {
    const [a, b] = instances.intake;
    const melding = [...posted.values()][0] as Posted;
    const headers = { ...env.authHeaders(['call-handler']), 'x-access-purpose': 'registratie' };
    const reads = await Promise.all(Array.from({ length: 16 }, (_, i) => fetch(`${(i % 2 === 0 ? a : b).url}/api/v1/meldingen/${melding.meldingId}`, { headers })));
    expect(reads.map((response) => response.status)).toEqual(Array(16).fill(200));
    const accesses = () => onTopic(TOPICS.auditAccess).filter((event) => event.householdid === melding.householdId && event.type.startsWith('nl.veiligthuis.audit.CaseDataAccessed') && event.data['service'] === 'intake');
    await waitFor(() => new Set(accesses().map((event) => event.vtseq)).size >= 16 || undefined, { description: '16 CaseDataAccessed of one household' });
    // One chain, 1..16, one event per seq: each append saw the head the one before it left (vt audit verify, below,
    // checks the hashes). A copy of the same event (a pass that sent and could not mark) is not a fork.
    const bySeq = new Map<number, Set<string>>();
    for (const event of accesses()) bySeq.set(event.vtseq, (bySeq.get(event.vtseq) ?? new Set()).add(event.id));
    expect([...bySeq.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect([...bySeq.values()].every((ids) => ids.size === 1)).toBe(true);
  });

  it('fires a due durable timer once although both instances run the timer loop (rule: timers are taken FOR UPDATE SKIP LOCKED)', async () => {
    const households = [...posted.values()].map((melding) => melding.householdId);
    const timers = await waitFor(
      async () => {
        const result = await db.query<{ timer_id: string }>(`select timer_id from ${schemas['crisis-triage']}.timer where clock = 'veiligheidsbeoordeling' and household_id = any($1)`, [households]);
        return result.rows.length === households.length ? result.rows.map((row) => row.timer_id) : undefined;
      },
      { description: 'a veiligheidsbeoordeling clock per melding' },
    );
    // Due now, while both crisis-triage instances run their timer loops.
    await db.query(`update ${schemas['crisis-triage']}.timer set due_at = now(), approaching_at = now() where timer_id = any($1)`, [timers]);
    const breaches = () => onTopic(TOPICS.triageDeadlines).filter((event) => event.type === DEADLINE_BREACHED && timers.includes(event.data['timerId'] as string));
    await waitFor(() => new Set(breaches().map((event) => event.data['timerId'])).size === timers.length || undefined, { description: `DeadlineBreached for all ${timers.length} timers` });
    const perTimer = new Map<string, number>();
    for (const event of breaches()) perTimer.set(event.data['timerId'] as string, (perTimer.get(event.data['timerId'] as string) ?? 0) + 1);
    expect([...perTimer.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(breaches().map((event) => event.id)).size).toBe(timers.length);
  });

  it('lets the other instance publish when the one holding the lock freezes mid-pass (rule: a pass idle longer than RELAY_PASS_IDLE_TIMEOUT_MS loses the lock)', async () => {
    const [a, b] = instances.intake;
    // Keep intake-a publishing and stop it (SIGSTOP: a paused VM, a stuck process) at a moment it holds the lock.
    // Each melding it commits wakes both relays; the moment intake-a is seen holding the lock it is stopped, and
    // kept stopped only if it still held the lock when the signal landed.
    let frozenAt = 0;
    for (let attempt = 0; attempt < 300 && frozenAt === 0; attempt++) {
      await post(a, b);
      if ((await lockHolder()) !== 'intake-a') continue;
      a.process.kill('SIGSTOP');
      if ((await lockHolder()) === 'intake-a') frozenAt = Date.now();
      else a.process.kill('SIGCONT');
    }
    expect(frozenAt).toBeGreaterThan(0);
    try {
      // Its socket stays open, so Postgres sees a live client; only the pass's idle bound ends its session.
      const probe = await post(b, b);
      const state = await readiness(b);
      console.log(`intake-b readiness while intake-a holds the lock frozen: relay ${JSON.stringify(state.checks.relay)}`);
      // Published: marked by the pass that sent it (`published_at`, the pass's start), and on the topic.
      const publishedAt = await waitFor(
        async () => (await db.query<{ published_at: Date | null }>(`select published_at from ${schemas.intake}.outbox where payload::json->'data'->>'meldingId' = $1`, [probe.meldingId])).rows[0]?.published_at ?? undefined,
        { description: 'intake-b to publish', timeoutMs: PASS_IDLE_TIMEOUT_MS + 20_000 },
      );
      await waitFor(() => meldingenOnTopic().some((event) => event.data['meldingId'] === probe.meldingId) || undefined, { description: 'the melding on the topic' });
      console.log(`failover from a frozen lock holder: intake-b's pass that published started ${publishedAt.getTime() - frozenAt} ms after intake-a froze (pass idle bound ${PASS_IDLE_TIMEOUT_MS} ms)`);
      expect(await lockHolder()).not.toBe('intake-a');
    } finally {
      a.process.kill('SIGCONT');
    }
    // Thawed, intake-a's pass fails (its session is gone) and it carries on with a fresh connection.
    await waitFor(async () => (await readiness(a)).status === 'ready' || undefined, { description: 'intake-a ready again after the thaw' });
  });

  it('loses and duplicates nothing when the publishing instance is killed -9 while meldingen are posted (rules: failover after kill -9; nothing posted during the kill lost or applied twice)', async () => {
    const [a, b] = instances.intake;
    const [stateA, stateB] = [await readiness(a), await readiness(b)];
    const victim = Date.parse(stateA.checks.relay.lastLockedAt ?? '0') >= Date.parse(stateB.checks.relay.lastLockedAt ?? '0') ? a : b;
    const survivor = victim === a ? b : a;
    const keys = Array.from({ length: 32 }, () => randomUUID());
    let accepted = 0;
    let killed: Promise<void> | undefined;
    let killedAt = 0;
    const poster = (async () => {
      const results: Posted[] = [];
      for (let i = 0; i < keys.length; i += 4) {
        const round = await Promise.all(keys.slice(i, i + 4).map((key, j) => (j % 2 === 0 ? post(victim, survivor, key) : post(survivor, victim, key))));
        results.push(...round);
        accepted += round.length;
        if (accepted >= 8 && !killed) {
          killedAt = Date.now();
          // Mid-stream, requests in flight: SIGKILL, nothing finished or rolled back by the process itself.
          killed = victim.kill();
        }
      }
      return results;
    })();
    // The poster ending (or failing) before it killed would leave nothing to wait for.
    await Promise.race([waitFor(() => killedAt > 0 || undefined, { description: 'the kill' }), poster.then(() => Promise.reject(new Error('all meldingen posted before the kill')))]);
    await killed;
    const victimName = label(victim);
    const sessionsGone = await waitFor(
      async () => ((await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where application_name like $1`, [`%@${victimName}`])).rows[0]?.n === 0 ? Date.now() : undefined),
      { description: `Postgres to end ${victimName}'s sessions`, intervalMs: 5 },
    );

    const results = await poster;
    // Each Idempotency-Key is one melding, however many instances it was sent to.
    expect(new Set(results.map((melding) => melding.meldingId)).size).toBe(keys.length);
    const all = [...posted.values()];
    const ids = new Set(all.map((melding) => melding.meldingId));
    expect(ids.size).toBe(posted.size);
    // On the topic: every melding intake answered for, each as one event (a copy the dead instance had sent but not
    // marked is the same event again, which consumers take as a duplicate).
    await waitFor(() => new Set(meldingenOnTopic().map((event) => event.data['meldingId'])).size >= ids.size || undefined, { description: 'every answered melding on the topic' });
    const received = meldingenOnTopic();
    expect(new Set(received.map((event) => event.data['meldingId']))).toEqual(ids);
    const eventIds = new Map<string, string>();
    for (const event of received) {
      const known = eventIds.get(event.data['meldingId'] as string);
      if (known) expect(event.id).toBe(known);
      eventIds.set(event.data['meldingId'] as string, event.id);
    }
    console.log(`${received.length - ids.size} MeldingReceived published twice (same event, same id) of ${ids.size}`);
    // When the other instance took over, from its own marks: `published_at` is the start of the pass that published a row.
    const timing = await db.query<{ first: Date; drained: Date }>(
      `select (select min(published_at) from ${schemas.intake}.outbox where published_at >= $1) as first, (select max(published_at) from ${schemas.intake}.outbox where created_at < $1) as drained`,
      [new Date(killedAt)],
    );
    const { first, drained } = timing.rows[0] as { first: Date; drained: Date };
    console.log(
      `kill -9 of ${victimName}: Postgres ended its sessions ${sessionsGone - killedAt} ms after the kill; ${label(survivor)}'s first pass after it published at +${first.getTime() - killedAt} ms; ` +
        `the last row committed before the kill went out at +${drained.getTime() - killedAt} ms`,
    );
    // Downstream, applied once: one acute check per melding, one AcuteCheckCompleted each.
    const schema = schemas['crisis-triage'];
    await waitFor(async () => ((await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.acute_check where melding_id = any($1)`, [[...ids]])).rows[0]?.n === ids.size) || undefined, {
      description: `an acute check for each of the ${ids.size} meldingen`,
    });
    const checks = await db.query<{ n: number; distinct: number }>(`select count(*)::int as n, count(distinct melding_id)::int as distinct from ${schema}.acute_check where melding_id = any($1)`, [[...ids]]);
    expect(checks.rows[0]).toEqual({ n: ids.size, distinct: ids.size });
    await waitFor(() => new Set(onTopic(TOPICS.triageAssessments).filter((event) => event.type === ACUTE_CHECK_COMPLETED && ids.has(event.data['meldingId'] as string)).map((event) => event.data['meldingId'])).size === ids.size || undefined, {
      description: 'an AcuteCheckCompleted per melding',
    });
    const completed = onTopic(TOPICS.triageAssessments).filter((event) => event.type === ACUTE_CHECK_COMPLETED && ids.has(event.data['meldingId'] as string));
    expect(new Set(completed.map((event) => event.id)).size).toBe(ids.size);
  });

  it('leaves every chain verifiable: checkpoints signed by either instance, nothing forked (rule: one signing key per service, chain heads locked)', async () => {
    const sasl = env.kafkaSasl(AUDITOR_PRINCIPAL);
    const verified = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [appEntry('vt-cli'), 'audit', 'verify', '--brokers', env.kafkaBrokers, '--topic-prefix', env.topicPrefix, '--keys', env.auditKeysFile(), '--json'],
        { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...(sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {}) }, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    const report = JSON.parse(verified.stdout) as { findings: { kind: string; detail: string; topic: string }[]; stats: { events: number; checkpoints: number } };
    // A kill or a freeze between a send and its commit publishes the same rows again: identical copies, named as such.
    const copies = report.findings.filter((finding) => finding.kind === 'duplicated' && finding.detail.startsWith('an identical copy'));
    expect(report.findings.filter((finding) => !copies.includes(finding))).toEqual([]);
    console.log(`vt audit verify: ${report.stats.events} events, ${report.stats.checkpoints} checkpoints, ${copies.length} identical copies, nothing else`);
  });
});
