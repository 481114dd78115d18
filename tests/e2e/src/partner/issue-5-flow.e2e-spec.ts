import { TOPICS } from '@vt/contracts';
import { testEnvironment, TestEnvironment, TopicReader } from '@vt/testing';
import { Envelope, Flow, jsonLines, partnerConsume, Services, startFourServices, WAIT_MS } from './partner-flow';

const INVESTIGATION_OPENED = 'nl.veiligthuis.investigation.InvestigationOpened.v1';
const INVESTIGATION_CONCLUDED = 'nl.veiligthuis.investigation.InvestigationConcluded.v2';
const INVESTIGATOR = 'investigator-groningen-e2e';
const HANDED_OVER = 'nl.veiligthuis.household.HouseholdHandedOver.v1';
const PHASE_CHANGED = 'nl.veiligthuis.household.HouseholdPhaseChanged.v2';

type HouseholdRead = { phase: string; zichtOpVeiligheid: { heldBy: string; partners?: { partnerId: string; referralId: string }[] } };

/**
 * Issue 5, end to end with the four services as processes on the real broker and database: a melding,
 * the veiligheidsbeoordeling decides on onderzoek, the investigation is planned, carried out and concluded
 * with overdracht to the lokaal team (immediate safety confirmed for every person during the investigation),
 * the referral reaches the partner's own topic, the partner answers with `vt partner consume`, and the
 * household phase follows: zicht op veiligheid passes to the partner that accepted and the household moves
 * from directe veiligheid to duurzame veiligheid on that referral.
 */
