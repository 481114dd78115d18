import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { HEADERS, MELDING_RECEIVED, newEvent, TOPICS } from '@vt/contracts';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';


describe('crisis triage: acute meldingen reach the crisis function; every melding gets its assessment clock', () => {
  let env: TestEnvironment;
  let intake: RunningService;
  let triage: RunningService;
  let reader: TopicReader;
  let json: Record<string, string>;
  let triageStaff: Record<string, string>;
  let db: Client;
  let intakeSchema: string;

  beforeAll(async () => {
    env = testEnvironment();
    json = env.authHeaders(['call-handler']);
    triageStaff = { ...env.authHeaders(['triage'], ['*'], 'triage-amsterdam-7'), 'x-access-purpose': 'veiligheidsbeoordeling' };
    const intakeEnv = await env.serviceEnv('intake');
    intakeSchema = intakeEnv['DATABASE_SCHEMA'] as string;
    [intake, triage] = await Promise.all([startService('intake', intakeEnv), env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e))]);
    reader = await new TopicReader(env.kafkaBrokers.split(','), [
      env.topicPrefix + TOPICS.meldingen,
      env.topicPrefix + TOPICS.triageAssessments,
      env.topicPrefix + TOPICS.triageDeadlines,
      env.topicPrefix + TOPICS.auditAccess,
    ]).start();
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await reader?.stop();
    await Promise.all([intake?.stop(), triage?.stop()]);
    await env?.cleanup();
  });

  async function post(body: Record<string, unknown>): Promise<{ meldingId: string; householdId: string }> {
    const response = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as { meldingId: string; householdId: string };
  }

  type Event = { type: string; data: Record<string, unknown> };
  const eventsOf = (householdId: string, topic: string) => reader.on(env.topicPrefix + topic).filter((r) => r.key === householdId).map((r) => r.json<Event>());

  it('puts an acute melding in its region’s crisis queue and on the triage topic, and lets crisis staff confirm safety per person', async () => {
    const { meldingId, householdId } = await post({ ...aMelding().inGemeente('GM0363').requestBody(), acuteIndication: { indicated: false, signals: ['physical-violence'] } });
    const requested = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.CrisisInterventionRequested.v1'), {
      description: 'CrisisInterventionRequested on the triage topic',
    });
    expect(requested.data).toMatchObject({ meldingId, crisisRegion: 'vt-amsterdam-amstelland', grounds: ['physical-violence'], ruleSetVersion: 'acute-rules/3' });

    const queue = (await (await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { interventionId: string; meldingId: string; persons: { personId: string }[] }[] };
    const entry = queue.interventions.find((i) => i.meldingId === meldingId);
    expect(entry).toBeDefined();
    const other = (await (await fetch(`${triage.url}/api/v1/regions/vt-groningen/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { meldingId: string }[] };
    expect(other.interventions.some((i) => i.meldingId === meldingId)).toBe(false);

    const police = await fetch(`${triage.url}/api/v1/crisis-interventions/${entry?.interventionId}/actions`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ action: 'police-involved', note: 'politie ter plaatse' }) });
    expect(police.status).toBe(201);
    const noToken = await fetch(`${triage.url}/api/v1/crisis-interventions/${entry?.interventionId}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'police-involved' }) });
    expect(noToken.status).toBe(401);
    const callHandler = await fetch(`${triage.url}/api/v1/crisis-interventions/${entry?.interventionId}/actions`, { method: 'POST', headers: json, body: JSON.stringify({ action: 'police-involved' }) });
    expect(callHandler.status).toBe(403);
    const otherRegion = await fetch(`${triage.url}/api/v1/crisis-interventions/${entry?.interventionId}/actions`, { method: 'POST', headers: env.authHeaders(['triage'], ['vt-groningen']), body: JSON.stringify({ action: 'police-involved' }) });
    expect(otherRegion.status).toBe(403);
    const queueElsewhere = await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: { ...env.authHeaders(['triage'], ['vt-groningen']), 'x-access-purpose': 'registratie' } });
    expect(queueElsewhere.status).toBe(403);
    const confirmed = await fetch(`${triage.url}/api/v1/crisis-interventions/${entry?.interventionId}/actions`, {
      method: 'POST',
      headers: triageStaff,
      body: JSON.stringify({ action: 'immediate-safety-confirmed', personId: entry?.persons[0]?.personId }),
    });
    expect(confirmed.status).toBe(201);
    await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).filter((e) => e.type === 'nl.veiligthuis.triage.CrisisActionRecorded.v1').length === 2 || undefined, {
      description: 'both crisis actions on the topic',
    });
    const after = (await (await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { meldingId: string }[] };
    expect(after.interventions.some((i) => i.meldingId === meldingId)).toBe(false);
  });

  // Issue 12 point 4 (docs/adr/0035): the region's crisis screen hears of an acute melding from Kafka, by id only.
  it('streams the region’s crisis-queue notices live (ids only), to its own region’s crisis staff only', async () => {
    const streamUrl = (region: string) => `${triage.url}/api/v1/regions/${region}/crisis-queue/stream`;
    expect((await fetch(streamUrl('vt-amsterdam-amstelland'))).status).toBe(401);
    expect((await fetch(streamUrl('vt-amsterdam-amstelland'), { headers: json })).status).toBe(403);
    expect((await fetch(streamUrl('vt-amsterdam-amstelland'), { headers: env.authHeaders(['triage'], ['vt-groningen']) })).status).toBe(403);

    const open = async (region: string) => {
      const controller = new AbortController();
      const response = await fetch(streamUrl(region), { headers: env.authHeaders(['triage'], [region]), signal: controller.signal });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const text = { value: '' };
      void (async () => {
        for (;;) {
          const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (chunk.done) return;
          text.value += decoder.decode(chunk.value, { stream: true });
        }
      })();
      return { text, close: () => controller.abort() };
    };
    const amsterdam = await open('vt-amsterdam-amstelland');
    const groningen = await open('vt-groningen');
    await waitFor(() => amsterdam.text.value.includes('event: ready') && groningen.text.value.includes('event: ready'), { description: 'both streams ready' });
    const started = Date.now();
    const { meldingId, householdId } = await post({ ...aMelding().inGemeente('GM0363').requestBody(), acuteIndication: { indicated: true, signals: ['physical-violence'] } });
    const requested = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.CrisisInterventionRequested.v1'), { description: 'the intervention' });
    const interventionId = requested.data['interventionId'] as string;
    await waitFor(() => amsterdam.text.value.includes(`{"kind":"requested","interventionId":"${interventionId}"}`), { description: 'the notice on Amsterdam’s stream' });
    console.log(`crisis-queue stream: notice ${Date.now() - started} ms after the POST of the melding`);
    // Nothing of the melding but the intervention's id; nothing for another region.
    expect(amsterdam.text.value).not.toContain(meldingId);
    expect(amsterdam.text.value).not.toContain(householdId);
    expect(groningen.text.value).not.toContain(interventionId);

    const recorded = await fetch(`${triage.url}/api/v1/crisis-interventions/${interventionId}/actions`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ action: 'police-involved' }) });
    expect(recorded.status).toBe(201);
    await waitFor(() => amsterdam.text.value.includes(`{"kind":"updated","interventionId":"${interventionId}"}`), { description: 'the update on Amsterdam’s stream' });
    amsterdam.close();
    groningen.close();
  });

  /** A date of birth `years` ago (15 January): that age or one less today, never across 65 for the ages used here. */
  const bornYearsAgo = (years: number) => `${new Date().getUTCFullYear() - years}-01-15`;
  type Queued = { meldingId: string; acute: boolean; acuteGrounds: string[] | null; aard: string[] | null; formsOfViolence: string[] | null; elderlyVictim: string | null };
  const queued = async (meldingId: string): Promise<Queued | undefined> =>
    ((await (await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/assessment-queue`, { headers: triageStaff })).json()) as { assessments: Queued[] }).assessments.find((a) => a.meldingId === meldingId);

  // Rules (issue 15 point 4): ouderenmishandeling needs a victim of 65 or older (aard-van-het-geweld/1, "Slachtoffer is
  // 65 jaar of ouder"; an unknown age is accepted, docs/adr/0036); psychisch geweld that threatens life is acute
  // onveiligheid (acute-rules/3; DOMAIN.md "The process after a melding" 1); the assessment sees the forms of violence.
  it('sends ouderenmishandeling of a 70-year-old with a threat to life to the crisis function, and shows the assessment the forms of violence and the age', async () => {
    const { meldingId, householdId } = await post({
      ...aMelding().inGemeente('GM0363').concerning(['ouderenmishandeling'], ['psychisch-geweld', 'financieel-misbruik-ouderen', 'ontspoorde-mantelzorg']).requestBody(),
      persons: [
        { role: 'victim', name: 'Test Oudere', birthDate: bornYearsAgo(70) },
        { role: 'suspected-perpetrator', name: 'Test Mantelzorger', estimatedAge: 45 },
      ],
      acuteIndication: { indicated: false, signals: ['threat-to-life'] },
    });
    const received = await waitFor(() => eventsOf(householdId, TOPICS.meldingen).find((e) => e.type === MELDING_RECEIVED), { description: 'MeldingReceived' });
    expect((received.data['persons'] as { role: string; elderly?: boolean; minor?: boolean }[]).map(({ role, elderly, minor }) => [role, elderly, minor])).toEqual([
      ['victim', true, false],
      ['suspected-perpetrator', false, false],
    ]);
    expect(received.data['acuteIndication']).toEqual({ indicated: false, signals: ['threat-to-life'] });

    const requested = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.CrisisInterventionRequested.v1'), {
      description: 'CrisisInterventionRequested on the psychological ground',
    });
    expect(requested.data).toMatchObject({ meldingId, crisisRegion: 'vt-amsterdam-amstelland', grounds: ['psychological-violence-threat-to-life'], ruleSetVersion: 'acute-rules/3' });
    const checked = eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.AcuteCheckCompleted.v1');
    expect(checked?.data['violence']).toEqual({ aard: ['ouderenmishandeling'], forms: ['psychisch-geweld', 'financieel-misbruik', 'ontspoorde-mantelzorg'], elderlyVictim: 'yes' });
    const crisis = (await (await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { meldingId: string }[] };
    expect(crisis.interventions.map((i) => i.meldingId)).toContain(meldingId);

    expect(await waitFor(() => queued(meldingId), { description: 'the melding in the assessment queue' })).toMatchObject({
      acute: true,
      acuteGrounds: ['psychological-violence-threat-to-life'],
      aard: ['ouderenmishandeling'],
      formsOfViolence: ['psychisch-geweld', 'financieel-misbruik', 'ontspoorde-mantelzorg'],
      elderlyVictim: 'yes',
    });

    // VT often does not know the age: the melding is accepted, and the assessment sees the age as unknown.
    const unknownAge = await post({
      ...aMelding().inGemeente('GM0363').concerning(['ouderenmishandeling'], ['psychisch-geweld']).requestBody(),
      persons: [{ role: 'victim', name: 'Test Oudere Onbekend' }],
    });
    expect(await waitFor(() => queued(unknownAge.meldingId), { description: 'the melding of unknown age in the assessment queue' })).toMatchObject({
      acute: false,
      acuteGrounds: [],
      formsOfViolence: ['psychisch-geweld'],
      elderlyVictim: 'unknown',
    });
  });

  it('refuses ouderenmishandeling of a 40-year-old and kindermishandeling among adults with a 422 naming the field, and stores and publishes nothing', async () => {
    const stored = async () =>
      (await db.query<{ meldingen: number; outbox: number }>(`select (select count(*)::int from ${intakeSchema}.melding) as meldingen, (select count(*)::int from ${intakeSchema}.outbox) as outbox`)).rows[0];
    const before = await stored();
    const refuse = async (body: Record<string, unknown>) => {
      const response = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: json, body: JSON.stringify(body) });
      expect(response.status).toBe(422);
      return (await response.json()) as { fields: { path: string; code: string; message: string }[] };
    };
    const elder = await refuse({
      ...aMelding().inGemeente('GM0363').concerning(['ouderenmishandeling'], ['financieel-misbruik-ouderen']).requestBody(),
      persons: [
        { role: 'suspected-perpetrator', name: 'Test Zoon', estimatedAge: 70 },
        { role: 'victim', name: 'Test Veertiger', birthDate: bornYearsAgo(40) },
      ],
    });
    expect(elder.fields).toEqual([
      expect.objectContaining({ path: 'concerns.aard', code: 'victim-not-elderly', message: expect.stringContaining('persons[1].birthDate') }),
      expect.objectContaining({ path: 'concerns.tags', code: 'victim-not-elderly', message: expect.stringContaining('persons[1].birthDate') }),
    ]);
    const child = await refuse({ ...aMelding().inGemeente('GM0363').requestBody(), persons: [{ role: 'victim', name: 'Test Volwassene', estimatedAge: 30 }] });
    expect(child.fields).toEqual([expect.objectContaining({ path: 'concerns.aard', code: 'no-minor-for-kindermishandeling', message: expect.stringContaining('persons[0].estimatedAge') })]);
    expect(await stored()).toEqual(before);
  });

  type Access = { type: string; data: { service: string; subject: { kind: string; id: string }; purpose: string; actor: string } };
  const accessesOf = (householdId: string) => reader.on(env.topicPrefix + TOPICS.auditAccess).filter((r) => r.key === householdId).map((r) => r.json<Access>());
  const queueOf = async (region: string, headers: Record<string, string>) => fetch(`${triage.url}/api/v1/regions/${region}/crisis-queue`, { headers });

  // Rule (DOMAIN.md "Regions"; plan "Regions"; docs/adr/0017): VR20 Midden- en West-Brabant is served by two VT organisations;
  // an acute melding goes to the crisis function of its gemeente's VT region (Breda GM0758: West-Brabant; Tilburg GM0855:
  // Midden-Brabant), and each crisis function sees and acts on its own queue only.
  it('puts an acute melding from Breda in West-Brabant’s crisis queue and not in Midden-Brabant’s, and keeps each queue to its own staff', async () => {
    const westStaff = { ...env.authHeaders(['triage'], ['vt-west-brabant'], 'crisis-west-brabant-1'), 'x-access-purpose': 'crisisinterventie' };
    const middenStaff = { ...env.authHeaders(['triage'], ['vt-midden-brabant'], 'crisis-midden-brabant-1'), 'x-access-purpose': 'crisisinterventie' };
    const breda = await post(aMelding().acute().inGemeente('GM0758').requestBody());
    const tilburg = await post(aMelding().acute().inGemeente('GM0855').requestBody());
    const requested = (householdId: string) =>
      waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.CrisisInterventionRequested.v1'), { description: 'CrisisInterventionRequested' });
    expect((await requested(breda.householdId)).data).toMatchObject({ meldingId: breda.meldingId, crisisRegion: 'vt-west-brabant', gemeenteCode: 'GM0758' });
    expect((await requested(tilburg.householdId)).data).toMatchObject({ meldingId: tilburg.meldingId, crisisRegion: 'vt-midden-brabant', gemeenteCode: 'GM0855' });
    const checked = eventsOf(breda.householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.AcuteCheckCompleted.v1');
    expect(checked?.data).toMatchObject({ vtRegion: 'vt-west-brabant' });

    type Queue = { region: string; interventions: { interventionId: string; meldingId: string }[] };
    const west = (await (await queueOf('vt-west-brabant', westStaff)).json()) as Queue;
    const midden = (await (await queueOf('vt-midden-brabant', middenStaff)).json()) as Queue;
    expect(west.interventions.map((i) => i.meldingId)).toContain(breda.meldingId);
    expect(west.interventions.map((i) => i.meldingId)).not.toContain(tilburg.meldingId);
    expect(midden.interventions.map((i) => i.meldingId)).toContain(tilburg.meldingId);
    expect(midden.interventions.map((i) => i.meldingId)).not.toContain(breda.meldingId);

    const crossed = await queueOf('vt-west-brabant', middenStaff);
    expect(crossed.status).toBe(403);
    expect(((await crossed.json()) as { message: string }).message).toBe('this needs access to region vt-west-brabant; the token covers vt-midden-brabant');
    const bredaIntervention = west.interventions.find((i) => i.meldingId === breda.meldingId)?.interventionId;
    const actedElsewhere = await fetch(`${triage.url}/api/v1/crisis-interventions/${bredaIntervention}/actions`, { method: 'POST', headers: middenStaff, body: JSON.stringify({ action: 'police-involved' }) });
    expect(actedElsewhere.status).toBe(403);

    // A veiligheidsregio is no queue: VR20 names two crisis functions.
    const vr20 = await queueOf('VR20', triageStaff);
    expect(vr20.status).toBe(400);
    expect(JSON.stringify(await vr20.json())).toContain('VR20 is served by vt-west-brabant and vt-midden-brabant');
    // Reading the queue is a read of each melding listed, recorded by crisis-triage with its purpose.
    const read = await waitFor(() => accessesOf(breda.householdId).find((a) => a.data.subject.id === breda.meldingId && a.data.purpose === 'crisisinterventie'), {
      description: 'the read of West-Brabant’s queue on the audit topic',
    });
    expect(read.data).toMatchObject({ service: 'crisis-triage', subject: { kind: 'melding', id: breda.meldingId }, actor: 'user:crisis-west-brabant-1' });
    expect(accessesOf(breda.householdId).some((a) => a.data.actor === 'user:crisis-midden-brabant-1')).toBe(false);
  });

  // Rule (plan "Regions"): every read is audited and needs its purpose, as in intake.
  it('answers the queues only with a purpose', async () => {
    const noPurpose = await queueOf('vt-amsterdam-amstelland', env.authHeaders(['triage']));
    expect(noPurpose.status).toBe(400);
    expect(((await noPurpose.json()) as { fields: { code: string }[] }).fields).toEqual([expect.objectContaining({ path: 'X-Access-Purpose', code: 'purpose-required' })]);
  });

  it('routes an acute melding from Bonaire to the island desk, with deadlines in the island’s calendar', async () => {
    const body = { ...aMelding().acute().requestBody(), household: { island: 'bonaire' } };
    const { meldingId, householdId } = await post(body);
    const requested = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.CrisisInterventionRequested.v1'), {
      description: 'CrisisInterventionRequested for the island household',
    });
    expect(requested.data).toMatchObject({ meldingId, crisisRegion: 'vt-bq-bonaire' });
    expect(requested.data['gemeenteCode']).toBeUndefined();
    const queue = (await (await fetch(`${triage.url}/api/v1/regions/vt-bq-bonaire/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { meldingId: string }[] };
    expect(queue.interventions.map((i) => i.meldingId)).toContain(meldingId);
    const started = await waitFor(
      () => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1' && e.data['clock'] === 'veiligheidsbeoordeling'),
      { description: 'the assessment clock of the island household' },
    );
    expect(started.data['calendar']).toBe('bq-bonaire');
    const mixed = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: json, body: JSON.stringify({ ...aMelding().requestBody(), household: { island: 'saba', gemeenteCode: 'GM0363' } }) });
    expect(mixed.status).toBe(400);
  });

  it('does not send a melding without acute grounds to the crisis function', async () => {
    const { householdId } = await post(aMelding().requestBody());
    const checked = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.AcuteCheckCompleted.v1'), { description: 'the acute check' });
    expect(checked.data['acute']).toBe(false);
    expect(eventsOf(householdId, TOPICS.triageAssessments).some((e) => e.type === 'nl.veiligthuis.triage.CrisisInterventionRequested.v1')).toBe(false);
  });

  it('queues every melding for its veiligheidsbeoordeling by deadline and records taxatie and outcome apart, stopping the clock', async () => {
    const { meldingId, householdId } = await post(aMelding().inGemeente('GM0014').requestBody());
    const started = await waitFor(
      () => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1' && e.data['clock'] === 'veiligheidsbeoordeling'),
      { description: 'the veiligheidsbeoordeling clock' },
    );
    expect(started.data).toMatchObject({ legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', counting: 'working-days', calendar: 'nl' });
    expect(eventsOf(householdId, TOPICS.triageDeadlines).some((e) => e.data['clock'] === 'informeren-betrokkenen')).toBe(true);

    const queue = (await (await fetch(`${triage.url}/api/v1/regions/vt-groningen/assessment-queue`, { headers: triageStaff })).json()) as { assessments: { meldingId: string; dueAt: string }[] };
    const dues = queue.assessments.map((a) => Date.parse(a.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(queue.assessments.find((a) => a.meldingId === meldingId)?.dueAt).toBe(started.data['dueAt']);

    const bad = await fetch(`${triage.url}/api/v1/meldingen/${meldingId}/safety-assessment`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ taxatie: 'hoog', outcome: 'onderzoek', reasoning: '' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['reasoning', 'taxatie']);

    const done = await fetch(`${triage.url}/api/v1/meldingen/${meldingId}/safety-assessment`, {
      method: 'POST',
      headers: triageStaff,
      body: JSON.stringify({ taxatie: 'structureel', outcome: 'onderzoek', reasoning: 'Signalen van structurele verwaarlozing; onduidelijk of geweld plaatsvindt.' }),
    });
    expect(done.status).toBe(201);
    const completed = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2'), {
      description: 'SafetyAssessmentCompleted',
    });
    expect(completed.data).toMatchObject({ meldingId, taxatie: 'structureel', outcome: 'onderzoek', deadline: { met: true }, actor: 'user:triage-amsterdam-7' });
    // The reasoning is about the household: on the log only encrypted under the household's own key (ADR 0020).
    expect(completed.data['reasoning']).toMatchObject({ personId: householdId, alg: 'A256GCM' });
    expect(JSON.stringify(completed.data)).not.toContain('verwaarlozing');
    await waitFor(() => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineMet.v1'), { description: 'DeadlineMet' });
    const onderzoek = await waitFor(
      () => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1' && e.data['clock'] === 'onderzoek'),
      { description: 'the 10-week onderzoek clock' },
    );
    expect(onderzoek.data['legalBasis']).toBe('Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2');
    const again = await fetch(`${triage.url}/api/v1/meldingen/${meldingId}/safety-assessment`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ taxatie: 'geen', outcome: 'geen-vervolgstappen', reasoning: 'x' }) });
    expect(again.status).toBe(409);
  });

  type Deadline = { timerId: string; clock: string; subjectId: string; personId: string | null; role: string | null; startedAt: string; dueAt: string; state: string; extensions: number };
  const deadlinesOf = async (householdId: string): Promise<Deadline[]> =>
    ((await (await fetch(`${triage.url}/api/v1/deadlines?householdId=${householdId}`, { headers: triageStaff })).json()) as { deadlines: Deadline[] }).deadlines;
  const informingStarted = (householdId: string) =>
    eventsOf(householdId, TOPICS.triageDeadlines).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1' && e.data['clock'] === 'informeren-betrokkenen');
  const personsOf = async (householdId: string) =>
    (
      await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.AcuteCheckCompleted.v1'), { description: 'the acute check with the persons' })
    ).data['persons'] as { personId: string; role: string }[];

  it('extends one person’s informing term by two weeks per recorded reason, leaving the other clocks alone, and refuses to extend the assessment term (rule I6)', async () => {
    const { householdId } = await post({ ...aMelding().requestBody(), persons: [{ role: 'victim', name: 'Test Persoon' }, { role: 'adult-involved', name: 'Test Partner' }] });
    await waitFor(() => informingStarted(householdId).length === 2 || undefined, { description: 'an informing clock for each of the two persons' });
    const deadlines = await deadlinesOf(householdId);
    const [informing, other] = deadlines.filter((d) => d.clock === 'informeren-betrokkenen');
    const assessment = deadlines.find((d) => d.clock === 'veiligheidsbeoordeling');
    const extended = await fetch(`${triage.url}/api/v1/deadlines/${informing?.timerId}/extensions`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ reason: 'Betrokkene verblijft tijdelijk in het buitenland.' }) });
    expect(extended.status).toBe(201);
    const body = (await extended.json()) as { dueAt: string; extensions: number; personId: string };
    expect(body).toMatchObject({ extensions: 1, personId: informing?.personId });
    // 4 + 2 weeks from the start, with the Algemene termijnenwet applied once to that end: never earlier than the
    // nominal six weeks, later only past a weekend or holiday. (Not "two weeks after the old end": when the
    // 4-week end fell on a holiday, say 1 January, the Atw had already moved it, and the difference is less.)
    const nominal = Date.parse(String(informing?.startedAt)) + 6 * 7 * 86_400_000;
    expect(Date.parse(body.dueAt)).toBeGreaterThanOrEqual(nominal);
    expect(Date.parse(body.dueAt) - nominal).toBeLessThan(6 * 86_400_000);
    expect(Date.parse(body.dueAt)).toBeGreaterThan(Date.parse(informing?.dueAt ?? ''));
    const event = await waitFor(() => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineExtended.v2'), { description: 'DeadlineExtended' });
    expect(event.data).toMatchObject({ timerId: informing?.timerId, personId: informing?.personId, extension: 1 });
    // The reason concerns the person the clock runs for: encrypted under that person's key, so erasing them erases it (ADR 0020, ADR 0021).
    expect(event.data['reason']).toMatchObject({ personId: informing?.personId, alg: 'A256GCM' });
    expect(JSON.stringify(event.data)).not.toContain('buitenland');
    const after = await deadlinesOf(householdId);
    expect(after.find((d) => d.timerId === other?.timerId)).toMatchObject({ dueAt: other?.dueAt, extensions: 0, state: 'running' });
    const refused = await fetch(`${triage.url}/api/v1/deadlines/${assessment?.timerId}/extensions`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ reason: 'druk' }) });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toBe('not-extendable');
  });

  it('starts an informing clock for each of the three persons of a melding, listed with their personId and role (rule I1)', async () => {
    const { meldingId, householdId } = await post({
      ...aMelding().requestBody(),
      persons: [{ role: 'victim', name: 'Test Slachtoffer' }, { role: 'child-involved', name: 'Test Kind' }, { role: 'suspected-perpetrator', name: 'Test Verdachte' }],
    });
    const persons = await personsOf(householdId);
    expect(persons).toHaveLength(3);
    const started = await waitFor(() => (informingStarted(householdId).length === 3 ? informingStarted(householdId) : undefined), { description: 'three informing clocks' });
    expect(started.map((e) => e.data['personId']).sort()).toEqual(persons.map((p) => p.personId).sort());
    for (const e of started) expect(e.data).toMatchObject({ subjectId: meldingId, legalBasis: 'Wmo 2015 art. 5.3.1', counting: 'calendar-term' });
    const deadlines = await deadlinesOf(householdId);
    expect(deadlines.filter((d) => d.clock === 'informeren-betrokkenen').map((d) => [d.personId, d.role]).sort()).toEqual(persons.map((p) => [p.personId, p.role]).sort());
    expect(deadlines.find((d) => d.clock === 'veiligheidsbeoordeling')?.personId).toBeNull();
  });

  it('meets only the informed person’s clock, caused by the recording; the others keep running; a repeat is a 409 (rules I3, I4)', async () => {
    const { householdId } = await post({
      ...aMelding().requestBody(),
      persons: [{ role: 'victim', name: 'Test Slachtoffer' }, { role: 'child-involved', name: 'Test Kind' }, { role: 'suspected-perpetrator', name: 'Test Verdachte' }],
    });
    const persons = await personsOf(householdId);
    await waitFor(() => informingStarted(householdId).length === 3 || undefined, { description: 'three informing clocks' });
    const victim = persons.find((p) => p.role === 'victim') as { personId: string };
    const child = persons.find((p) => p.role === 'child-involved') as { personId: string };
    const informingUrl = (personId: string) => `${triage.url}/api/v1/households/${householdId}/persons/${personId}/informing`;
    const informedAt = new Date().toISOString();
    const investigator = env.authHeaders(['investigator'], ['*'], 'investigator-utrecht-3');

    const recorded = await fetch(informingUrl(victim.personId), { method: 'POST', headers: investigator, body: JSON.stringify({ informedAt, method: 'huisbezoek' }) });
    expect(recorded.status).toBe(201);
    const answer = (await recorded.json()) as { eventId: string; metClocks: { timerId: string; inTime: boolean }[] };
    const victimClock = (await deadlinesOf(householdId)).find((d) => d.personId === victim.personId) as Deadline;
    expect(answer.metClocks).toEqual([expect.objectContaining({ timerId: victimClock.timerId, inTime: true })]);

    const informed = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.InvolvedPersonInformed.v1'), { description: 'InvolvedPersonInformed' });
    expect(informed.data).toMatchObject({ personId: victim.personId, role: 'victim', informedAt, method: 'huisbezoek', informedBy: 'user:investigator-utrecht-3', actor: 'user:investigator-utrecht-3' });
    const met = await waitFor(
      () => reader.on(env.topicPrefix + TOPICS.triageDeadlines).filter((r) => r.key === householdId).map((r) => r.json<Event & { causationid: string }>()).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineMet.v1'),
      { description: 'DeadlineMet of the victim’s clock' },
    );
    expect(met.data).toMatchObject({ timerId: victimClock.timerId, personId: victim.personId, metAt: informedAt });
    expect(met.causationid).toBe(answer.eventId);
    const after = await deadlinesOf(householdId);
    expect(after.filter((d) => d.clock === 'informeren-betrokkenen').map((d) => [d.role, d.state]).sort()).toEqual([
      ['child-involved', 'running'],
      ['suspected-perpetrator', 'running'],
      ['victim', 'met'],
    ]);

    const again = await fetch(informingUrl(victim.personId), { method: 'POST', headers: investigator, body: JSON.stringify({ informedAt, method: 'huisbezoek' }) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe('no-running-informing-clock');
    const future = await fetch(informingUrl(child.personId), { method: 'POST', headers: investigator, body: JSON.stringify({ informedAt: new Date(Date.now() + 3_600_000).toISOString(), method: 'brief' }) });
    expect(future.status).toBe(422);
    expect(((await future.json()) as { error: string }).error).toBe('informed-in-the-future');
    const beforeStart = await fetch(informingUrl(child.personId), { method: 'POST', headers: investigator, body: JSON.stringify({ informedAt: new Date(Date.now() - 86_400_000).toISOString(), method: 'brief' }) });
    expect(beforeStart.status).toBe(422);
    expect(((await beforeStart.json()) as { error: string }).error).toBe('before-informing-clock-started');
    const stranger = await fetch(informingUrl('00000000-0000-4000-8000-000000000001'), { method: 'POST', headers: investigator, body: JSON.stringify({ informedAt, method: 'brief' }) });
    expect(stranger.status).toBe(404);
    expect(((await stranger.json()) as { error: string }).error).toBe('unknown-person');
    const noMethod = await fetch(informingUrl(child.personId), { method: 'POST', headers: investigator, body: JSON.stringify({ informedAt }) });
    expect(noMethod.status).toBe(400);
    const callHandler = await fetch(informingUrl(child.personId), { method: 'POST', headers: json, body: JSON.stringify({ informedAt, method: 'brief' }) });
    expect(callHandler.status).toBe(403);
    expect((await deadlinesOf(householdId)).find((d) => d.personId === child.personId)?.state).toBe('running');
  });

  it('meets a person’s clock with a recorded legal ground for not informing them, with the basis applied (rule I5)', async () => {
    const { householdId } = await post({ ...aMelding().requestBody(), persons: [{ role: 'victim', name: 'Test Slachtoffer' }, { role: 'suspected-perpetrator', name: 'Test Verdachte' }] });
    const persons = await personsOf(householdId);
    await waitFor(() => informingStarted(householdId).length === 2 || undefined, { description: 'two informing clocks' });
    const suspect = persons.find((p) => p.role === 'suspected-perpetrator') as { personId: string };
    const withheld = await fetch(`${triage.url}/api/v1/households/${householdId}/persons/${suspect.personId}/informing`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ withheld: { ground: 'bescherming-betrokkene' } }) });
    expect(withheld.status).toBe(201);
    expect(((await withheld.json()) as { legalBasis: string }).legalBasis).toMatch(/^Wmo 2015 art\. 5\.3\.1.*\[verify/);
    const event = await waitFor(() => eventsOf(householdId, TOPICS.triageAssessments).find((e) => e.type === 'nl.veiligthuis.triage.InformingWithheld.v1'), { description: 'InformingWithheld' });
    expect(event.data).toMatchObject({ personId: suspect.personId, role: 'suspected-perpetrator', ground: 'bescherming-betrokkene', actor: 'user:triage-amsterdam-7' });
    await waitFor(() => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineMet.v1' && e.data['personId'] === suspect.personId), { description: 'DeadlineMet of the suspect’s clock' });
    const informing = (await (await fetch(`${triage.url}/api/v1/households/${householdId}/informing`, { headers: triageStaff })).json()) as { persons: { personId: string; recordings: { kind: string }[]; clocks: { state: string }[] }[] };
    expect(informing.persons.find((p) => p.personId === suspect.personId)).toMatchObject({ recordings: [{ kind: 'withheld' }], clocks: [{ state: 'met' }] });
    const both = await fetch(`${triage.url}/api/v1/households/${householdId}/persons/${suspect.personId}/informing`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ informedAt: new Date().toISOString(), method: 'brief', withheld: { ground: 'bescherming-betrokkene' } }) });
    expect(both.status).toBe(400);
  });

  it('runs the assessment clock of a police melding registered in the next morning’s batch from its receipt, showing its real lateness; informing runs from registration (rules R1, I2)', async () => {
    // Received at 22:00 two weeks ago, registered only now: its five working days have passed.
    const received = new Date(Date.now() - 14 * 86_400_000);
    received.setUTCHours(21, 0, 0, 0);
    const registeredAt = new Date(Date.now() - 60_000).toISOString();
    const householdId = randomUUID();
    const meldingId = randomUUID();
    const data = {
      meldingId,
      householdId,
      receivedAt: received.toISOString(),
      registeredAt,
      lateRegistration: { reason: 'batchverwerking' as const },
      gemeenteCode: 'GM0363',
      region: { vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13', calendar: 'nl' },
      registration: { channel: 'politie', melderKind: 'professional', melderSector: 'politie-justitie', melderRole: 'melder', melderIdentitySealed: false },
      acuteIndication: { indicated: false },
      persons: [{ personId: randomUUID(), role: 'victim' as const }],
      actor: 'user:test-call-handler',
    };
    const producer = env.kafkaClient().producer();
    await producer.connect();
    try {
      const event = newEvent({ type: MELDING_RECEIVED, service: 'intake', householdId, subject: meldingId, time: new Date(registeredAt), data });
      await producer.send({ topic: env.topicPrefix + TOPICS.meldingen, messages: [{ key: householdId, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type, [HEADERS.eventId]: event.id } }] });
    } finally {
      await producer.disconnect();
    }
    const started = await waitFor(() => eventsOf(householdId, TOPICS.triageDeadlines).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1').length === 2 || undefined, { description: 'both clocks' }).then(() =>
      eventsOf(householdId, TOPICS.triageDeadlines).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1'),
    );
    expect(started.find((e) => e.data['clock'] === 'veiligheidsbeoordeling')?.data['startedAt']).toBe(received.toISOString());
    expect(started.find((e) => e.data['clock'] === 'informeren-betrokkenen')?.data['startedAt']).toBe(registeredAt);
    const breached = await waitFor(() => eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineBreached.v1'), { description: 'the assessment clock breached at once' });
    expect(breached.data['clock']).toBe('veiligheidsbeoordeling');
    expect(Date.parse(String(breached.data['dueAt']))).toBeLessThan(Date.parse(registeredAt));
    const queue = (await (await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/assessment-queue`, { headers: triageStaff })).json()) as { assessments: { meldingId: string; receivedAt: string; registeredAt: string; deadlineState: string }[] };
    expect(queue.assessments.find((a) => a.meldingId === meldingId)).toMatchObject({ receivedAt: received.toISOString(), registeredAt, deadlineState: 'breached' });
  });
});

describe('durable timers', () => {
  let env: TestEnvironment;
  let db: Client;
  let serviceEnv: Record<string, string>;
  let schema: string;
  const running: RunningService[] = [];

  beforeAll(async () => {
    env = testEnvironment();
    serviceEnv = await env.serviceEnv('crisis_triage');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    for (const service of running) await service.stop();
    await db?.end();
    await env?.cleanup();
  });

  async function insertTimers(count: number, dueAt: Date, approachingAt: Date = dueAt): Promise<string[]> {
    const result = await db.query<{ timer_id: string }>(
      `insert into ${schema}.timer (timer_id, clock, legal_basis, counting, calendar, household_id, subject_id, started_at, due_at, approaching_at)
       select gen_random_uuid(), 'veiligheidsbeoordeling', 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', 'working-days', 'nl', gen_random_uuid(), gen_random_uuid(), now(), $1, $3
         from generate_series(1, $2) returning timer_id`,
      [dueAt, count, approachingAt],
    );
    return result.rows.map((row) => row.timer_id);
  }

  async function firedFor(type: string, timerIds: string[]): Promise<Map<string, number>> {
    const result = await db.query<{ timer_id: string; n: number }>(
      `select payload::json->'data'->>'timerId' as timer_id, count(*)::int as n from ${schema}.outbox
        where payload::json->>'type' = $2 and payload::json->'data'->>'timerId' = any($1) group by 1`,
      [timerIds, type],
    );
    return new Map(result.rows.map((row) => [row.timer_id, row.n]));
  }

  const breachesFor = (timerIds: string[]) => firedFor('nl.veiligthuis.triage.DeadlineBreached.v1', timerIds);

  it('warns once that a deadline approaches, before it is breached', async () => {
    const service = await startService('crisis-triage', serviceEnv);
    running.push(service);
    const [timerId] = (await insertTimers(1, new Date(Date.now() + 3_600_000), new Date())) as [string];
    await waitFor(async () => (await firedFor('nl.veiligthuis.triage.DeadlineApproaching.v1', [timerId])).get(timerId), { description: 'DeadlineApproaching' });
    await service.stop();
    const state = await db.query<{ state: string }>(`select state from ${schema}.timer where timer_id = $1`, [timerId]);
    expect(state.rows[0]?.state).toBe('approaching');
    expect((await firedFor('nl.veiligthuis.triage.DeadlineApproaching.v1', [timerId])).get(timerId)).toBe(1);
    expect((await breachesFor([timerId])).size).toBe(0);
  });

  it('fires, once and after start, a timer that fell due while the service was down', async () => {
    const first = await startService('crisis-triage', serviceEnv);
    running.push(first);
    const dueAt = new Date(Date.now() + 1500);
    const [timerId] = await insertTimers(1, dueAt);
    await first.stop();
    await waitFor(() => Date.now() > dueAt.getTime() + 200 || undefined, { description: 'the timer to fall due while the service is down' });
    expect((await breachesFor([timerId as string])).size).toBe(0);

    const second = await startService('crisis-triage', serviceEnv);
    running.push(second);
    await waitFor(async () => (await breachesFor([timerId as string])).get(timerId as string), { description: 'DeadlineBreached after start' });
    await second.stop();
    const state = await db.query<{ state: string }>(`select state from ${schema}.timer where timer_id = $1`, [timerId]);
    expect(state.rows[0]?.state).toBe('breached');
    expect((await breachesFor([timerId as string])).get(timerId as string)).toBe(1);
  });

  it('never lets two replicas fire the same timer', async () => {
    const replicas = await Promise.all([startService('crisis-triage', serviceEnv), startService('crisis-triage', serviceEnv)]);
    running.push(...replicas);
    const timerIds = await insertTimers(300, new Date(Date.now() + 500));
    await waitFor(async () => (await breachesFor(timerIds)).size === timerIds.length || undefined, { description: 'all 300 timers fired', timeoutMs: 60_000 });
    const breaches = await breachesFor(timerIds);
    expect([...breaches.values()].every((n) => n === 1)).toBe(true);
    const states = await db.query<{ n: number }>(`select count(*)::int as n from ${schema}.timer where timer_id = any($1) and state = 'breached'`, [timerIds]);
    expect(states.rows[0]?.n).toBe(300);
  });
});

describe('informing clocks of the first releases, one per melding, become one per person at the next start (rule I7, ADR 0021)', () => {
  let env: TestEnvironment;
  let db: Client;
  let serviceEnv: Record<string, string>;
  let schema: string;
  let reader: TopicReader | undefined;
  const running: RunningService[] = [];
  const DAY = 86_400_000;

  beforeAll(async () => {
    env = testEnvironment();
    serviceEnv = await env.serviceEnv('crisis_triage');
    schema = serviceEnv['DATABASE_SCHEMA'] as string;
    db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    for (const service of running) await service.stop();
    await db?.end();
    await env?.cleanup();
  });

  const start = async () => {
    const service = await startService('crisis-triage', serviceEnv);
    running.push(service);
    return service;
  };

  /** A melding as the old code handled it: its MeldingReceived on the topic and applied (inbox), one clock without a person. */
  async function legacyMelding(options: { persons: ('victim' | 'child-involved' | 'adult-involved')[]; startedDaysAgo: number; state: 'running' | 'breached'; onTheLog: boolean }) {
    const householdId = randomUUID();
    const meldingId = randomUUID();
    const melderId = randomUUID();
    const persons = options.persons.map((role) => ({ personId: randomUUID(), role }));
    const startedAt = new Date(Date.now() - options.startedDaysAgo * DAY);
    const dueAt = new Date(startedAt.getTime() + 28 * DAY);
    if (options.onTheLog) {
      const event = newEvent({
        type: MELDING_RECEIVED,
        service: 'intake',
        householdId,
        subject: meldingId,
        time: startedAt,
        data: { meldingId, householdId, receivedAt: startedAt.toISOString(), gemeenteCode: 'GM0363', melderId, acuteIndication: { indicated: false }, persons, actor: 'user:test-call-handler' },
      });
      const producer = env.kafkaClient().producer();
      await producer.connect();
      try {
        await producer.send({ topic: env.topicPrefix + TOPICS.meldingen, messages: [{ key: householdId, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type, [HEADERS.eventId]: event.id } }] });
      } finally {
        await producer.disconnect();
      }
      await db.query(`insert into ${schema}.inbox (consumer_group, event_id, outcome, topic, partition, "offset") values ('crisis-triage', $1, 'applied', $2, 0, 0)`, [event.id, TOPICS.meldingen]);
    }
    await db.query(`insert into ${schema}.safety_assessment (subject_id, melding_id, household_id, region, received_at, acute) values ($1, $1, $2, 'vt-amsterdam-amstelland', $3, false)`, [meldingId, householdId, startedAt]);
    const timerId = randomUUID();
    await db.query(
      `insert into ${schema}.timer (timer_id, clock, legal_basis, counting, calendar, household_id, subject_id, started_at, due_at, approaching_at, state)
       values ($1, 'informeren-betrokkenen', 'Wmo 2015 art. 5.3.1', 'calendar-term', 'nl', $2, $3, $4, $5, $5, $6)`,
      [timerId, householdId, meldingId, startedAt, dueAt, options.state],
    );
    return { householdId, meldingId, persons, timerId, startedAt, dueAt };
  }

  type Event = { type: string; id: string; causationid: string; data: Record<string, unknown> };
  const deadlineEvents = (householdId: string) =>
    (reader as TopicReader).on(env.topicPrefix + TOPICS.triageDeadlines).filter((r) => r.key === householdId).map((r) => r.json<Event>());

  it('converts each open melding-level clock into clocks per person with the same start and due date, ends it with DeadlineSuperseded, keeps one whose melding is not on the log running, and does it once', async () => {
    // The schema as the service leaves it.
    await (await start()).stop();
    const open = await legacyMelding({ persons: ['victim', 'child-involved', 'adult-involved'], startedDaysAgo: 10, state: 'running', onTheLog: true });
    const breached = await legacyMelding({ persons: ['victim', 'child-involved'], startedDaysAgo: 40, state: 'breached', onTheLog: true });
    const lost = await legacyMelding({ persons: ['victim'], startedDaysAgo: 5, state: 'running', onTheLog: false });
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.triageDeadlines]).start();

    const second = await start();
    for (const legacy of [open, breached]) {
      const superseded = await waitFor(() => deadlineEvents(legacy.householdId).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineSuperseded.v1'), { description: `DeadlineSuperseded of ${legacy.timerId}` });
      expect(superseded.data).toMatchObject({ timerId: legacy.timerId, clock: 'informeren-betrokkenen', subjectId: legacy.meldingId, reason: 'informing-clock-per-person', actor: 'system:crisis-triage' });
      expect(superseded.data['personId']).toBeUndefined();
      const by = superseded.data['supersededBy'] as { timerId: string; personId: string }[];
      expect(by.map((b) => b.personId).sort()).toEqual(legacy.persons.map((p) => p.personId).sort());
      const started = deadlineEvents(legacy.householdId).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1');
      expect(started.map((e) => e.data['timerId']).sort()).toEqual(by.map((b) => b.timerId).sort());
      for (const e of started) expect(e.data).toMatchObject({ subjectId: legacy.meldingId, startedAt: legacy.startedAt.toISOString(), dueAt: legacy.dueAt.toISOString() });
    }
    // Already past its due date: a real breach of each person's clock, at the due time.
    const breaches = deadlineEvents(breached.householdId).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineBreached.v1');
    expect(breaches.map((e) => [e.data['personId'], e.data['breachedAt']]).sort()).toEqual(breached.persons.map((p) => [p.personId, breached.dueAt.toISOString()]).sort());

    const states = await db.query<{ subject_id: string; person_id: string | null; state: string }>(`select subject_id, person_id, state from ${schema}.timer where clock = 'informeren-betrokkenen' and subject_id = any($1) order by state`, [
      [open.meldingId, breached.meldingId, lost.meldingId],
    ]);
    const stateOf = (meldingId: string) => states.rows.filter((r) => r.subject_id === meldingId).map((r) => `${r.person_id ? 'person' : 'melding'}:${r.state}`).sort();
    expect(stateOf(open.meldingId)).toEqual(['melding:superseded', 'person:running', 'person:running', 'person:running']);
    expect(stateOf(breached.meldingId)).toEqual(['melding:superseded', 'person:breached', 'person:breached']);
    // Never dropped: the melding whose MeldingReceived is not on the log keeps its clock, and the step says which and why.
    expect(stateOf(lost.meldingId)).toEqual(['melding:running']);
    const run = await waitFor(async () => (await db.query<{ legacy_clocks: number; converted: number; not_found: { meldingId: string; reason: string }[] }>(`select * from ${schema}.informing_clock_migration`)).rows[0], {
      description: 'the record of the run',
    });
    expect(run).toMatchObject({ legacy_clocks: 3, converted: 2, not_found: [expect.objectContaining({ meldingId: lost.meldingId, timerId: lost.timerId })] });
    expect(second.output()).toContain(`melding ${lost.meldingId}: its melding-level informing clock ${lost.timerId} keeps running`);
    const persons = await db.query(`select 1 from ${schema}.melding_person where melding_id = any($1)`, [[open.meldingId, breached.meldingId]]);
    expect(persons.rowCount).toBe(5);

    // The person was in fact informed before the due date, which the old release could not record: the breach did not happen.
    const child = breached.persons.find((p) => p.role === 'child-involved') as { personId: string };
    const informedAt = new Date(breached.startedAt.getTime() + 7 * DAY).toISOString();
    const recorded = await fetch(`${second.url}/api/v1/households/${breached.householdId}/persons/${child.personId}/informing`, {
      method: 'POST',
      headers: env.authHeaders(['investigator'], ['vt-amsterdam-amstelland']),
      body: JSON.stringify({ informedAt, method: 'via-wettelijk-vertegenwoordiger' }),
    });
    expect(recorded.status).toBe(201);
    expect(((await recorded.json()) as { metClocks: { inTime: boolean }[] }).metClocks).toEqual([expect.objectContaining({ inTime: true })]);
    await waitFor(() => deadlineEvents(breached.householdId).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineMet.v1' && e.data['personId'] === child.personId && e.data['metAt'] === informedAt), {
      description: 'DeadlineMet of the child’s converted clock',
    });
    await second.stop();

    // The next start converts nothing twice: the lost melding is looked for again, the others are left alone.
    const third = await start();
    await waitFor(async () => (await db.query(`select 1 from ${schema}.informing_clock_migration`)).rowCount === 2 || undefined, { description: 'a second run' });
    await third.stop();
    const runs = await db.query<{ converted: number }>(`select converted from ${schema}.informing_clock_migration order by started_at`);
    expect(runs.rows.map((r) => r.converted)).toEqual([2, 0]);
    const timers = await db.query(`select 1 from ${schema}.timer where clock = 'informeren-betrokkenen' and subject_id = any($1)`, [[open.meldingId, breached.meldingId]]);
    expect(timers.rowCount).toBe(7);
    expect(deadlineEvents(open.householdId).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineSuperseded.v1')).toHaveLength(1);
  }, 240_000);
});
