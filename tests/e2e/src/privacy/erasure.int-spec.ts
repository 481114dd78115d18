import { execFile } from 'node:child_process';
import { Client } from 'pg';
import { EncryptedPersonData, TOPICS } from '@vt/contracts';
import { createServiceDataSource } from '@vt/persistence';
import { parseMasterKeys, PersonDataCipher, PersonKeyStore } from '@vt/privacy';
import { appEntry, aMelding, REPO_ROOT, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Registered = { meldingId: string; householdId: string };
type Envelope<T = Record<string, unknown>> = { id: string; type: string; subject?: string; data: T };
type MeldingData = { meldingId: string; persons: { personId: string; role: string }[]; melderId: string; personalData: EncryptedPersonData[] };

const ERASED = 'nl.veiligthuis.privacy.PersonDataErased.v1';

/** Erasure by crypto-shredding on the real broker and database: intake, safety-investigation and the CLI as processes. */
describe('erasure: vt privacy erase, destruction requests and the retention job', () => {
  let env: TestEnvironment;
  let intake: RunningService;
  let safetyInvestigation: RunningService;
  let investigationSchema: string;
  let reader: TopicReader;
  let schema: string;
  let db: Client;
  let cipherOverIntake: () => PersonDataCipher;
  let closeDataSource: () => Promise<void>;

  beforeAll(async () => {
    env = testEnvironment();
    const intakeEnv = await env.serviceEnv('intake');
    schema = intakeEnv['DATABASE_SCHEMA'] as string;
    const investigationEnv = await env.serviceEnv('safety_investigation');
    investigationSchema = investigationEnv['DATABASE_SCHEMA'] as string;
    // safety-investigation keeps data keys of its own (personalData: true): it must destroy its key too.
    [intake, safetyInvestigation] = await Promise.all([startService('intake', { ...intakeEnv, ERASURE_CLOCK_INTERVAL_MS: '100' }), startService('safety-investigation', investigationEnv)]);
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.meldingen, env.topicPrefix + TOPICS.privacyErasures, env.topicPrefix + TOPICS.auditAccess]).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    // An auditor's view of intake's key table: a fresh store each time, so no cached key hides a destruction.
    const dataSource = createServiceDataSource({ url: intakeEnv['DATABASE_URL'] as string, schema, migrations: [] });
    await dataSource.initialize();
    const masterKeys = parseMasterKeys(env.personalDataMasterKeys);
    cipherOverIntake = () => new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys, cache: { maxEntries: 0 } }));
    closeDataSource = () => dataSource.destroy();
  });

  afterAll(async () => {
    await closeDataSource?.();
    await db?.end();
    await reader?.stop();
    await Promise.all([intake?.stop(), safetyInvestigation?.stop()]);
    await env?.cleanup();
  });

  async function register(persons: Record<string, unknown>[]): Promise<Registered> {
    const body = { ...aMelding().requestBody(), persons };
    const response = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: env.authHeaders(['call-handler']), body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as Registered;
  }

  const meldingReceived = (meldingId: string) =>
    waitFor(() => reader.on(env.topicPrefix + TOPICS.meldingen).map((r) => r.json<Envelope<MeldingData>>().data).find((d) => d.meldingId === meldingId), {
      description: `MeldingReceived of ${meldingId}`,
    });

  type AdviesvraagView = {
    householdId: string;
    adviesvrager: { adviesvragerId: string; erased: boolean; erasedAt: string | null };
    persons: { personId: string; role: string; erased: boolean; erasedAt: string | null }[];
  };

  async function registerAdviesvraag(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${intake.url}/api/v1/adviesvragen`, { method: 'POST', headers: env.authHeaders(['call-handler']), body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { adviesvraagId: string }).adviesvraagId;
  }

  async function readAdviesvraag(adviesvraagId: string): Promise<{ view: AdviesvraagView; text: string }> {
    const response = await fetch(`${intake.url}/api/v1/adviesvragen/${adviesvraagId}`, {
      headers: { ...env.authHeaders(['privacy-officer'], ['*'], 'privacy-officer-1'), 'x-access-purpose': 'privacyverzoek' },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    return { view: JSON.parse(text) as AdviesvraagView, text };
  }

  const erasureEvents = () => reader.on(env.topicPrefix + TOPICS.privacyErasures).map((r) => r.json<Envelope>());

  /** `npm run vt -- privacy …` as a process of its own, with a privacy officer's token. */
  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const argv = [appEntry('vt-cli'), 'privacy', ...args, '--service', intake.url, '--token', env.token(['privacy-officer'], ['*'], 'privacy-officer-1')];
    return new Promise((resolve) => {
      execFile(process.execPath, argv, { cwd: REPO_ROOT }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
  }

  const personKey = async (personId: string) =>
    (await db.query(`select wrapped_key, destroyed_at, destroyed_reason from "${schema}".person_key where person_id = $1`, [personId])).rows[0] as
      | { wrapped_key: Buffer | null; destroyed_at: Date | null; destroyed_reason: string | null }
      | undefined;

  it('erases one person: key destroyed, fields cleared, PersonDataErased once, the record on the topic reads as erased, the others still decrypt', async () => {
    const registered = await register([
      { role: 'victim', name: 'Test Slachtoffer', bsn: '999993653', birthDate: '1990-04-02' },
      { role: 'child-involved', name: 'Test Kind', birthDate: '2016-05-01' },
    ]);
    const melding = await meldingReceived(registered.meldingId);
    const victim = melding.persons.find((p) => p.role === 'victim')?.personId as string;
    const child = melding.persons.find((p) => p.role === 'child-involved')?.personId as string;
    const before = await cipherOverIntake().decryptFields(melding.personalData.find((p) => p.personId === victim) as EncryptedPersonData);
    expect(before).toMatchObject({ erased: false, fields: { name: 'Test Slachtoffer', bsn: '999993653' } });

    // The destruction request starts its 3-month clock from receipt.
    // Received on Thursday 15 January 2026: 3 months end on Wednesday 15 April (libs/calendar), so it is due by local midnight after it.
    const requested = await cli('request', '--person', victim, '--received-at', '2026-01-15T10:00:00+01:00');
    expect(requested).toMatchObject({ code: 0, stderr: '' });
    const expected = { dueAt: new Date('2026-04-16T00:00:00+02:00'), dueLocalDate: '2026-04-15' };
    const request = JSON.parse(requested.stdout.trim().split('\n').pop() as string) as { requestId: string; dueAt: string; dueLocalDate: string; legalBasis: string };
    expect(request).toMatchObject({ dueAt: expected.dueAt.toISOString(), dueLocalDate: expected.dueLocalDate, legalBasis: 'Wmo 2015 art. 5.3.5' });
    const started = await waitFor(() => erasureEvents().find((e) => e.type === 'nl.veiligthuis.privacy.ErasureRequested.v1' && e.subject === request.requestId), { description: 'ErasureRequested' });
    expect(started.data).toMatchObject({ personId: victim, householdId: registered.householdId, clock: 'vernietigingsverzoek', dueAt: expected.dueAt.toISOString(), actor: 'user:privacy-officer-1' });

    const erased = await cli('erase', '--person', victim, '--reason', 'verzoek-betrokkene');
    expect(erased).toMatchObject({ code: 0, stderr: '' });
    expect(erased.stdout).toContain(`Erased person ${victim} of household ${registered.householdId}`);
    expect(erased.stdout).toContain(`carrying out request ${request.requestId}`);

    // Twice is refused clearly, and records nothing more.
    const again = await cli('erase', '--person', victim, '--reason', 'verzoek-betrokkene');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/409 person-already-erased .*was erased at/);

    // Intake: the key is gone, the person's fields are cleared, the request is done.
    const key = await personKey(victim);
    expect(key).toMatchObject({ wrapped_key: null, destroyed_at: expect.any(Date) });
    expect(key?.destroyed_reason).toMatch(/^verzoek-betrokkene \(erasure [0-9a-f-]{36}\)$/);
    const { rows: people } = await db.query(`select person_id, name, bsn, birth_date, erased_at from "${schema}".melding_person where melding_id = $1`, [registered.meldingId]);
    expect(people.find((p) => p.person_id === victim)).toMatchObject({ name: null, bsn: null, birth_date: null, erased_at: expect.any(Date) });
    expect(people.find((p) => p.person_id === child)).toMatchObject({ name: 'Test Kind', erased_at: null });
    expect((await db.query(`select count(*)::int as n from "${schema}".radar_key where person_id = $1`, [victim])).rows[0]).toEqual({ n: 0 });
    expect((await db.query(`select state from "${schema}".erasure_request where request_id = $1`, [request.requestId])).rows[0]).toEqual({ state: 'done' });

    // The log: PersonDataErased once, and intake's own erasure consumer applied it (the handler every service with keys runs).
    const fact = await waitFor(() => erasureEvents().find((e) => e.type === ERASED && e.subject === victim), { description: 'PersonDataErased' });
    expect(fact.data).toMatchObject({ personId: victim, householdId: registered.householdId, subjectKind: 'person', reason: 'verzoek-betrokkene', legalBasis: 'Wmo 2015 art. 5.3.5', requestId: request.requestId, actor: 'user:privacy-officer-1' });
    await waitFor(async () => (await db.query(`select 1 from "${schema}".inbox where consumer_group = 'intake-erasures' and event_id = $1`, [fact.id])).rowCount === 1 || undefined, {
      description: 'intake-erasures applied PersonDataErased',
    });
    expect(erasureEvents().filter((e) => e.type === ERASED && e.subject === victim)).toHaveLength(1);
    // safety-investigation's own key table: the person's key is destroyed there too (a destroyed row if it never had one), by the shared handler.
    const investigationKey = await waitFor(
      async () => ((await db.query(`select wrapped_key, destroyed_at, destroyed_reason from "${investigationSchema}".person_key where person_id = $1`, [victim])).rows[0] as Record<string, unknown> | undefined),
      { description: "the victim's key destroyed in safety-investigation" },
    );
    expect(investigationKey).toMatchObject({ wrapped_key: null, destroyed_at: expect.any(Date), destroyed_reason: key?.destroyed_reason });

    // The MeldingReceived record as it lies on the topic: the victim's fields read as erased with the date; the child's and the melder's still decrypt.
    const cipher = cipherOverIntake();
    const victimNow = await cipher.decryptFields(melding.personalData.find((p) => p.personId === victim) as EncryptedPersonData);
    expect(victimNow).toEqual({ erased: true, personId: victim, erasedAt: new Date((fact.data as { erasedAt: string }).erasedAt) });
    expect(await cipher.decryptFields(melding.personalData.find((p) => p.personId === child) as EncryptedPersonData)).toMatchObject({ erased: false, fields: { name: 'Test Kind', birthDate: '2016-05-01' } });
    expect(await cipher.decryptFields(melding.personalData.find((p) => p.personId === melding.melderId) as EncryptedPersonData)).toMatchObject({ erased: false, fields: { name: 'Agent Test' } });

    // The melding read shows the person as erased, with the date.
    const read = await fetch(`${intake.url}/api/v1/meldingen/${registered.meldingId}`, { headers: { ...env.authHeaders(['auditor']), 'x-access-purpose': 'privacyverzoek' } });
    expect(read.status).toBe(200);
    const view = (await read.json()) as { persons: { personId: string; erased: boolean; erasedAt: string | null }[]; melder: { erased: boolean } };
    expect(view.persons.find((p) => p.personId === victim)).toMatchObject({ erased: true, erasedAt: expect.any(String) });
    expect(new Date(view.persons.find((p) => p.personId === victim)?.erasedAt as string)).toEqual(victimNow.erased ? victimNow.erasedAt : undefined);
    expect(view.persons.find((p) => p.personId === child)).toMatchObject({ erased: false, erasedAt: null });
    expect(view.melder).toMatchObject({ erased: false });
  });

  it('refuses what it cannot do, naming the field: an unknown person, a bad reason, a token without the role', async () => {
    const unknown = await cli('erase', '--person', '9a1d7d3e-5f0b-4c55-9a57-2f4c8d0e1b11', '--reason', 'verzoek-betrokkene');
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('404 person-not-found');
    expect(await cli('erase', '--person', 'nobody', '--reason', 'because')).toMatchObject({ code: 2, stderr: expect.stringContaining('--reason must be one of verzoek-betrokkene') });
    const badBody = await fetch(`${intake.url}/api/v1/privacy/erasures`, {
      method: 'POST',
      headers: env.authHeaders(['privacy-officer']),
      body: JSON.stringify({ personId: '9a1d7d3e-5f0b-4c55-9a57-2f4c8d0e1b11', reason: 'because' }),
    });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['reason']);
    const callHandler = await fetch(`${intake.url}/api/v1/privacy/erasures`, {
      method: 'POST',
      headers: env.authHeaders(['call-handler']),
      body: JSON.stringify({ personId: '9a1d7d3e-5f0b-4c55-9a57-2f4c8d0e1b11', reason: 'verzoek-betrokkene' }),
    });
    expect(callHandler.status).toBe(403);
  });

  it('records a destruction request past its deadline as breached', async () => {
    const registered = await register([{ role: 'adult-involved', name: 'Test Volwassene' }]);
    const melding = await meldingReceived(registered.meldingId);
    const person = melding.persons[0]?.personId as string;
    const receivedAt = new Date(Date.now() - 100 * 24 * 3600 * 1000);
    const requested = await cli('request', '--person', person, '--received-at', receivedAt.toISOString());
    expect(requested.code).toBe(0);
    const { requestId } = JSON.parse(requested.stdout.trim().split('\n').pop() as string) as { requestId: string };
    const breached = await waitFor(() => erasureEvents().find((e) => e.type === 'nl.veiligthuis.privacy.ErasureDeadlineBreached.v1' && e.subject === requestId), {
      description: 'ErasureDeadlineBreached',
    });
    expect(breached.data).toMatchObject({ requestId, personId: person, legalBasis: 'Wmo 2015 art. 5.3.5' });
    expect((await db.query(`select state from "${schema}".erasure_request where request_id = $1`, [requestId])).rows[0]).toEqual({ state: 'breached' });
  });

  it('erases the adviesvrager and a person of an adviesvraag, found through the audited adviesvraag read: fields, question and advice cleared, PersonDataErased once each', async () => {
    const adviesvraagId = await registerAdviesvraag({
      channel: 'telefoon',
      adviesvrager: { kind: 'niet-professional', role: 'informant', name: 'Test Buurvrouw', phone: '0612345678', email: 'buurvrouw@example.org' },
      household: { gemeenteCode: 'GM0363' },
      persons: [
        { role: 'child-involved', name: 'Test AdviesKind', birthDate: '2017-03-04' },
        { role: 'adult-involved', name: 'Test AdviesOuder' },
      ],
      concerns: { aard: ['kindermishandeling'], tags: [], question: 'De buurjongen huilt elke avond; wat kan ik doen?' },
      advice: 'Praat met de moeder; bel opnieuw als het erger wordt.',
    });
    // The read that tells whom to erase: ids and roles, no names, no question, no advice; recorded before it is answered.
    const noPurpose = await fetch(`${intake.url}/api/v1/adviesvragen/${adviesvraagId}`, { headers: env.authHeaders(['privacy-officer']) });
    expect(noPurpose.status).toBe(400);
    const { view, text } = await readAdviesvraag(adviesvraagId);
    for (const secret of ['Buurvrouw', 'AdviesKind', 'AdviesOuder', '0612345678', 'buurjongen', 'moeder']) expect(text).not.toContain(secret);
    expect(view.adviesvrager).toMatchObject({ adviesvragerId: expect.any(String), erased: false, erasedAt: null });
    const child = view.persons.find((p) => p.role === 'child-involved')?.personId as string;
    const adult = view.persons.find((p) => p.role === 'adult-involved')?.personId as string;
    const read = await waitFor(
      () => reader.on(env.topicPrefix + TOPICS.auditAccess).map((r) => r.json<Envelope<{ subject: { kind: string; id: string }; actor: string; purpose: string }>>()).find((e) => e.data.subject.id === adviesvraagId),
      { description: 'CaseDataAccessed of the adviesvraag' },
    );
    expect(read.data).toMatchObject({ subject: { kind: 'adviesvraag', id: adviesvraagId }, actor: 'user:privacy-officer-1', purpose: 'privacyverzoek' });
    // Its retention clock runs like a melding's household.
    expect((await db.query(`select rule, state from "${schema}".household_retention where household_id = $1`, [view.householdId])).rows[0]).toEqual({ rule: '20-years/20', state: 'running' });

    const person = await cli('erase', '--person', child, '--reason', 'verzoek-betrokkene');
    expect(person).toMatchObject({ code: 0, stderr: '' });
    expect(person.stdout).toContain(`Erased person ${child} of household ${view.householdId}`);
    const asker = await cli('erase', '--person', view.adviesvrager.adviesvragerId, '--reason', 'verzoek-betrokkene');
    expect(asker).toMatchObject({ code: 0, stderr: '' });
    expect((await cli('erase', '--person', child, '--reason', 'verzoek-betrokkene')).stderr).toMatch(/409 person-already-erased/);

    const { rows: persons } = await db.query(`select person_id, name, birth_date, erased_at from "${schema}".adviesvraag_person where adviesvraag_id = $1`, [adviesvraagId]);
    expect(persons.find((p) => p.person_id === child)).toEqual({ person_id: child, name: null, birth_date: null, erased_at: expect.any(Date) });
    expect(persons.find((p) => p.person_id === adult)).toMatchObject({ name: 'Test AdviesOuder', erased_at: null });
    const { rows: asked } = await db.query(
      `select v.name, v.phone, v.email, v.erased_at, a.question, a.advice from "${schema}".adviesvrager v join "${schema}".adviesvraag a using (adviesvraag_id) where a.adviesvraag_id = $1`,
      [adviesvraagId],
    );
    expect(asked[0]).toEqual({ name: null, phone: null, email: null, erased_at: expect.any(Date), question: null, advice: null });

    const facts = await waitFor(
      () => {
        const found = erasureEvents().filter((e) => e.type === ERASED && (e.subject === child || e.subject === view.adviesvrager.adviesvragerId));
        return found.length === 2 ? found : undefined;
      },
      { description: 'PersonDataErased for the child and the adviesvrager' },
    );
    expect(Object.fromEntries(facts.map((f) => [f.subject, (f.data as { subjectKind: string; householdId: string }).subjectKind]))).toEqual({ [child]: 'person', [view.adviesvrager.adviesvragerId]: 'melder' });
    for (const fact of facts) expect(fact.data).toMatchObject({ householdId: view.householdId, reason: 'verzoek-betrokkene', actor: 'user:privacy-officer-1' });
    // Other services destroy their key of the person too (a destroyed row: they never had one).
    await waitFor(async () => (await db.query(`select 1 from "${investigationSchema}".person_key where person_id = $1 and destroyed_at is not null`, [child])).rowCount === 1 || undefined, {
      description: "the child's key destroyed in safety-investigation",
    });

    const after = (await readAdviesvraag(adviesvraagId)).view;
    expect(after.adviesvrager).toMatchObject({ erased: true, erasedAt: expect.any(String) });
    expect(after.persons.find((p) => p.personId === child)).toMatchObject({ erased: true, erasedAt: expect.any(String) });
    expect(after.persons.find((p) => p.personId === adult)).toMatchObject({ erased: false });
  });

  it('an adviesvraag without a region: only a national token erases from it', async () => {
    const adviesvraagId = await registerAdviesvraag({
      channel: 'chat',
      adviesvrager: { kind: 'professional', sector: 'onderwijs', role: 'melder', name: 'Test Leerkracht' },
      concerns: { aard: ['onbekend'], question: 'Een leerling vertelt iets; moet ik melden?' },
    });
    const { view } = await readAdviesvraag(adviesvraagId);
    const erase = (regions: string[]) =>
      fetch(`${intake.url}/api/v1/privacy/erasures`, {
        method: 'POST',
        headers: env.authHeaders(['privacy-officer'], regions),
        body: JSON.stringify({ personId: view.adviesvrager.adviesvragerId, reason: 'verzoek-betrokkene' }),
      });
    const regional = await erase(['vt-amsterdam-amstelland']);
    expect(regional.status).toBe(403);
    expect(((await regional.json()) as { message: string }).message).toContain('region *');
    expect((await db.query(`select name from "${schema}".adviesvrager where adviesvraag_id = $1`, [adviesvraagId])).rows[0]).toEqual({ name: 'Test Leerkracht' });
    expect((await erase(['*'])).status).toBe(201);
  });

  it('erases a whole household once its retention ended: every person and the melder, reason bewaartermijn-verstreken, by system:retention', async () => {
    const registered = await register([
      { role: 'victim', name: 'Test Bewaar Een', bsn: '999990408' },
      { role: 'child-involved', name: 'Test Bewaar Twee', birthDate: '2019-02-03' },
    ]);
    const melding = await meldingReceived(registered.meldingId);
    const { rows } = await db.query(`select rule, starts_at, ends_at, basis, state from "${schema}".household_retention where household_id = $1`, [registered.householdId]);
    const clock = rows[0] as { rule: string; starts_at: Date; ends_at: Date; basis: string; state: string };
    expect(clock).toMatchObject({ rule: '20-years/20', basis: 'years', state: 'running' });
    expect(clock.ends_at.getUTCFullYear() - clock.starts_at.getUTCFullYear()).toBe(20);

    // Retention ended: the clock's due time moved into the past, as if 20 years went by.
    await db.query(`update "${schema}".household_retention set ends_at = now() - interval '1 second' where household_id = $1`, [registered.householdId]);
    const everyone = [...melding.persons.map((p) => p.personId), melding.melderId];
    const facts = await waitFor(
      () => {
        const found = erasureEvents().filter((e) => e.type === ERASED && everyone.includes(e.subject as string));
        return found.length === everyone.length ? found : undefined;
      },
      { description: 'PersonDataErased for every person of the household' },
    );
    for (const fact of facts) expect(fact.data).toMatchObject({ householdId: registered.householdId, reason: 'bewaartermijn-verstreken', legalBasis: 'Wmo 2015 art. 5.3.4', actor: 'system:retention' });
    expect(facts.map((f) => (f.data as { subjectKind: string }).subjectKind).sort()).toEqual(['melder', 'person', 'person']);

    const cipher = cipherOverIntake();
    for (const value of melding.personalData) expect(await cipher.decryptFields(value)).toMatchObject({ erased: true });
    expect((await db.query(`select state from "${schema}".household_retention where household_id = $1`, [registered.householdId])).rows[0]).toEqual({ state: 'erased' });
    const { rows: left } = await db.query(
      `select m.postcode, m.house_number, m.account, d.name as melder_name, d.phone from "${schema}".melding m join "${schema}".melder d on d.melding_id = m.melding_id where m.melding_id = $1`,
      [registered.meldingId],
    );
    expect(left[0]).toEqual({ postcode: null, house_number: null, account: null, melder_name: null, phone: null });
  });

  it('erases an adviesvraag once its retention ended: the adviesvrager, every person, the question and the address', async () => {
    const adviesvraagId = await registerAdviesvraag({
      channel: 'telefoon',
      adviesvrager: { kind: 'niet-professional', role: 'melder', name: 'Test Bewaar Vrager', phone: '0687654321' },
      household: { gemeenteCode: 'GM0363', postcode: '1011 AB', houseNumber: '12' },
      persons: [{ role: 'child-involved', name: 'Test Bewaar AdviesKind', birthDate: '2018-06-07' }],
      concerns: { aard: ['kindermishandeling'], tags: [], question: 'Mag ik dit vertellen?' },
    });
    const { view } = await readAdviesvraag(adviesvraagId);
    await db.query(`update "${schema}".household_retention set ends_at = now() - interval '1 second' where household_id = $1`, [view.householdId]);
    const everyone = [view.adviesvrager.adviesvragerId, ...view.persons.map((p) => p.personId)];
    const facts = await waitFor(
      () => {
        const found = erasureEvents().filter((e) => e.type === ERASED && everyone.includes(e.subject as string));
        return found.length === everyone.length ? found : undefined;
      },
      { description: 'PersonDataErased for the adviesvrager and every person of the adviesvraag' },
    );
    for (const fact of facts) expect(fact.data).toMatchObject({ householdId: view.householdId, reason: 'bewaartermijn-verstreken', actor: 'system:retention' });
    const { rows } = await db.query(
      `select a.postcode, a.house_number, a.question, v.name, v.phone, (select count(*)::int from "${schema}".adviesvraag_person p where p.adviesvraag_id = a.adviesvraag_id and p.name is not null) as named
         from "${schema}".adviesvraag a join "${schema}".adviesvrager v using (adviesvraag_id) where a.adviesvraag_id = $1`,
      [adviesvraagId],
    );
    expect(rows[0]).toEqual({ postcode: null, house_number: null, question: null, name: null, phone: null, named: 0 });
  });
});
