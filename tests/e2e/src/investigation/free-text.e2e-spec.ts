import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EncryptedPersonData, TOPICS } from '@vt/contracts';
import type { Role } from '@vt/auth';
import { createServiceDataSource } from '@vt/persistence';
import { parseMasterKeys, PersonDataCipher, PersonKeyStore } from '@vt/privacy';
import { appEntry, aMelding, REPO_ROOT, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Person = { personId: string; role: string; immediateSafety: string; how?: unknown };
type HistoryEntry = { eventId: string; type: string } & Record<string, unknown>;
type Household = { householdId: string; phase: string; persons: Person[]; safetyConditions: Record<string, unknown> | null; monitoring: unknown; history: HistoryEntry[] };
type Envelope = { id: string; type: string; subject: string; data: Record<string, unknown> };
type Answer = { status: number; body: Record<string, unknown> };

const INVESTIGATOR = 'user:investigator-free-text';
const V2 = (name: string): string => `nl.veiligthuis.${name}.v2`;
const WAIT_MS = 120_000;

/**
 * Issue 11 point 6, for the household record and the investigation (ADR 0020): free text a person writes never
 * enters the permanent log in clear. Distinctive text goes in through every safety-investigation endpoint that takes
 * text; then a plain kafkajs consumer reads every record of the household-phases, investigations and access topics,
 * and the service's whole schema is searched: the text is in neither. The service's reads show it decrypted, and
 * once a person is erased (`vt privacy erase`) their text reads as erased, in the API and on the log record.
 * intake, crisis-triage and safety-investigation run as processes on the real broker and database.
 */
describe('no free text in the permanent log: the household record and the investigation', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let crisisTriage: RunningService;
  let safetyInvestigation: RunningService;
  let schema: string;
  let reader: TopicReader;
  let db: Client;
  let freshCipher: () => PersonDataCipher;
  let closeDataSource: () => Promise<void>;
  /** Every text written in this test carries this tag, so one search finds any of it. */
  const tag = `ftx${randomBytes(5).toString('hex')}`;
  const text = (field: string, words: string): string => `${words} (${tag}-${field})`;

  beforeAll(async () => {
    env = testEnvironment();
    const monitoring = JSON.stringify({ version: 'test/1', default: { interval: 'PT1H', duration: 'PT3H' }, regions: {} });
    const investigationEnv = await env.serviceEnv('safety_investigation');
    schema = investigationEnv['DATABASE_SCHEMA'] as string;
    services = await Promise.all([
      env.serviceEnv('intake').then((e) => startService('intake', e)),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e)),
      startService('safety-investigation', { ...investigationEnv, MONITORING_CONFIG_JSON: monitoring }),
    ]);
    [intake, crisisTriage, safetyInvestigation] = services as [RunningService, RunningService, RunningService];
    reader = await new TopicReader(env.kafkaBrokers.split(','), [TOPICS.householdPhases, TOPICS.investigations, TOPICS.auditAccess].map((topic) => env.topicPrefix + topic)).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    // What a replay sees: the log's records opened with safety-investigation's key table, with no cached key.
    const dataSource = createServiceDataSource({ url: investigationEnv['DATABASE_URL'] as string, schema, migrations: [] });
    await dataSource.initialize();
    const masterKeys = parseMasterKeys(env.personalDataMasterKeys);
    freshCipher = () => new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys, cache: { maxEntries: 0 } }));
    closeDataSource = () => dataSource.destroy();
  }, 3 * WAIT_MS);

  afterAll(async () => {
    await closeDataSource?.();
    await db?.end();
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  const headers = (actor = INVESTIGATOR, roles: Role[] = ['triage', 'investigator']): Record<string, string> => ({ ...env.authHeaders(roles, ['*'], actor.replace(/^user:/, '')), 'x-access-purpose': 'onderzoek' });
  const si = (path: string): string => `${safetyInvestigation.url}/api/v1${path}`;

  async function post(url: string, body: unknown, actor = INVESTIGATOR, roles?: Role[]): Promise<Answer> {
    const response = await fetch(url, { method: 'POST', headers: headers(actor, roles), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function created(url: string, body: unknown): Promise<Record<string, unknown>> {
    const answer = await post(url, body);
    if (answer.status !== 201) throw new Error(`POST ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  async function get<R>(url: string): Promise<R> {
    const response = await fetch(url, { headers: headers() });
    expect(response.status).toBe(200);
    return (await response.json()) as R;
  }

  const topicRecords = () => reader.records.filter((record) => record.topic.startsWith(env.topicPrefix));
  const eventsOf = (type: string): Envelope[] => topicRecords().map((record) => record.json<Envelope>()).filter((event) => event.type === type);

  /** Every event the service wrote is on the topics: its outbox is drained and the reader holds as many records per topic. */
  async function everythingPublished(): Promise<void> {
    await waitFor(
      async () => {
        const { rows } = await db.query<{ topic: string; n: string; pending: string }>(`select topic, count(*) as n, count(*) filter (where published_at is null) as pending from "${schema}".outbox group by topic`);
        // Only safety-investigation's records count: crisis-triage records its reads on vt.audit.access.v1 too (docs/adr/0017).
        const own = (topic: string) => reader.on(env.topicPrefix + topic).filter((record) => record.json<{ source: string }>().source === '/veilig-thuis/safety-investigation').length;
        return rows.every((row) => Number(row.pending) === 0 && own(row.topic) === Number(row.n)) || undefined;
      },
      { description: "safety-investigation's outbox drained and every record it wrote read back from its topic", timeoutMs: WAIT_MS },
    );
  }

  /** Rows of any table of safety-investigation's schema whose text holds `needle`, as `table: count`. */
  async function clearTextInSchema(needle: string): Promise<string[]> {
    const { rows: tables } = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`, [schema]);
    const found: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ n: string }>(`select count(*) as n from "${schema}"."${table_name}" t where t::text like $1`, [`%${needle}%`]);
      if (Number(rows[0]?.n) > 0) found.push(`${table_name}: ${rows[0]?.n}`);
    }
    return found;
  }

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const argv = [appEntry('vt-cli'), ...args];
    return new Promise((resolve) => {
      execFile(process.execPath, argv, { cwd: REPO_ROOT }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
  }

  it('finds the text of every endpoint nowhere in clear (topics, tables), shows it decrypted, and as erased once the person is erased', async () => {
    // A household of two, opened by the melding; the veiligheidsbeoordeling decides on onderzoek.
    const melding = aMelding().acute().inGemeente('GM0014').requestBody();
    const registered = await post(`${intake.url}/api/v1/meldingen`, { ...melding, persons: [...(melding['persons'] as unknown[]), { role: 'child-involved', name: 'Test Kind' }] }, 'user:call-handler-ftx', ['call-handler']);
    expect(registered.status).toBe(201);
    const householdId = registered.body['householdId'] as string;
    const opened = await waitFor(
      async () => {
        const response = await fetch(si(`/households/${householdId}`), { headers: headers() });
        return response.status === 200 ? ((await response.json()) as Household) : undefined;
      },
      { description: `household ${householdId} opened`, timeoutMs: WAIT_MS },
    );
    const [victim, child] = opened.persons as [Person, Person];
    const queued = await waitFor(
      async () => (await get<{ assessments: { meldingId: string; householdId: string }[] }>(`${crisisTriage.url}/api/v1/regions/vt-groningen/assessment-queue`)).assessments.find((a) => a.householdId === householdId),
      { description: 'the melding in the assessment queue', timeoutMs: WAIT_MS },
    );
    expect((await post(`${crisisTriage.url}/api/v1/meldingen/${queued.meldingId}/safety-assessment`, { taxatie: 'structureel', outcome: 'onderzoek', reasoning: 'Onderzoek nodig.' }, 'user:triage-ftx')).status).toBe(201);
    const investigationId = (await waitFor(() => eventsOf('nl.veiligthuis.investigation.InvestigationOpened.v1').find((e) => e.data['householdId'] === householdId), { description: 'InvestigationOpened', timeoutMs: WAIT_MS })).data[
      'investigationId'
    ] as string;

    // Every endpoint that takes text, each with its own words.
    const words = {
      howVictim: text('how-victim', 'Moeder en zoon verblijven bij haar zus in Haren'),
      howChild: text('how-child', 'Kind logeert bij de grootouders'),
      phaseReason: text('phase-reason', 'Iedereen is voorlopig veilig'),
      conditions: [text('condition-a', 'Vader komt niet in de woning'), text('condition-b', 'Kind gaat elke dag naar school')],
      monitoringStable: text('monitoring-stable', 'School en lokaal team melden rust'),
      monitoringNewAssessment: text('monitoring-new-assessment', 'Buurvrouw hoorde weer geschreeuw'),
      monitoringBack: text('monitoring-back', 'Nieuwe blauwe plekken gezien door de school'),
      finding: text('finding', 'Moeder vertelt dat vader dreigde met een mes'),
      conclusionConditions: [text('conclusion-condition', 'Geen alcohol in huis')],
      huisverbodReason: text('huisverbod-reason', 'Vader stuurt dreigende berichten'),
      legalBasis: text('legal-basis', 'art. 5.2.6 want moeder wil het'),
    };

    const gesprek = await created(si(`/investigations/${investigationId}/steps`), { kind: 'gesprek', personId: victim.personId });
    expect((await post(si(`/investigations/${investigationId}/steps`), { kind: 'informatie-derden', thirdParty: 'huisarts', legalBasis: 'Wmo 2015 art. 5.2.6' })).status).toBe(201);
    // A legal basis is a citation the system knows, never a sentence: refused before anything is recorded.
    const freeBasis = await post(si(`/investigations/${investigationId}/steps`), { kind: 'informatie-derden', thirdParty: 'school', legalBasis: words.legalBasis });
    expect(freeBasis).toMatchObject({ status: 422, body: { fields: [expect.objectContaining({ path: 'legalBasis', code: 'unknown-legal-basis' })] } });
    await created(si(`/investigations/${investigationId}/findings`), { personId: victim.personId, stepId: gesprek['stepId'], text: words.finding });

    await created(si(`/households/${householdId}/persons/${victim.personId}/immediate-safety-confirmations`), { how: words.howVictim });
    await created(si(`/households/${householdId}/persons/${child.personId}/immediate-safety-confirmations`), { how: words.howChild });
    const moved = (await created(si(`/households/${householdId}/phase-transitions`), { to: 'duurzame-veiligheid', reason: words.phaseReason })) as unknown as Household;
    // The answer is the household as a read shows it: the confirmations with how, decrypted.
    expect(moved.persons).toEqual([expect.objectContaining({ personId: victim.personId, how: words.howVictim }), expect.objectContaining({ personId: child.personId, how: words.howChild })]);
    await created(si(`/households/${householdId}/safety-conditions`), { conditions: words.conditions, handedOverTo: ['lokaal-team-gm0014'] });
    await created(si(`/households/${householdId}/monitoring-results`), { stable: true, reason: words.monitoringStable });
    await created(si(`/households/${householdId}/monitoring-results`), { stable: false, reason: words.monitoringNewAssessment, followUp: 'new-assessment' });
    const back = await created(si(`/households/${householdId}/monitoring-results`), { stable: false, reason: words.monitoringBack, followUp: 'directe-veiligheid' });
    expect(back['phase']).toBe('directe-veiligheid');
    await created(si(`/investigations/${investigationId}/conclusion`), {
      conclusion: { unsafety: true, risks: ['psychisch-geweld'] },
      safetyConditions: words.conclusionConditions,
      outcome: 'voorwaarden-en-vervolg',
      handOverTo: ['lokaal-team'],
    });
    const day = 86_400_000;
    const imposedAt = new Date(Date.now() - day);
    const huisverbod = await created(si(`/households/${householdId}/huisverboden`), { personId: victim.personId, imposedAt: imposedAt.toISOString() });
    await created(si(`/huisverboden/${huisverbod['huisverbodId']}/extensions`), { endsAt: new Date(imposedAt.getTime() + 20 * day).toISOString(), decidedAt: new Date().toISOString(), reason: words.huisverbodReason });

    // Every record of the three topics, read by a plain kafkajs consumer: none holds any of the text in clear.
    await everythingPublished();
    const records = topicRecords();
    expect(records.length).toBeGreaterThan(10);
    expect(records.filter((record) => record.value?.includes(tag)).map((record) => `${record.topic} ${record.json<Envelope>().type}`)).toEqual([]);
    // …and the second versions carry it encrypted, under the key of whom it is about.
    const confirmations = eventsOf(V2('household.ImmediateSafetyConfirmed')).filter((e) => e.data['householdId'] === householdId);
    expect(confirmations.map((e) => (e.data['how'] as EncryptedPersonData).personId).sort()).toEqual([victim.personId, child.personId].sort());
    for (const type of ['household.HouseholdPhaseChanged', 'household.SafetyConditionsRecorded', 'household.MonitoringResultRecorded', 'household.NewAssessmentRequested', 'investigation.HuisverbodExtended', 'investigation.InvestigationConcluded']) {
      expect(eventsOf(V2(type)).filter((e) => e.data['householdId'] === householdId).length).toBeGreaterThan(0);
    }
    const requested = eventsOf(V2('household.NewAssessmentRequested')).find((e) => e.data['householdId'] === householdId);
    expect(requested?.data['reason']).toMatchObject({ personId: householdId, alg: 'A256GCM' });
    expect(eventsOf(V2('household.HouseholdPhaseChanged')).find((e) => e.data['command'] === 'MoveToDuurzameVeiligheid')?.data).toMatchObject({ reasonCode: 'immediate-safety-realised-for-everyone', explanation: { personId: householdId } });

    // Nor anywhere in the service's own schema: events, conclusions, extensions, steps, outbox.
    expect(await clearTextInSchema(tag)).toEqual([]);

    // The service's reads decrypt it.
    const household = await get<Household>(si(`/households/${householdId}`));
    // Back in directe veiligheid the confirmations were withdrawn; how each was realised stays in the history.
    expect(household.persons.map((person) => person.immediateSafety)).toEqual(['unconfirmed', 'unconfirmed']);
    expect(household.history.filter((entry) => entry.type === V2('household.ImmediateSafetyConfirmed')).map((entry) => entry['how'])).toEqual([words.howVictim, words.howChild]);
    expect(household.safetyConditions).toMatchObject({ conditions: words.conclusionConditions, conditionCount: 1 });
    const history = (type: string) => household.history.filter((entry) => entry.type === V2(type));
    expect(history('household.HouseholdPhaseChanged')).toEqual([
      expect.objectContaining({ command: 'MoveToDuurzameVeiligheid', reasonCode: 'immediate-safety-realised-for-everyone', explanation: words.phaseReason }),
      expect.objectContaining({ command: 'RecordMonitoringResult', reasonCode: 'monitoring-found-safety-not-stable', explanation: words.monitoringBack }),
    ]);
    expect(history('household.SafetyConditionsRecorded').map((entry) => entry['conditions'])).toEqual([words.conditions, words.conclusionConditions]);
    expect(history('household.MonitoringResultRecorded').map((entry) => entry['reason'])).toEqual([words.monitoringStable, words.monitoringNewAssessment, words.monitoringBack]);
    expect(history('household.NewAssessmentRequested').map((entry) => entry['reason'])).toEqual([words.monitoringNewAssessment]);
    const investigation = await get<{ findings: Record<string, unknown>[]; conclusion: Record<string, unknown> }>(si(`/investigations/${investigationId}`));
    expect(investigation.findings).toEqual([expect.objectContaining({ personId: victim.personId, text: words.finding })]);
    expect(investigation.conclusion).toMatchObject({ safetyConditions: words.conclusionConditions, safetyConditionCount: 1 });
    const huisverboden = await get<{ extensions: Record<string, unknown>[] }[]>(si(`/households/${householdId}/huisverboden`));
    expect(huisverboden[0]?.extensions).toEqual([expect.objectContaining({ reason: words.huisverbodReason, recordedBy: INVESTIGATOR })]);

    // The victim asks to be erased: intake records PersonDataErased, safety-investigation destroys its own key for her.
    const token = env.token(['privacy-officer'], ['*'], 'privacy-officer-ftx');
    const erased = await cli('privacy', 'erase', '--person', victim.personId, '--reason', 'verzoek-betrokkene', '--service', intake.url, '--token', token);
    expect(erased).toMatchObject({ code: 0, stderr: '' });
    await waitFor(async () => (await db.query(`select 1 from "${schema}".person_key where person_id = $1 and destroyed_at is not null`, [victim.personId])).rowCount === 1 || undefined, {
      description: "the victim's key destroyed in safety-investigation",
      timeoutMs: WAIT_MS,
    });

    // Her text reads as erased, with the date, in the API; the child's still reads.
    const after = await get<Household>(si(`/households/${householdId}`));
    const erasedText = { erased: true, erasedAt: expect.any(String) };
    expect(after.history.filter((entry) => entry.type === V2('household.ImmediateSafetyConfirmed')).map((entry) => entry['how'])).toEqual([erasedText, words.howChild]);
    expect((await get<{ findings: Record<string, unknown>[] }>(si(`/investigations/${investigationId}`))).findings).toEqual([expect.objectContaining({ personId: victim.personId, ...erasedText })]);
    // …and in the log's own records, as a replay opens them.
    const cipher = freshCipher();
    const recordOf = (personId: string) => confirmations.find((e) => e.data['personId'] === personId)?.data['how'] as EncryptedPersonData;
    expect(await cipher.decryptText(recordOf(victim.personId))).toEqual({ erased: true, erasedAt: expect.any(Date) });
    expect(await cipher.decryptText(recordOf(child.personId))).toEqual({ erased: false, text: words.howChild });
  }, 6 * WAIT_MS);
});
