import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { AssignerProtocol } from 'kafkajs';
import { Client } from 'pg';
import { DOMAIN_TOPICS, KeyStoreOpener, renderTimelineText, replayHousehold, Timeline, TimelineEntry } from '@vt/audit';
import type { Role } from '@vt/auth';
import {
  AccessPurpose,
  CLOUDEVENTS_CONTENT_TYPE,
  deadLetterTopic,
  EncryptedPersonData,
  HEADERS,
  newEvent,
  PARTNER_REFERRAL_DECLINED,
  partnerReferralsTopic,
  partnerResponsesTopic,
  SERVICES,
  TOPICS,
} from '@vt/contracts';
import { partnerPrincipal } from '@vt/kafka-access';
import { parseMasterKeys } from '@vt/privacy';
import { appEntry, aMelding, isLiveGroup, REPO_ROOT, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';
import { partnerConsume, PARTNERS, Services, startFourServices } from '../partner/partner-flow';

/*
 * ADR 0020 ("No free text in the permanent log"), across every service: the test its last line promises.
 *
 * Every text below carries one distinctive tag (`ftx<random>-<label>`), so one search finds any of it. It goes in
 * through each endpoint that takes free text written by a person; the rule each one checks is the ADR 0020 bullet
 * in brackets.
 *
 * intake
 *  - POST /api/v1/meldingen: `concerns.account` (label `account`), `acuteIndication.ground` (`ground`),
 *    `melder.sealExplanation` (`seal-explanation`). On the log only inside `MeldingReceived.personalData`, encrypted
 *    under the melder's key; intake's own registration tables keep them in clear until the melder is erased
 *    (ADR 0004 "stays in intake's database", ADR 0011 "clears their fields") [free text never in clear in an
 *    event; erasure].
 *  - POST /api/v1/adviesvragen: `concerns.question` (`question`), `advice` (`advice`). Never on the log; cleared
 *    in intake's tables when the adviesvrager is erased (ADR 0011) [erasure].
 *  - `X-Access-Purpose` of every audited read (GET /api/v1/meldingen/{id}, /households/{id}/meldingen,
 *    /adviesvragen/{id}, POST /radar/matches; one decorator): a code of ACCESS_PURPOSES; a sentence (`purpose`, sent
 *    to the adviesvraag read so that it stays out of the melding household's replay) must be refused with a 400
 *    naming the header [the purpose of a read is a code; X-Access-Purpose takes a code].
 *  - Not driven separately: POST /api/v1/adviesvragen/{id}/melding takes the melding's body and DTO.
 * crisis-triage
 *  - POST /api/v1/meldingen/{id}/safety-assessment `reasoning` (`reasoning-melding`) and
 *    POST /api/v1/assessment-requests/{id}/safety-assessment `reasoning` (`reasoning-request`), the request that
 *    monitoring made: `SafetyAssessmentCompleted.v2.reasoning` and the `safety_assessment` row, under the
 *    household's key [text about the household as a whole].
 *  - POST /api/v1/crisis-interventions/{id}/actions `note` (`crisis-note`): never leaves crisis-triage, kept
 *    encrypted under the household's key [crisis notes never leave crisis-triage].
 *  - POST /api/v1/deadlines/{timerId}/extensions `reason` (`extension-reason`): `DeadlineExtended.v2.reason`,
 *    under the household's key [a deadline extension].
 * safety-investigation (in depth in tests/e2e/src/investigation/free-text.e2e-spec.ts; here the endpoints the
 * other services' part of the flow needs)
 *  - POST /api/v1/households/{id}/persons/{personId}/immediate-safety-confirmations `how` (`how-victim`,
 *    `how-child`), under that person's key [text about one person].
 *  - POST /api/v1/households/{id}/phase-transitions `reason` (`phase-reason`), under the household's key, the
 *    system's part a `reasonCode` [system explanations are codes].
 *  - POST /api/v1/households/{id}/safety-conditions `conditions` (`condition-a`, `condition-b`): under the
 *    household's key; referral learns only the count, the partner's topic carries `safetyConditionCount`, and the
 *    partner reads the conditions from safety-investigation with its own token [keys stay with the service that
 *    encrypted; partner topics carry no free text].
 *  - POST /api/v1/households/{id}/monitoring-results `reason` (`monitoring-reason`): MonitoringResultRecorded.v2
 *    and NewAssessmentRequested.v2, which crisis-triage does not copy [keys stay with the service].
 * partners (referral has no HTTP endpoint that takes text)
 *  - `vt partner consume --decline <id> --reason <code>`: a sentence as the reason (`partner-reason`), or `--text`
 *    (`partner-text`), is refused naming the option (exit 2) and nothing is written [partner topics carry no free
 *    text: a decline carries a code].
 *  - A partner that writes its own record with text (`partner-record`, a `partner.ReferralDeclined.v1` with
 *    `reason.text`, as an old client would): the actual behaviour is that referral applies it by its code (it is
 *    upcast to v2, the text dropped) and neither refuses nor dead-letters it. The text stays in that record, on the
 *    partner's own topic, where the partner put it; it must go nowhere else. The decline ends the lokaal team's read of
 *    the conditions (403); the partner the referral passed to reads them until the household's key is gone (410).
 * Not covered: InvolvedPersonInformed / InformingWithheld (ADR 0021) have contracts but no endpoint on main; the
 * dead-letter re-drive's `discard[].reason` (libs/runtime, every service, operator text kept in `inbox.note`) is
 * outside ADR 0020's list.
 *
 * Then: a plain kafkajs consumer reads every record of every topic of the run (TOPICS, each service's dead-letter
 * topic, the partners' topics) and finds the tag nowhere in clear, after checking it read the records that carry
 * the encrypted fields; every table of every service schema holds it only where intake keeps its registration in
 * clear; the reads show it decrypted to whoever may read it (the household record, the partner of the referral, the
 * auditor's replay with the key tables). After erasure of the victim, the melder, the adviesvrager
 * (`POST /api/v1/privacy/erasures`) and the household (`vt privacy erase-household`) every service destroyed the
 * keys; the replay shows the texts as `[erased <date>]`, the tables hold none of it, and `vt audit rebuild` compares
 * equal with rebuilt tables holding only ciphertext. The four services run as processes on the real broker and
 * database.
 */

const WAIT_MS = 120_000;
const TYPE = (name: string, version = 1): string => `nl.veiligthuis.${name}.v${version}`;
const KEY_SERVICES = ['intake', 'crisis-triage', 'safety-investigation'] as const;
const LOKAAL_TEAM = 'lokaal-team-gm0014';
/** Topics of services this scenario does not run (each has its own e2e). */
const NOT_RUN_TOPICS: readonly string[] = [TOPICS.signals, TOPICS.shelterPlacements];
const CALL_HANDLER = 'call-handler-ftx';
const TRIAGE = 'triage-ftx';
const INVESTIGATOR = 'investigator-ftx';
const PRIVACY_OFFICER = 'privacy-officer-ftx';

type Envelope = { id: string; type: string; source: string; subject?: string; householdid: string; correlationid: string; data: Record<string, unknown> };
type Answer = { status: number; body: Record<string, unknown> };
type HouseholdRead = {
  persons: { personId: string; role: string; how?: unknown }[];
  safetyConditions: { conditions?: unknown; conditionCount: number } | null;
  history: ({ type: string } & Record<string, unknown>)[];
};
type CliRun = { code: number; stdout: string; stderr: string };
type RebuildJson = { ok: boolean; schema: string; tables: { table: string; rebuiltRows: number; differences: number }[]; differences: unknown[] };

describe('no free text in the permanent log: every service, every topic, every table, replay and rebuild (ADR 0020)', () => {
  let env: TestEnvironment;
  let services: Services;
  let reader: TopicReader;
  let db: Client;
  /** Each service's schema of this run, by service name. */
  const schemas: Record<string, string> = {};
  const tag = `ftx${randomBytes(5).toString('hex')}`;
  const text = (label: string, words: string): string => `${words} (${tag}-${label})`;
  /** The labels of every tagged text in `value`, sorted and unique. */
  const labelsIn = (value: string): string[] => [...new Set([...value.matchAll(new RegExp(`${tag}-([a-z-]+)`, 'g'))].map((match) => match[1] as string))].sort();

  const words = {
    account: text('account', 'Buurvrouw hoort elke avond geschreeuw; vader slaat de deur in'),
    ground: text('ground', 'Vader dreigde vanavond met een mes'),
    sealExplanation: text('seal-explanation', 'De melder is de zus van moeder en vreest vader'),
    question: text('question', 'Mijn buurjongen heeft steeds blauwe plekken; wat moet ik doen?'),
    advice: text('advice', 'Bel de school en meld opnieuw als het doorgaat'),
    crisisNote: text('crisis-note', 'Politie nam vader mee; moeder en kind bij de oma'),
    extensionReason: text('extension-reason', 'Moeder is met de kinderen naar familie in Turkije'),
    reasoningMelding: text('reasoning-melding', 'Structureel geweld; de kinderen waren erbij'),
    howVictim: text('how-victim', 'Moeder verblijft bij haar zus in Haren'),
    howChild: text('how-child', 'Kind logeert bij de grootouders'),
    phaseReason: text('phase-reason', 'Iedereen is voorlopig veilig'),
    conditions: [text('condition-a', 'Vader komt niet in de woning'), text('condition-b', 'Kind gaat elke dag naar school')],
    monitoringReason: text('monitoring-reason', 'Buurvrouw hoorde weer geschreeuw'),
    reasoningRequest: text('reasoning-request', 'Monitoring ziet geen nieuw geweld; geen vervolg nodig'),
    purpose: text('purpose', 'Nagaan of de buurvrouw al eerder belde'),
    partnerReason: text('partner-reason', 'Wij kennen dit gezin al via de schuldhulp'),
    partnerText: text('partner-text', 'Wachtlijst tot maart'),
    partnerRecord: text('partner-record', 'Vader is bij ons bekend als agressief'),
  };
  /** The texts that travel on the log (encrypted), which an auditor with the key tables reads in the replay. */
  const ON_THE_LOG = ['account', 'condition-a', 'condition-b', 'extension-reason', 'ground', 'how-child', 'how-victim', 'monitoring-reason', 'phase-reason', 'reasoning-melding', 'reasoning-request'];
  /** Where intake keeps its registration in clear until erasure clears it (ADR 0004, 0011): `<service>.<table>.<column> [labels]`. */
  const INTAKE_REGISTRATION = [
    'intake.adviesvraag.advice [advice]',
    'intake.adviesvraag.question [question]',
    'intake.melder.seal_explanation [seal-explanation]',
    'intake.melding.account [account]',
    'intake.melding.acute_ground [ground]',
  ];

  // What the scenario leaves for the checks that follow it.
  const ids = {} as {
    meldingId: string;
    householdId: string;
    melderId: string;
    victimId: string;
    childId: string;
    adviesvraagId: string;
    adviesvragerId: string;
    interventionId: string;
    requestId: string;
    referralId: string;
    partnerAnswerId: string;
    rerouted: { referralId: string; partnerId: string };
    extensionSubject: string;
  };
  let householdErasedAt = '';

  beforeAll(async () => {
    env = testEnvironment();
    services = await startFourServices(env);
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    const { rows } = await db.query<{ schema_name: string }>(`select schema_name from information_schema.schemata where schema_name like $1`, [`t_${env.runId}_%`]);
    for (const { schema_name } of rows) schemas[schema_name.slice(`t_${env.runId}_`.length).replace(/_/g, '-')] = schema_name;
    reader = await new TopicReader(env.kafkaBrokers.split(','), [TOPICS.meldingen, TOPICS.triageAssessments, TOPICS.triageDeadlines, TOPICS.householdPhases, TOPICS.referrals].map((topic) => env.topicPrefix + topic)).start();
  }, 2 * WAIT_MS);

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await env?.cleanup();
  });

  // ---- HTTP, the CLI, the log -------------------------------------------------------------------------------

  /** Every read sends a purpose code (ACCESS_PURPOSES), as every case-data read must. */
  const headers = (roles: Role[], subject: string, purpose: AccessPurpose | string = 'onderzoek'): Record<string, string> => ({ ...env.authHeaders(roles, ['*'], subject), 'x-access-purpose': purpose });
  async function post(url: string, body: unknown, roles: Role[], subject: string): Promise<Answer> {
    const response = await fetch(url, { method: 'POST', headers: env.authHeaders(roles, ['*'], subject), body: JSON.stringify(body) });
    const answer = await response.text();
    return { status: response.status, body: (answer ? JSON.parse(answer) : {}) as Record<string, unknown> };
  }
  async function created(url: string, body: unknown, roles: Role[], subject: string): Promise<Record<string, unknown>> {
    const answer = await post(url, body, roles, subject);
    if (answer.status !== 201) throw new Error(`POST ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  async function get(url: string, roles: Role[], subject: string, purpose?: AccessPurpose | string): Promise<Answer> {
    const response = await fetch(url, { headers: headers(roles, subject, purpose) });
    const answer = await response.text();
    return { status: response.status, body: (answer ? JSON.parse(answer) : {}) as Record<string, unknown> };
  }
  const intake = (path: string) => `${services.intake.url}/api/v1${path}`;
  const triage = (path: string) => `${services.crisisTriage.url}/api/v1${path}`;
  const si = (path: string) => `${services.safetyInvestigation.url}/api/v1${path}`;
  const household = async (): Promise<HouseholdRead> => {
    const read = await get(si(`/households/${ids.householdId}`), ['investigator'], INVESTIGATOR, 'onderzoek');
    expect(read.status).toBe(200);
    return read.body as unknown as HouseholdRead;
  };

  function vt(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [appEntry('vt-cli'), ...args],
        { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', ...extraEnv }, timeout: WAIT_MS, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }
  /** The auditor's connection: on the secured broker its own principal, which may only read. */
  function auditorEnv(): Record<string, string> {
    const sasl = env.kafkaSasl('vt-auditor');
    return { KAFKA_BROKERS: env.kafkaBrokers, TOPIC_PREFIX: env.topicPrefix, ...(sasl ? { KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {}) };
  }

  const events = (topic: string, type?: string): Envelope[] =>
    reader
      .on(env.topicPrefix + topic)
      .map((record) => record.json<Envelope>())
      .filter((event) => event.householdid === ids.householdId && (type === undefined || event.type === type));
  const event = (topic: string, type: string, match: (event: Envelope) => boolean = () => true): Promise<Envelope> =>
    waitFor(() => events(topic, type).find(match), { description: `${type.split('.').slice(-2).join('.')} of household ${ids.householdId}`, timeoutMs: WAIT_MS });
  const sealed = (value: unknown): EncryptedPersonData => value as EncryptedPersonData;

  /** Every outbox drained, and every consumer group of the services at the end of the partitions assigned to it. */
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
          const owners = SERVICES.map((service) => env.topicPrefix + service);
          const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => owners.some((owner) => id.startsWith(owner)) && !isLiveGroup(id));
          for (const group of (await admin.describeGroups(groups)).groups) {
            if (group.state !== 'Stable') return undefined;
            const topics = [...new Set(group.members.flatMap((member) => Object.keys(decodeAssignment(member.memberAssignment))))];
            if (topics.length === 0) continue;
            for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group.groupId, topics })) {
              const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
              for (const p of partitions) {
                const end = ends.get(p.partition) ?? '0';
                if (end !== '0' && p.offset !== end) return undefined;
              }
            }
          }
          return true;
        },
        { description: 'every outbox drained and every service consumer group caught up', timeoutMs: WAIT_MS, intervalMs: 250 },
      );
    } finally {
      await admin.disconnect();
    }
  }

  // ---- Postgres -----------------------------------------------------------------------------------------------

  /** Every `<service>.<table>.<column> [labels]` of this run's service schemas (or of `schema`) whose value holds the tag. */
  async function tagInTables(only?: { schema: string; as: string }): Promise<string[]> {
    const owners = only ? [[only.as, only.schema] as const] : Object.entries(schemas);
    const found: string[] = [];
    for (const [service, schema] of owners) {
      const { rows: tables } = await db.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`, [schema]);
      for (const { table_name } of tables) {
        const hit = await db.query(`select 1 from "${schema}"."${table_name}" t where strpos(t::text, $1) > 0 limit 1`, [tag]);
        if (hit.rowCount === 0) continue;
        const { rows: columns } = await db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`, [schema, table_name]);
        for (const { column_name } of columns) {
          const { rows: values } = await db.query<{ value: string }>(`select "${column_name}"::text as value from "${schema}"."${table_name}" where strpos("${column_name}"::text, $1) > 0`, [tag]);
          if (values.length > 0) found.push(`${service}.${table_name}.${column_name} [${labelsIn(values.map((row) => row.value).join(' ')).join(', ')}]`);
        }
      }
    }
    return found.sort();
  }

  // ---- The scenario -------------------------------------------------------------------------------------------

  it('takes tagged free text through every endpoint of intake, crisis-triage and safety-investigation that accepts it', async () => {
    // intake: a melding (acute, the melder's identity sealed) and an adviesvraag, each with its words.
    const melding = aMelding().acute(words.ground).inGemeente('GM0014').requestBody();
    const registered = await created(
      intake('/meldingen'),
      {
        ...melding,
        melder: { ...(melding['melder'] as Record<string, unknown>), identitySealed: true, sealReason: 'overig', sealExplanation: words.sealExplanation },
        concerns: { ...(melding['concerns'] as Record<string, unknown>), account: words.account },
        persons: [...(melding['persons'] as unknown[]), { role: 'child-involved', name: 'Test Kind', birthDate: '2016-04-01' }],
      },
      ['call-handler'],
      CALL_HANDLER,
    );
    ids.meldingId = registered['meldingId'] as string;
    ids.householdId = registered['householdId'] as string;
    const read = await get(intake(`/meldingen/${ids.meldingId}`), ['call-handler'], CALL_HANDLER, 'registratie');
    expect(read.status).toBe(200);
    const { persons, melder } = read.body as { persons: { personId: string; role: string }[]; melder: { melderId: string } };
    ids.melderId = melder.melderId;
    ids.victimId = persons.find((person) => person.role === 'victim')?.personId as string;
    ids.childId = persons.find((person) => person.role === 'child-involved')?.personId as string;
    // The read tells nothing of the words: names, the account and the ground stay out.
    expect(labelsIn(JSON.stringify(read.body))).toEqual([]);

    const adviesvraag = await created(
      intake('/adviesvragen'),
      {
        channel: 'telefoon',
        adviesvrager: { kind: 'niet-professional', role: 'informant', name: 'Test Buurvrouw' },
        household: { gemeenteCode: 'GM0014' },
        persons: [{ role: 'child-involved', name: 'Test Buurjongen' }],
        concerns: { aard: ['kindermishandeling'], question: words.question },
        advice: words.advice,
      },
      ['call-handler'],
      CALL_HANDLER,
    );
    ids.adviesvraagId = adviesvraag['adviesvraagId'] as string;
    const asked = await get(intake(`/adviesvragen/${ids.adviesvraagId}`), ['call-handler'], CALL_HANDLER, 'registratie');
    expect(asked.status).toBe(200);
    ids.adviesvragerId = (asked.body['adviesvrager'] as { adviesvragerId: string }).adviesvragerId;
    expect(labelsIn(JSON.stringify(asked.body))).toEqual([]);

    // crisis-triage: the crisis function's note, an extension of the informing term, the veiligheidsbeoordeling.
    const requested = await event(TOPICS.triageAssessments, TYPE('triage.CrisisInterventionRequested'));
    ids.interventionId = requested.data['interventionId'] as string;
    await created(triage(`/crisis-interventions/${ids.interventionId}/actions`), { action: 'police-involved', note: words.crisisNote }, ['triage'], TRIAGE);
    const informing = await waitFor(
      async () => {
        const deadlines = await get(triage(`/deadlines?householdId=${ids.householdId}`), ['triage'], TRIAGE, 'veiligheidsbeoordeling');
        // One clock for the melding, or (ADR 0021) one per involved person: then the victim's.
        return (deadlines.body['deadlines'] as { timerId: string; clock: string; personId?: string }[] | undefined)?.find(
          (deadline) => deadline.clock === 'informeren-betrokkenen' && (deadline.personId === undefined || deadline.personId === ids.victimId),
        );
      },
      { description: 'the informing clock of the household', timeoutMs: WAIT_MS },
    );
    await created(triage(`/deadlines/${informing.timerId}/extensions`), { reason: words.extensionReason }, ['triage'], TRIAGE);
    // The reason concerns the household, or the one person whose clock it is (issue 11 plan, point 6).
    ids.extensionSubject = informing.personId ?? ids.householdId;
    // Answered 404 until crisis-triage has taken the melding in; the first other answer is the one that counts.
    const assessed = await waitFor(
      async () => {
        const answer = await post(triage(`/meldingen/${ids.meldingId}/safety-assessment`), { taxatie: 'structureel', outcome: 'onderzoek', reasoning: words.reasoningMelding }, ['triage'], TRIAGE);
        return answer.status === 404 ? undefined : answer;
      },
      { description: 'the veiligheidsbeoordeling of the melding', timeoutMs: WAIT_MS },
    );
    expect(assessed.status).toBe(201);

    // safety-investigation: how each person's immediate safety was confirmed, the phase change, conditions for the
    // lokaal team, a monitoring result that asks crisis-triage for a new assessment.
    await waitFor(async () => (await get(si(`/households/${ids.householdId}`), ['investigator'], INVESTIGATOR)).status === 200 || undefined, { description: 'the household record', timeoutMs: WAIT_MS });
    await created(si(`/households/${ids.householdId}/persons/${ids.victimId}/immediate-safety-confirmations`), { how: words.howVictim }, ['investigator'], INVESTIGATOR);
    await created(si(`/households/${ids.householdId}/persons/${ids.childId}/immediate-safety-confirmations`), { how: words.howChild }, ['investigator'], INVESTIGATOR);
    await created(si(`/households/${ids.householdId}/phase-transitions`), { to: 'duurzame-veiligheid', reason: words.phaseReason }, ['investigator'], INVESTIGATOR);
    await created(si(`/households/${ids.householdId}/safety-conditions`), { conditions: words.conditions, handedOverTo: [LOKAAL_TEAM] }, ['investigator'], INVESTIGATOR);
    await created(si(`/households/${ids.householdId}/monitoring-results`), { stable: false, reason: words.monitoringReason, followUp: 'new-assessment' }, ['investigator'], INVESTIGATOR);

    // crisis-triage: the assessment monitoring asked for, under the request's id (the NewAssessmentRequested event's).
    ids.requestId = (await event(TOPICS.householdPhases, TYPE('household.NewAssessmentRequested', 2))).id;
    const reassessed = await waitFor(
      async () => {
        const answer = await post(triage(`/assessment-requests/${ids.requestId}/safety-assessment`), { taxatie: 'geen', outcome: 'geen-vervolgstappen', reasoning: words.reasoningRequest }, ['triage'], TRIAGE);
        return answer.status === 404 ? undefined : answer;
      },
      { description: 'the assessment monitoring requested', timeoutMs: WAIT_MS },
    );
    expect(reassessed.status).toBe(201);

    // Referral referred the conditions to the lokaal team (what its topic carries is checked below).
    const issued = await event(TOPICS.referrals, TYPE('referral.ReferralIssued'), (e) => e.data['partnerId'] === LOKAAL_TEAM);
    ids.referralId = issued.data['referralId'] as string;
    expect(issued.data).toMatchObject({ purpose: 'voorwaarden', basis: { eventType: TYPE('household.SafetyConditionsRecorded', 2) } });
  }, 4 * WAIT_MS);

  it('refuses a sentence as the purpose of a read: X-Access-Purpose takes a code (ACCESS_PURPOSES)', async () => {
    const read = await get(intake(`/adviesvragen/${ids.adviesvraagId}`), ['call-handler'], CALL_HANDLER, words.purpose);
    const named = ((read.body['fields'] as { path: string }[] | undefined) ?? []).some((field) => field.path === 'X-Access-Purpose');
    const refused = 'refused with 400 naming X-Access-Purpose';
    expect(
      read.status === 400 && named
        ? refused
        : `LEAK: intake answered ${read.status} to a read whose X-Access-Purpose is a sentence. libs/runtime/src/access-audit.ts (AccessPurpose) takes any text up to ` +
            '500 characters and recordAccess writes it in clear as CaseDataAccessed.v1 data.purpose on vt.audit.access.v1 (and in intake.outbox)',
    ).toBe(refused);
  });

  it("lets a partner decline with a code only: vt partner consume refuses free text, and a partner's own record with text is applied by its code alone", async () => {
    // What the lokaal team got on its topic: how many conditions, never their words.
    const partnerReader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + partnerReferralsTopic(LOKAAL_TEAM)]).start();
    let projection: Envelope;
    try {
      projection = await waitFor(() => partnerReader.records.map((record) => record.json<Envelope>()).find((e) => e.data['referralId'] === ids.referralId), {
        description: `referral ${ids.referralId} on the topic of ${LOKAAL_TEAM}`,
        timeoutMs: WAIT_MS,
      });
    } finally {
      await partnerReader.stop();
    }
    expect(projection).toMatchObject({ type: TYPE('partner.ReferralIssued', 2), data: { safetyConditionCount: 2 } });
    expect(projection.data['safetyConditions']).toBeUndefined();

    // The partner reads them from safety-investigation with its own token: decrypted, for the partner of the referral.
    const partnerRead = await fetch(si(`/partner/referrals/${ids.referralId}/safety-conditions`), { headers: { authorization: `Bearer ${env.partnerToken(LOKAAL_TEAM)}`, 'x-access-purpose': 'monitoring' } });
    expect({ status: partnerRead.status, body: await partnerRead.json() }).toMatchObject({ status: 200, body: { referralId: ids.referralId, conditionCount: 2, conditions: words.conditions } });

    // The partner's tool takes a code only: a sentence as the reason, or --text, is refused before anything is written.
    const [sentence, withText] = await Promise.all([
      partnerConsume(env, LOKAAL_TEAM, ['--decline', ids.referralId, '--reason', words.partnerReason]),
      partnerConsume(env, LOKAAL_TEAM, ['--decline', ids.referralId, '--reason', 'geen-capaciteit', '--text', words.partnerText]),
    ]);
    expect({ code: sentence.code, names: sentence.stderr.includes('--reason') }).toEqual({ code: 2, names: true });
    expect({ code: withText.code, names: withText.stderr.includes('--text') }).toEqual({ code: 2, names: true });

    // A partner writing its own record (an old client's v1 decline with text), as its own principal on its own topic.
    const answer = newEvent({
      type: PARTNER_REFERRAL_DECLINED,
      service: `partner/${LOKAAL_TEAM}`,
      householdId: projection.householdid,
      subject: ids.referralId,
      time: new Date(),
      causedBy: { id: projection.id, correlationid: projection.correlationid },
      data: {
        referralId: ids.referralId,
        partnerId: LOKAAL_TEAM,
        householdReference: projection.householdid,
        answeredAt: new Date().toISOString(),
        answeredBy: `medewerker-${LOKAAL_TEAM}`,
        reason: { code: 'geen-capaciteit', text: words.partnerRecord },
      },
    });
    ids.partnerAnswerId = answer.id;
    const producer = env.kafkaClient(env.secured ? partnerPrincipal(LOKAAL_TEAM) : undefined, `partner-${LOKAAL_TEAM}-ftx`).producer();
    await producer.connect();
    try {
      await producer.send({
        topic: env.topicPrefix + partnerResponsesTopic(LOKAAL_TEAM),
        acks: -1,
        messages: [{ key: projection.householdid, value: JSON.stringify(answer), headers: { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventId]: answer.id, [HEADERS.eventType]: answer.type } }],
      });
    } finally {
      await producer.disconnect();
    }
    // Applied by its code: referral's own decline carries the code alone, nothing refused or dead-lettered.
    const declined = await event(TOPICS.referrals, TYPE('referral.ReferralDeclined', 2), (e) => e.data['referralId'] === ids.referralId);
    expect(declined.data['reason']).toEqual({ code: 'geen-capaciteit' });
    expect(declined.data['answerId']).toBe(answer.id);
    expect(events(TOPICS.referrals, TYPE('referral.PartnerAnswerRefused'))).toEqual([]);

    // The decline ends the lokaal team's access to the conditions once safety-investigation has applied it (it learns of
    // the decline from referral's event, so it is a later fact there: wait for every consumer to catch up, not for the
    // event on the topic); the partner the referral passed to reads them.
    await everyoneCaughtUp();
    const conditionsOf = (referralId: string, partnerId: string) =>
      fetch(si(`/partner/referrals/${referralId}/safety-conditions`), { headers: { authorization: `Bearer ${env.partnerToken(partnerId)}`, 'x-access-purpose': 'monitoring' } });
    expect((await conditionsOf(ids.referralId, LOKAAL_TEAM)).status).toBe(403);
    const rerouted = await event(TOPICS.referrals, TYPE('referral.ReferralRerouted'), (e) => e.data['referralId'] === ids.referralId);
    ids.rerouted = { referralId: rerouted.data['newReferralId'] as string, partnerId: rerouted.data['toPartnerId'] as string };
    const passedOn = await waitFor(
      async () => {
        const read = await conditionsOf(ids.rerouted.referralId, ids.rerouted.partnerId);
        return read.status === 404 ? undefined : { status: read.status, body: (await read.json()) as Record<string, unknown> };
      },
      { description: `the conditions of referral ${ids.rerouted.referralId} for ${ids.rerouted.partnerId}`, timeoutMs: WAIT_MS },
    );
    expect(passedOn).toMatchObject({ status: 200, body: { conditions: words.conditions } });
  }, 2 * WAIT_MS);

  it('shows the text decrypted to whoever may read it: the household record, and the auditor with the key tables', async () => {
    await everyoneCaughtUp();
    // safety-investigation's read of the household record opens every sealed text.
    const record = await household();
    const history = (type: string) => record.history.filter((entry) => entry.type === TYPE(`household.${type}`, 2));
    expect(history('ImmediateSafetyConfirmed').map((entry) => entry['how'])).toEqual([words.howVictim, words.howChild]);
    expect(history('HouseholdPhaseChanged').map((entry) => entry['explanation'])).toContain(words.phaseReason);
    expect(history('SafetyConditionsRecorded').map((entry) => entry['conditions'])).toEqual([words.conditions]);
    expect(history('MonitoringResultRecorded').map((entry) => entry['reason'])).toEqual([words.monitoringReason]);
    expect(history('NewAssessmentRequested').map((entry) => entry['reason'])).toEqual([words.monitoringReason]);

    // The auditor's replay of the household, with every service's key table: each text on the log, readable.
    const opener = await KeyStoreOpener.connect({ databaseUrl: env.adminDatabaseUrl, schemas: keySchemas(), masterKeys: parseMasterKeys(env.personalDataMasterKeys) });
    try {
      const timeline = await replayHousehold({ ...env.kafkaConnection('vt-auditor'), topicPrefix: env.topicPrefix, householdId: ids.householdId, personData: opener });
      expect(labelsIn(renderTimelineText(timeline))).toEqual(ON_THE_LOG);
      expect(entriesOf(timeline, TYPE('triage.SafetyAssessmentCompleted', 2)).map((entry) => entry.reasoning)).toEqual([words.reasoningMelding, words.reasoningRequest]);
      expect(entriesOf(timeline, TYPE('triage.DeadlineExtended', 2)).map((entry) => entry.reasoning)).toEqual([words.extensionReason]);
      // The crisis note never reaches the log: crisis-triage keeps it, sealed under the household's key.
      const note = await crisisNote();
      expect(note.value).toMatchObject({ personId: ids.householdId, ciphertext: expect.any(String) });
      expect(await opener.open(note.value, 'crisis-triage')).toMatchObject({ state: 'readable', fields: { text: words.crisisNote } });
    } finally {
      await opener.close();
    }
  }, 2 * WAIT_MS);

  it("finds the text in no table of any service but where intake keeps its registration in clear", async () => {
    const found = await tagInTables();
    // The search finds what is there: intake's registration, in clear until erasure (ADR 0004, 0011) …
    expect(INTAKE_REGISTRATION.filter((place) => !found.includes(place))).toEqual([]);
    // … and nothing beyond it: every other table keeps ciphertext only.
    const beyond = found.filter((place) => !INTAKE_REGISTRATION.includes(place));
    expect(beyond.length === 0 ? 'nowhere else' : `LEAK: in clear beyond intake's registration: ${beyond.join('; ')}`).toBe('nowhere else');
  }, WAIT_MS);

  it('after the persons, the melder, the adviesvrager and the household are erased: every service destroyed the keys, and the replay shows the texts erased', async () => {
    for (const personId of [ids.victimId, ids.melderId, ids.adviesvragerId]) {
      expect((await post(intake('/privacy/erasures'), { personId, reason: 'verzoek-betrokkene' }, ['privacy-officer'], PRIVACY_OFFICER)).status).toBe(201);
    }
    const erased = await vt(['privacy', 'erase-household', '--household', ids.householdId, '--reason', 'rechterlijke-uitspraak', '--service', services.intake.url, '--token', env.token(['privacy-officer'], ['*'], PRIVACY_OFFICER)]);
    expect(erased).toMatchObject({ code: 0, stderr: '' });
    // Recorded by intake in the same transaction that answered.
    const { rows: erasures } = await db.query<{ erased_at: Date }>(`select erased_at from "${schemas['intake']}".household_erasure where household_id = $1`, [ids.householdId]);
    const recorded = erasures[0]?.erased_at;
    if (!recorded) throw new Error(`intake recorded no erasure of household ${ids.householdId}: ${erased.stdout} ${erased.stderr}`);
    householdErasedAt = recorded.toISOString();

    // Every service with a key table destroyed the household's key, and the victim's (a destroyed row where it had none).
    await waitFor(
      async () => {
        for (const service of KEY_SERVICES) {
          const { rows } = await db.query<{ n: string }>(`select count(*) as n from "${schemas[service]}".person_key where person_id = any($1) and destroyed_at is not null and wrapped_key is null`, [[ids.householdId, ids.victimId]]);
          if (Number(rows[0]?.n) !== 2) return undefined;
        }
        return true;
      },
      { description: `the household's and the victim's keys destroyed in ${KEY_SERVICES.join(', ')}`, timeoutMs: WAIT_MS },
    );
    await everyoneCaughtUp();

    const opener = await KeyStoreOpener.connect({ databaseUrl: env.adminDatabaseUrl, schemas: keySchemas(), masterKeys: parseMasterKeys(env.personalDataMasterKeys) });
    try {
      const timeline = await replayHousehold({ ...env.kafkaConnection('vt-auditor'), topicPrefix: env.topicPrefix, householdId: ids.householdId, personData: opener });
      const rendered = renderTimelineText(timeline);
      // Only the child's words remain: the child was not erased, and how its safety was confirmed is about the child.
      expect(labelsIn(rendered)).toEqual(['how-child']);
      const erasedText = `[erased ${householdErasedAt.slice(0, 10)}`;
      const reasons = (type: string) => entriesOf(timeline, type).map((entry) => entry.reasoning ?? '');
      for (const type of [TYPE('triage.SafetyAssessmentCompleted', 2), TYPE('triage.DeadlineExtended', 2), TYPE('household.MonitoringResultRecorded', 2), TYPE('household.NewAssessmentRequested', 2)]) {
        expect([type, reasons(type).length > 0 && reasons(type).every((reason) => reason.startsWith(erasedText))]).toEqual([type, true]);
      }
      expect(reasons(TYPE('household.HouseholdPhaseChanged', 2)).filter((reason) => reason.includes('[erased ')).length).toBeGreaterThan(0);
      expect(entriesOf(timeline, TYPE('household.SafetyConditionsRecorded', 2)).map((entry) => Object.fromEntries(entry.details ?? [])['safety conditions'])).toEqual([expect.stringMatching(/^\[erased \d{4}-\d{2}-\d{2}/)]);
      expect(reasons(TYPE('household.ImmediateSafetyConfirmed', 2))).toEqual([expect.stringMatching(/^\[erased \d{4}-\d{2}-\d{2}/), words.howChild]);
      expect(entriesOf(timeline, TYPE('intake.MeldingReceived')).flatMap((entry) => entry.persons ?? []).find((view) => view.personId === ids.melderId)).toMatchObject({ state: 'erased' });

      // Not only the replay's reading of the erasure events: the key tables themselves no longer open the records.
      const fresh = await KeyStoreOpener.connect({ databaseUrl: env.adminDatabaseUrl, schemas: keySchemas(), masterKeys: parseMasterKeys(env.personalDataMasterKeys) });
      try {
        const assessment = events(TOPICS.triageAssessments, TYPE('triage.SafetyAssessmentCompleted', 2))[0];
        const phase = events(TOPICS.householdPhases, TYPE('household.HouseholdPhaseChanged', 2)).find((e) => e.data['explanation']);
        expect(await fresh.open(sealed(assessment?.data['reasoning']), 'crisis-triage')).toMatchObject({ state: 'erased' });
        expect(await fresh.open(sealed(phase?.data['explanation']), 'safety-investigation')).toMatchObject({ state: 'erased' });
        expect(await fresh.open((await crisisNote()).value, 'crisis-triage')).toMatchObject({ state: 'erased' });
      } finally {
        await fresh.close();
      }
    } finally {
      await opener.close();
    }

    // The services' reads show it erased too; the partner's conditions are gone.
    const record = await household();
    expect(record.safetyConditions?.conditions).toMatchObject({ erased: true });
    expect(record.history.filter((entry) => entry.type === TYPE('household.ImmediateSafetyConfirmed', 2)).map((entry) => entry['how'])).toEqual([expect.objectContaining({ erased: true }), words.howChild]);
    const partnerRead = await fetch(si(`/partner/referrals/${ids.rerouted.referralId}/safety-conditions`), { headers: { authorization: `Bearer ${env.partnerToken(ids.rerouted.partnerId)}`, 'x-access-purpose': 'monitoring' } });
    expect({ status: partnerRead.status, body: await partnerRead.json() }).toMatchObject({ status: 410, body: { error: 'safety-conditions-erased' } });
  }, 3 * WAIT_MS);

  it('finds the text in no table of any service once erasure has cleared intake’s registration', async () => {
    const left = await tagInTables();
    expect(left.length === 0 ? 'nowhere' : `LEAK: still in clear after every erasure: ${left.join('; ')}`).toBe('nowhere');
  }, WAIT_MS);

  it('rebuilds every service from the log equal to the live tables, holding only ciphertext', async () => {
    // The services this scenario runs (signal matching and shelter placement are not among them: the rebuild leaves them out as not deployed).
    const schemaArgs = SERVICES.filter((service) => schemas[service]).flatMap((service) => ['--schema', `${service}=${schemas[service]}`]);
    const run = await vt(['audit', 'rebuild', '--json', '--keep', '--database-url', env.adminDatabaseUrl, ...schemaArgs], auditorEnv());
    if (!run.stdout) throw new Error(`vt audit rebuild printed nothing (exit ${run.code}): ${run.stderr}`);
    const result = JSON.parse(run.stdout) as RebuildJson;
    try {
      expect(result.differences).toEqual([]);
      expect(run.code).toBe(0);
      // The rebuilt tables keep the ciphertext the log carries (the assessment's reasoning) …
      const reasoning = sealed(events(TOPICS.triageAssessments, TYPE('triage.SafetyAssessmentCompleted', 2))[0]?.data['reasoning']);
      const { rows } = await db.query<{ reasoning: unknown }>(`select reasoning from "${result.schema}".crisis_triage__safety_assessment where household_id = $1`, [ids.householdId]);
      expect(JSON.stringify(rows)).toContain(reasoning.ciphertext);
      // … and never the text.
      expect(await tagInTables({ schema: result.schema, as: 'rebuild' })).toEqual([]);
    } finally {
      await db.query(`drop schema if exists "${result.schema}" cascade`);
    }
  }, 2 * WAIT_MS);

  it('finds the text in no record of any topic, in clear: a plain kafkajs consumer reads them all', async () => {
    await everyoneCaughtUp();
    const admin = env.kafkaClient().admin();
    await admin.connect();
    let topics: string[];
    const ends = new Map<string, string>();
    try {
      topics = (await admin.listTopics()).filter((topic) => topic.startsWith(env.topicPrefix)).sort();
      // Every topic of the catalog the run has: the domain topics, each service's dead letters, the partners'.
      // Signal matching and shelter placement do not run here: their topics and dead letters are not expected
      // (tests/e2e/src/signal-matching and tests/e2e/src/shelter-placement read their own).
      const running = SERVICES.filter((service) => schemas[service]);
      const catalog = [...Object.values(TOPICS).filter((topic) => !NOT_RUN_TOPICS.includes(topic)), ...running.map(deadLetterTopic), partnerReferralsTopic(LOKAAL_TEAM), partnerResponsesTopic(LOKAAL_TEAM)].map((topic) => env.topicPrefix + topic);
      expect(catalog.filter((topic) => !topics.includes(topic))).toEqual([]);
      for (const partner of PARTNERS) expect(topics).toContain(env.topicPrefix + partnerReferralsTopic(partner.partnerId));
      for (const topic of topics) for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) if (high !== low) ends.set(`${topic}:${partition}`, String(Number(high) - 1));
    } finally {
      await admin.disconnect();
    }
    const everything = await new TopicReader(env.kafkaBrokers.split(','), topics).start();
    try {
      await waitFor(
        () => {
          const last = new Map<string, string>();
          for (const record of everything.records) last.set(`${record.topic}:${record.partition}`, record.offset);
          return [...ends].every(([partition, offset]) => last.get(partition) === offset) || undefined;
        },
        { description: `every record of the ${topics.length} topics read to its end`, timeoutMs: WAIT_MS },
      );
      const records = everything.records;
      const of = (type: string) => records.map((record) => record.json<Envelope>()).filter((e) => e?.type === type && (e.householdid === ids.householdId || e.data?.['householdId'] === ids.householdId));

      // It did read the records that carry the encrypted texts, each under the key of whom it concerns.
      const melding = of(TYPE('intake.MeldingReceived'))[0];
      expect((melding?.data['personalData'] as EncryptedPersonData[] | undefined)?.map((value) => value.personId)).toContain(ids.melderId);
      for (const [type, field, subject] of [
        [TYPE('triage.SafetyAssessmentCompleted', 2), 'reasoning', ids.householdId],
        [TYPE('triage.DeadlineExtended', 2), 'reason', ids.extensionSubject],
        [TYPE('household.HouseholdPhaseChanged', 2), 'explanation', ids.householdId],
        [TYPE('household.SafetyConditionsRecorded', 2), 'conditions', ids.householdId],
        [TYPE('household.MonitoringResultRecorded', 2), 'reason', ids.householdId],
        [TYPE('household.NewAssessmentRequested', 2), 'reason', ids.householdId],
        [TYPE('household.ImmediateSafetyConfirmed', 2), 'how', ids.victimId],
        [TYPE('household.ImmediateSafetyConfirmed', 2), 'how', ids.childId],
      ] as const) {
        const carrying = of(type).filter((e) => (e.data[field] as EncryptedPersonData | undefined)?.personId === subject && typeof (e.data[field] as EncryptedPersonData).ciphertext === 'string');
        expect([type, field, subject, carrying.length > 0]).toEqual([type, field, subject, true]);
      }
      expect(of(TYPE('triage.CrisisActionRecorded')).map((e) => Object.keys(e.data).includes('note'))).toEqual([false]);
      expect(of(TYPE('privacy.HouseholdDataErased'))).toHaveLength(1);
      expect(of(TYPE('privacy.PersonDataErased')).map((e) => e.data['personId']).sort()).toEqual([ids.victimId, ids.melderId].sort());
      const partnerTopic = env.topicPrefix + partnerResponsesTopic(LOKAAL_TEAM);
      expect(records.filter((record) => record.topic === partnerTopic).map((record) => record.json<Envelope>().id)).toContain(ids.partnerAnswerId);

      // Nowhere in clear: value, key or headers of any record. The one exception is the record the partner wrote
      // itself, with text, on its own topic (the partner's doing; it went no further).
      const inClear = records.flatMap((record) => {
        const where: string[] = [];
        const value = record.value ?? '';
        if (value.includes(tag)) {
          let parsed: Envelope | undefined;
          try {
            parsed = JSON.parse(value) as Envelope;
          } catch {
            parsed = undefined;
          }
          const paths = parsed ? pathsHolding(parsed, tag) : ['(not JSON)'];
          where.push(`${record.topic.slice(env.topicPrefix.length)} ${parsed?.type ?? '?'}${parsed?.id === ids.partnerAnswerId ? ' (written by the partner)' : ''} ${paths.join(' ')} [${labelsIn(value).join(', ')}]`);
        }
        if (record.key?.includes(tag)) where.push(`${record.topic} key`);
        for (const [name, header] of Object.entries(record.headers)) if (header.includes(tag)) where.push(`${record.topic} header ${name}`);
        return where;
      });
      expect(inClear).toEqual([`${partnerResponsesTopic(LOKAAL_TEAM)} ${PARTNER_REFERRAL_DECLINED} (written by the partner) data.reason.text [partner-record]`]);
      // The DOMAIN_TOPICS the auditor replays are among them (but signal matching's and shelter placement's, which do not run here).
      for (const topic of DOMAIN_TOPICS.filter((t) => !NOT_RUN_TOPICS.includes(t))) expect(topics).toContain(env.topicPrefix + topic);
    } finally {
      await everything.stop();
    }
  }, 2 * WAIT_MS);

  // ---- helpers that need the run's state ----------------------------------------------------------------------

  function keySchemas(): Record<string, string> {
    return Object.fromEntries(KEY_SERVICES.map((service) => [service, schemas[service] as string]));
  }

  async function crisisNote(): Promise<{ value: EncryptedPersonData }> {
    const { rows } = await db.query<{ note: unknown }>(`select note from "${schemas['crisis-triage']}".crisis_action where intervention_id = $1 and note is not null`, [ids.interventionId]);
    expect(rows).toHaveLength(1);
    const note = rows[0]?.note;
    return { value: (typeof note === 'string' ? JSON.parse(note) : note) as EncryptedPersonData };
  }
});

function entriesOf(timeline: Timeline, type: string): TimelineEntry[] {
  return timeline.entries.filter((entry) => entry.type === type);
}

/** The paths (`data.reason.text`) of every string in `value` that holds `needle`. */
function pathsHolding(value: unknown, needle: string, path = ''): string[] {
  if (typeof value === 'string') return value.includes(needle) ? [path || '(value)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsHolding(item, needle, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => pathsHolding(child, needle, path ? `${path}.${key}` : key));
  return [];
}

/** The topics of a consumer group member's assignment (kafkajs' member assignment, decoded). */
function decodeAssignment(buffer: Buffer): Record<string, number[]> {
  return AssignerProtocol.MemberAssignment.decode(buffer)?.assignment ?? {};
}