describe('issue 5: melding → onderzoek → investigation → conclusion → referral → the partner answers', () => {
  let env: TestEnvironment;
  let services: Services;
  let reader: TopicReader;
  let flow: Flow;

  beforeAll(async () => {
    env = testEnvironment();
    services = await startFourServices(env);
    reader = await new TopicReader(env.kafkaBrokers.split(','), Flow.topics(env)).start();
    flow = new Flow(env, services, reader);
  }, 4 * WAIT_MS);

  afterAll(async () => {
    await reader?.stop();
    await Promise.all((services?.all ?? []).map((service) => service.stop()));
    await env?.cleanup();
  });

  /** From melding to InvestigationConcluded with outcome overdracht to the lokaal team. */
  async function investigateAndHandOver(): Promise<{ householdId: string; concluded: Envelope }> {
    const { meldingId, householdId } = await flow.melding('GM0014');
    await flow.assess(meldingId, 'onderzoek');
    const opened = await flow.event(TOPICS.investigations, householdId, INVESTIGATION_OPENED);
    const investigationId = opened.data['investigationId'] as string;
    const household = (await flow.get(flow.householdUrl(householdId))).body as { persons: { personId: string }[] };
    const personId = household.persons[0]?.personId as string;

    const investigation = (path: string) => `${services.safetyInvestigation.url}/api/v1/investigations/${investigationId}${path}`;
    const planned = await flow.post(investigation('/steps'), { kind: 'gesprek', personId }, ['investigator'], INVESTIGATOR);
    expect(planned.status).toBe(201);
    const stepId = planned.body['stepId'] as string;
    expect((await flow.post(investigation(`/steps/${stepId}/completion`), {}, ['investigator'], INVESTIGATOR)).status).toBe(201);
    expect((await flow.post(investigation('/findings'), { personId, stepId, text: 'Moeder vertelt over geweld door de partner; de kinderen waren erbij.' }, ['investigator'], INVESTIGATOR)).status).toBe(201);
    await flow.confirmImmediateSafetyForEveryone(householdId, INVESTIGATOR);
    expect((await flow.get(flow.householdUrl(householdId))).body).toMatchObject({ phase: 'directe-veiligheid', zichtOpVeiligheid: { heldBy: 'veilig-thuis' } });
    const concluded = await flow.post(
      investigation('/conclusion'),
      { conclusion: { unsafety: true, risks: ['getuige-van-huiselijk-geweld'] }, safetyConditions: ['Geen geweld in het bijzijn van de kinderen'], outcome: 'overdracht', handOverTo: ['lokaal-team'] },
      ['investigator'],
      INVESTIGATOR,
    );
    expect(concluded.status).toBe(201);
    const event = await flow.event(TOPICS.investigations, householdId, INVESTIGATION_CONCLUDED);
    expect(event.data).toMatchObject({ investigationId, outcome: 'overdracht', handOverTo: ['lokaal-team'] });
    return { householdId, concluded: event };
  }

  const afterConclusion = (concluded: Envelope) => (event: Envelope) =>
    event.data['partnerId'] === 'lokaal-team-gm0014' && (event.data['basis'] as { eventId?: string } | undefined)?.eventId === concluded.id;

  it('hands the household over to the lokaal team, which accepts with vt partner consume; the household phase follows', async () => {
    const { householdId, concluded } = await investigateAndHandOver();
    const referral = await flow.referralOnPartnerTopic(householdId, afterConclusion(concluded));
    expect(referral.projection.data).toMatchObject({ partnerType: 'lokaal-team', purpose: 'overdracht', outcome: 'overdracht', disclosure: { legalBasis: expect.any(String), purpose: expect.any(String) } });
    // The partner knows the household only by its own reference (docs/adr/0016): envelope, data and the internal record agree; never VT's id.
    expect(referral.projection.householdid).toBe(referral.projection.data['householdReference']);
    expect(referral.projection.householdid).toBe(referral.issued.data['householdReference']);
    expect(referral.projection.householdid).not.toBe(householdId);
    expect(JSON.stringify(referral.projection)).not.toContain(householdId);

    const shown = await partnerConsume(env, 'lokaal-team-gm0014', ['--once']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Referral ${referral.referralId}`);
    expect(shown.stdout).not.toContain('Agent Test');

    const answered = await partnerConsume(env, 'lokaal-team-gm0014', ['--accept', referral.referralId, '--json']);
    expect(answered.code).toBe(0);
    const answer = jsonLines(answered.stdout).find((line) => line.kind === 'answer')?.event;
    expect(answer).toMatchObject({ type: 'nl.veiligthuis.partner.ReferralAccepted.v1', causationid: referral.projection.id, householdid: referral.projection.householdid, data: { householdReference: referral.projection.householdid } });

    const accepted = await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralAccepted.v1', (event) => event.data['referralId'] === referral.referralId);
    expect(accepted.data).toMatchObject({ partnerId: 'lokaal-team-gm0014', answeredBy: 'medewerker-lokaal-team-gm0014', answerId: answer?.id });

    await expectHandedOver(householdId, referral.referralId, 'lokaal-team-gm0014');
  }, 4 * WAIT_MS);

  /** Zicht op veiligheid passed to the partner that accepted, and the household moved to duurzame veiligheid on that referral. */
  async function expectHandedOver(householdId: string, referralId: string, partnerId: string): Promise<void> {
    const handedOver = await flow.event(TOPICS.householdPhases, householdId, HANDED_OVER, (event) => event.data['referralId'] === referralId);
    expect(handedOver.data).toMatchObject({ partnerId, basis: { eventType: 'nl.veiligthuis.referral.ReferralAccepted.v1' } });
    const changed = await flow.event(TOPICS.householdPhases, householdId, PHASE_CHANGED, (event) => event.data['command'] === 'RegisterHandover');
    expect(changed.data).toMatchObject({ from: 'directe-veiligheid', to: 'duurzame-veiligheid', basedOn: { referral: { referralId, partnerId } } });
    // The reason is a code (ADR 0020): the permanent log carries no sentence.
    expect(changed.data['reasonCode']).toBe('overdracht-accepted');
    const household = (await flow.get(flow.householdUrl(householdId))).body as HouseholdRead;
    expect(household.phase).toBe('duurzame-veiligheid');
    expect(household.zichtOpVeiligheid).toEqual({ heldBy: 'partners', partners: [expect.objectContaining({ partnerId, referralId })] });
  }

  it('re-routes a referral the lokaal team declines to another partner, and hands the household over to the one that accepts', async () => {
    const { householdId, concluded } = await investigateAndHandOver();
    const referral = await flow.referralOnPartnerTopic(householdId, afterConclusion(concluded));

    const answered = await partnerConsume(env, 'lokaal-team-gm0014', ['--decline', referral.referralId, '--reason', 'geen-capaciteit', '--json']);
    expect(answered.code).toBe(0);

    const declined = await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralDeclined.v2', (event) => event.data['referralId'] === referral.referralId);
    expect(declined.data).toMatchObject({ partnerId: 'lokaal-team-gm0014', reason: { code: 'geen-capaciteit' } });
    expect(declined.data['reason']).toEqual({ code: 'geen-capaciteit' });
    const rerouted = await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralRerouted.v1', (event) => event.data['referralId'] === referral.referralId);
    expect(rerouted.data).toMatchObject({ because: 'declined' });
    expect(rerouted.data['toPartnerId']).not.toBe('lokaal-team-gm0014');
    const next = await flow.referralOnPartnerTopic(householdId, (event) => event.data['referralId'] === rerouted.data['newReferralId']);
    expect(next.partnerId).toBe(rerouted.data['toPartnerId']);
    // Another partner, another reference: the two partners cannot link the household by it.
    expect(next.projection.householdid).toBe(next.projection.data['householdReference']);
    expect(new Set([referral.projection.householdid, next.projection.householdid, householdId]).size).toBe(3);

    // The new partner takes it.
    const taken = await partnerConsume(env, next.partnerId, ['--accept', next.referralId]);
    expect(taken.code).toBe(0);
    await flow.event(TOPICS.referrals, householdId, 'nl.veiligthuis.referral.ReferralAccepted.v1', (event) => event.data['referralId'] === next.referralId);

    // Handed over to the second partner; the declined referral handed nothing over.
    await expectHandedOver(householdId, next.referralId, next.partnerId);
    expect(flow.events(TOPICS.householdPhases, householdId, HANDED_OVER).map((event) => event.data['referralId'])).toEqual([next.referralId]);
  }, 4 * WAIT_MS);
});
