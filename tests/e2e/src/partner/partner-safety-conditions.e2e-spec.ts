import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Producer } from 'kafkajs';
import { CLOUDEVENTS_CONTENT_TYPE, HEADERS, newEvent, PARTNER_REFERRAL_ISSUED_V2, partnerReferralsTopic, REFERRAL_ISSUED, ReferralPurpose, TOPICS } from '@vt/contracts';
import type { Role } from '@vt/auth';
import { waitForLeaders } from '@vt/messaging';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';
import { jsonLines, partnerConsume } from './partner-flow';

type Envelope = { id: string; type: string; subject?: string; data: Record<string, unknown> };
type Answer = { status: number; body: Record<string, unknown> };

const INVESTIGATOR = 'investigator-partner-read';
const LOKAAL_TEAM = 'lokaal-team-gm0014';
const WAIT_MS = 120_000;

/**
 * ADR 0020 and issue 11 point 6: the partner's topic carries only how many safety conditions a referral has; the
 * partner reads them from safety-investigation, which holds them encrypted under the household's key, with a token of
 * role `partner` naming it. Only the partner the referral was issued to, only when its projection holds the conditions
 * (the referral service's projection table), every read recorded as a disclosure (`CaseDataAccessed` v2 on
 * `vt.audit.access.v1`) before the answer, and nothing once the household's key is destroyed. The referral service's
 * ReferralIssued is written onto `vt.referral.referrals.v1` by the test, as that service writes it; intake,
 * crisis-triage and safety-investigation run as processes on the real broker and database, and `vt partner consume`
 * runs as the partner runs it.
 */
