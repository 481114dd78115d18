import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AssignerProtocol, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { AUDITOR_PRINCIPAL } from '@vt/kafka-access';
import { appEntry, aMelding, isLiveGroup, RunningService, startService, testEnvironment, TestEnvironment, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SERVICES = [
  ['intake', 'intake'],
  ['crisis-triage', 'crisis_triage'],
  ['safety-investigation', 'safety_investigation'],
  ['referral', 'referral'],
] as const;
type Service = (typeof SERVICES)[number][0];

interface RebuildJson {
  ok: boolean;
  events: number;
  schema: string;
  tables: { service: string; table: string; liveRows: number | null; rebuiltRows: number; differences: number }[];
  differenceCount: number;
  differences: { service: string; table: string; kind: string; key?: Record<string, unknown>; columns?: { column: string; live: unknown; rebuilt: unknown }[] }[];
}

/**
 * `vt audit rebuild` after a full scenario through the four services as processes: the state rebuilt from the
 * log equals every live table; one changed live row is reported as exactly that difference and fails the command.
 */
describe('vt audit rebuild: the state rebuilt from the log against the live databases', () => {
  let env: TestEnvironment;
  let services: Record<Service, RunningService>;
  const schemas = {} as Record<Service, string>;
  let db: Client;
  let kafka: Kafka;

  beforeAll(async () => {
    env = testEnvironment();
    const started = await Promise.all(
      SERVICES.map(async ([service, schema]) => {
        const serviceEnv = await env.serviceEnv(schema);
        schemas[service] = serviceEnv['DATABASE_SCHEMA'] as string;
        return [service, await startService(service, serviceEnv)] as const;
      }),
    );
    services = Object.fromEntries(started) as Record<Service, RunningService>;
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    kafka = env.kafkaClient(undefined, 'rebuild-test');
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all(Object.values(services ?? {}).map((service) => service.stop()));
    await env?.cleanup();
  });

  const headers = () => ({ ...env.authHeaders(['call-handler', 'triage', 'investigator', 'referral-coordinator'], ['*'], 'rebuild-e2e'), 'x-access-purpose': 'toezicht' });
  async function post(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, { method: 'POST', headers: headers(), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function get<T>(url: string): Promise<{ status: number; body: T }> {
    const response = await fetch(url, { headers: headers() });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Every outbox drained, and every consumer group of this run at the end of the partitions assigned to it. */
  async function everyoneCaughtUp(): Promise<void> {
    await waitFor(
      async () => {
        for (const service of Object.keys(schemas) as Service[]) {
          const { rows } = await db.query<{ n: string }>(`select count(*) as n from ${schemas[service]}.outbox where published_at is null`);
          if (Number(rows[0]?.n) > 0) return undefined;
        }
        const admin = kafka.admin();
        await admin.connect();
        try {
          const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(env.topicPrefix) && !id.includes('vt-auditor') && !isLiveGroup(id));
          const described = await admin.describeGroups(groups);
          for (const group of described.groups) {
            if (group.state !== 'Stable') return undefined;
            const assigned = new Map<string, number[]>();
            for (const member of group.members) {
              const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
              for (const [topic, partitions] of Object.entries(assignment)) assigned.set(topic, [...(assigned.get(topic) ?? []), ...partitions]);
            }
            if (assigned.size === 0) continue;
            const committed = await admin.fetchOffsets({ groupId: group.groupId, topics: [...assigned.keys()] });
            for (const { topic, partitions } of committed) {
              const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
              for (const p of partitions) {
                if (!assigned.get(topic)?.includes(p.partition)) continue;
                const end = ends.get(p.partition) ?? '0';
                if (end !== '0' && p.offset !== end) return undefined;
              }
            }
          }
          return true;
        } finally {
          await admin.disconnect();
        }
      },
      { description: 'every outbox drained and every consumer group of the run caught up', timeoutMs: 180_000, intervalMs: 250 },
    );
  }

  async function rebuild(...extra: string[]): Promise<{ code: number; result: RebuildJson; stderr: string }> {
    const args = [
      appEntry('vt-cli'),
      'audit',
      'rebuild',
      '--json',
      '--brokers',
      env.kafkaBrokers,
      '--topic-prefix',
      env.topicPrefix,
      '--database-url',
      env.adminDatabaseUrl,
      ...SERVICES.flatMap(([service]) => ['--schema', `${service}=${schemas[service]}`]),
      ...extra,
    ];
    try {
      // On the secured broker the command runs as the auditor principal, as an auditor would.
      const sasl = env.kafkaSasl(AUDITOR_PRINCIPAL);
      const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: { PATH: process.env['PATH'] ?? '', ...(sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {}) },
      });
      return { code: 0, result: JSON.parse(stdout) as RebuildJson, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof failed.code !== 'number' || !failed.stdout) throw new Error(`vt audit rebuild failed to run: ${failed.stderr ?? String(error)}`);
      return { code: failed.code, result: JSON.parse(failed.stdout) as RebuildJson, stderr: failed.stderr ?? '' };
    }
  }

  it('rebuilds every live table from the log after a full scenario, then reports a changed household phase as exactly that difference', async () => {
    const { intake, 'crisis-triage': triage, 'safety-investigation': investigation } = services;

    // An acute melding with two persons: acute check, crisis function, household record, referral to the lokaal team.
    const melding = aMelding().acute().inGemeente('GM0014').requestBody();
    const persons = [...(melding['persons'] as Record<string, unknown>[]), { role: 'child-involved', name: 'Test Kind', bsn: '999990408' }];
    const registered = await post(`${intake.url}/api/v1/meldingen`, { ...melding, persons });
    expect(registered.status).toBe(201);
    const householdId = registered.body['householdId'] as string;
    const meldingId = registered.body['meldingId'] as string;

    type Household = { phase: string; persons: { personId: string; immediateSafety: string }[] };
    const opened = await waitFor(
      async () => {
        const response = await get<Household>(`${investigation.url}/api/v1/households/${householdId}`);
        return response.status === 200 ? response.body : undefined;
      },
      { description: 'the household record' },
    );
    const intervention = await waitFor(
      async () => (await get<{ interventions: { interventionId: string; householdId: string }[] }>(`${triage.url}/api/v1/regions/vt-groningen/crisis-queue`)).body.interventions.find((i) => i.householdId === householdId),
      { description: 'the acute melding in the crisis queue' },
    );
    // The crisis function confirms one person; an investigator the other; everyone safe, the household moves on.
    const [first, second] = opened.persons;
    expect((await post(`${triage.url}/api/v1/crisis-interventions/${intervention.interventionId}/actions`, { action: 'immediate-safety-confirmed', personId: first?.personId })).status).toBe(201);
    await waitFor(async () => (await get<Household>(`${investigation.url}/api/v1/households/${householdId}`)).body.persons.find((p) => p.personId === first?.personId)?.immediateSafety === 'confirmed', {
      description: 'the crisis function’s confirmation on the household',
    });
    expect((await post(`${investigation.url}/api/v1/households/${householdId}/persons/${second?.personId}/immediate-safety-confirmations`, { how: 'placed with grandparents' })).status).toBe(201);
    expect((await post(`${investigation.url}/api/v1/households/${householdId}/phase-transitions`, { to: 'duurzame-veiligheid', reason: 'everyone is safe for now' })).status).toBe(201);
    // Monitoring asks for a new veiligheidsbeoordeling while the melding's is still open: the request joins it (AssessmentRequestJoined).
    const unstable = await post(`${investigation.url}/api/v1/households/${householdId}/monitoring-results`, { stable: false, reason: 'school meldt nieuwe zorgen', followUp: 'new-assessment' });
    expect(unstable.status).toBe(201);
    await waitFor(
      async () => (await db.query(`select 1 from ${schemas['crisis-triage']}.assessment_request_joined where household_id = $1 and subject_id = $2`, [householdId, meldingId])).rows.length > 0,
      { description: 'the monitoring request joined to the melding’s open assessment' },
    );

    // Informing per person (ADR 0021): one person informed, the other's informing left out on a legal ground, after an
    // extension of that person's clock; a late recording on a clock already breached is exercised by the model tests.
    type Deadline = { timerId: string; clock: string; personId: string | null };
    const clocks = await waitFor(
      async () => {
        const { body } = await get<{ deadlines: Deadline[] }>(`${triage.url}/api/v1/deadlines?householdId=${householdId}`);
        const informing = body.deadlines.filter((d) => d.clock === 'informeren-betrokkenen');
        return informing.length === 2 ? informing : undefined;
      },
      { description: 'an informing clock for each of the two persons' },
    );
    const [informed, withheld] = clocks as [Deadline, Deadline];
    expect((await post(`${triage.url}/api/v1/deadlines/${withheld.timerId}/extensions`, { reason: 'betrokkene tijdelijk onbereikbaar' })).status).toBe(201);
    expect((await post(`${triage.url}/api/v1/households/${householdId}/persons/${informed.personId}/informing`, { informedAt: new Date().toISOString(), method: 'telefonisch' })).status).toBe(201);
    expect((await post(`${triage.url}/api/v1/households/${householdId}/persons/${withheld.personId}/informing`, { withheld: { ground: 'rechten-en-vrijheden-van-anderen' } })).status).toBe(201);

    // The veiligheidsbeoordeling decides on onderzoek: the investigation opens and its clock starts.
    const assessed = await post(`${triage.url}/api/v1/meldingen/${meldingId}/safety-assessment`, { taxatie: 'acuut-en-structureel', outcome: 'onderzoek', reasoning: 'Onduidelijk of er geweld is; geen medewerking.' });
    expect(assessed.status).toBe(201);

    // A second household handed over to its lokaal team by the assessment: a referral. Ouderenmishandeling of a victim of
    // 70 with a threat to life (acute-rules/3) and financial abuse: the acute check's `violence` and `PersonRef.elderly`
    // (docs/adr/0036) are on the log, and safety_assessment's aard, forms_of_violence and elderly_victim are rebuilt from it.
    const secondRegistered = await post(`${intake.url}/api/v1/meldingen`, {
      ...aMelding().inGemeente('GM0363').concerning(['ouderenmishandeling'], ['psychisch-geweld', 'financieel-misbruik-ouderen']).requestBody(),
      persons: [{ role: 'victim', name: 'Test Oudere', birthDate: `${new Date().getUTCFullYear() - 70}-03-01` }],
      acuteIndication: { indicated: false, signals: ['threat-to-life'] },
    });
    expect(secondRegistered.status).toBe(201);
    const secondMelding = secondRegistered.body['meldingId'] as string;
    await waitFor(
      async () => (await get<{ assessments: { meldingId: string }[] }>(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/assessment-queue`)).body.assessments.some((a) => a.meldingId === secondMelding),
      { description: 'the second melding in the assessment queue of vt-amsterdam-amstelland' },
    );
    const handedOver = await post(`${triage.url}/api/v1/meldingen/${secondMelding}/safety-assessment`, { taxatie: 'structureel', outcome: 'overdracht-lokaal-team', reasoning: 'Het lokale team kan hulp bieden.' });
    expect(handedOver.status).toBe(201);
    // And an adviesvraag that became a melding.
    const adviesvraag = await post(`${intake.url}/api/v1/adviesvragen`, {
      channel: 'telefoon',
      adviesvrager: { kind: 'professional', sector: 'onderwijs', role: 'melder', name: 'Leerkracht Test' },
      household: { gemeenteCode: 'GM0363' },
      persons: [{ role: 'child-involved', name: 'Kind Test' }],
      concerns: { aard: ['kindermishandeling'], tags: [], question: 'Wat kan ik doen?' },
      advice: 'Bespreek het met de ouders.',
    });
    expect(adviesvraag.status).toBe(201);
    expect((await post(`${intake.url}/api/v1/adviesvragen/${adviesvraag.body['adviesvraagId'] as string}/melding`, aMelding().requestBody())).status).toBe(201);

    await waitFor(async () => {
      const { rows } = await db.query(`select 1 from ${schemas['safety-investigation']}.investigation where household_id = $1`, [householdId]);
      return rows.length > 0;
    }, { description: 'the investigation opened' });
    await waitFor(async () => {
      const { rows } = await db.query(`select 1 from ${schemas.referral}.referral`);
      return rows.length > 0;
    }, { description: 'the referral to the lokaal team' });
    await everyoneCaughtUp();

    const violence = await db.query(`select aard, forms_of_violence, elderly_victim from ${schemas['crisis-triage']}.safety_assessment where melding_id = $1`, [secondMelding]);
    expect(violence.rows).toEqual([{ aard: ['ouderenmishandeling'], forms_of_violence: ['psychisch-geweld', 'financieel-misbruik'], elderly_victim: 'yes' }]);

    const same = await rebuild();
    expect(same.result.differences).toEqual([]);
    expect(same.code).toBe(0);
    expect(same.result.ok).toBe(true);
    const rowsOf = (table: string) => same.result.tables.find((t) => t.table.endsWith(`.${table}`))?.rebuiltRows ?? 0;
    for (const table of ['melding', 'melding_person', 'adviesvraag', 'acute_check', 'crisis_intervention', 'crisis_action', 'safety_assessment', 'assessment_request_joined', 'timer', 'melding_person', 'informing', 'household', 'household_event', 'investigation', 'referral']) {
      expect([table, rowsOf(table) > 0]).toEqual([table, true]);
    }

    // Someone changes the live record behind the services' back.
    await db.query(`update ${schemas['safety-investigation']}.household set phase = 'herstel' where household_id = $1`, [householdId]);
    const changed = await rebuild('--keep');
    expect(changed.code).toBe(1);
    expect(changed.result.differenceCount).toBe(1);
    expect(changed.result.differences).toEqual([
      {
        service: 'safety-investigation',
        table: `${schemas['safety-investigation']}.household`,
        kind: 'values-differ',
        key: { household_id: householdId },
        columns: [{ column: 'phase', live: 'herstel', rebuilt: 'duurzame-veiligheid' }],
      },
    ]);

    // The rebuilt state holds ids and codes only: no name or BSN of anyone, so nothing of an erased person either.
    try {
      const { rows } = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1`, [changed.result.schema]);
      expect(rows.length).toBeGreaterThan(0);
      for (const { table_name } of rows) {
        const found = await db.query(`select 1 from "${changed.result.schema}"."${table_name}" t where t::text ~* '(Test Persoon|Test Kind|Agent Test|999990408)'`);
        expect([table_name, found.rowCount]).toEqual([table_name, 0]);
      }
    } finally {
      await db.query(`drop schema if exists "${changed.result.schema}" cascade`);
    }
  }, 600_000);
});
