import { Client } from 'pg';
import { TOPICS } from '@vt/contracts';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';


describe('crisis triage: acute meldingen reach the crisis function; every melding gets its assessment clock', () => {
  let env: TestEnvironment;
  let intake: RunningService;
  let triage: RunningService;
  let reader: TopicReader;
  let json: Record<string, string>;
  let triageStaff: Record<string, string>;

  beforeAll(async () => {
    env = testEnvironment();
    json = env.authHeaders(['call-handler']);
    triageStaff = { ...env.authHeaders(['triage'], ['*'], 'triage-amsterdam-7'), 'x-access-purpose': 'crisis triage e2e' };
    [intake, triage] = await Promise.all([env.serviceEnv('intake').then((e) => startService('intake', e)), env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e))]);
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.triageAssessments, env.topicPrefix + TOPICS.triageDeadlines, env.topicPrefix + TOPICS.auditAccess]).start();
  });

  afterAll(async () => {
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
    expect(requested.data).toMatchObject({ meldingId, crisisRegion: 'vt-amsterdam-amstelland', grounds: ['physical-violence'], ruleSetVersion: 'acute-rules/2' });

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
    const queueElsewhere = await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: { ...env.authHeaders(['triage'], ['vt-groningen']), 'x-access-purpose': 'x' } });
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

  type Access = { type: string; data: { service: string; subject: { kind: string; id: string }; purpose: string; actor: string } };
  const accessesOf = (householdId: string) => reader.on(env.topicPrefix + TOPICS.auditAccess).filter((r) => r.key === householdId).map((r) => r.json<Access>());
  const queueOf = async (region: string, headers: Record<string, string>) => fetch(`${triage.url}/api/v1/regions/${region}/crisis-queue`, { headers });

  // Rule (DOMAIN.md "Regions"; plan "Regions"; docs/adr/0017): VR20 Midden- en West-Brabant is served by two VT organisations;
  // an acute melding goes to the crisis function of its gemeente's VT region (Breda GM0758: West-Brabant; Tilburg GM0855:
  // Midden-Brabant), and each crisis function sees and acts on its own queue only.
  it('puts an acute melding from Breda in West-Brabant’s crisis queue and not in Midden-Brabant’s, and keeps each queue to its own staff', async () => {
    const westStaff = { ...env.authHeaders(['triage'], ['vt-west-brabant'], 'crisis-west-brabant-1'), 'x-access-purpose': 'crisisdienst West-Brabant' };
    const middenStaff = { ...env.authHeaders(['triage'], ['vt-midden-brabant'], 'crisis-midden-brabant-1'), 'x-access-purpose': 'crisisdienst Midden-Brabant' };
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
    const read = await waitFor(() => accessesOf(breda.householdId).find((a) => a.data.subject.id === breda.meldingId && a.data.purpose === 'crisisdienst West-Brabant'), {
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

  it('extends the term for informing involved persons by two weeks per recorded reason, and refuses to extend the assessment term', async () => {
    const { householdId } = await post(aMelding().requestBody());
    await waitFor(() => eventsOf(householdId, TOPICS.triageDeadlines).filter((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1').length === 2 || undefined, { description: 'both clocks' });
    const { deadlines } = (await (await fetch(`${triage.url}/api/v1/deadlines?householdId=${householdId}`, { headers: triageStaff })).json()) as { deadlines: { timerId: string; clock: string; dueAt: string }[] };
    const informing = deadlines.find((d) => d.clock === 'informeren-betrokkenen');
    const assessment = deadlines.find((d) => d.clock === 'veiligheidsbeoordeling');
    const extended = await fetch(`${triage.url}/api/v1/deadlines/${informing?.timerId}/extensions`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ reason: 'Betrokkene verblijft tijdelijk in het buitenland.' }) });
    expect(extended.status).toBe(201);
    const body = (await extended.json()) as { dueAt: string; extensions: number };
    expect(body.extensions).toBe(1);
    // 4 + 2 weeks from the start, with the Algemene termijnenwet applied once to that end: never earlier than the
    // nominal six weeks, later only past a weekend or holiday. (Not "two weeks after the old end": when the
    // 4-week end fell on a holiday, say 1 January, the Atw had already moved it, and the difference is less.)
    const started = eventsOf(householdId, TOPICS.triageDeadlines).find((e) => e.type === 'nl.veiligthuis.triage.DeadlineStarted.v1' && e.data['clock'] === 'informeren-betrokkenen');
    const nominal = Date.parse(String(started?.data['startedAt'])) + 6 * 7 * 86_400_000;
    expect(Date.parse(body.dueAt)).toBeGreaterThanOrEqual(nominal);
    expect(Date.parse(body.dueAt) - nominal).toBeLessThan(6 * 86_400_000);
    expect(Date.parse(body.dueAt)).toBeGreaterThan(Date.parse(informing?.dueAt ?? ''));
    const refused = await fetch(`${triage.url}/api/v1/deadlines/${assessment?.timerId}/extensions`, { method: 'POST', headers: triageStaff, body: JSON.stringify({ reason: 'druk' }) });
    expect(refused.status).toBe(422);
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
