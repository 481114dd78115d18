import { TOPICS } from '@vt/contracts';
import { aMelding, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';
import { DirectoryPartner, Envelope, Flow, PARTNERS, Services, startFourServices, WAIT_MS } from './partner-flow';

const MELDING_RECEIVED = 'nl.veiligthuis.intake.MeldingReceived.v1';
const ACUTE_CHECK_COMPLETED = 'nl.veiligthuis.triage.AcuteCheckCompleted.v1';
const ASSESSMENT_COMPLETED = 'nl.veiligthuis.triage.SafetyAssessmentCompleted.v2';
const REFERRAL_ISSUED = 'nl.veiligthuis.referral.ReferralIssued.v1';
const INVESTIGATION_OPENED = 'nl.veiligthuis.investigation.InvestigationOpened.v1';
const INVESTIGATION_CONCLUDED = 'nl.veiligthuis.investigation.InvestigationConcluded.v2';
const TRIAGE = 'triage-groningen-e2e';
const INVESTIGATOR = 'investigator-groningen-e2e';

/** Groningen's lokaal team and MDT (partner-flow), with the region's RvdK, gecertificeerde instelling and openbaar ministerie. */
const PARTNERS_WITH_CHILD_ROUTES: DirectoryPartner[] = [
  ...PARTNERS,
  { partnerId: 'rvdk-groningen', partnerType: 'rvdk', name: 'Raad voor de Kinderbescherming, Groningen', regionCode: 'vt-groningen' },
  { partnerId: 'gecertificeerde-instelling-groningen', partnerType: 'gecertificeerde-instelling', name: 'Gecertificeerde instelling (jeugdbescherming), Groningen', regionCode: 'vt-groningen' },
  { partnerId: 'openbaar-ministerie-groningen', partnerType: 'openbaar-ministerie', name: 'Openbaar Ministerie (arrondissementsparket), Groningen', regionCode: 'vt-groningen' },
];

/** Two adults, by their birth dates: the victim and the suspected perpetrator (ex-partnergeweld). */
const ADULTS = [
  { role: 'victim', name: 'Test Slachtoffer', birthDate: '1984-04-12' },
  { role: 'suspected-perpetrator', name: 'Test Verdachte', birthDate: '1981-09-03' },
];

type Problem = { statusCode: number; error: string; message: string; fields: { path: string; code: string; message: string }[]; allowed?: string[] };

/*
 * Issue 11 point 7, end to end through HTTP with the four services on the real broker and database: "Referral to the
 * Raad voor de Kinderbescherming or a gecertificeerde instelling is refused (422, naming why) for a household without
 * a minor; households without minors get the adult routes DOMAIN.md names." (docs/adr/0022)
 */
describe('issue 11 point 7: routes that need a minor need a minor', () => {
  let env: TestEnvironment;
  let services: Services;
  let reader: TopicReader;
  let flow: Flow;

  beforeAll(async () => {
    env = testEnvironment();
    services = await startFourServices(env, {}, PARTNERS_WITH_CHILD_ROUTES);
    reader = await new TopicReader(env.kafkaBrokers.split(','), [...Flow.topics(env), env.topicPrefix + TOPICS.meldingen]).start();
    flow = new Flow(env, services, reader);
  }, 4 * WAIT_MS);

  afterAll(async () => {
    await reader?.stop();
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await env?.cleanup();
  });

  const assessmentUrl = (meldingId: string) => `${services.crisisTriage.url}/api/v1/meldingen/${meldingId}/safety-assessment`;
  const assessment = (outcome: string) => ({ taxatie: 'structureel', outcome, reasoning: 'Herhaald ex-partnergeweld; beide volwassenen willen hulp.' });

  it('carries whether each person is a minor from intake through crisis-triage to the household record (rule: PersonRef.minor at receipt)', async () => {
    const persons = [...ADULTS, { role: 'victim', name: 'Test Kind', estimatedAge: 9 }];
    const { householdId } = await flow.melding('GM0014', persons);
    const received = await flow.event(TOPICS.meldingen, householdId, MELDING_RECEIVED);
    expect((received.data['persons'] as { role: string; minor?: boolean }[]).map((p) => [p.role, p.minor])).toEqual([
      ['victim', false],
      ['suspected-perpetrator', false],
      ['victim', true],
    ]);
    const checked = await flow.event(TOPICS.triageAssessments, householdId, ACUTE_CHECK_COMPLETED);
    expect(checked.data['persons']).toEqual(received.data['persons']);
    const household = (await flow.get(flow.householdUrl(householdId))).body as { minors: string; persons: { personId: string; minor?: boolean }[] };
    expect(household.minors).toBe('present');
    expect(household.persons.map((p) => p.minor)).toEqual([false, false, true]);
  }, 2 * WAIT_MS);

  it('refuses verzoek-rvdk for a household of adults with a 422 naming why, publishes nothing and keeps the clock running; an adult route is accepted and referred (rule: triage domain checkAssessmentOutcome)', async () => {
    const { meldingId, householdId } = await flow.melding('GM0014', ADULTS, ['ex-partnergeweld']);
    // The assessment queue shows that this melding names no minor (Groningen's queue, vt-groningen: docs/adr/0017).
    const queued = await waitFor(
      async () => {
        const { status, body } = await flow.get(`${services.crisisTriage.url}/api/v1/regions/vt-groningen/assessment-queue`, ['triage']);
        return status === 200 ? (body['assessments'] as { meldingId: string; hasMinor: boolean | null }[]).find((a) => a.meldingId === meldingId) : undefined;
      },
      { description: 'the melding in its region’s assessment queue', timeoutMs: WAIT_MS },
    );
    expect(queued.hasMinor).toBe(false);

    const refused = await flow.post(assessmentUrl(meldingId), assessment('verzoek-rvdk'), ['triage'], TRIAGE);
    expect(refused.status).toBe(422);
    const problem = refused.body as unknown as Problem;
    expect(problem).toMatchObject({ statusCode: 422, error: 'route-needs-a-minor', fields: [{ path: 'outcome', code: 'route-needs-a-minor' }] });
    expect(problem.fields[0]?.message).toContain('this household has no minor');
    expect(problem.fields[0]?.message).toContain('The routes for adults are: voorwaarden-en-vervolg, onderzoek, overdracht-lokaal-team');
    expect(problem.allowed).not.toContain('verzoek-rvdk');

    // The clock still runs: nothing of the refused assessment was stored.
    const { body: clocks } = await flow.get(`${services.crisisTriage.url}/api/v1/deadlines?householdId=${householdId}`, ['triage']);
    expect((clocks['deadlines'] as { clock: string; state: string }[]).find((d) => d.clock === 'veiligheidsbeoordeling')?.state).toBe('running');

    // An adult route for the same household: accepted, published once, referred to the lokaal team.
    const accepted = await flow.post(assessmentUrl(meldingId), assessment('overdracht-lokaal-team'), ['triage'], TRIAGE);
    expect(accepted.status).toBe(201);
    const completed = await flow.event(TOPICS.triageAssessments, householdId, ASSESSMENT_COMPLETED);
    const issued = await flow.event(TOPICS.referrals, householdId, REFERRAL_ISSUED, (event) => (event.data['basis'] as { eventId?: string } | undefined)?.eventId === completed.id);
    expect(issued.data).toMatchObject({ partnerId: 'lokaal-team-gm0014', purpose: 'overdracht', basis: { outcome: 'overdracht-lokaal-team' } });
    // The topic holds the accepted assessment only: the refused one was never published (it would precede it in the outbox).
    expect(flow.events(TOPICS.triageAssessments, householdId, ASSESSMENT_COMPLETED).map((event) => event.data['outcome'])).toEqual(['overdracht-lokaal-team']);
    expect(flow.events(TOPICS.referrals, householdId, REFERRAL_ISSUED).map((event) => event.data['partnerType'])).not.toContain('rvdk');
  }, 3 * WAIT_MS);

  it('accepts verzoek-rvdk for a household with a child and asks the RvdK to investigate (rule: the route is open when the household has a minor)', async () => {
    const { meldingId, householdId } = await flow.melding('GM0014', [ADULTS[0] as Record<string, unknown>, { role: 'child-involved', name: 'Test Kind', birthDate: '2016-05-01' }]);
    const accepted = await flow.post(assessmentUrl(meldingId), assessment('verzoek-rvdk'), ['triage'], TRIAGE);
    expect(accepted.status).toBe(201);
    const rvdk = await flow.referralOnPartnerTopic(householdId, (event) => event.data['partnerId'] === 'rvdk-groningen');
    expect(rvdk.issued.data).toMatchObject({ partnerType: 'rvdk', purpose: 'verzoek-onderzoek', basis: { outcome: 'verzoek-rvdk' } });
    await flow.event(TOPICS.referrals, householdId, REFERRAL_ISSUED, (event) => event.data['partnerId'] === 'lokaal-team-gm0014' && event.data['purpose'] === 'informeren');
  }, 3 * WAIT_MS);

  it('refuses an investigation conclusion and safety conditions that hand a household of adults to the gecertificeerde instelling (rule: household domain conclusionRouteProblems, conditionsRouteProblems)', async () => {
    const { meldingId, householdId } = await flow.melding('GM0014', ADULTS, ['ex-partnergeweld']);
    expect((await flow.post(assessmentUrl(meldingId), assessment('onderzoek'), ['triage'], TRIAGE)).status).toBe(201);
    const opened = await flow.event(TOPICS.investigations, householdId, INVESTIGATION_OPENED);
    const conclusionUrl = `${services.safetyInvestigation.url}/api/v1/investigations/${opened.data['investigationId'] as string}/conclusion`;
    const conclusion = (outcome: string, handOverTo: string[]) => ({ conclusion: { unsafety: true, risks: ['lichamelijk-geweld'] }, safetyConditions: ['Geen contact zonder begeleiding'], outcome, handOverTo });

    const toGi = await flow.post(conclusionUrl, conclusion('overdracht', ['lokaal-team', 'gecertificeerde-instelling']), ['investigator'], INVESTIGATOR);
    expect(toGi.status).toBe(422);
    expect(toGi.body).toMatchObject({ error: 'route-needs-a-minor', fields: [{ path: 'handOverTo[1]', code: 'route-needs-a-minor' }] });
    expect((toGi.body as unknown as Problem).fields[0]?.message).toContain('this household has no minor');

    const toRvdk = await flow.post(conclusionUrl, conclusion('verzoek-rvdk', ['rvdk', 'lokaal-team']), ['investigator'], INVESTIGATOR);
    expect(toRvdk.status).toBe(422);
    expect((toRvdk.body as unknown as Problem).fields.map((field) => field.path)).toEqual(['outcome', 'handOverTo[0]']);

    const before = (await flow.get(flow.householdUrl(householdId))).body as { history: unknown[] };
    const conditions = await flow.post(flow.householdUrl(householdId, '/safety-conditions'), { conditions: ['Geen contact zonder begeleiding'], handedOverTo: ['gecertificeerde-instelling'] }, ['investigator'], INVESTIGATOR);
    expect(conditions.status).toBe(422);
    expect(conditions.body).toMatchObject({ error: 'route-needs-a-minor', fields: [{ path: 'handedOverTo[0]', code: 'route-needs-a-minor' }] });
    expect(((await flow.get(flow.householdUrl(householdId))).body as { history: unknown[] }).history).toHaveLength(before.history.length);

    // The adult route is accepted; the topic holds that conclusion only.
    const toLokaalTeam = await flow.post(conclusionUrl, conclusion('overdracht', ['lokaal-team']), ['investigator'], INVESTIGATOR);
    expect(toLokaalTeam.status).toBe(201);
    const concluded = await flow.event(TOPICS.investigations, householdId, INVESTIGATION_CONCLUDED);
    expect(concluded.data).toMatchObject({ outcome: 'overdracht', handOverTo: ['lokaal-team'] });
    await flow.event(TOPICS.referrals, householdId, REFERRAL_ISSUED, (event: Envelope) => (event.data['basis'] as { eventId?: string } | undefined)?.eventId === concluded.id);
    expect(flow.events(TOPICS.investigations, householdId, INVESTIGATION_CONCLUDED)).toHaveLength(1);
  }, 4 * WAIT_MS);

  // Rule (issue 15 point 4; docs/adr/0037): a household without minors has real adult routes. Ouderenmishandeling of a
  // victim of 70 (aard-van-het-geweld/1: 65 or older) with financial abuse and derailed care, investigated, ends in a
  // request for a protection measure for the adult (curatele, beschermingsbewind, mentorschap; BW boek 1 titels 16, 19,
  // 20) through the openbaar ministerie, which reads it on its own partner topic.
  it('refers ouderenmishandeling of a 70-year-old, concluded as verzoek-beschermingsmaatregel, to the region’s openbaar ministerie on its own topic', async () => {
    const elderly = [
      { role: 'victim', name: 'Test Oudere', birthDate: `${new Date().getUTCFullYear() - 70}-03-01` },
      { role: 'suspected-perpetrator', name: 'Test Mantelzorger', estimatedAge: 45 },
    ];
    const builder = aMelding().inGemeente('GM0014').concerning(['ouderenmishandeling'], ['financieel-misbruik-ouderen', 'ontspoorde-mantelzorg']);
    const registered = await flow.post(`${services.intake.url}/api/v1/meldingen`, { ...builder.requestBody(), persons: elderly }, ['call-handler'], 'call-handler-e2e');
    expect(registered.status).toBe(201);
    const { meldingId, householdId } = registered.body as { meldingId: string; householdId: string };
    const received = await flow.event(TOPICS.meldingen, householdId, MELDING_RECEIVED);
    expect((received.data['persons'] as { elderly?: boolean; minor?: boolean }[]).map((p) => [p.elderly, p.minor])).toEqual([
      [true, false],
      [false, false],
    ]);
    await waitFor(async () => (await flow.get(flow.householdUrl(householdId))).status === 200 || undefined, { description: `household ${householdId} opened`, timeoutMs: WAIT_MS });
    expect((await flow.post(assessmentUrl(meldingId), assessment('onderzoek'), ['triage'], TRIAGE)).status).toBe(201);
    const opened = await flow.event(TOPICS.investigations, householdId, INVESTIGATION_OPENED);
    const conclusionUrl = `${services.safetyInvestigation.url}/api/v1/investigations/${opened.data['investigationId'] as string}/conclusion`;
    const risks = { unsafety: true, risks: ['financieel-misbruik', 'ontspoorde-mantelzorg'] };

    const withoutOm = await flow.post(conclusionUrl, { conclusion: risks, safetyConditions: [], outcome: 'verzoek-beschermingsmaatregel', handOverTo: ['lokaal-team'] }, ['investigator'], INVESTIGATOR);
    expect(withoutOm.status).toBe(422);
    expect((withoutOm.body as unknown as Problem).fields).toEqual([expect.objectContaining({ path: 'handOverTo', code: 'required', message: expect.stringContaining('openbaar-ministerie is missing') })]);

    const accepted = await flow.post(conclusionUrl, { conclusion: risks, safetyConditions: [], outcome: 'verzoek-beschermingsmaatregel', handOverTo: ['openbaar-ministerie'] }, ['investigator'], INVESTIGATOR);
    expect(accepted.status).toBe(201);
    const concluded = await flow.event(TOPICS.investigations, householdId, INVESTIGATION_CONCLUDED);
    expect(concluded.data).toMatchObject({ outcome: 'verzoek-beschermingsmaatregel', handOverTo: ['openbaar-ministerie'] });
    const om = await flow.referralOnPartnerTopic(householdId, (event) => event.data['partnerId'] === 'openbaar-ministerie-groningen');
    expect(om.issued.data).toMatchObject({ partnerType: 'openbaar-ministerie', purpose: 'verzoek-onderzoek', basis: { outcome: 'verzoek-beschermingsmaatregel' } });
    expect(om.projection.data).toMatchObject({ referralId: om.referralId, partnerType: 'openbaar-ministerie' });
    expect(flow.events(TOPICS.investigations, householdId, INVESTIGATION_CONCLUDED)).toHaveLength(1);
  }, 4 * WAIT_MS);
});
