import { replayHousehold, Timeline, TimelineEntry } from '@vt/audit';
import type { Role } from '@vt/auth';
import { AccessPurpose as ReadPurposeCode, TOPICS } from '@vt/contracts';
import { aMelding, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

type Access = { type: string; data: { service: string; householdId: string; subject: { kind: string; id: string }; purpose: string; actor: string; fields: string[] } };

/**
 * One region model (issue 11 point 4; plan "Regions"; docs/adr/0017), with intake, crisis-triage,
 * safety-investigation, referral and shelter-placement as processes on the real broker and database:
 * - every read and write of a household's data is scoped to the caller's VT region in every service (403
 *   naming the household's region), and every read is recorded as CaseDataAccessed on vt.audit.access.v1 by
 *   the service that answered it;
 * - configuration keyed by region is checked at start: an unknown key stops the service, naming the key.
 */
describe('region scope: a household of Amsterdam-Amstelland is read and changed by its own region only, and every read is audited', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let intake: RunningService;
  let crisisTriage: RunningService;
  let safetyInvestigation: RunningService;
  let referral: RunningService;
  let shelterPlacement: RunningService;
  let reader: TopicReader;
  let safetyInvestigationEnv: Record<string, string>;
  let household: { householdId: string; meldingId: string; personId: string; investigationId: string; timerId: string; huisverbodId: string; placementId: string };

  const OWN = 'vt-amsterdam-amstelland';
  const OTHER = 'vt-groningen';
  /** A vrouwenopvang partner of config/partners/directory.json outside the household's region, so its principal exists. */
  const SHELTER = 'vrouwenopvang-groningen';
  const READER_ROLES: Role[] = ['triage', 'investigator', 'auditor'];

  const headers = (roles: Role[], region: string, subject: string, purpose?: string): Record<string, string> => ({
    ...env.authHeaders(roles, [region], subject),
    ...(purpose ? { 'x-access-purpose': purpose } : {}),
  });
  const national = (purpose = 'registratie'): Record<string, string> => headers(['call-handler', 'triage', 'investigator'], '*', 'region-scope-setup', purpose);
  const ct = (path: string): string => `${crisisTriage.url}/api/v1${path}`;
  const si = (path: string): string => `${safetyInvestigation.url}/api/v1${path}`;
  const TIMELINE_SERVICES = ['intake', 'crisis-triage', 'safety-investigation', 'referral', 'shelter-placement'] as const;
  type TimelineService = (typeof TIMELINE_SERVICES)[number];
  const timelineUrl = (service: TimelineService, householdId = household.householdId): string =>
    `${{ intake, 'crisis-triage': crisisTriage, 'safety-investigation': safetyInvestigation, referral, 'shelter-placement': shelterPlacement }[service].url}/api/v1/households/${householdId}/timeline`;

  async function post(url: string, body: unknown, with_: Record<string, string> = national()): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, { method: 'POST', headers: with_, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function getJson<T>(url: string, with_: Record<string, string> = national()): Promise<T | undefined> {
    const response = await fetch(url, { headers: with_ });
    return response.status === 200 ? ((await response.json()) as T) : undefined;
  }

  beforeAll(async () => {
    env = testEnvironment();
    safetyInvestigationEnv = await env.serviceEnv('safety_investigation');
    services = await Promise.all([
      env.serviceEnv('intake').then((e) => startService('intake', e, { readyTimeoutMs: 240_000 })),
      env.serviceEnv('crisis_triage').then((e) => startService('crisis-triage', e, { readyTimeoutMs: 240_000 })),
      startService('safety-investigation', safetyInvestigationEnv, { readyTimeoutMs: 240_000 }),
      env.serviceEnv('referral').then((e) => startService('referral', e, { readyTimeoutMs: 240_000 })),
      env.serviceEnv('shelter_placement').then((e) => startService('shelter-placement', e, { readyTimeoutMs: 240_000 })),
    ]);
    [intake, crisisTriage, safetyInvestigation, referral, shelterPlacement] = services as [RunningService, RunningService, RunningService, RunningService, RunningService];
    reader = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.auditAccess, env.topicPrefix + TOPICS.householdPhases]).start();
  }, 300_000);

  beforeAll(async () => {
    // An acute melding for Amsterdam (GM0363, VT region Amsterdam-Amstelland) with an investigation and a huisverbod.
    const registered = await post(`${intake.url}/api/v1/meldingen`, aMelding().acute().inGemeente('GM0363').requestBody(), headers(['call-handler'], OWN, 'call-handler-amsterdam'));
    expect(registered.status).toBe(201);
    const { householdId, meldingId } = registered.body as { householdId: string; meldingId: string };
    const record = await waitFor(() => getJson<{ vtRegion: string; persons: { personId: string }[] }>(si(`/households/${householdId}`)), { description: 'the household record' });
    expect(record.vtRegion).toBe(OWN);
    const opened = await waitFor(
      () =>
        reader
          .on(env.topicPrefix + TOPICS.householdPhases)
          .filter((r) => r.key === householdId)
          .map((r) => r.json<{ type: string; data: Record<string, unknown> }>())
          .find((e) => e.type === 'nl.veiligthuis.household.HouseholdRecordOpened.v1'),
      { description: 'HouseholdRecordOpened on the household phases topic' },
    );
    expect(opened.data).toMatchObject({ gemeenteCode: 'GM0363', vtRegion: OWN });
    const assessed = await waitFor(
      async () => {
        const answer = await post(ct(`/meldingen/${meldingId}/safety-assessment`), { taxatie: 'acuut', outcome: 'onderzoek', reasoning: 'Onduidelijk of het geweld aanhoudt.' });
        return answer.status === 201 ? answer : undefined;
      },
      { description: 'the safety assessment' },
    );
    expect(assessed.status).toBe(201);
    const investigation = await waitFor(async () => (await getJson<{ investigationId: string }[]>(si(`/households/${householdId}/investigations`)))?.[0], { description: 'the investigation' });
    const personId = (record.persons[0] as { personId: string }).personId;
    const huisverbod = await post(si(`/households/${householdId}/huisverboden`), { personId, imposedAt: new Date().toISOString() });
    expect(huisverbod.status).toBe(201);
    const deadlines = await waitFor(async () => (await getJson<{ deadlines: { timerId: string; clock: string }[] }>(ct(`/deadlines?householdId=${householdId}`)))?.deadlines.find((d) => d.clock === 'informeren-betrokkenen'), {
      description: 'the informing clock',
    });
    // A shelter outside the region reports capacity (a record keyed by the shelter, no part of any household's timeline);
    // then the household's own region asks for a place (docs/adr/0040): requested and offered to that shelter, which reads
    // the offer on its own topic (keyed by the placement, not by the household: no part of the household's timeline either).
    const capacity = await fetch(`${shelterPlacement.url}/api/v1/shelters/${SHELTER}/capacity`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${env.partnerToken(SHELTER)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ totalPlaces: 10, freePlaces: 3 }),
    });
    expect(capacity.status).toBe(200);
    const placement = await post(`${shelterPlacement.url}/api/v1/shelter-placements`, { householdId, urgency: 'spoed', places: { adults: 1, children: 1 } }, headers(['investigator'], OWN, 'investigator-placement-amsterdam'));
    expect(placement).toMatchObject({ status: 201, body: { householdId, status: 'offered' } });
    household = { householdId, meldingId, personId, investigationId: investigation.investigationId, timerId: deadlines.timerId, huisverbodId: String(huisverbod.body['huisverbodId']), placementId: String(placement.body['placementId']) };
    // Referral knows the household once it has read its melding (its part of the timeline answers from then on).
    await waitFor(async () => ((await fetch(timelineUrl('referral'), { headers: headers(['auditor'], '*', 'region-scope-setup', 'toezicht') })).status === 200 ? true : undefined), { description: 'the household in referral' });
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  /** Every read of a household's data that the services answer, with the roles that may make it. */
  const reads = (): { name: string; service: TimelineService; url: string; roles: Role[] }[] => [
    { name: 'household record', service: 'safety-investigation', url: si(`/households/${household.householdId}`), roles: READER_ROLES },
    { name: 'deadlines', service: 'crisis-triage', url: ct(`/deadlines?householdId=${household.householdId}`), roles: READER_ROLES },
    { name: 'informing', service: 'crisis-triage', url: ct(`/households/${household.householdId}/informing`), roles: READER_ROLES },
    { name: 'huisverboden', service: 'safety-investigation', url: si(`/households/${household.householdId}/huisverboden`), roles: READER_ROLES },
    { name: 'investigations', service: 'safety-investigation', url: si(`/households/${household.householdId}/investigations`), roles: READER_ROLES },
    { name: 'investigation', service: 'safety-investigation', url: si(`/investigations/${household.investigationId}`), roles: ['investigator', 'auditor'] },
    // Each service's part of the household's timeline (docs/adr/0039).
    ...TIMELINE_SERVICES.map((service) => ({ name: `timeline ${service}`, service, url: timelineUrl(service), roles: ['investigator', 'auditor'] as Role[] })),
  ];

  // Rule (issue 11 point 4; plan "Regions"): every read of a household's data is scoped to the caller's region in every service.
  it('refuses a vt-groningen triage, investigator or auditor token on every read of the household, naming its region: 9 of 9 record, clock and huisverbod reads and the others', async () => {
    const answers: string[] = [];
    for (const read of reads()) {
      for (const role of read.roles) {
        const response = await fetch(read.url, { headers: headers([role], OTHER, `${role}-groningen`, 'onderzoek') });
        const body = (await response.json()) as { message?: string };
        answers.push(`${read.name} as ${role}: ${response.status} ${body.message ?? ''}`);
      }
    }
    const refusal = 'this needs access to region vt-amsterdam-amstelland; the token covers vt-groningen';
    expect(answers).toEqual(reads().flatMap((read) => read.roles.map((role) => `${read.name} as ${role}: 403 ${refusal}`)));
    // The nine reads the issue names: the record, the clocks and the huisverboden, each as triage, investigator and auditor.
    expect(answers.filter((a) => /^(household record|deadlines|huisverboden) as /.test(a))).toHaveLength(9);
    // The region's queues, by region parameter.
    for (const queue of ['crisis-queue', 'crisis-queue/stream', 'assessment-queue']) {
      const response = await fetch(ct(`/regions/${OWN}/${queue}`), { headers: headers(['triage'], OTHER, 'triage-groningen', 'onderzoek') });
      expect({ queue, status: response.status }).toEqual({ queue, status: 403 });
    }
    // A refused read is no read: nothing of it on the audit topic.
    expect(reader.on(env.topicPrefix + TOPICS.auditAccess).map((r) => r.json<Access>()).filter((a) => a.data.actor.endsWith('-groningen'))).toEqual([]);
  });

  // Rule (issue 11 point 4; plan "Regions"): every write of a household's data is scoped to the caller's region too.
  it('refuses a vt-groningen token every write to the household: phase workflow, huisverboden, investigation, deadline extensions and crisis actions', async () => {
    const other = headers(['triage', 'investigator'], OTHER, 'investigator-groningen');
    const { householdId, personId, investigationId, timerId, huisverbodId } = household;
    const writes: [string, string, unknown][] = [
      ['confirm immediate safety', si(`/households/${householdId}/persons/${personId}/immediate-safety-confirmations`), { how: 'gezien' }],
      ['phase transition', si(`/households/${householdId}/phase-transitions`), { to: 'duurzame-veiligheid', reason: 'veilig' }],
      ['safety conditions', si(`/households/${householdId}/safety-conditions`), { conditions: ['geen contact'], handedOverTo: ['lokaal-team-gm0363'] }],
      ['monitoring result', si(`/households/${householdId}/monitoring-results`), { stable: true, reason: 'rustig' }],
      ['huisverbod', si(`/households/${householdId}/huisverboden`), { personId, imposedAt: new Date().toISOString() }],
      ['huisverbod extension', si(`/huisverboden/${huisverbodId}/extensions`), { endsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(), decidedAt: new Date().toISOString(), reason: 'verlengd' }],
      ['investigation step', si(`/investigations/${investigationId}/steps`), { kind: 'gesprek', personId }],
      ['finding', si(`/investigations/${investigationId}/findings`), { personId, text: 'bevinding' }],
      ['deadline extension', ct(`/deadlines/${timerId}/extensions`), { reason: 'buitenland' }],
      ['informing', ct(`/households/${householdId}/persons/${personId}/informing`), { informedAt: new Date().toISOString(), method: 'gesprek' }],
    ];
    const answers = await Promise.all(writes.map(async ([name, url, body]) => `${name}: ${(await post(url, body, other)).status}`));
    expect(answers).toEqual(writes.map(([name]) => `${name}: 403`));
    const crisis = await getJson<{ interventions: { interventionId: string; householdId: string }[] }>(ct(`/regions/${OWN}/crisis-queue`));
    const interventionId = crisis?.interventions.find((i) => i.householdId === householdId)?.interventionId;
    expect(interventionId).toBeDefined();
    expect((await post(ct(`/crisis-interventions/${interventionId}/actions`), { action: 'police-involved' }, other)).status).toBe(403);
  });

  // Rule (issue 11 point 4; plan "Regions"; DOMAIN.md "Data protection": reads are audited as well as writes).
  it('answers the household’s own region on every read, and records each read as CaseDataAccessed by the service that answered it', async () => {
    // The purpose is a code (ADR 0020), so each read is told apart by who read: a token subject per read and role.
    const PURPOSE: Record<string, ReadPurposeCode> = { triage: 'veiligheidsbeoordeling', investigator: 'onderzoek', auditor: 'toezicht' };
    const readerName = (name: string, role: string): string => `${role}-${name.replace(/[^a-z]+/g, '-')}-amsterdam`;
    const expected: { service: string; actor: string; purpose: string }[] = [];
    for (const read of reads()) {
      for (const role of read.roles) {
        const subject = readerName(read.name, role);
        const purpose = PURPOSE[role] as ReadPurposeCode;
        const response = await fetch(read.url, { headers: headers([role], OWN, subject, purpose) });
        expect({ read: subject, status: response.status }).toEqual({ read: subject, status: 200 });
        expected.push({ service: read.service, actor: `user:${subject}`, purpose });
      }
    }
    const queueReader = readerName('crisis queue', 'triage');
    const queue = await fetch(ct(`/regions/${OWN}/crisis-queue`), { headers: headers(['triage'], OWN, queueReader, 'crisisinterventie') });
    expect(queue.status).toBe(200);
    expected.push({ service: 'crisis-triage', actor: `user:${queueReader}`, purpose: 'crisisinterventie' });

    const recorded = await waitFor(
      () => {
        const accesses = reader
          .on(env.topicPrefix + TOPICS.auditAccess)
          .filter((r) => r.key === household.householdId)
          .map((r) => r.json<Access>())
          .filter((a) => a.data.actor.endsWith('-amsterdam'));
        return accesses.length >= expected.length ? accesses : undefined;
      },
      { description: `${expected.length} reads on vt.audit.access.v1` },
    );
    const byActor = (a: { actor: string; service: string }, b: { actor: string; service: string }) => a.actor.localeCompare(b.actor) || a.service.localeCompare(b.service);
    expect(recorded.map((a) => ({ service: a.data.service, actor: a.data.actor, purpose: a.data.purpose })).sort(byActor)).toEqual([...expected].sort(byActor));
    for (const access of recorded) {
      expect(access.type).toBe('nl.veiligthuis.audit.CaseDataAccessed.v2');
      expect(access.data.householdId).toBe(household.householdId);
      expect(access.data.fields.length).toBeGreaterThan(0);
    }
    expect(recorded.find((a) => a.data.actor === `user:${queueReader}`)?.data.subject).toEqual({ kind: 'melding', id: household.meldingId });
    expect(recorded.find((a) => a.data.actor === `user:${readerName('household record', 'auditor')}`)?.data.subject).toEqual({ kind: 'household', id: household.householdId });
  });

  // Rule (plan "Regions"): every read is audited and needs its purpose, in every service.
  // Rule (ADR 0020): the purpose is a code; a sentence would stay on the permanent log, so it is refused too.
  it('refuses a read without a purpose, or with a sentence for one, in crisis-triage and safety-investigation', async () => {
    for (const url of [si(`/households/${household.householdId}`), ct(`/deadlines?householdId=${household.householdId}`), si(`/households/${household.householdId}/huisverboden`)]) {
      const response = await fetch(url, { headers: headers(['auditor'], OWN, 'auditor-amsterdam-no-purpose') });
      expect({ url, status: response.status }).toEqual({ url, status: 400 });
      const sentence = await fetch(url, { headers: headers(['auditor'], OWN, 'auditor-amsterdam-sentence', 'nagaan of de buurvrouw gelijk had') });
      expect({ url, status: sentence.status, body: await sentence.json() }).toEqual({
        url,
        status: 400,
        body: expect.objectContaining({ fields: [expect.objectContaining({ path: 'X-Access-Purpose', code: 'purpose-not-a-code' })], allowed: expect.arrayContaining(['onderzoek', 'toezicht']) }),
      });
    }
  });

  // Rules (issue 12 point 6; docs/adr/0034, 0039): the household view's timeline is the history `vt audit replay` shows, by the
  // same code: each service answers its own events, and the parts merged by time are the replay's entries of those events;
  // (ADR 0020) a person's words stay sealed in it; only investigators and auditors read it.
  it('answers each service’s part of the household timeline as vt audit replay shows its events, merged the replay’s entries, free text [encrypted], and refuses triage', async () => {
    const how = 'Gezien bij de buurvrouw, deur op slot';
    const confirmed = await post(si(`/households/${household.householdId}/persons/${household.personId}/immediate-safety-confirmations`), { how }, headers(['investigator'], OWN, 'investigator-timeline-amsterdam'));
    expect(confirmed.status).toBeLessThan(300);
    const parts: Record<TimelineService, { scope: string; text: string; timeline: Timeline }> = {} as never;
    for (const service of TIMELINE_SERVICES) {
      const answer = await fetch(timelineUrl(service), { headers: headers(['auditor'], OWN, 'auditor-timeline-amsterdam', 'toezicht') });
      expect({ service, status: answer.status }).toEqual({ service, status: 200 });
      parts[service] = (await answer.json()) as { scope: string; text: string; timeline: Timeline };
      expect(parts[service].scope).toBe(service);
      expect(JSON.stringify(parts[service])).not.toContain(how);
    }
    const si_ = parts['safety-investigation'];
    expect(si_.timeline.entries.find((e) => e.name === 'ImmediateSafetyConfirmed')?.reasoning).toBe('[encrypted]');
    expect(si_.text).toContain('HouseholdRecordOpened');
    expect(parts.intake.timeline.entries.map((e) => e.name)).toContain('MeldingReceived');
    expect(parts['crisis-triage'].timeline.entries.map((e) => e.name)).toContain('SafetyAssessmentCompleted');
    // Shelter placement's record is keyed by placement id; its part is the household's placement, never a capacity
    // report nor what the shelter read on its own topic.
    const shelterPart = parts['shelter-placement'].timeline;
    expect(shelterPart.entries.filter((e) => e.name !== 'CaseDataAccessed').map((e) => e.name)).toEqual(['ShelterPlacementRequested', 'ShelterPlacementOffered']);
    // Its outbox rows read are on the record topic and the access topic only (outbox topics carry no deployment prefix).
    expect(shelterPart.log.topics.map((t) => t.topic).sort()).toEqual([TOPICS.auditAccess, TOPICS.shelterPlacements].sort());
    expect(parts['shelter-placement'].text).toContain(household.placementId);
    // Each service answers its own events only.
    for (const service of TIMELINE_SERVICES) expect({ service, sources: [...new Set(parts[service].timeline.entries.map((e) => e.source))] }).toEqual({ service, sources: [`/veilig-thuis/${service}`] });

    // The replay of the whole log (as `vt audit replay` runs it) has every one of these entries, described alike.
    const merged = TIMELINE_SERVICES.flatMap((service) => parts[service].timeline.entries);
    const where = ({ topic: _t, partition: _p, offset: _o, ...entry }: TimelineEntry) => entry;
    const replayed = await waitFor(
      async () => {
        const timeline = await replayHousehold({ ...env.kafkaConnection('vt-auditor'), topicPrefix: env.topicPrefix, householdId: household.householdId });
        return merged.every((e) => timeline.entries.some((r) => r.eventId === e.eventId)) ? timeline : undefined;
      },
      { description: 'the timeline’s events on the log' },
    );
    const byId = (a: TimelineEntry, b: TimelineEntry) => a.eventId.localeCompare(b.eventId);
    const ours = new Set(merged.map((e) => e.eventId));
    expect([...merged].sort(byId).map(where)).toEqual(replayed.entries.filter((r) => ours.has(r.eventId)).sort(byId).map(where));
    // Merged by time, the parts are in the replay's order (events of one millisecond may differ only among themselves).
    expect([...merged].sort((a, b) => Date.parse(a.time) - Date.parse(b.time)).map((e) => e.time)).toEqual(replayed.entries.filter((r) => ours.has(r.eventId)).map((r) => r.time));
    // What the replay has beyond the merged parts is only reads recorded after them (the timelines' own, at least).
    const later = replayed.entries.filter((r) => !ours.has(r.eventId));
    expect(later.length).toBeGreaterThanOrEqual(TIMELINE_SERVICES.length);
    expect(new Set(later.map((r) => r.name))).toEqual(new Set(['CaseDataAccessed']));

    for (const service of TIMELINE_SERVICES) {
      const triage = await fetch(timelineUrl(service), { headers: headers(['triage'], OWN, 'triage-timeline-amsterdam', 'veiligheidsbeoordeling') });
      expect({ service, status: triage.status }).toEqual({ service, status: 403 });
    }
    // A household shelter placement has no placement of: 404, as the other services answer a household they do not know.
    const unknown = await fetch(timelineUrl('shelter-placement', '00000000-0000-4000-8000-000000000000'), { headers: headers(['auditor'], OWN, 'auditor-timeline-amsterdam', 'toezicht') });
    expect({ status: unknown.status, body: await unknown.json() }).toMatchObject({ status: 404, body: { error: 'household-not-found' } });
  });

  // Rule (issue 11 point 4; plan "Regions"): configuration keyed by region is validated at start; an unknown key fails the start naming it.
  it('does not start safety-investigation with a monitoring configuration keyed by a veiligheidsregio or an unknown region, and names the key', async () => {
    const config = { version: 'test/bad', default: { interval: 'P28D', duration: 'P84D' }, regions: { [OWN]: { interval: 'P14D' }, VR13: { interval: 'P14D' }, 'vt-atlantis': { interval: 'P7D' } } };
    const started = startService('safety-investigation', { ...safetyInvestigationEnv, MONITORING_CONFIG_JSON: JSON.stringify(config) }, { readyTimeoutMs: 240_000 });
    await expect(started).rejects.toThrow(/safety-investigation exited \(1\) before it was ready/);
    const message = String(await started.catch((error: unknown) => (error as Error).message));
    expect(message).toContain('monitoring configuration MONITORING_CONFIG_JSON: regions: unknown region key "VR13" is a veiligheidsregio, not a Veilig Thuis region; VR13 is served by vt-amsterdam-amstelland');
    expect(message).toContain('unknown region key "vt-atlantis" is not a Veilig Thuis region of vt-regions-2023');
  }, 300_000);
});
