import { Client } from 'pg';
import { createServiceDataSource } from '@vt/persistence';
import { parseMasterKeys, PersonDataCipher, PersonKeyStore } from '@vt/privacy';
import { partnerReferralsTopic, TOPICS } from '@vt/contracts';
import { aMelding, expectedHouseholdReference, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

/** The four services as separate processes on the real broker and database, as `npm start` runs them. */
describe('walking skeleton: melding → acute check → household record; assessment overdracht → referral to the lokaal team', () => {
  let env: TestEnvironment;
  let services: Record<'intake' | 'crisis-triage' | 'safety-investigation' | 'referral', RunningService>;
  let reader: TopicReader;
  let intakeSchema: string;
  let referralSchema: string;
  const partnerTopic = partnerReferralsTopic('lokaal-team-gm0014');

  beforeAll(async () => {
    env = testEnvironment();
    const [intake, crisisTriage, safetyInvestigation, referral] = await Promise.all([
      env.serviceEnv('intake').then((e) => {
        intakeSchema = e['DATABASE_SCHEMA'] as string;
        return startService('intake', e);
      }),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e)),
      env.serviceEnv('safety_investigation').then((e) => startService('safety-investigation', e)),
      env.serviceEnv('referral').then((e) => {
        referralSchema = e['DATABASE_SCHEMA'] as string;
        return startService('referral', e);
      }),
    ]);
    services = { intake, 'crisis-triage': crisisTriage, 'safety-investigation': safetyInvestigation, referral };
    const chain = [TOPICS.meldingen, TOPICS.triageAssessments, TOPICS.householdPhases, TOPICS.referrals];
    reader = await new TopicReader(env.kafkaBrokers.split(','), chain.map((topic) => env.topicPrefix + topic)).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all(Object.values(services ?? {}).map((service) => service.stop()));
    await env?.cleanup();
  });

  async function postMelding(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${services.intake.url}/api/v1/meldingen`, { method: 'POST', headers: { ...env.authHeaders(['call-handler']), ...headers }, body: JSON.stringify(body) });
  }

  it('carries a posted melding over every topic of the chain, in order, and its assessment’s overdracht to the lokaal team’s own topic', async () => {
    const response = await postMelding(aMelding().acute().inGemeente('GM0014').requestBody());
    expect(response.status).toBe(201);
    const { meldingId, householdId } = (await response.json()) as { meldingId: string; householdId: string };
    // Opening the household record refers nobody; the veiligheidsbeoordeling's outcome does.
    await waitFor(() => reader.on(env.topicPrefix + TOPICS.householdPhases).find((r) => r.key === householdId), { description: 'HouseholdRecordOpened' });
    const assessed = await fetch(`${services['crisis-triage'].url}/api/v1/meldingen/${meldingId}/safety-assessment`, {
      method: 'POST',
      headers: env.authHeaders(['triage'], ['vt-groningen'], 'triage-groningen-1'),
      body: JSON.stringify({ taxatie: 'acuut', outcome: 'overdracht-lokaal-team', reasoning: 'Hulp via het lokaal team volstaat.' }),
    });
    expect(assessed.status).toBe(201);

    const partnerReader = await waitFor(
      async () => {
        const partner = new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + partnerTopic]);
        return partner.start();
      },
      { description: `partner topic ${partnerTopic} to exist` },
    );
    try {
      // The lokaal team knows the household only by its own reference for it (docs/adr/0016), derived here from the run's key.
      const reference = expectedHouseholdReference(env.partnerReferenceKey, 'lokaal-team-gm0014', householdId);
      const projection = await waitFor(() => partnerReader.records.find((r) => r.json<{ data: { householdReference: string } }>().data.householdReference === reference), {
        description: 'the referral on the lokaal team’s topic',
      });
      const ofHousehold = (topic: string) => reader.on(env.topicPrefix + topic).filter((record) => record.key === householdId);
      const [melding] = ofHousehold(TOPICS.meldingen);
      const [check] = ofHousehold(TOPICS.triageAssessments);
      const [opened] = ofHousehold(TOPICS.householdPhases);
      const referral = await waitFor(() => ofHousehold(TOPICS.referrals)[0], { description: 'ReferralIssued' });

      type Envelope = { id: string; type: string; time: string; causationid: string; correlationid: string; data: Record<string, unknown> };
      const events = [melding, check, opened].map((record) => record?.json<Envelope>());
      expect(events.map((event) => event?.type)).toEqual([
        'nl.veiligthuis.intake.MeldingReceived.v1',
        'nl.veiligthuis.triage.AcuteCheckCompleted.v1',
        'nl.veiligthuis.household.HouseholdRecordOpened.v1',
      ]);
      // In order: each event is caused by the one before it, and all share the melding's correlation.
      for (let i = 1; i < events.length; i++) {
        expect(events[i]?.causationid).toBe(events[i - 1]?.id);
        expect(events[i]?.correlationid).toBe(events[0]?.id);
        expect(Date.parse(events[i]?.time ?? '')).toBeGreaterThanOrEqual(Date.parse(events[i - 1]?.time ?? ''));
      }
      expect(events[0]?.data).toMatchObject({ meldingId, householdId, gemeenteCode: 'GM0014', acuteIndication: { indicated: true } });
      expect(events[1]?.data).toMatchObject({ meldingId, acute: true, grounds: ['call-handler-indicated-acute'], ruleSetVersion: 'acute-rules/3' });
      expect(events[2]?.data).toMatchObject({ householdId, phase: 'directe-veiligheid' });
      const assessment = ofHousehold(TOPICS.triageAssessments)
        .map((record) => record.json<Envelope>())
        .find((event) => event.type === 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2');
      const issued = referral.json<Envelope>();
      expect(issued.type).toBe('nl.veiligthuis.referral.ReferralIssued.v1');
      expect(issued.causationid).toBe(assessment?.id);
      expect(issued.data).toMatchObject({ householdId, partnerId: 'lokaal-team-gm0014', purpose: 'overdracht', basis: { outcome: 'overdracht-lokaal-team' }, disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6' } });

      const partnerView = projection.json<{ causationid: string; data: Record<string, unknown> }>();
      expect(partnerView.causationid).toBe(issued.id);
      expect(projection.key).toBe(reference);
      expect(issued.data['householdReference']).toBe(reference);
      expect(projection.value).not.toContain(householdId);
      // The partner's projection carries no names and no melder: persons only by id and role, and what a lokaal team needs.
      expect(Object.keys(partnerView.data).sort()).toEqual(['answerDueAt', 'disclosure', 'gemeenteCode', 'householdReference', 'issuedAt', 'outcome', 'partnerId', 'partnerType', 'persons', 'purpose', 'referralId', 'regionCode']);
      expect(projection.value).not.toContain('Test Persoon');
      expect(projection.value).not.toMatch(/melder/i);

      const household = await fetch(`${services['safety-investigation'].url}/api/v1/households/${householdId}`, { headers: { ...env.authHeaders(['investigator']), 'x-access-purpose': 'onderzoek' } });
      expect(household.status).toBe(200);
      expect(await household.json()).toMatchObject({ householdId, phase: 'directe-veiligheid', persons: [{ role: 'victim', immediateSafety: 'unconfirmed' }] });
    } finally {
      await partnerReader.stop();
    }
  });

  it('puts records on the topics that any CloudEvents reader can parse without this project’s code', async () => {
    const response = await postMelding(aMelding().requestBody());
    const { householdId } = (await response.json()) as { householdId: string };
    const record = await waitFor(() => reader.on(env.topicPrefix + TOPICS.meldingen).find((r) => r.key === householdId), { description: 'the MeldingReceived record' });
    expect(record.headers['content-type']).toBe('application/cloudevents+json; charset=UTF-8');
    const parsed = JSON.parse(record.value ?? '') as Record<string, unknown>;
    // CloudEvents 1.0 structured mode: required context attributes present, lower-case extension names.
    for (const attribute of ['specversion', 'id', 'source', 'type']) expect(typeof parsed[attribute]).toBe('string');
    expect(parsed['specversion']).toBe('1.0');
    for (const name of Object.keys(parsed)) expect(name).toMatch(/^[a-z0-9]{1,20}$/);
    expect(parsed['householdid']).toBe(householdId);
    // Routing and categories travel; who the melder is, names and the caller's account do not.
    expect(parsed['data']).toMatchObject({
      gemeenteCode: 'GM0363',
      region: { vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13', calendar: 'nl' },
      registration: { channel: 'telefoon', melderKind: 'professional', melderSector: 'politie-justitie', melderRole: 'melder', melderIdentitySealed: false },
      concerns: { aard: ['kindermishandeling'], tags: [] },
    });
    for (const personal of ['Agent Test', 'Test Persoon', '0201234567', 'blauwe plekken']) expect(record.value).not.toContain(personal);
    // ...they travel encrypted per person, and only a holder of the keys reads them.
    const data = parsed['data'] as { melderId: string; persons: { personId: string }[]; personalData: { personId: string; alg: string }[] };
    expect(data.personalData.map((p) => p.personId).sort()).toEqual([...data.persons.map((p) => p.personId), data.melderId].sort());
    const dataSource = createServiceDataSource({ url: env.adminDatabaseUrl, schema: intakeSchema });
    await dataSource.initialize();
    try {
      const cipher = new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: parseMasterKeys(env.personalDataMasterKeys) }));
      const melder = await cipher.decryptFields(data.personalData.find((p) => p.personId === data.melderId) as never);
      expect(melder).toMatchObject({ erased: false, fields: { name: 'Agent Test', phone: '0201234567' } });
    } finally {
      await dataSource.destroy();
    }
  });

  it('lets only a call handler for the household’s region register a melding', async () => {
    const body = JSON.stringify(aMelding().inGemeente('GM0363').requestBody());
    const url = `${services.intake.url}/api/v1/meldingen`;
    const noToken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const badToken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' }, body });
    expect(badToken.status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: env.authHeaders(['triage']), body })).status).toBe(403);
    const wrongRegion = await fetch(url, { method: 'POST', headers: env.authHeaders(['call-handler'], ['vt-groningen']), body });
    expect(wrongRegion.status).toBe(403);
    expect(((await wrongRegion.json()) as { message: string }).message).toContain('vt-amsterdam-amstelland');
    expect((await fetch(url, { method: 'POST', headers: env.authHeaders(['call-handler'], ['vt-amsterdam-amstelland']), body })).status).toBe(201);
  });

  it('answers a retried POST with the same Idempotency-Key with the original melding, never a second one', async () => {
    const body = aMelding().requestBody();
    const key = `retry-${householdKeySuffix()}`;
    const first = await postMelding(body, { 'idempotency-key': key });
    const second = await postMelding(body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    const reused = await postMelding(aMelding().acute().requestBody(), { 'idempotency-key': key });
    expect(reused.status).toBe(422);
  });

  it('refuses bad input with a 400 naming every failing field, and stores nothing', async () => {
    const db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    const stored = async () => (await db.query<{ n: number }>(`select (select count(*) from ${intakeSchema}.melding) + (select count(*) from ${intakeSchema}.outbox) as n`)).rows[0]?.n;
    try {
      const before = await stored();
      const response = await postMelding({ ...aMelding().requestBody(), household: { gemeenteCode: '' }, persons: [{ role: 'neighbour', name: '' }], acuteIndication: { indicated: 'yes' }, extra: 1 });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; fields: { path: string; code: string; message: string }[] };
      expect(body.error).toBe('validation-failed');
      expect(body.fields.map((f) => f.path).sort()).toEqual(['acuteIndication.indicated', 'extra', 'household.gemeenteCode', 'persons[0].name', 'persons[0].role']);
      const domain = await postMelding({
        ...aMelding().requestBody(),
        receivedAt: '2999-01-01T09:00:00+01:00',
        melder: { kind: 'professional', role: 'melder', name: 'Agent Test' },
        household: { gemeenteCode: 'GM0363', postcode: '1234 SA' },
        persons: [{ role: 'victim', name: 'Test Persoon', bsn: '999993654', birthDate: '2999-01-01' }],
        concerns: { aard: ['onbekend', 'kindermishandeling'], account: 'x' },
      });
      expect(domain.status).toBe(400);
      const domainBody = (await domain.json()) as { fields: { path: string; code: string }[] };
      expect(domainBody.fields.map((f) => `${f.path} ${f.code}`).sort()).toEqual([
        'concerns.aard exclusive-code-combined',
        'household.postcode postcode-reserved-letters',
        'melder.phone contact-missing',
        'melder.sector melder-sector-missing',
        'persons[0].birthDate date-in-future',
        'persons[0].bsn bsn-fails-elfproef',
        'receivedAt received-at-in-future',
      ]);
      const unknown = await postMelding({ ...aMelding().requestBody(), household: { gemeenteCode: 'Amsterdm' } });
      expect(unknown.status).toBe(422);
      expect(await unknown.json()).toMatchObject({ error: 'semantic-conflict', fields: [{ path: 'household.gemeenteCode', code: 'unknown-gemeente', suggestions: expect.arrayContaining(['Amsterdam']) }] });
      const chat = await postMelding({ ...aMelding().requestBody(), channel: 'chat' });
      expect(chat.status).toBe(422);
      expect(await chat.json()).toMatchObject({ fields: [{ path: 'channel', code: 'channel-advice-only' }] });
      // The answer comes after the transaction would have committed: neither a melding nor an event was stored.
      expect(await stored()).toBe(before);
    } finally {
      await db.end();
    }
  });

  it('refers on an assessment outcome of overdracht to the lokaal team once, and not when the record opened', async () => {
    const response = await postMelding(aMelding().inGemeente('GM0014').requestBody());
    const { meldingId, householdId } = (await response.json()) as { meldingId: string; householdId: string };
    await waitFor(() => reader.on(env.topicPrefix + TOPICS.householdPhases).find((r) => r.key === householdId), { description: 'HouseholdRecordOpened' });
    const assessed = await fetch(`${services['crisis-triage'].url}/api/v1/meldingen/${meldingId}/safety-assessment`, {
      method: 'POST',
      headers: env.authHeaders(['triage'], ['vt-groningen'], 'triage-groningen-2'),
      body: JSON.stringify({ taxatie: 'structureel', outcome: 'overdracht-lokaal-team', reasoning: 'Hulp via het lokaal team volstaat.' }),
    });
    expect(assessed.status).toBe(201);
    const completed = await waitFor(
      () => reader.on(env.topicPrefix + TOPICS.triageAssessments).map((r) => r.json<{ id: string; type: string; householdid: string }>()).find((e) => e.householdid === householdId && e.type === 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2'),
      { description: 'SafetyAssessmentCompleted' },
    );
    const db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    try {
      await waitFor(async () => (await db.query(`select 1 from ${referralSchema}.inbox where event_id = $1`, [completed.id])).rowCount === 1 || undefined, { description: 'referral to apply the assessment' });
      const referrals = await db.query(`select partner_id from ${referralSchema}.referral where household_id = $1`, [householdId]);
      expect(referrals.rows).toEqual([{ partner_id: 'lokaal-team-gm0014' }]);
    } finally {
      await db.end();
    }
  });
});

function householdKeySuffix(): string {
  return Math.random().toString(36).slice(2, 12);
}
