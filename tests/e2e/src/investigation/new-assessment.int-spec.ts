import { EventType, newestTypeOf, TOPICS } from '@vt/contracts';
import type { Role } from '@vt/auth';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Person = { personId: string };
type Envelope = { id: string; type: string; subject: string; causationid: string; data: Record<string, unknown> };
type Answer = { status: number; body: Record<string, unknown> };
type Joined = { requestId: string; monitoringId: string | null; requestedAt: string };
type Queued = { subjectId: string; basis: string; meldingId: string; householdId: string; acute: boolean | null; monitoringId: string | null; hasMinor: boolean | null; dueAt: string; legalBasis: string; joinedRequests: Joined[] };

const INVESTIGATOR = 'user:investigator-e2e';
const TRIAGE = 'user:triage-e2e';
/** The type as the services write it now: the newest version of `name` (ADR 0004). */
const T = (name: string): string => newestTypeOf(`nl.veiligthuis.${name}.v1` as EventType);

/**
 * Monitoring finds the household not safe and asks for a new veiligheidsbeoordeling: crisis-triage
 * opens it in the region's queue with its own 5-working-day clock from the request time, once, and
 * triage staff complete it like any other. A further request while it is still open joins it (no
 * second assessment, no second clock). intake, crisis-triage and safety-investigation run as
 * processes on the real broker and database; monitoring runs on a short test period.
 */
