import { execFile } from 'node:child_process';
import { AssignerProtocol } from 'kafkajs';
import { Client } from 'pg';
import { EventType, newestTypeOf, partnerReferralsTopic, partnerResponsesTopic, TOPICS } from '@vt/contracts';
import { AUDITOR_PRINCIPAL } from '@vt/kafka-access';
import { appEntry, aMelding, isLiveGroup, REPO_ROOT, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';
import { Flow, partnerConsume, PARTNERS, Services, startFourServices, WAIT_MS } from '../partner/partner-flow';

const INVESTIGATOR = 'investigator-audit-e2e';
/** The type as the services write it now: the newest version of `name` (ADR 0004). */
const T = (name: string): string => newestTypeOf(`nl.veiligthuis.${name}.v1` as EventType);

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface RebuildJson {
  ok: boolean;
  schema: string;
  tables: { table: string; rebuiltRows: number; differences: number }[];
  differences: unknown[];
}

/**
 * The auditor's tools after a full scenario through the four services as processes (investigation with a step, a
 * finding and a conclusion overdracht; the lokaal team declines, the referral is re-routed to the MDT, which
 * accepts; a huisverbod), run as the auditor principal on the secured broker: rebuild equals every live table; then
 * `vt privacy erase` of the person with the finding, and replay shows them as erased (others readable with keys),
 * rebuild still equals live and holds nothing of them, no partner topic holds anything readable of them, and
 * verify still reports the log intact (erasure changed no record).
 */
describe('erasure seen by the auditor: replay, rebuild, partner topics and verify', () => {
  let env: TestEnvironment;
  let services: Services;
  let reader: TopicReader;
  let flow: Flow;
  let db: Client;
  const schemas: Record<string, string> = {};

  beforeAll(async () => {
    env = testEnvironment();
    services = await startFourServices(env);
    reader = await new TopicReader(env.kafkaBrokers.split(','), Flow.topics(env)).start();
    flow = new Flow(env, services, reader);
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    const { rows } = await db.query<{ schema_name: string }>(`select schema_name from information_schema.schemata where schema_name like $1`, [`t_${env.runId}_%`]);
    for (const { schema_name } of rows) schemas[schema_name.slice(`t_${env.runId}_`.length).replace(/_/g, '-')] = schema_name;
  }, 4 * WAIT_MS);

  afterAll(async () => {
    await db?.end();
    await reader?.stop();
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await env?.cleanup();
  });

  /** The auditor's connection: on the secured broker its own principal, which may only read, in `<prefix>vt-auditor…` groups. */
  function auditorEnv(): Record<string, string> {
    const sasl = env.kafkaSasl(AUDITOR_PRINCIPAL);
    return { PATH: process.env['PATH'] ?? '', KAFKA_BROKERS: env.kafkaBrokers, TOPIC_PREFIX: env.topicPrefix, ...(sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {}) };
  }

  function vt(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [appEntry('vt-cli'), ...args],
        { cwd: REPO_ROOT, env: { ...auditorEnv(), ...extraEnv }, timeout: WAIT_MS, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  async function rebuild(...extra: string[]): Promise<{ run: CliRun; result: RebuildJson }> {
    const schemaArgs = ['intake', 'crisis-triage', 'safety-investigation', 'referral'].flatMap((service) => ['--schema', `${service}=${schemas[service]}`]);
    const run = await vt(['audit', 'rebuild', '--json', '--database-url', env.adminDatabaseUrl, ...schemaArgs, ...extra]);
    if (!run.stdout) throw new Error(`vt audit rebuild printed nothing (exit ${run.code}): ${run.stderr}`);
    return { run, result: JSON.parse(run.stdout) as RebuildJson };
  }

  /** Every outbox drained, and every consumer group of this run at the end of the partitions assigned to it. */
  async function everyoneCaughtUp(): Promise<void> {
    const admin = env.kafkaClient().admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          for (const schema of Object.values(schemas)) {
            const { rows } = await db.query<{ n: string }>(`select count(*) as n from "${schema}".outbox where published_at is null`);
            if (Number(rows[0]?.n) > 0) return undefined;
          }
          // The services' own groups (`<prefix><service>…`); partners' and the auditor's groups are empty once their CLI has exited.
          const services = ['intake', 'crisis-triage', 'safety-investigation', 'referral'].map((service) => env.topicPrefix + service);
          const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => services.some((service) => id.startsWith(service)) && !isLiveGroup(id));
          for (const group of (await admin.describeGroups(groups)).groups) {
            if (group.state !== 'Stable') return undefined;
            const assigned = new Map<string, number[]>();
            for (const member of group.members) {
              const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
              for (const [topic, partitions] of Object.entries(assignment)) assigned.set(topic, [...(assigned.get(topic) ?? []), ...partitions]);
            }
            if (assigned.size === 0) continue;
            for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group.groupId, topics: [...assigned.keys()] })) {
              const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
              for (const p of partitions) {
                if (!assigned.get(topic)?.includes(p.partition)) continue;
                const end = ends.get(p.partition) ?? '0';
                if (end !== '0' && p.offset !== end) return undefined;
              }
            }
          }
          return true;
        },
        { description: 'every outbox drained and every consumer group of the run caught up', timeoutMs: WAIT_MS, intervalMs: 250 },
      );
    } finally {
      await admin.disconnect();
    }
  }

  it('rebuild equals live after the scenario; after erasure replay, rebuild and partner topics hold nothing readable of the person and verify stays clean', async () => {
    // A melding whose persons the test knows by name, so it can look for them afterwards.
    const body = aMelding().inGemeente('GM0014').requestBody();
    const registered = await flow.post(`${services.intake.url}/api/v1/meldingen`, body, ['call-handler'], 'call-handler-e2e');
    expect(registered.status).toBe(201);
    const { meldingId, householdId } = registered.body as { meldingId: string; householdId: string };
    await waitFor(async () => (await flow.get(flow.householdUrl(householdId))).status === 200 || undefined, { description: 'the household record', timeoutMs: WAIT_MS });
    const sent = body['persons'] as { name: string; bsn?: string; birthDate?: string; role: string }[];

    await flow.assess(meldingId, 'onderzoek');
    const opened = await flow.event(TOPICS.investigations, householdId, T('investigation.InvestigationOpened'));
    const investigationId = opened.data['investigationId'] as string;
    const household = (await flow.get(flow.householdUrl(householdId))).body as { persons: { personId: string; role: string }[] };
    const erasedPerson = household.persons[0] as { personId: string; role: string };
    const erasedSent = sent.find((person) => person.role === erasedPerson.role) as { name: string; bsn?: string; birthDate?: string };
    const other = sent.find((person) => person !== erasedSent);

    // The investigation: a step, a finding about the person, a conclusion handing over to the lokaal team.
    const investigation = (path: string) => `${services.safetyInvestigation.url}/api/v1/investigations/${investigationId}${path}`;
    const planned = await flow.post(investigation('/steps'), { kind: 'gesprek', personId: erasedPerson.personId }, ['investigator'], INVESTIGATOR);
    expect(planned.status).toBe(201);
    const stepId = planned.body['stepId'] as string;
    expect((await flow.post(investigation(`/steps/${stepId}/completion`), {}, ['investigator'], INVESTIGATOR)).status).toBe(201);
    const findingText = 'Vertelt over geweld door de partner; de kinderen waren erbij.';
    expect((await flow.post(investigation('/findings'), { personId: erasedPerson.personId, stepId, text: findingText }, ['investigator'], INVESTIGATOR)).status).toBe(201);
    expect(
      (
        await flow.post(
          investigation('/conclusion'),
          { conclusion: { unsafety: true, risks: ['getuige-van-huiselijk-geweld'] }, safetyConditions: ['Geen geweld in het bijzijn van de kinderen'], outcome: 'overdracht', handOverTo: ['lokaal-team'] },
          ['investigator'],
          INVESTIGATOR,
        )
      ).status,
    ).toBe(201);
    const concluded = await flow.event(TOPICS.investigations, householdId, T('investigation.InvestigationConcluded'));

    // The lokaal team declines; the referral is re-routed to the region's MDT, which accepts.
    const first = await flow.referralOnPartnerTopic(householdId, (e) => e.data['partnerId'] === 'lokaal-team-gm0014' && (e.data['basis'] as { eventId?: string } | undefined)?.eventId === concluded.id);
    const declined = await partnerConsume(env, 'lokaal-team-gm0014', ['--decline', first.referralId, '--reason', 'geen-capaciteit', '--json']);
    expect(declined.code).toBe(0);
    const second = await flow.referralOnPartnerTopic(householdId, (e) => e.data['partnerId'] === 'mdt-groningen' && e.data['rerouteOf'] === first.referralId);
    const accepted = await partnerConsume(env, 'mdt-groningen', ['--accept', second.referralId, '--json']);
    expect(accepted.code).toBe(0);
    await flow.event(TOPICS.referrals, householdId, T('referral.ReferralAccepted'), (e) => e.data['referralId'] === second.referralId);

    // A tijdelijk huisverbod on another person of the household.
    const huisverbodOn = household.persons[1]?.personId ?? erasedPerson.personId;
    expect((await flow.post(flow.householdUrl(householdId, '/huisverboden'), { personId: huisverbodOn, imposedAt: new Date().toISOString() }, ['investigator'], INVESTIGATOR)).status).toBe(201);
    await flow.event(TOPICS.investigations, householdId, T('investigation.HuisverbodImposed'));

    await everyoneCaughtUp();
    const before = await rebuild();
    expect(before.result.differences).toEqual([]);
    expect(before.run.code).toBe(0);
    const rowsOf = (result: RebuildJson, table: string) => result.tables.find((t) => t.table.endsWith(`.${table}`))?.rebuiltRows ?? 0;
    for (const table of ['investigation_step', 'investigation_finding', 'huisverbod', 'referral', 'partner_subscription', 'melding_feedback', 'household_case']) {
      expect([table, rowsOf(before.result, table) > 0]).toEqual([table, true]);
    }

    // The privacy officer erases the person with the finding.
    const erased = await vt(['privacy', 'erase', '--person', erasedPerson.personId, '--reason', 'verzoek-betrokkene', '--service', services.intake.url, '--token', env.token(['privacy-officer'], ['*'], 'privacy-officer-1')]);
    expect(erased).toMatchObject({ code: 0 });
    await waitFor(
      async () => {
        const { rows } = await db.query(`select 1 from "${schemas['safety-investigation']}".person_key where person_id = $1 and destroyed_at is not null`, [erasedPerson.personId]);
        return rows.length > 0 || undefined;
      },
      { description: 'safety-investigation destroyed the person’s key', timeoutMs: WAIT_MS },
    );
    await everyoneCaughtUp();

    // Replay with key access: the erased person reads as erased with the date; the others still read.
    const replay = await vt(['audit', 'replay', '--household', householdId, '--keys-db', env.adminDatabaseUrl, '--keys-schema', schemas['intake'] as string], { PERSONAL_DATA_MASTER_KEYS: env.personalDataMasterKeys });
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/\[erased \d{4}-\d{2}-\d{2}/);
    expect(replay.stdout).not.toContain(erasedSent.name);
    if (erasedSent.bsn) expect(replay.stdout).not.toContain(erasedSent.bsn);
    expect(replay.stdout).not.toContain(findingText);
    if (other) expect(replay.stdout).toContain(other.name);

    // Rebuild: still equal to live (the erasure is on the log and in the live tables alike), and it holds nothing of the person.
    const after = await rebuild('--keep');
    try {
      expect(after.result.differences).toEqual([]);
      expect(after.run.code).toBe(0);
      expect(rowsOf(after.result, 'person_erasure')).toBe(1);
      const { rows } = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1`, [after.result.schema]);
      const needles = [erasedSent.name, erasedSent.bsn, erasedSent.birthDate, findingText].filter((n): n is string => Boolean(n));
      for (const { table_name } of rows) {
        for (const needle of needles) {
          const found = await db.query(`select 1 from "${after.result.schema}"."${table_name}" t where strpos(t::text, $1) > 0`, [needle]);
          expect([table_name, needle, found.rowCount]).toEqual([table_name, needle, 0]);
        }
      }
    } finally {
      await db.query(`drop schema if exists "${after.result.schema}" cascade`);
    }

    // Every record of every partner topic of this run: nothing of the person in plaintext, and no ciphertext under a key that still opens.
    const partnerTopics = PARTNERS.flatMap((p) => [partnerReferralsTopic(p.partnerId), partnerResponsesTopic(p.partnerId)]).map((topic) => env.topicPrefix + topic);
    const partnerReader = await new TopicReader(env.kafkaBrokers.split(','), partnerTopics).start();
    try {
      await waitFor(() => partnerReader.records.length >= 4 || undefined, { description: 'the partner topics read (two referrals, two answers)', timeoutMs: WAIT_MS });
      for (const record of partnerReader.records) {
        const text = JSON.stringify(record.json<unknown>());
        for (const needle of [erasedSent.name, erasedSent.bsn, erasedSent.birthDate, findingText].filter((n): n is string => Boolean(n))) expect([record.topic, text.includes(needle)]).toEqual([record.topic, false]);
      }
    } finally {
      await partnerReader.stop();
    }
    for (const service of ['intake', 'safety-investigation']) {
      const { rows } = await db.query(`select wrapped_key from "${schemas[service]}".person_key where person_id = $1`, [erasedPerson.personId]);
      expect([service, rows]).toEqual([service, [{ wrapped_key: null }]]);
    }

    // Verify: the erasure destroyed keys and cleared live rows, but changed no record of the log.
    const verified = await vt(['audit', 'verify', '--keys', env.auditKeysFile(), '--json']);
    expect(verified.stderr).not.toMatch(/GROUP_AUTHORIZATION_FAILED|TOPIC_AUTHORIZATION_FAILED/);
    expect(verified.code).toBe(0);
    expect((JSON.parse(verified.stdout) as { findings: unknown[] }).findings).toEqual([]);
  }, 10 * WAIT_MS);
});
