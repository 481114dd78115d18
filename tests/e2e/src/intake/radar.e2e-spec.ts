import { Client } from 'pg';
import { TOPICS } from '@vt/contracts';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Link = { householdId: string; region: string; status: 'open' | 'closed'; mayJoin: boolean; reason?: string };
type Decision = { kind: 'joined' | 'kept-apart' | 'no-match'; householdId?: string; decidedBy: string; decidedAt: string };
type Registered = { meldingId: string; householdId: string; radar: string; radarDecision: Decision & { links: Link[] } };
type Proposal = { householdId: string; region: string; status: 'open' | 'closed'; matches: { person: number; matchedOn: string }[]; mayJoin: boolean; reason?: string; message?: string };
type Matches = { classification: string; households: Proposal[]; unchecked: number[] };
type Reference = { caseId: string; region: string; status: string; matchedOn: string; personId?: string; mayJoin?: boolean; reason?: string };
type MeldingRadar = { classification: string; references: Reference[]; decision?: Decision };
type Received = { meldingId: string; householdId: string; region?: { vtRegion: string; veiligheidsregio?: string }; persons: { personId: string; role: string }[]; radar?: MeldingRadar };
type HouseholdRecord = { persons: { personId: string }[]; meldingIds: string[]; history: { type: string }[] };
type Person = Record<string, unknown>;
type Address = { gemeenteCode: string; postcode?: string; houseNumber?: string };

const MELDING_ADDED = 'nl.veiligthuis.household.MeldingAddedToHousehold.v1';

/*
 * Radar on the real broker and database: intake, crisis-triage and safety-investigation as processes.
 * The rules, with their sources:
 * - DOMAIN.md "The process after a melding", point 2 Radar: match nationally by BSN, or name + date of birth +
 *   postcode/house number; classify first / hermelding (known from a closed case) / vervolgmelding (adds to a running case).
 * - Issue 11 point 3 and docs/adr/0018 ("radar proposes, a person decides"): a melding joins an earlier household only
 *   when the call handler decides so and every matched person belongs to that one open household at the same address;
 *   otherwise it opens its own household and the matches are links for triage; a join radar does not allow is a 422
 *   naming why; no household's persons or history become visible under another household.
 * Test BSNs from the public 9999 range only; names and addresses are invented.
 */