describe('a partner reads the safety conditions of its referral from safety-investigation', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let crisisTriage: RunningService;
  let safetyInvestigation: RunningService;
  let schema: string;
  let reader: TopicReader;
  let producer: Producer;
  let db: Client;
  const tag = `ptx${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    env = testEnvironment();
    const investigationEnv = await env.serviceEnv('safety_investigation');
    schema = investigationEnv['DATABASE_SCHEMA'] as string;
    services = await Promise.all([
      env.serviceEnv('intake').then((e) => startService('intake', e, { readyTimeoutMs: WAIT_MS })),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e, { readyTimeoutMs: WAIT_MS })),
      startService('safety-investigation', investigationEnv, { readyTimeoutMs: WAIT_MS }),
    ]);
    [intake, crisisTriage, safetyInvestigation] = services as [RunningService, RunningService, RunningService];
    // The partner's own referrals topic, as Veilig Thuis makes it when it registers the partner.
    const kafka = env.kafkaClient();
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = [env.topicPrefix + partnerReferralsTopic(LOKAAL_TEAM), env.topicPrefix + TOPICS.referrals];
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: -1 })), waitForLeaders: false });
      await waitForLeaders(admin, topics, 30_000);
    } finally {
      await admin.disconnect();
    }
    producer = kafka.producer();
    await producer.connect();
    reader = await new TopicReader(env.kafkaBrokers.split(','), [TOPICS.householdPhases, TOPICS.investigations, TOPICS.auditAccess].map((topic) => env.topicPrefix + topic)).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  }, 3 * WAIT_MS);

  afterAll(async () => {
    await db?.end();
    await producer?.disconnect();
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  const headers = (roles: Role[] = ['triage', 'investigator']): Record<string, string> => ({ ...env.authHeaders(roles, ['*'], INVESTIGATOR), 'x-access-purpose': 'overdracht' });
  const si = (path: string): string => `${safetyInvestigation.url}/api/v1${path}`;
  const conditionsUrl = (referralId: string) => si(`/partner/referrals/${referralId}/safety-conditions`);

  async function post(url: string, body: unknown, roles?: Role[]): Promise<Answer> {
    const response = await fetch(url, { method: 'POST', headers: headers(roles), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function created(url: string, body: unknown, roles?: Role[]): Promise<Record<string, unknown>> {
    const answer = await post(url, body, roles);
    if (answer.status !== 201) throw new Error(`POST ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  async function read(url: string, authorization?: string): Promise<Answer> {
    const response = await fetch(url, { headers: authorization ? { authorization: `Bearer ${authorization}` } : {} });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }
  const asPartner = (partnerId: string) => env.partnerToken(partnerId);

  const events = (topic: string, type: string): Envelope[] =>
    reader
      .on(env.topicPrefix + topic)
      .map((record) => record.json<Envelope>())
      .filter((event) => event.type === type);
  const accessesOf = (referralId: string) => events(TOPICS.auditAccess, 'nl.veiligthuis.audit.CaseDataAccessed.v2').filter((event) => (event.data['subject'] as { id: string }).id === referralId);

  async function household(): Promise<{ householdId: string; meldingId: string; persons: { personId: string }[] }> {
    const melding = aMelding().inGemeente('GM0014').requestBody();
    const registered = await created(`${intake.url}/api/v1/meldingen`, { ...melding, persons: [...(melding['persons'] as unknown[]), { role: 'child-involved', name: 'Test Kind' }] }, ['call-handler']);
    const householdId = registered['householdId'] as string;
    const opened = await waitFor(
      async () => {
        const response = await fetch(si(`/households/${householdId}`), { headers: headers() });
        return response.status === 200 ? ((await response.json()) as { persons: { personId: string }[] }) : undefined;
      },
      { description: `household ${householdId} opened`, timeoutMs: WAIT_MS },
    );
    return { householdId, meldingId: registered['meldingId'] as string, persons: opened.persons };
  }

  /** The referral service's internal ReferralIssued, as it writes it to vt.referral.referrals.v1. */
  async function issueReferral(referral: { householdId: string; partnerId: string; partnerType: string; purpose: ReferralPurpose; basis: { eventType: string; eventId: string } }): Promise<string> {
    const referralId = randomUUID();
    const now = new Date();
    const event = newEvent({
      type: REFERRAL_ISSUED,
      service: 'referral',
      householdId: referral.householdId,
      subject: referralId,
      time: now,
      data: {
        referralId,
        householdId: referral.householdId,
        partnerId: referral.partnerId,
        partnerType: referral.partnerType as never,
        gemeenteCode: 'GM0014',
        disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: referral.purpose, fields: ['householdReference', 'safetyConditionCount'] },
        directoryVersion: 'test-partner-read',
        issuedAt: now.toISOString(),
        actor: 'system:referral',
        purpose: referral.purpose,
        basis: referral.basis,
        householdReference: randomUUID(),
      },
    });
    await producer.send({
      topic: env.topicPrefix + TOPICS.referrals,
      acks: -1,
      messages: [{ key: referral.householdId, value: JSON.stringify(event), headers: { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventId]: event.id, [HEADERS.eventType]: event.type } }],
    });
    await waitFor(async () => (await db.query(`select 1 from "${schema}".household_referral where referral_id = $1`, [referralId])).rowCount === 1 || undefined, {
      description: `referral ${referralId} recorded by safety-investigation`,
      timeoutMs: WAIT_MS,
    });
    return referralId;
  }

  it('gives the conditions to the partner of the referral only, records the disclosure first, and vt partner consume shows them', async () => {
    const { householdId, persons } = await household();
    for (const { personId } of persons) await created(si(`/households/${householdId}/persons/${personId}/immediate-safety-confirmations`), { how: 'Gezien op een veilig adres' });
    await created(si(`/households/${householdId}/phase-transitions`), { to: 'duurzame-veiligheid', reason: 'Iedereen voorlopig veilig' });
    const conditions = [`Vader komt niet in de woning (${tag}-a)`, `Kind gaat elke dag naar school (${tag}-b)`];
    await created(si(`/households/${householdId}/safety-conditions`), { conditions, handedOverTo: [LOKAAL_TEAM] });
    const recorded = await waitFor(() => events(TOPICS.householdPhases, 'nl.veiligthuis.household.SafetyConditionsRecorded.v2').find((event) => event.data['householdId'] === householdId), {
      description: 'SafetyConditionsRecorded v2',
      timeoutMs: WAIT_MS,
    });
    const basis = { eventType: recorded.type, eventId: recorded.id };
    const voorwaarden = await issueReferral({ householdId, partnerId: LOKAAL_TEAM, partnerType: 'lokaal-team', purpose: 'voorwaarden', basis });
    const politie = await issueReferral({ householdId, partnerId: 'politie-groningen', partnerType: 'politie', purpose: 'voorwaarden', basis });
    const informed = await issueReferral({ householdId, partnerId: LOKAAL_TEAM, partnerType: 'lokaal-team', purpose: 'informeren', basis });

    // The partner the referral was issued to reads the conditions; the answer never names VT's household id.
    const answer = await read(conditionsUrl(voorwaarden), asPartner(LOKAAL_TEAM));
    expect(answer).toEqual({ status: 200, body: { referralId: voorwaarden, partnerId: LOKAAL_TEAM, conditionCount: 2, conditions, recordedAt: recorded.data['recordedAt'] } });
    expect(JSON.stringify(answer.body)).not.toContain(householdId);
    // The read is a disclosure on vt.audit.access.v1: by whom (the partner), about which referral, for which purpose, what.
    const [access] = await waitFor(() => accessesOf(voorwaarden).length > 0 && accessesOf(voorwaarden), { description: 'CaseDataAccessed of the partner read', timeoutMs: WAIT_MS });
    expect(access).toMatchObject({
      source: '/veilig-thuis/safety-investigation',
      data: {
        householdId,
        subject: { kind: 'referral', id: voorwaarden },
        service: 'safety-investigation',
        purpose: 'monitoring',
        fields: ['safetyConditions'],
        actor: `user:partner:${LOKAAL_TEAM}:medewerker-${LOKAAL_TEAM}`,
      },
    });
    expect(JSON.stringify(access)).not.toContain(tag);

    // Another partner learns nothing about the referral; other roles and no token are refused.
    expect(await read(conditionsUrl(voorwaarden), asPartner('mdt-groningen'))).toMatchObject({ status: 404, body: { error: 'referral-not-found' } });
    expect(await read(conditionsUrl(voorwaarden), env.token(['investigator', 'auditor'], ['*'], INVESTIGATOR))).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await read(conditionsUrl(voorwaarden))).toMatchObject({ status: 401 });
    // A partner whose projection has no conditions (politie), and a lokaal team only informed, get none.
    expect(await read(conditionsUrl(politie), asPartner('politie-groningen'))).toMatchObject({ status: 403, body: { error: 'not-disclosed' } });
    expect(await read(conditionsUrl(informed), asPartner(LOKAAL_TEAM))).toMatchObject({ status: 403, body: { error: 'not-disclosed' } });
    expect(await read(conditionsUrl(randomUUID()), asPartner(LOKAAL_TEAM))).toMatchObject({ status: 404, body: { error: 'referral-not-found' } });
    // Refusals disclose nothing and record nothing; the one read was recorded once.
    expect([politie, informed].flatMap(accessesOf)).toEqual([]);
    expect(accessesOf(voorwaarden)).toHaveLength(1);

    // The partner's topic has the count only (partner.ReferralIssued v2, as the referral service writes it); the
    // partner's own command reads the conditions with its token.
    const projection = newEvent({
      type: PARTNER_REFERRAL_ISSUED_V2,
      service: 'referral',
      householdId: randomUUID(),
      subject: voorwaarden,
      time: new Date(),
      data: {
        referralId: voorwaarden,
        householdReference: randomUUID(),
        partnerId: LOKAAL_TEAM,
        partnerType: 'lokaal-team',
        purpose: 'voorwaarden',
        safetyConditionCount: 2,
        disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: 'voorwaarden', fields: ['householdReference', 'partnerId', 'partnerType', 'purpose', 'safetyConditionCount'] },
        issuedAt: new Date().toISOString(),
      },
    });
    projection.householdid = projection.data.householdReference;
    await producer.send({
      topic: env.topicPrefix + partnerReferralsTopic(LOKAAL_TEAM),
      acks: -1,
      messages: [{ key: projection.householdid, value: JSON.stringify(projection), headers: { [HEADERS.contentType]: CLOUDEVENTS_CONTENT_TYPE, [HEADERS.eventId]: projection.id, [HEADERS.eventType]: projection.type } }],
    });
    const consumed = await partnerConsume(env, LOKAAL_TEAM, ['--once', '--json', '--conditions', '--service', safetyInvestigation.url, '--token', asPartner(LOKAAL_TEAM)]);
    expect(consumed).toMatchObject({ code: 0 });
    const lines = jsonLines(consumed.stdout);
    expect(lines.find((line) => line.kind === 'referral')?.event?.data).toMatchObject({ referralId: voorwaarden, safetyConditionCount: 2 });
    expect(lines.find((line) => line.kind === 'conditions')).toMatchObject({ referralId: voorwaarden, ok: true, conditions });
    await waitFor(() => accessesOf(voorwaarden).length === 2 || undefined, { description: "the partner command's read recorded too", timeoutMs: WAIT_MS });
  }, 6 * WAIT_MS);

  it('answers 410 once the household key is destroyed: the conditions of a concluded investigation are gone', async () => {
    const { householdId, meldingId } = await household();
    expect((await post(`${crisisTriage.url}/api/v1/meldingen/${meldingId}/safety-assessment`, { taxatie: 'structureel', outcome: 'onderzoek', reasoning: 'Onderzoek nodig.' }, ['triage'])).status).toBe(201);
    const opened = await waitFor(() => events(TOPICS.investigations, 'nl.veiligthuis.investigation.InvestigationOpened.v1').find((event) => event.data['householdId'] === householdId), {
      description: 'InvestigationOpened',
      timeoutMs: WAIT_MS,
    });
    await created(si(`/investigations/${opened.data['investigationId']}/conclusion`), {
      conclusion: { unsafety: true, risks: ['psychisch-geweld'] },
      safetyConditions: [`Geen alcohol in huis (${tag}-c)`],
      outcome: 'voorwaarden-en-vervolg',
      handOverTo: ['lokaal-team'],
    });
    const concluded = await waitFor(() => events(TOPICS.investigations, 'nl.veiligthuis.investigation.InvestigationConcluded.v2').find((event) => event.data['householdId'] === householdId), {
      description: 'InvestigationConcluded v2',
      timeoutMs: WAIT_MS,
    });
    const referralId = await issueReferral({ householdId, partnerId: LOKAAL_TEAM, partnerType: 'lokaal-team', purpose: 'voorwaarden', basis: { eventType: concluded.type, eventId: concluded.id } });

    // The household's key destroyed in safety-investigation's key table, as the erasure of the household's data does
    // (HouseholdDataErased, handled for every service in libs/runtime): here directly, before anything read it.
    const destroyed = await db.query(`update "${schema}".person_key set wrapped_key = null, destroyed_at = now(), destroyed_reason = 'bewaartermijn-verstreken (test)' where person_id = $1 returning destroyed_at`, [householdId]);
    expect(destroyed.rowCount).toBe(1);
    const gone = await read(conditionsUrl(referralId), asPartner(LOKAAL_TEAM));
    expect(gone).toMatchObject({ status: 410, body: { error: 'safety-conditions-erased', erasedAt: (destroyed.rows[0] as { destroyed_at: Date }).destroyed_at.toISOString() } });
    expect(JSON.stringify(gone.body)).not.toContain(tag);
    expect(accessesOf(referralId)).toEqual([]);
    // The household's own reads show the same: erased, with the date.
    const after = (await (await fetch(si(`/households/${householdId}`), { headers: headers() })).json()) as { safetyConditions: Record<string, unknown> };
    expect(after.safetyConditions).toMatchObject({ conditions: { erased: true, erasedAt: expect.any(String) }, conditionCount: 1 });
  }, 6 * WAIT_MS);
});