describe('a new assessment requested by monitoring', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let crisisTriage: RunningService;
  let safetyInvestigation: RunningService;
  let reader: TopicReader;

  beforeAll(async () => {
    env = testEnvironment();
    const monitoring = JSON.stringify({ version: 'test/1', default: { interval: 'PT1S', duration: 'PT2S' }, regions: {} });
    services = await Promise.all([
      env.serviceEnv('intake').then((e) => startService('intake', e)),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e)),
      env.serviceEnv('safety_investigation').then((e) => startService('safety-investigation', { ...e, MONITORING_CONFIG_JSON: monitoring })),
    ]);
    [intake, crisisTriage, safetyInvestigation] = services as [RunningService, RunningService, RunningService];
    reader = await new TopicReader(env.kafkaBrokers.split(','), [TOPICS.householdPhases, TOPICS.triageAssessments, TOPICS.triageDeadlines].map((topic) => env.topicPrefix + topic)).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  const headers = (actor = INVESTIGATOR, roles: Role[] = ['call-handler', 'triage', 'investigator']): Record<string, string> => ({ ...env.authHeaders(roles, ['*'], actor.replace(/^user:/, '')), 'x-access-purpose': 'monitoring' });
  const si = (path: string): string => `${safetyInvestigation.url}/api/v1${path}`;
  const ct = (path: string): string => `${crisisTriage.url}/api/v1${path}`;

  async function post(url: string, body: unknown, actor = INVESTIGATOR): Promise<Answer> {
    const response = await fetch(url, { method: 'POST', headers: headers(actor), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function get<R>(url: string): Promise<R> {
    const response = await fetch(url, { headers: headers() });
    expect(response.status).toBe(200);
    return (await response.json()) as R;
  }

  const events = (topic: string, key: string, type: string): Envelope[] =>
    reader
      .on(env.topicPrefix + topic)
      .filter((record) => record.key === key)
      .map((record) => record.json<Envelope>())
      .filter((event) => event.type === type);
  const eventually = (topic: string, key: string, type: string, where: (event: Envelope) => boolean = () => true): Promise<Envelope> =>
    waitFor(() => events(topic, key, type).find(where), { description: `${type} for household ${key}` });
  const queued = async (householdId: string): Promise<Queued[]> =>
    (await get<{ assessments: Queued[] }>(ct('/regions/vt-groningen/assessment-queue'))).assessments.filter((a) => a.householdId === householdId);

  it('opens the assessment with its clock from the request, once, and triage completes it through HTTP', async () => {
    // One adult (by birth date): the household has no minor, which the requested assessment must know too (docs/adr/0022).
    const registered = await post(`${intake.url}/api/v1/meldingen`, { ...aMelding().inGemeente('GM0014').concerning(['ex-partnergeweld']).requestBody(), persons: [{ role: 'victim', name: 'Test Persoon', birthDate: '1979-02-14' }] });
    expect(registered.status).toBe(201);
    const householdId = registered.body['householdId'] as string;
    const meldingId = registered.body['meldingId'] as string;
    const household = await waitFor(
      async () => {
        const response = await fetch(si(`/households/${householdId}`), { headers: headers() });
        return response.status === 200 ? ((await response.json()) as { persons: Person[] }) : undefined;
      },
      { description: `household ${householdId} opened` },
    );

    const own = await waitFor(async () => (await queued(householdId)).find((a) => a.basis === 'melding'), { description: 'the melding in the assessment queue' });
    expect(own).toMatchObject({ subjectId: meldingId, meldingId, acute: false, monitoringId: null });
    const first = await post(ct(`/meldingen/${meldingId}/safety-assessment`), { taxatie: 'structureel', outcome: 'voorwaarden-en-vervolg', reasoning: 'Afspraken over veiligheid nodig.' }, TRIAGE);
    expect(first.status).toBe(201);

    for (const person of household.persons) expect((await post(si(`/households/${householdId}/persons/${person.personId}/immediate-safety-confirmations`), { how: 'safe' })).status).toBe(201);
    expect((await post(si(`/households/${householdId}/phase-transitions`), { to: 'duurzame-veiligheid', reason: 'safe for now' })).status).toBe(201);
    expect((await post(si(`/households/${householdId}/safety-conditions`), { conditions: ['Geen alcohol in huis.'], handedOverTo: ['lokaal-team-gm0014'] })).status).toBe(201);
    const started = await eventually(TOPICS.householdPhases, householdId, T('household.MonitoringStarted'));
    await eventually(TOPICS.householdPhases, householdId, T('household.MonitoringCheckInDue'), (e) => e.data['checkIn'] === 1);
    const result = await post(si(`/households/${householdId}/monitoring-results`), { stable: false, reason: 'school meldt nieuwe zorgen', followUp: 'new-assessment' });
    expect(result.status).toBe(201);
    const request = await eventually(TOPICS.householdPhases, householdId, T('household.NewAssessmentRequested'));
    // The investigator's reason is free text: on the log only sealed under the household's key (ADR 0020).
    expect(request.data['reason']).toMatchObject({ personId: householdId, alg: 'A256GCM' });
    expect(JSON.stringify(request.data)).not.toContain('school meldt');

    const clock = await eventually(TOPICS.triageDeadlines, householdId, T('triage.DeadlineStarted'), (e) => e.data['subjectId'] === request.id);
    expect(clock.data).toMatchObject({ clock: 'veiligheidsbeoordeling', householdId, startedAt: request.data['requestedAt'], legalBasis: expect.stringContaining('4.1.7') });
    const opened = await waitFor(async () => (await queued(householdId)).find((a) => a.subjectId === request.id), { description: 'the requested assessment in the queue' });
    expect(opened).toMatchObject({ basis: 'monitoring', meldingId, acute: null, monitoringId: started.data['monitoringId'], dueAt: clock.data['dueAt'], hasMinor: false });
    // crisis-triage never copies the reason: it stays, sealed, with safety-investigation's household record.
    expect(opened).not.toHaveProperty('reason');
    const deadlines = await get<{ clock: string; subjectId: string }[] | { deadlines: { clock: string; subjectId: string }[] }>(ct(`/deadlines?householdId=${householdId}`));
    expect(JSON.stringify(deadlines)).toContain(request.id);

    // Redelivery: the same record again, then a second request behind it on the household's partition.
    const record = reader.on(env.topicPrefix + TOPICS.householdPhases).find((r) => r.key === householdId && r.json<Envelope>().id === request.id);
    const producer = env.kafkaClient().producer();
    await producer.connect();
    await producer.send({ topic: env.topicPrefix + TOPICS.householdPhases, messages: [{ key: householdId, value: record?.value ?? null, headers: record?.headers ?? {} }] });
    await producer.disconnect();
    expect((await post(si(`/households/${householdId}/monitoring-results`), { stable: false, reason: 'nog steeds zorgen', followUp: 'new-assessment' })).status).toBe(201);
    // The first requested assessment is still open: the second request joins it instead of opening another.
    const second = await eventually(TOPICS.householdPhases, householdId, T('household.NewAssessmentRequested'), (e) => e.id !== request.id);
    const joined = await waitFor(async () => (await queued(householdId)).find((a) => a.joinedRequests.some((j) => j.requestId === second.id)), { description: 'the second request joined to the open assessment' });
    expect(joined).toMatchObject({ subjectId: request.id, dueAt: clock.data['dueAt'] });
    expect(joined.joinedRequests).toEqual([{ requestId: second.id, monitoringId: second.data['monitoringId'] ?? null, requestedAt: second.data['requestedAt'] }]);
    expect((await queued(householdId)).map((a) => a.subjectId)).toEqual([request.id]);
    // The join is a fact on the log, caused by the request, naming the assessment it joined.
    const joinedFact = await eventually(TOPICS.triageAssessments, householdId, T('triage.AssessmentRequestJoined'), (e) => e.data['requestId'] === second.id);
    expect(joinedFact).toMatchObject({
      subject: second.id,
      causationid: second.id,
      data: { householdId, requestId: second.id, requestedAt: second.data['requestedAt'], joinedSubjectId: request.id, actor: 'system:crisis-triage' },
    });
    expect(joinedFact.data['monitoringId']).toBe(second.data['monitoringId']);
    expect(joinedFact.data).not.toHaveProperty('reason');
    expect(events(TOPICS.triageAssessments, householdId, T('triage.AssessmentRequestJoined'))).toHaveLength(1);
    // Joining and a clock would be one transaction: with the join visible, no second clock can follow.
    expect(events(TOPICS.triageDeadlines, householdId, T('triage.DeadlineStarted')).filter((e) => e.data['subjectId'] === second.id)).toEqual([]);
    expect(events(TOPICS.triageDeadlines, householdId, T('triage.DeadlineStarted')).filter((e) => e.data['subjectId'] === request.id)).toHaveLength(1);

    const invalid = await post(ct(`/assessment-requests/${request.id}/safety-assessment`), { taxatie: 'structureel', outcome: 'onbekend', reasoning: 'x' }, TRIAGE);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('outcome');
    expect((await post(ct(`/meldingen/${request.id}/safety-assessment`), { taxatie: 'structureel', outcome: 'onderzoek', reasoning: 'x' }, TRIAGE)).status).toBe(404);
    // Rule (triage domain checkAssessmentOutcome, from the household's meldingen known to crisis-triage): no RvdK for a household without a minor.
    const toRvdk = await post(ct(`/assessment-requests/${request.id}/safety-assessment`), { taxatie: 'structureel', outcome: 'verzoek-rvdk', reasoning: 'x' }, TRIAGE);
    expect(toRvdk).toMatchObject({ status: 422, body: { error: 'route-needs-a-minor', fields: [{ path: 'outcome', code: 'route-needs-a-minor' }] } });

    const done = await post(ct(`/assessment-requests/${request.id}/safety-assessment`), { taxatie: 'structureel', outcome: 'onderzoek', reasoning: 'Voorwaarden werken niet; onderzoek nodig.' }, TRIAGE);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ meldingId, basis: 'monitoring', deadline: { met: true } });
    const again = await post(ct(`/assessment-requests/${request.id}/safety-assessment`), { taxatie: 'structureel', outcome: 'onderzoek', reasoning: 'nogmaals' }, TRIAGE);
    expect(again).toMatchObject({ status: 409, body: { error: 'already-assessed' } });

    const completed = await eventually(TOPICS.triageAssessments, householdId, T('triage.SafetyAssessmentCompleted'), (e) => e.data['assessmentId'] === done.body['assessmentId']);
    expect(completed).toMatchObject({
      subject: request.id,
      data: { meldingId, householdId, outcome: 'onderzoek', basedOn: { basis: 'monitoring', requestId: request.id, monitoringId: started.data['monitoringId'] }, actor: TRIAGE },
    });
    const met = await eventually(TOPICS.triageDeadlines, householdId, T('triage.DeadlineMet'), (e) => e.data['subjectId'] === request.id);
    expect(met.data).toMatchObject({ clock: 'veiligheidsbeoordeling' });
    await eventually(TOPICS.triageDeadlines, householdId, T('triage.DeadlineStarted'), (e) => e.data['clock'] === 'onderzoek' && e.data['subjectId'] === done.body['assessmentId']);
    // Completing the assessment answers the request that joined it too: nothing of the household is left in the queue.
    expect(await queued(householdId)).toEqual([]);
  });
});