describe('radar: radar proposes, a person decides', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let crisisTriage: RunningService;
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
    [intake, crisisTriage, safetyInvestigation] = services as [RunningService, RunningService, RunningService];
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.meldingen, env.topicPrefix + TOPICS.auditAccess]).start();
    // Three services start on two cores shared with other work: a bound, not an expectation of speed.
  }, 180_000);

  afterAll(async () => {
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  const CALL_HANDLER = 'call-handler-radar';
  const callHandler = () => env.authHeaders(['call-handler'], ['*'], CALL_HANDLER);

  function meldingBody(household: Address, persons: Person[], radar?: { join: string }): Record<string, unknown> {
    return { ...aMelding().requestBody(), household, persons: persons.map((person) => ({ role: 'victim', name: 'Test Persoon', ...person })), ...(radar ? { radar } : {}) };
  }

  async function post(path: string, body: unknown, headers: Record<string, string> = callHandler()): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${intake.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function register(household: Address, persons: Person[], radar?: { join: string }): Promise<Registered> {
    const answer = await post('/api/v1/meldingen', meldingBody(household, persons, radar));
    expect({ status: answer.status, body: answer.status === 201 ? undefined : answer.body }).toEqual({ status: 201, body: undefined });
    return answer.body as unknown as Registered;
  }

  async function matches(household: Address, persons: Person[], purpose = 'registratie'): Promise<Matches> {
    const answer = await post('/api/v1/radar/matches', { household, persons: persons.map((person) => ({ role: 'victim', name: 'Test Persoon', ...person })) }, { ...callHandler(), 'x-access-purpose': purpose });
    expect({ status: answer.status, body: answer.status === 200 ? undefined : answer.body }).toEqual({ status: 200, body: undefined });
    return answer.body as unknown as Matches;
  }

  const received = (meldingId: string) =>
    waitFor(() => reader.on(env.topicPrefix + TOPICS.meldingen).map((r) => r.json<{ data: Received }>().data).find((d) => d.meldingId === meldingId), {
      description: `MeldingReceived of ${meldingId}`,
    });

  async function household(householdId: string): Promise<HouseholdRecord | undefined> {
    const response = await fetch(`${safetyInvestigation.url}/api/v1/households/${householdId}`, { headers: { ...env.authHeaders(['investigator'], ['*'], 'investigator-radar'), 'x-access-purpose': 'registratie' } });
    return response.status === 200 ? ((await response.json()) as HouseholdRecord) : undefined;
  }

  const householdOpen = (householdId: string) => waitFor(() => household(householdId), { description: `household ${householdId} opened` });

  async function phase(householdId: string, to: string): Promise<void> {
    const response = await fetch(`${safetyInvestigation.url}/api/v1/households/${householdId}/phase-transitions`, {
      method: 'POST',
      headers: env.authHeaders(['investigator'], ['*'], 'investigator-radar'),
      body: JSON.stringify({ to, reason: 'registratie' }),
    });
    expect(response.status).toBe(201);
  }

  /** Intake learns a case's status from vt.household.phases.v1; wait until radar answers it (through HTTP). */
  const radarSees = (address: Address, person: Person, householdId: string, status: 'open' | 'closed') =>
    waitFor(async () => ((await matches(address, [person], 'registratie')).households.some((h) => h.householdId === householdId && h.status === status) ? true : undefined), {
      description: `radar to see household ${householdId} as ${status}`,
    });

  it('matches nationally by BSN and classifies a vervolgmelding, but a person known at another address in another region is kept apart: own household, the match a link (DOMAIN.md radar; issue 11 point 3 "a person who moved")', async () => {
    const amsterdam = { gemeenteCode: 'GM0363', postcode: '1011 AB', houseNumber: '1' };
    const groningen = { gemeenteCode: 'GM0014', postcode: '9711 AB', houseNumber: '3' };
    const first = await register(amsterdam, [{ bsn: '999993653' }]);
    expect(first).toMatchObject({ radar: 'first', radarDecision: { kind: 'no-match', decidedBy: `user:${CALL_HANDLER}`, links: [] } });
    expect((await received(first.meldingId)).radar).toEqual({ classification: 'first', references: [], decision: { kind: 'no-match', decidedBy: `user:${CALL_HANDLER}`, decidedAt: expect.any(String) } });

    // The same person, now in Groningen (another region): radar finds the open case there, and says it may not be joined.
    const proposed = await matches(groningen, [{ bsn: '999 993 653', name: 'T. Persoon' }]);
    expect(proposed).toEqual({
      classification: 'vervolgmelding',
      households: [{ householdId: first.householdId, region: expect.any(String), status: 'open', matches: [{ person: 0, matchedOn: 'bsn' }], mayJoin: false, reason: 'moved', message: expect.stringContaining('another address') }],
      unchecked: [],
    });
    // Joining anyway is refused, naming why.
    const refused = await post('/api/v1/meldingen', meldingBody(groningen, [{ bsn: '999993653' }], { join: first.householdId }));
    expect(refused.status).toBe(422);
    // An RFC 9457 problem (docs/adr/0025): type, title, status, detail and instance besides these members.
    expect(refused.body).toMatchObject({ statusCode: 422, error: 'semantic-conflict', fields: [{ path: 'radar.join', code: 'moved', message: expect.stringContaining(first.householdId) }] });

    const vervolg = await register(groningen, [{ bsn: '999993653', name: 'T. Persoon' }]);
    expect(vervolg.radar).toBe('vervolgmelding');
    expect(vervolg.householdId).not.toBe(first.householdId);
    expect(vervolg.radarDecision).toEqual({ kind: 'kept-apart', decidedBy: `user:${CALL_HANDLER}`, decidedAt: expect.any(String), links: [{ householdId: first.householdId, region: expect.any(String), status: 'open', mayJoin: false, reason: 'moved' }] });
    const event = await received(vervolg.meldingId);
    expect(event.householdId).toBe(vervolg.householdId);
    expect(event.radar).toEqual({
      classification: 'vervolgmelding',
      references: [{ caseId: first.householdId, region: expect.any(String), status: 'open', matchedOn: 'bsn', personId: event.persons[0]?.personId, mayJoin: false, reason: 'moved' }],
      decision: { kind: 'kept-apart', decidedBy: `user:${CALL_HANDLER}`, decidedAt: expect.any(String) },
    });
  });

  it('keeps a melding about persons of two different earlier households apart: a new household with two links, neither household’s persons in it, both records unchanged, triage sees the links (issue 11 point 3 "persons from different households")', async () => {
    const moederAddress = { gemeenteCode: 'GM0363', postcode: '1012 AB', houseNumber: '5' };
    const partnerAddress = { gemeenteCode: 'GM0363', postcode: '1013 CD', houseNumber: '8' };
    const newAddress = { gemeenteCode: 'GM0363', postcode: '1014 EF', houseNumber: '2' };
    const moeder = { bsn: '999990408' };
    const partner = { bsn: '999990019', role: 'suspected-perpetrator' };
    const a = await register(moederAddress, [moeder, { role: 'child-involved', name: 'Kind Een', birthDate: '2015-01-02' }]);
    const b = await register(partnerAddress, [partner]);
    const [recordA, recordB] = [await householdOpen(a.householdId), await householdOpen(b.householdId)];

    const proposed = await matches(newAddress, [moeder, partner, { role: 'child-involved', name: 'Kind Twee', birthDate: '2020-03-04' }]);
    expect(proposed.classification).toBe('vervolgmelding');
    expect(proposed.households.map((h) => [h.householdId, h.matches, h.mayJoin, h.reason])).toEqual(
      expect.arrayContaining([
        [a.householdId, [{ person: 0, matchedOn: 'bsn' }], false, 'different-households'],
        [b.householdId, [{ person: 1, matchedOn: 'bsn' }], false, 'different-households'],
      ]),
    );
    expect(proposed.households).toHaveLength(2);
    // The proposal is references only: nothing of the earlier households' persons or history.
    expect(JSON.stringify(proposed)).not.toMatch(/Kind Een|2015-01-02|personId|history/);

    const refused = await post('/api/v1/meldingen', meldingBody(newAddress, [moeder, partner], { join: a.householdId }));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'semantic-conflict', fields: [{ path: 'radar.join', code: 'different-households' }] });

    const apart = await register(newAddress, [moeder, partner, { role: 'child-involved', name: 'Kind Twee', birthDate: '2020-03-04' }]);
    expect(apart.householdId).not.toBe(a.householdId);
    expect(apart.householdId).not.toBe(b.householdId);
    expect(apart.radarDecision.kind).toBe('kept-apart');
    expect(apart.radarDecision.links.map((link) => link.householdId).sort()).toEqual([a.householdId, b.householdId].sort());
    const event = await received(apart.meldingId);
    expect(event.radar?.references.map((r) => [r.caseId, r.personId, r.reason]).sort()).toEqual(
      [
        [a.householdId, event.persons[0]?.personId, 'different-households'],
        [b.householdId, event.persons[1]?.personId, 'different-households'],
      ].sort(),
    );

    // The new household's record holds exactly the new melding's persons; the earlier records are as they were.
    const own = await householdOpen(apart.householdId);
    expect(own.persons.map((p) => p.personId).sort()).toEqual(event.persons.map((p) => p.personId).sort());
    expect(own.meldingIds).toEqual([apart.meldingId]);
    const earlierPersons = [...recordA.persons, ...recordB.persons].map((p) => p.personId);
    expect(own.persons.filter((p) => earlierPersons.includes(p.personId))).toEqual([]);
    expect(await household(a.householdId)).toMatchObject({ persons: recordA.persons, meldingIds: [a.meldingId] });
    expect(await household(b.householdId)).toMatchObject({ persons: recordB.persons, meldingIds: [b.meldingId] });
    expect((await household(a.householdId))?.history.some((entry) => entry.type === MELDING_ADDED)).toBe(false);

    // Triage sees the links with the melding's veiligheidsbeoordeling in its region's queue (keyed by the
    // veiligheidsregio or the VT region, whichever crisis-triage keys its queues by).
    const regions = [event.region?.veiligheidsregio, event.region?.vtRegion].filter((code): code is string => code !== undefined);
    type Queued = { meldingId: string; radar: { classification: string; decision: Decision; links: Reference[] } | null };
    const queued = await waitFor(
      async () => {
        for (const region of regions) {
          const response = await fetch(`${crisisTriage.url}/api/v1/regions/${region}/assessment-queue`, { headers: { ...env.authHeaders(['triage'], ['*'], 'triage-radar'), 'x-access-purpose': 'registratie' } });
          if (response.status !== 200) continue;
          const found = ((await response.json()) as { assessments: Queued[] }).assessments.find((entry) => entry.meldingId === apart.meldingId);
          if (found) return found;
        }
        return undefined;
      },
      { description: 'the kept-apart melding in the assessment queue' },
    );
    expect(queued.radar).toEqual({ classification: 'vervolgmelding', decision: expect.objectContaining({ kind: 'kept-apart' }), links: event.radar?.references });
  });

  it('joins an open household at the same address when the call handler decides so, and records the lookup as a read; without the decision the melding is kept apart with the link (issue 11 point 3 "may join it"; plan: the call handler decides)', async () => {
    const address = { gemeenteCode: 'GM0363', postcode: '1015 GH', houseNumber: '12a' };
    const vader = { bsn: '999990020', role: 'adult-involved' };
    const earlier = await register(address, [vader]);
    await householdOpen(earlier.householdId);

    const kind = { role: 'child-involved', name: 'Kind Drie', birthDate: '2018-05-06' };
    const proposed = await matches({ ...address, postcode: '1015gh', houseNumber: '12-A' }, [vader, kind], 'registratie');
    expect(proposed).toEqual({
      classification: 'vervolgmelding',
      households: [{ householdId: earlier.householdId, region: expect.any(String), status: 'open', matches: [{ person: 0, matchedOn: 'bsn' }], mayJoin: true }],
      unchecked: [],
    });
    // The lookup is a read of case data: recorded on the audit topic with the household, the purpose and the call handler.
    type Access = { data: { subject: { kind: string; id: string }; purpose: string; actor: string; fields: string[] } };
    const access = await waitFor(
      () => reader.on(env.topicPrefix + TOPICS.auditAccess).filter((r) => r.key === earlier.householdId).map((r) => r.json<Access>().data).find((d) => d.purpose === 'registratie' && d.actor === `user:${CALL_HANDLER}`),
      { description: 'CaseDataAccessed for the radar lookup' },
    );
    expect(access).toMatchObject({ subject: { kind: 'household', id: earlier.householdId }, actor: `user:${CALL_HANDLER}`, fields: expect.arrayContaining(['mayJoin']) });

    const joined = await register(address, [vader, kind], { join: earlier.householdId });
    expect(joined.householdId).toBe(earlier.householdId);
    expect(joined.radarDecision).toEqual({ kind: 'joined', householdId: earlier.householdId, decidedBy: `user:${CALL_HANDLER}`, decidedAt: expect.any(String), links: [expect.objectContaining({ householdId: earlier.householdId, mayJoin: true })] });
    expect((await received(joined.meldingId)).radar?.decision).toEqual({ kind: 'joined', householdId: earlier.householdId, decidedBy: `user:${CALL_HANDLER}`, decidedAt: expect.any(String) });
    await waitFor(async () => ((await household(earlier.householdId))?.meldingIds.includes(joined.meldingId) ? true : undefined), { description: 'the joined melding on the household record' });

    // A join for a household radar did not propose for these persons (nobody of it is known there) is refused.
    const notMatched = await post('/api/v1/meldingen', meldingBody(address, [{ role: 'child-involved', name: 'Kind Vier', birthDate: '2019-07-08' }], { join: earlier.householdId }));
    expect(notMatched.body).toMatchObject({ statusCode: 422, fields: [{ path: 'radar.join', code: 'not-matched' }] });

    // The same persons without a decision: kept apart, the household that could have been joined recorded as a link.
    const apart = await register(address, [vader]);
    expect(apart.householdId).not.toBe(earlier.householdId);
    expect(apart.radarDecision).toMatchObject({ kind: 'kept-apart', links: [{ householdId: earlier.householdId, status: 'open', mayJoin: true }] });
  });

  it('classifies a melding about someone from a closed (gesloten) case as a hermelding: its own household, the closed case a link, a join refused (DOMAIN.md hermelding)', async () => {
    const address = { gemeenteCode: 'GM0363', postcode: '1016 JK', houseNumber: '4' };
    const person = { bsn: '999990032' };
    const first = await register(address, [person]);
    await householdOpen(first.householdId);
    await phase(first.householdId, 'gesloten');
    await radarSees(address, person, first.householdId, 'closed');

    const refused = await post('/api/v1/meldingen', meldingBody(address, [person], { join: first.householdId }));
    expect(refused.body).toMatchObject({ statusCode: 422, fields: [{ path: 'radar.join', code: 'case-closed' }] });
    const hermelding = await register(address, [person]);
    expect(hermelding).toMatchObject({ radar: 'hermelding', radarDecision: { kind: 'kept-apart', links: [{ householdId: first.householdId, status: 'closed', mayJoin: false, reason: 'case-closed' }] } });
    expect(hermelding.householdId).not.toBe(first.householdId);
  });

  it('matches without a BSN on name, date of birth and address, and never on a name alone (DOMAIN.md radar)', async () => {
    const person = { name: 'Jan de Vries', birthDate: '2014-05-06' };
    const address = { gemeenteCode: 'GM0014', postcode: '9711 AB', houseNumber: '12a' };
    const known = await register(address, [person]);
    expect(known.radar).toBe('first');
    const again = await register({ gemeenteCode: 'GM0014', postcode: '9711ab', houseNumber: '12-A' }, [{ name: 'de Vries, Jan', birthDate: '2014-05-06' }]);
    expect(again).toMatchObject({ radar: 'vervolgmelding', radarDecision: { kind: 'kept-apart', links: [{ householdId: known.householdId, mayJoin: true }] } });
    const nameOnly = await register({ gemeenteCode: 'GM0014' }, [{ name: 'Jan de Vries' }]);
    expect(nameOnly.radar).toBe('first');
    expect(nameOnly.householdId).not.toBe(known.householdId);
  });

  it('applies the same rules to an adviesvraag that becomes a melding: kept apart it keeps the adviesvraag’s household, a join radar allows joins, one it does not is a 422 (issue 11 point 3)', async () => {
    const address = { gemeenteCode: 'GM0363', postcode: '1017 LM', houseNumber: '9' };
    const person = { bsn: '999990044' };
    const earlier = await register(address, [person]);
    const adviesvraag = async (): Promise<{ adviesvraagId: string }> => {
      const answer = await post('/api/v1/adviesvragen', {
        channel: 'telefoon',
        adviesvrager: { kind: 'niet-professional', role: 'informant' },
        household: { gemeenteCode: 'GM0363' },
        concerns: { aard: ['kindermishandeling'], tags: [], question: 'Wat kan ik doen?' },
      });
      expect(answer.status).toBe(201);
      return answer.body as { adviesvraagId: string };
    };
    const one = await adviesvraag();
    const joined = await post(`/api/v1/adviesvragen/${one.adviesvraagId}/melding`, meldingBody(address, [person], { join: earlier.householdId }));
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ householdId: earlier.householdId, radarDecision: { kind: 'joined', householdId: earlier.householdId }, adviesvraagId: one.adviesvraagId });

    // Next door: the person is known at another address, so the conversion may not join; kept apart it keeps the adviesvraag's household id.
    const two = await adviesvraag();
    const read = await fetch(`${intake.url}/api/v1/adviesvragen/${two.adviesvraagId}`, { headers: { ...callHandler(), 'x-access-purpose': 'registratie' } });
    const twoHousehold = ((await read.json()) as { householdId: string }).householdId;
    const refused = await post(`/api/v1/adviesvragen/${two.adviesvraagId}/melding`, meldingBody({ ...address, houseNumber: '11' }, [person], { join: earlier.householdId }));
    expect(refused.body).toMatchObject({ statusCode: 422, fields: [{ path: 'radar.join', code: 'moved' }] });
    const kept = await post(`/api/v1/adviesvragen/${two.adviesvraagId}/melding`, meldingBody({ ...address, houseNumber: '11' }, [person]));
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ householdId: twoHousehold, radar: 'vervolgmelding', radarDecision: { kind: 'kept-apart', links: [{ householdId: earlier.householdId, reason: 'moved' }] } });
  });

  it('answers reads of a melding and of a household’s meldingen only with a purpose, and records every read on the audit topic', async () => {
    const address = { gemeenteCode: 'GM0363', postcode: '1018 NP', houseNumber: '6' };
    const first = await register(address, [{ bsn: '999990056' }]);
    const second = await register(address, [{ bsn: '999990056' }], { join: first.householdId });
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
    const read = await fetch(`${intake.url}/api/v1/meldingen/${first.meldingId}`, { headers: { ...reader13, 'x-access-purpose': 'veiligheidsbeoordeling' } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      meldingId: first.meldingId,
      householdId: first.householdId,
      status: 'acute-check-done',
      region: { gemeenteCode: 'GM0363', vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13' },
      radar: { classification: 'first', references: [], decision: { kind: 'no-match' } },
    });
    const list = await fetch(`${intake.url}/api/v1/households/${first.householdId}/meldingen`, { headers: { ...reader13, 'x-access-purpose': 'onderzoek' } });
    const listed = (await list.json()) as { meldingen: { meldingId: string; radar: MeldingRadar }[] };
    expect(listed.meldingen.map((m) => m.meldingId)).toEqual([first.meldingId, second.meldingId]);
    expect(listed.meldingen[1]?.radar.decision).toMatchObject({ kind: 'joined', householdId: first.householdId });
    const missing = await fetch(`${intake.url}/api/v1/meldingen/00000000-0000-4000-8000-000000000000`, { headers: { ...reader13, 'x-access-purpose': 'registratie' } });
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
      ['melding', 'veiligheidsbeoordeling'],
      ['household', 'onderzoek'],
    ]);
    expect(accesses[0]?.data.fields).toContain('radar');
    expect(accesses.map((a) => a.data.actor)).toEqual(['user:triage-amsterdam-9', 'user:triage-amsterdam-9']);
    const elsewhere = await fetch(`${intake.url}/api/v1/meldingen/${first.meldingId}`, { headers: { ...env.authHeaders(['triage'], ['vt-groningen']), 'x-access-purpose': 'onderzoek' } });
    expect(elsewhere.status).toBe(403);
  });

  it('refuses a radar lookup without a purpose, for a region the token does not cover, or by another role', async () => {
    const body = { household: { gemeenteCode: 'GM0363' }, persons: [{ role: 'victim', name: 'Test Persoon', bsn: '999993653' }] };
    expect((await post('/api/v1/radar/matches', body)).status).toBe(400);
    expect((await post('/api/v1/radar/matches', body, { ...env.authHeaders(['call-handler'], ['vt-groningen']), 'x-access-purpose': 'registratie' })).status).toBe(403);
    expect((await post('/api/v1/radar/matches', body, { ...env.authHeaders(['triage']), 'x-access-purpose': 'registratie' })).status).toBe(403);
    const invalid = await post('/api/v1/radar/matches', { ...body, persons: [{ role: 'victim', name: 'X', bsn: '999993654' }] }, { ...callHandler(), 'x-access-purpose': 'registratie' });
    expect(invalid).toMatchObject({ status: 400, body: { fields: [{ path: 'persons[0].bsn', code: 'bsn-fails-elfproef' }] } });
  });
});
