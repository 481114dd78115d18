import { TOPICS } from '@vt/contracts';
import type { Role } from '@vt/auth';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Person = { personId: string; role: string; immediateSafety: string; confirmedBy?: string; how?: unknown };
type Household = { householdId: string; phase: string; persons: Person[]; history: ({ type: string; phase: string } & Record<string, unknown>)[] };
type Envelope = { id: string; type: string; subject: string; data: Record<string, unknown> };

const REFUSED = 'nl.veiligthuis.household.HouseholdPhaseChangeRefused.v1';
const CHANGED = 'nl.veiligthuis.household.HouseholdPhaseChanged.v2';
const INVESTIGATOR = 'user:investigator-e2e';

/** The household phase workflow on the real broker and database: intake, crisis-triage and safety-investigation as processes. */
describe('household phases: directe veiligheid for everyone → duurzame veiligheid → herstel → back on an acute incident', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let crisisTriage: RunningService;
  let safetyInvestigation: RunningService;
  let reader: TopicReader;

  beforeAll(async () => {
    env = testEnvironment();
    services = await Promise.all([
      env.serviceEnv('intake').then((e) => startService('intake', e)),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e)),
      env.serviceEnv('safety_investigation').then((e) => startService('safety-investigation', e)),
    ]);
    [intake, crisisTriage, safetyInvestigation] = services as [RunningService, RunningService, RunningService];
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.householdPhases, env.topicPrefix + TOPICS.investigations]).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  const householdUrl = (householdId: string, path = ''): string => `${safetyInvestigation.url}/api/v1/households/${householdId}${path}`;

  /** A bearer token for `actor` (`user:<subject>`) with the roles these tests need; `null` sends no token. */
  const headersFor = (actor: string | null, roles: Role[] = ['call-handler', 'triage', 'investigator']): Record<string, string> =>
    actor === null ? { 'content-type': 'application/json' } : { ...env.authHeaders(roles, ['*'], actor.replace(/^user:/, '')), 'x-access-purpose': 'onderzoek' };

  async function post(url: string, body: unknown, actor: string | null = INVESTIGATOR, roles?: Role[]): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, { method: 'POST', headers: headersFor(actor, roles), body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function household(householdId: string): Promise<Household> {
    const response = await fetch(householdUrl(householdId), { headers: headersFor(INVESTIGATOR) });
    expect(response.status).toBe(200);
    return (await response.json()) as Household;
  }

  const eventsOf = (householdId: string, type: string): Envelope[] =>
    reader
      .on(env.topicPrefix + TOPICS.householdPhases)
      .filter((record) => record.key === householdId)
      .map((record) => record.json<Envelope>())
      .filter((event) => event.type === type);

  async function openHouseholdWithTwoPersons(): Promise<{ householdId: string; first: Person; second: Person }> {
    const melding = aMelding().acute().inGemeente('GM0014').requestBody();
    const persons = [...(melding['persons'] as Record<string, unknown>[]), { role: 'child-involved', name: 'Test Kind' }];
    const registered = await post(`${intake.url}/api/v1/meldingen`, { ...melding, persons });
    expect(registered.status).toBe(201);
    const householdId = registered.body['householdId'] as string;
    const opened = await waitFor(
      async () => {
        const response = await fetch(householdUrl(householdId), { headers: headersFor(INVESTIGATOR) });
        return response.status === 200 ? ((await response.json()) as Household) : undefined;
      },
      { description: `household ${householdId} to be opened by safety-investigation` },
    );
    expect(opened).toMatchObject({ phase: 'directe-veiligheid', persons: [{ immediateSafety: 'unconfirmed' }, { immediateSafety: 'unconfirmed' }] });
    const [first, second] = opened.persons as [Person, Person];
    return { householdId, first, second };
  }

  it('leaves directe veiligheid only once everyone is safe, reaches herstel on handed-over conditions and stable monitoring, and goes back on an acute incident', async () => {
    const { householdId, first, second } = await openHouseholdWithTwoPersons();

    const confirmedFirst = await post(householdUrl(householdId, `/persons/${first.personId}/immediate-safety-confirmations`), { how: 'seen in person at a safe address' });
    expect(confirmedFirst.status).toBe(201);
    expect(confirmedFirst.body).toMatchObject({
      persons: [{ personId: first.personId, immediateSafety: 'confirmed', confirmedBy: INVESTIGATOR, how: 'seen in person at a safe address' }, { personId: second.personId, immediateSafety: 'unconfirmed' }],
    });

    const refused = await post(householdUrl(householdId, '/phase-transitions'), { to: 'duurzame-veiligheid', reason: 'the victim is safe' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      statusCode: 409,
      error: 'phase-change-refused',
      reason: 'immediate-safety-not-confirmed',
      missing: [{ fact: 'immediate-safety-confirmed', personId: second.personId, role: second.role }],
    });
    expect(refused.body['allowed']).toContainEqual({ command: 'MoveToDuurzameVeiligheid', to: 'duurzame-veiligheid' });
    const [refusalEvent] = await waitFor(() => eventsOf(householdId, REFUSED).length > 0 && eventsOf(householdId, REFUSED), { description: 'HouseholdPhaseChangeRefused on the phases topic' });
    expect(refusalEvent?.data).toMatchObject({ command: 'MoveToDuurzameVeiligheid', phase: 'directe-veiligheid', reason: 'immediate-safety-not-confirmed', missing: refused.body['missing'], actor: INVESTIGATOR });

    expect((await post(householdUrl(householdId, `/persons/${second.personId}/immediate-safety-confirmations`), { how: 'placed with grandparents' })).status).toBe(201);
    const moved = await post(householdUrl(householdId, '/phase-transitions'), { to: 'duurzame-veiligheid', reason: 'everyone is safe for now' });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ phase: 'duurzame-veiligheid' });
    const [toDuurzaam] = await waitFor(() => eventsOf(householdId, CHANGED).length > 0 && eventsOf(householdId, CHANGED), { description: 'HouseholdPhaseChanged to duurzame-veiligheid' });
    // ADR 0020: why is a code; the investigator's words travel only encrypted under the household's key.
    expect(toDuurzaam?.data).toMatchObject({
      command: 'MoveToDuurzameVeiligheid',
      from: 'directe-veiligheid',
      to: 'duurzame-veiligheid',
      actor: INVESTIGATOR,
      reasonCode: 'immediate-safety-realised-for-everyone',
      explanation: { personId: householdId, alg: 'A256GCM' },
      basedOn: { confirmations: [{ personId: first.personId, confirmedBy: INVESTIGATOR }, { personId: second.personId, confirmedBy: INVESTIGATOR }] },
    });
    expect(JSON.stringify(toDuurzaam)).not.toContain('everyone is safe for now');
    expect((await household(householdId)).history.find((entry) => entry.type === CHANGED)).toMatchObject({ reasonCode: 'immediate-safety-realised-for-everyone', explanation: 'everyone is safe for now' });

    const tooEarly = await post(householdUrl(householdId, '/phase-transitions'), { to: 'herstel', reason: 'looks calm' });
    expect(tooEarly).toMatchObject({ status: 409, body: { reason: 'sustainable-safety-not-shown', missing: [{ fact: 'safety-conditions-recorded' }, { fact: 'safety-conditions-handed-over' }, { fact: 'monitoring-result-recorded' }] } });

    expect((await post(householdUrl(householdId, '/safety-conditions'), { conditions: ['no contact without supervision'], handedOverTo: ['lokaal-team-gm0014'] })).status).toBe(201);
    expect((await post(householdUrl(householdId, '/monitoring-results'), { stable: true, reason: 'school and lokaal team report calm' })).status).toBe(201);
    const herstel = await post(householdUrl(householdId, '/phase-transitions'), { to: 'herstel', reason: 'conditions hold and safety is stable' });
    expect(herstel.status).toBe(201);
    expect(herstel.body).toMatchObject({
      phase: 'herstel',
      safetyConditions: { conditions: ['no contact without supervision'], conditionCount: 1, handedOverTo: ['lokaal-team-gm0014'] },
      monitoring: { stable: true, reason: 'school and lokaal team report calm' },
    });

    const incident = await post(householdUrl(householdId, '/phase-transitions'), { to: 'directe-veiligheid', reason: 'police report new violence last night' });
    expect(incident.status).toBe(201);
    const back = await household(householdId);
    expect(back).toMatchObject({ phase: 'directe-veiligheid', persons: [{ immediateSafety: 'unconfirmed' }, { immediateSafety: 'unconfirmed' }], monitoring: null });
    const regression = await waitFor(() => eventsOf(householdId, CHANGED).find((event) => event.data['from'] === 'herstel'), { description: 'HouseholdPhaseChanged from herstel back to directe-veiligheid' });
    expect(regression.data).toMatchObject({ command: 'RegisterAcuteIncident', to: 'directe-veiligheid', actor: INVESTIGATOR, confirmationsWithdrawn: [first.personId, second.personId] });
    expect(regression.subject).toBe(householdId);

    expect(back.history.map((entry) => [entry.type.split('.')[3], entry.phase])).toEqual([
      ['HouseholdRecordOpened', 'directe-veiligheid'],
      ['ImmediateSafetyConfirmed', 'directe-veiligheid'],
      ['HouseholdPhaseChangeRefused', 'directe-veiligheid'],
      ['ImmediateSafetyConfirmed', 'directe-veiligheid'],
      ['HouseholdPhaseChanged', 'duurzame-veiligheid'],
      ['HouseholdPhaseChangeRefused', 'duurzame-veiligheid'],
      ['SafetyConditionsRecorded', 'duurzame-veiligheid'],
      ['MonitoringStarted', 'duurzame-veiligheid'],
      ['MonitoringResultRecorded', 'duurzame-veiligheid'],
      ['HouseholdPhaseChanged', 'herstel'],
      ['HouseholdPhaseChanged', 'directe-veiligheid'],
    ]);
  });

  it('asks who acts, answers an unknown household with 404 and a bad body with 400, and records nothing for them', async () => {
    const { householdId, first } = await openHouseholdWithTwoPersons();
    const confirmation = householdUrl(householdId, `/persons/${first.personId}/immediate-safety-confirmations`);

    expect(await post(confirmation, { how: 'seen' }, null)).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    expect(await post(confirmation, { how: 'seen' }, 'user:call-handler-1', ['call-handler'])).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const badBody = await post(householdUrl(householdId, '/phase-transitions'), { to: 'somewhere', reason: '', extra: 1 });
    expect(badBody.status).toBe(400);
    expect((badBody.body['fields'] as { path: string }[]).map((field) => field.path).sort()).toEqual(['extra', 'reason', 'to']);
    const named = await post(householdUrl(householdId, '/safety-conditions'), { conditions: ['no contact'], handedOverTo: ['Jan Jansen'] });
    expect(named).toMatchObject({ status: 400, body: { fields: [{ path: 'handedOverTo', code: 'matches' }] } });

    const unknown = await post(householdUrl('8d6f0c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f', '/phase-transitions'), { to: 'gesloten', reason: 'no such household' });
    expect(unknown).toMatchObject({ status: 404, body: { error: 'household-not-found' } });

    expect((await post(confirmation, { how: 'seen in person' })).status).toBe(201);
    expect((await post(confirmation, { how: 'seen again' })).status).toBe(200);
    expect((await household(householdId)).history.map((entry) => entry.type.split('.')[3])).toEqual(['HouseholdRecordOpened', 'ImmediateSafetyConfirmed']);
  });

  it('takes the crisis function’s confirmations of immediate safety onto the household, so the phase can follow', async () => {
    const { householdId, first, second } = await openHouseholdWithTwoPersons();
    const queue = await waitFor(
      async () => {
        const body = (await (await fetch(`${crisisTriage.url}/api/v1/regions/vt-groningen/crisis-queue`, { headers: headersFor(INVESTIGATOR) })).json()) as { interventions: { interventionId: string; householdId: string }[] };
        return body.interventions.find((i) => i.householdId === householdId);
      },
      { description: 'the acute melding in the crisis queue of vt-groningen' },
    );
    for (const person of [first, second]) {
      const recorded = await post(`${crisisTriage.url}/api/v1/crisis-interventions/${queue.interventionId}/actions`, { action: 'immediate-safety-confirmed', personId: person.personId }, 'user:crisis-dienst-groningen');
      expect(recorded.status).toBe(201);
    }
    const confirmed = await waitFor(async () => {
      const current = await household(householdId);
      return current.persons.every((p) => p.immediateSafety === 'confirmed') ? current : undefined;
    }, { description: 'both confirmations on the household record' });
    expect(confirmed.persons.map((p) => p.confirmedBy)).toEqual(['user:crisis-dienst-groningen', 'user:crisis-dienst-groningen']);
    const moved = await post(householdUrl(householdId, '/phase-transitions'), { to: 'duurzame-veiligheid', reason: 'the crisis function made everyone safe' });
    expect(moved.status).toBe(201);
    expect((await household(householdId)).phase).toBe('duurzame-veiligheid');
  });

  it('opens the household’s one integral investigation when the veiligheidsbeoordeling decides on onderzoek', async () => {
    const { householdId } = await openHouseholdWithTwoPersons();
    const queue = (await (await fetch(`${crisisTriage.url}/api/v1/regions/vt-groningen/assessment-queue`, { headers: headersFor(INVESTIGATOR) })).json()) as { assessments: { meldingId: string; householdId: string }[] };
    const melding = queue.assessments.find((a) => a.householdId === householdId);
    const assessed = await post(`${crisisTriage.url}/api/v1/meldingen/${melding?.meldingId}/safety-assessment`, { taxatie: 'acuut-en-structureel', outcome: 'onderzoek', reasoning: 'Onduidelijk of er geweld is; geen medewerking.' }, 'user:triage-groningen-2');
    expect(assessed.status).toBe(201);
    const opened = await waitFor(
      () => reader.on(env.topicPrefix + TOPICS.investigations).map((r) => r.json<Envelope>()).find((e) => e.type === 'nl.veiligthuis.investigation.InvestigationOpened.v1' && e.data['householdId'] === householdId),
      { description: 'InvestigationOpened on the investigations topic' },
    );
    expect(opened.data).toMatchObject({ basedOn: { assessmentId: assessed.body['assessmentId'], meldingId: melding?.meldingId }, actor: 'system:safety-investigation' });
  });
});
