import { Client } from 'pg';
import { TOPICS } from '@vt/contracts';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Registered = { meldingId: string; householdId: string; radar: string };

/** Radar on the real broker and database: intake, crisis-triage and safety-investigation as processes. */
describe('radar: earlier involvement of the same persons, across regions', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let safetyInvestigation: RunningService;
  let reader: TopicReader;
  let intakeSchema: string;

  beforeAll(async () => {
    env = testEnvironment();
    services = await Promise.all([
      env.serviceEnv('intake').then((e) => {
        intakeSchema = e['DATABASE_SCHEMA'] as string;
        return startService('intake', e);
      }),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e)),
      env.serviceEnv('safety_investigation').then((e) => startService('safety-investigation', e)),
    ]);
    [intake, , safetyInvestigation] = services as [RunningService, RunningService, RunningService];
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.meldingen, env.topicPrefix + TOPICS.auditAccess]).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  async function register(gemeenteCode: string, person: Record<string, unknown>, household: Record<string, unknown> = {}): Promise<Registered> {
    const body = { ...aMelding().requestBody(), household: { gemeenteCode, ...household }, persons: [{ role: 'victim', name: 'Test Persoon', ...person }] };
    const response = await fetch(`${intake.url}/api/v1/meldingen`, { method: 'POST', headers: env.authHeaders(['call-handler']), body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as Registered;
  }

  const radarOf = (meldingId: string) =>
    waitFor(() => reader.on(env.topicPrefix + TOPICS.meldingen).map((r) => r.json<{ data: { meldingId: string; radar?: unknown } }>().data).find((d) => d.meldingId === meldingId)?.radar, {
      description: `MeldingReceived of ${meldingId}`,
    });

  async function householdOpen(householdId: string): Promise<void> {
    await waitFor(async () => (await fetch(`${safetyInvestigation.url}/api/v1/households/${householdId}`, { headers: { ...env.authHeaders(['investigator']), 'x-access-purpose': 'radar e2e' } })).status === 200 || undefined, { description: `household ${householdId} opened` });
  }

  it('classifies first, then vervolgmelding while the case is open (matched by BSN in another region), then hermelding once it is closed', async () => {
    const first = await register('GM0363', { bsn: '999993653' });
    expect(first.radar).toBe('first');
    expect(await radarOf(first.meldingId)).toEqual({ classification: 'first', references: [] });
    await householdOpen(first.householdId);

    // Same person, reported in Groningen (another region): the melding joins the open case.
    const vervolg = await register('GM0014', { bsn: '999 993 653', name: 'T. Persoon' });
    expect(vervolg).toMatchObject({ radar: 'vervolgmelding', householdId: first.householdId });
    expect(await radarOf(vervolg.meldingId)).toEqual({ classification: 'vervolgmelding', references: [{ caseId: first.householdId, region: expect.any(String), status: 'open', matchedOn: 'bsn' }] });

    // The household record must have taken in the vervolgmelding before it is closed: a melding that
    // arrives for a closed household reopens it (and radar would then rightly see an open case).
    await waitFor(
      async () => {
        const response = await fetch(`${safetyInvestigation.url}/api/v1/households/${first.householdId}`, { headers: { ...env.authHeaders(['investigator']), 'x-access-purpose': 'radar e2e' } });
        const view = (await response.json()) as { history?: { type: string }[] };
        return view.history?.some((entry) => entry.type === 'nl.veiligthuis.household.MeldingAddedToHousehold.v1') || undefined;
      },
      { description: 'the vervolgmelding on the household record' },
    );
    const closed = await fetch(`${safetyInvestigation.url}/api/v1/households/${first.householdId}/phase-transitions`, {
      method: 'POST',
      headers: env.authHeaders(['investigator'], ['*'], 'investigator-radar'),
      body: JSON.stringify({ to: 'gesloten', reason: 'overgedragen en stabiel' }),
    });
    expect(closed.status).toBe(201);
    const db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    try {
      await waitFor(async () => (await db.query(`select status from ${intakeSchema}.household_case where household_id = $1`, [first.householdId])).rows[0]?.status === 'closed' || undefined, {
        description: 'intake to learn that the case was closed',
      });
    } finally {
      await db.end();
    }
    const hermelding = await register('GM0363', { bsn: '999993653' });
    expect(hermelding).toMatchObject({ radar: 'hermelding', householdId: first.householdId });
    expect(await radarOf(hermelding.meldingId)).toEqual({ classification: 'hermelding', references: [{ caseId: first.householdId, region: expect.any(String), status: 'closed', matchedOn: 'bsn' }] });
  });

  it('matches without a BSN on name, date of birth and address, and never on a name alone', async () => {
    const person = { name: 'Jan de Vries', birthDate: '2014-05-06' };
    const address = { postcode: '9711 AB', houseNumber: '12a' };
    const known = await register('GM0014', person, address);
    expect(known.radar).toBe('first');
    const again = await register('GM0014', { name: 'de Vries, Jan', birthDate: '2014-05-06' }, { postcode: '9711ab', houseNumber: '12-A' });
    expect(again).toMatchObject({ radar: 'vervolgmelding', householdId: known.householdId });
    const nameOnly = await register('GM0014', { name: 'Jan de Vries' });
    expect(nameOnly.radar).toBe('first');
    expect(nameOnly.householdId).not.toBe(known.householdId);
  });

  it('answers reads of a melding and of a household’s meldingen only with a purpose, and records every read on the audit topic', async () => {
    const first = await register('GM0363', { bsn: '999990408' });
    const second = await register('GM0518', { bsn: '999990408' });
    expect(second.householdId).toBe(first.householdId);

    // Intake follows the melding through triage; wait (in its database, so as not to read the case) until checked.
    const db = new Client({ connectionString: env.adminDatabaseUrl });
    await db.connect();
    try {
      await waitFor(async () => (await db.query(`select status from ${intakeSchema}.melding where melding_id = $1`, [first.meldingId])).rows[0]?.status === 'acute-check-done' || undefined, {
        description: 'intake to learn that triage checked the melding',
      });
    } finally {
      await db.end();
    }
    const reader13 = env.authHeaders(['triage'], ['vt-amsterdam-amstelland'], 'triage-amsterdam-9');
    const noPurpose = await fetch(`${intake.url}/api/v1/meldingen/${first.meldingId}`, { headers: reader13 });
    expect(noPurpose.status).toBe(400);
    const read = await fetch(`${intake.url}/api/v1/meldingen/${first.meldingId}`, { headers: { ...reader13, 'x-access-purpose': 'veiligheidsbeoordeling voorbereiden' } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ meldingId: first.meldingId, householdId: first.householdId, status: 'acute-check-done', region: { gemeenteCode: 'GM0363', vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13' }, radar: { classification: 'first' } });
    const list = await fetch(`${intake.url}/api/v1/households/${first.householdId}/meldingen`, { headers: { ...reader13, 'x-access-purpose': 'overzicht voor onderzoek' } });
    expect(((await list.json()) as { meldingen: { meldingId: string }[] }).meldingen.map((m) => m.meldingId)).toEqual([first.meldingId, second.meldingId]);
    const missing = await fetch(`${intake.url}/api/v1/meldingen/00000000-0000-4000-8000-000000000000`, { headers: { ...reader13, 'x-access-purpose': 'x' } });
    expect(missing.status).toBe(404);

    type Access = { type: string; data: { subject: { kind: string; id: string }; purpose: string; actor: string; fields: string[] } };
    const accesses = await waitFor(
      () => {
        const found = reader.on(env.topicPrefix + TOPICS.auditAccess).filter((r) => r.key === first.householdId).map((r) => r.json<Access>());
        return found.length === 2 ? found : undefined;
      },
      { description: 'two CaseDataAccessed records' },
    );
    expect(accesses.map((a) => [a.data.subject.kind, a.data.purpose])).toEqual([
      ['melding', 'veiligheidsbeoordeling voorbereiden'],
      ['household', 'overzicht voor onderzoek'],
    ]);
    expect(accesses[0]?.data.fields).toContain('radar');
    expect(accesses.map((a) => a.data.actor)).toEqual(['user:triage-amsterdam-9', 'user:triage-amsterdam-9']);
    const elsewhere = await fetch(`${intake.url}/api/v1/meldingen/${first.meldingId}`, { headers: { ...env.authHeaders(['triage'], ['vt-groningen']), 'x-access-purpose': 'nieuwsgierig' } });
    expect(elsewhere.status).toBe(403);
  });
});
